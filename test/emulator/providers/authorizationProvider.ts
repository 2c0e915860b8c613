/**
 * Microsoft.Authorization at any scope: role definitions (list with $filter, get), role assignments (list with
 * principalId / assignedTo / atScope filters, get, PUT, DELETE) and the caller's permissions.
 */

import { authorize } from '../authorization';
import { classifyArmPath, isGuid, nameOfId, sameId } from '../armPath';
import type { RoleDefinitionRecord } from '../builtinRoles';
import type { Emulator } from '../emulator';
import { armError, isObject, nowIso, parseJsonBody, queryParam, send, type Ctx } from '../http';
import type { ArmResource, Json } from '../model';
import { page } from '../paging';
import { roleAssignmentType } from '../rbac/assignmentIndex';
import { assignmentsInEffect, definitionFor } from '../rbac/evaluate';
import { roleDefinitionIdAt } from '../rbac/resources';
import { isAtOrAbove } from '../rbac/scopes';
import { present, subscriptionNotFound } from './generic';

const pathPattern =
    /^(.*?)\/providers\/Microsoft\.Authorization\/(roleDefinitions|roleAssignments|permissions)(?:\/([^/]+))?$/i;

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

function roleDefinitions(em: Emulator, ctx: Ctx, scope: string, name: string | undefined): void {
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

interface AssignmentFilter {
    principalId?: string;
    atScope: boolean;
}

function parseAssignmentFilter(filter: string | undefined): AssignmentFilter | undefined {
    const result: AssignmentFilter = { atScope: false };
    if (!filter) {
        return result;
    }
    for (const clause of filter.split(/\s+and\s+/i)) {
        let m: RegExpExecArray | null;
        if (/^\s*atScope\(\)\s*$/i.test(clause)) {
            result.atScope = true;
        } else if (
            (m = /^\s*principalId\s+eq\s+'([^']+)'\s*$/i.exec(clause)) ||
            (m = /^\s*assignedTo\('([^']+)'\)\s*$/i.exec(clause))
        ) {
            result.principalId = m[1];
        } else {
            return undefined;
        }
    }
    return result;
}

function listAssignments(em: Emulator, ctx: Ctx, scope: string): void {
    if (!authorize(em, ctx, 'Microsoft.Authorization/roleAssignments/read', scope)) {
        return;
    }
    const filterText = queryParam(ctx, '$filter');
    const filter = parseAssignmentFilter(filterText);
    if (!filter) {
        armError(
            ctx,
            400,
            'UnsupportedQuery',
            `The filter '${filterText}' is not supported. Supported: atScope(), principalId eq '{id}', assignedTo('{id}') and their combination with 'and'.`,
        );
        return;
    }
    const target = scope || '/';
    const selected = em.state.ofType(roleAssignmentType).filter((r) => {
        const p = (r.properties ?? {}) as Json;
        const s = String(p.scope ?? '');
        const above = isAtOrAbove(s, target);
        const below = isAtOrAbove(target, s);
        if (filter.atScope ? !above : !(above || below)) {
            return false;
        }
        return !filter.principalId || sameId(String(p.principalId), filter.principalId);
    });
    send(ctx, 200, page(ctx, selected.map(present), em.tunables.pageSize));
}

