/** Emulated ARM authorization: the caller's role assignments decide, evaluated by the shared RBAC module. */

import { evaluateAccess } from '../../src/azure/rbac/permissions';
import type { Emulator } from './emulator';
import { armError, type Ctx } from './http';

export function callerMay(em: Emulator, ctx: Ctx, action: string, scope: string): boolean {
    const principalId = ctx.caller?.oid;
    if (!principalId) {
        return false;
    }
    return evaluateAccess({
        assignments: em.state.assignments(),
        definitions: em.state.roleDefinitions(),
        principalId,
        scope: scope || '/',
        action,
    }).allowed;
}

/** Checks `action` at `scope` for the caller; on denial answers 403 AuthorizationFailed and returns false. */
export function authorize(em: Emulator, ctx: Ctx, action: string, scope: string): boolean {
    if (callerMay(em, ctx, action, scope)) {
        return true;
    }
    const caller = ctx.caller;
    armError(
        ctx,
        403,
        'AuthorizationFailed',
        `The client '${caller?.appid ?? ''}' with object id '${caller?.oid ?? ''}' does not have authorization to perform action '${action}' over scope '${scope || '/'}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    );
    return false;
}

/** The RBAC action for a request on a resource type: read/write/delete, or `{type}/{action}/action` for POST. */
export function actionFor(method: string, type: string, postAction?: string): string {
    if (method === 'POST') {
        return `${type}/${(postAction ?? 'action').toLowerCase()}/action`;
    }
    if (method === 'DELETE') {
        return `${type}/delete`;
    }
    if (method === 'PUT' || method === 'PATCH') {
        return `${type}/write`;
    }
    return `${type}/read`;
}
