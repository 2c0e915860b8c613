/** Role assignments at any scope: list (principalId / assignedTo / atScope filters), get, PUT and DELETE. */

import { authorize } from '../authorization';
import { classifyArmPath, isGuid, nameOfId, sameId } from '../armPath';
import type { Emulator } from '../emulator';
import { armError, isObject, nowIso, parseJsonBody, queryParam, send, type Ctx } from '../http';
import type { ArmResource, Json } from '../model';
import { page } from '../paging';
import { roleAssignmentType } from '../rbac/assignmentIndex';
import { definitionFor } from '../rbac/evaluate';
import { isAtOrAbove } from '../rbac/scopes';
import { present } from './generic';

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

/** GET `{scope}/providers/Microsoft.Authorization/roleAssignments` (at, above and below the scope, or `atScope()`). */
export function listAssignments(em: Emulator, ctx: Ctx, scope: string): void {
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

/** The scope names a subscription, resource group or resource that exists (else answers 400 or 404). */
export function scopeExists(em: Emulator, ctx: Ctx, scope: string): boolean {
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

/** GET, PUT or DELETE `{scope}/providers/Microsoft.Authorization/roleAssignments/{name}`. */
export function assignmentItem(em: Emulator, ctx: Ctx, scope: string, name: string): void {
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