function scopeExists(em: Emulator, ctx: Ctx, scope: string): boolean {
    const c = classifyArmPath(scope || '/');
    if (!c) {
        armError(ctx, 400, 'InvalidScope', `The scope '${scope}' is not valid.`);
        return false;
    }
    if (c.kind === 'resourceGroup' && !em.state.resourceGroupExists(c.subscriptionId ?? '', c.resourceGroup ?? '')) {
        armError(ctx, 404, 'ResourceGroupNotFound', `Resource group '${c.resourceGroup}' could not be found.`);
        return false;
    }
    if (c.kind === 'item' && !em.state.get(scope)) {
        armError(
            ctx,
            404,
            'ResourceNotFound',
            `The Resource '${c.type}/${c.name}' under resource group '${c.resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
        );
        return false;
    }
    return true;
}

function putAssignment(em: Emulator, ctx: Ctx, scope: string, name: string): void {
    if (!authorize(em, ctx, 'Microsoft.Authorization/roleAssignments/write', scope) || !scopeExists(em, ctx, scope)) {
        return;
    }
    if (!isGuid(name)) {
        armError(
            ctx,
            400,
            'InvalidRoleAssignmentId',
            `The role assignment ID '${name}' is not valid. The role assignment ID must be a GUID.`,
        );
        return;
    }
    const parsed = parseJsonBody(ctx);
    const props = parsed.ok && isObject(parsed.value) ? parsed.value.properties : undefined;
    if (!isObject(props)) {
        armError(ctx, 400, 'InvalidRequestContent', 'The request content was invalid: properties are required.');
        return;
    }
    const roleDefinitionId = typeof props.roleDefinitionId === 'string' ? props.roleDefinitionId : '';
    const principalId = typeof props.principalId === 'string' ? props.principalId : '';
    const principalType = typeof props.principalType === 'string' ? props.principalType : undefined;
    if (
        !roleDefinitionId ||
        !isGuid(nameOfId(roleDefinitionId)) ||
        !/^(\/subscriptions\/[^/]+)?\/providers\/Microsoft\.Authorization\/roleDefinitions\/[^/]+$/i.test(
            roleDefinitionId,
        )
    ) {
        armError(ctx, 400, 'InvalidRoleDefinitionId', `The role definition ID '${roleDefinitionId}' is not valid.`);
        return;
    }
    const definition = definitionFor(em.state.roleDefinitions(), roleDefinitionId);
    if (!definition) {
        armError(
            ctx,
            400,
            'RoleDefinitionDoesNotExist',
            `The specified role definition with ID '${nameOfId(roleDefinitionId)}' does not exist.`,
        );
        return;
    }
    if (!isGuid(principalId)) {
        armError(ctx, 400, 'InvalidPrincipalId', 'A valid principal ID must be provided for role assignment.');
        return;
    }
    if (!principalType && !em.state.principalExists(principalId)) {
        armError(
            ctx,
            400,
            'PrincipalNotFound',
            `Principal ${principalId.replace(/-/g, '')} does not exist in the directory ${em.tenantId}. Check that you have the correct principal ID. If you are creating this principal and then immediately assigning a role, this error might be related to a replication delay. In this case, set the role assignment principalType property to a value, such as ServicePrincipal, User, or Group.  See https://aka.ms/docs-principaltype`,
        );
        return;
    }
    const id = `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`;
    const sameAs = (r: ArmResource): boolean => {
        const p = (r.properties ?? {}) as Json;
        return (
            sameId(String(p.scope), scope || '/') &&
            sameId(nameOfId(String(p.roleDefinitionId)), definition.name) &&
            sameId(String(p.principalId), principalId)
        );
    };
    const existing = em.state.get(id);
    if (existing) {
        if (sameAs(existing)) {
            send(ctx, 200, present(existing));
        } else {
            armError(
                ctx,
                400,
                'RoleAssignmentUpdateNotPermitted',
                'Tenant ID, application ID, principal ID, and scope are not allowed to be updated.',
            );
        }
        return;
    }
    const duplicate = em.state.ofType(roleAssignmentType).find(sameAs);
    if (duplicate) {
        armError(
            ctx,
            409,
            'RoleAssignmentExists',
            `The role assignment already exists. The ID of the existing role assignment is ${duplicate.name.replace(/-/g, '')}.`,
        );
        return;
    }
    const created = em.state.upsert(
        em.state.assignmentResource(
            {
                name,
                scope: scope || '/',
                roleDefinitionId: definition.name,
                principalId,
                principalType: principalType ?? 'ServicePrincipal',
                description: typeof props.description === 'string' ? props.description : undefined,
            },
            nowIso(),
        ),
    );
    (created.properties as Json).createdBy = ctx.caller?.oid;
    (created.properties as Json).updatedBy = ctx.caller?.oid;
    send(ctx, 201, present(created));
}

function assignmentItem(em: Emulator, ctx: Ctx, scope: string, name: string): void {
    const id = `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`;
    if (ctx.method === 'PUT') {
        putAssignment(em, ctx, scope, name);
        return;
    }
    const action = ctx.method === 'DELETE' ? 'delete' : 'read';
    if (!authorize(em, ctx, `Microsoft.Authorization/roleAssignments/${action}`, scope)) {
        return;
    }
    const existing = em.state.get(id);
    if (ctx.method === 'DELETE') {
        if (!existing) {
            send(ctx, 204);
            return;
        }
        em.state.delete(id);
        send(ctx, 200, present(existing));
        return;
    }
    if (!existing) {
        armError(ctx, 404, 'RoleAssignmentNotFound', `The role assignment '${name}' is not found.`);
        return;
    }
    send(ctx, 200, present(existing));
}

function permissions(em: Emulator, ctx: Ctx, scope: string): void {
    if (!scopeExists(em, ctx, scope)) {
        return;
    }
    const defs = em.state.roleDefinitions();
    const value = assignmentsInEffect(em.state.assignments(), ctx.caller?.oid ?? '', scope || '/').flatMap((a) => {
        const def = definitionFor(defs, a.assignment.roleDefinitionId);
        return def ? def.permissions.map((p) => ({ ...p, condition: null, conditionVersion: null })) : [];
    });
    send(ctx, 200, page(ctx, value, em.tunables.pageSize));
}

/** Handles `{scope}/providers/Microsoft.Authorization/...`; returns false for other paths. */
export function handleAuthorization(em: Emulator, ctx: Ctx): boolean {
    const m = pathPattern.exec(ctx.path);
    if (!m) {
        return false;
    }
    const [, rawScope, kind, name] = m;
    const scope = rawScope === '/' ? '' : rawScope;
    const sub = classifyArmPath(scope || '/')?.subscriptionId;
    if (sub && !em.state.subscription(sub)) {
        subscriptionNotFound(ctx, sub);
        return true;
    }
    const k = kind.toLowerCase();
    const allowed = k === 'roleassignments' && name ? ['GET', 'PUT', 'DELETE'] : ['GET'];
    if (!allowed.includes(ctx.method) || (k === 'permissions' && name)) {
        armError(ctx, 405, 'MethodNotAllowed', `The requested resource does not support http method '${ctx.method}'.`);
        return true;
    }
    if (k === 'roledefinitions') {
        roleDefinitions(em, ctx, scope, name);
    } else if (k === 'permissions') {
        permissions(em, ctx, scope);
    } else if (name) {
        assignmentItem(em, ctx, scope, name);
    } else {
        listAssignments(em, ctx, scope);
    }
    return true;
}
