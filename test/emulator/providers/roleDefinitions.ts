/** Role definitions at any scope: list (with `roleName` / `type` filters) and get, as ARM shows them. */

import { authorize } from '../authorization';
import type { RoleDefinitionRecord } from '../builtinRoles';
import type { Emulator } from '../emulator';
import { armError, queryParam, send, type Ctx } from '../http';
import type { Json } from '../model';
import { page } from '../paging';
import { roleDefinitionIdAt } from '../rbac/resources';
import { isAtOrAbove } from '../rbac/scopes';

function definitionView(def: RoleDefinitionRecord, scope: string): Json {
    return {
        id: roleDefinitionIdAt(scope, def.name),
        name: def.name,
        type: 'Microsoft.Authorization/roleDefinitions',
        properties: {
            roleName: def.roleName,
            type: def.roleType,
            description: def.description,
            assignableScopes: def.assignableScopes,
            permissions: def.permissions,
            createdOn: '2015-02-02T21:55:09.8806423Z',
            updatedOn: '2024-06-01T12:00:00.0000000Z',
            createdBy: null,
            updatedBy: null,
        },
    };
}

function visibleAt(def: RoleDefinitionRecord, scope: string): boolean {
    return def.assignableScopes.some((s) => s === '/' || isAtOrAbove(s, scope || '/') || isAtOrAbove(scope, s));
}

function parseSimpleFilter(filter: string): Record<string, string> | undefined {
    const result: Record<string, string> = {};
    for (const clause of filter.split(/\s+and\s+/i)) {
        const m = /^\s*(\w+)\s+eq\s+'([^']*)'\s*$/i.exec(clause);
        if (!m) {
            return undefined;
        }
        result[m[1].toLowerCase()] = m[2];
    }
    return result;
}

/** GET `{scope}/providers/Microsoft.Authorization/roleDefinitions[/{name}]`. */
export function roleDefinitions(em: Emulator, ctx: Ctx, scope: string, name: string | undefined): void {
    if (!authorize(em, ctx, 'Microsoft.Authorization/roleDefinitions/read', scope)) {
        return;
    }
    const defs = em.state.roleDefinitions();
    if (name) {
        const def = defs.find((d) => d.name.toLowerCase() === name.toLowerCase());
        if (!def) {
            armError(
                ctx,
                404,
                'RoleDefinitionDoesNotExist',
                `The specified role definition with ID '${name}' does not exist.`,
            );
            return;
        }
        send(ctx, 200, definitionView(def, scope));
        return;
    }
    const filterText = queryParam(ctx, '$filter');
    const filter = filterText ? parseSimpleFilter(filterText) : {};
    if (!filter || Object.keys(filter).some((k) => k !== 'rolename' && k !== 'type')) {
        armError(
            ctx,
            400,
            'UnsupportedQuery',
            `The filter '${filterText}' is not supported. Supported: roleName eq '{name}', type eq 'BuiltInRole'|'CustomRole'.`,
        );
        return;
    }
    const selected = defs.filter(
        (d) =>
            visibleAt(d, scope) &&
            (filter.rolename === undefined || d.roleName.toLowerCase() === filter.rolename.toLowerCase()) &&
            (filter.type === undefined || d.roleType.toLowerCase() === filter.type.toLowerCase()),
    );
    send(
        ctx,
        200,
        page(
            ctx,
            selected.map((d) => definitionView(d, scope)),
            em.tunables.pageSize,
        ),
    );
}
