/**
 * Microsoft.Authorization at any scope: role definitions (roleDefinitions.ts), role assignments (roleAssignments.ts)
 * and the caller's permissions.
 */

import { classifyArmPath } from '../armPath';
import type { Emulator } from '../emulator';
import { armError, send, type Ctx } from '../http';
import { page } from '../paging';
import { assignmentsInEffect, definitionFor } from '../rbac/evaluate';
import { subscriptionNotFound } from './generic';
import { assignmentItem, listAssignments, scopeExists } from './roleAssignments';
import { roleDefinitions } from './roleDefinitions';

const pathPattern =
    /^(.*?)\/providers\/Microsoft\.Authorization\/(roleDefinitions|roleAssignments|permissions)(?:\/([^/]+))?$/i;

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
