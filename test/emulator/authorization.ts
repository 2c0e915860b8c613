/** Emulated ARM authorization: the caller's role assignments decide, evaluated by the emulator's own RBAC (rbac/). */

import type { Emulator } from './emulator';
import { armError, type Ctx } from './http';
import { mayPerform } from './rbac/evaluate';
import { normalizeScope } from './rbac/scopes';
import type { State } from './state';

interface DecisionCache {
    version: number;
    /** `action \n role definition ids of the applicable assignments` → allowed (no principal or scope in it). */
    byRoles: Map<string, boolean>;
    /** `principal \n action \n normalized lower-case scope` → allowed. */
    byScope: Map<string, boolean>;
}

/** Decisions already taken, per emulated world; dropped whenever role assignments or definitions change. */
const decisionCaches = new WeakMap<State, DecisionCache>();
const maxDecisions = 200_000;

function decisionCache(state: State): DecisionCache {
    let cache = decisionCaches.get(state);
    if (!cache || cache.version !== state.authzVersion || cache.byScope.size > maxDecisions) {
        cache = { version: state.authzVersion, byRoles: new Map(), byScope: new Map() };
        decisionCaches.set(state, cache);
    }
    return cache;
}

/**
 * Does the caller hold `action` at `scope`? `mayPerform` (rbac/evaluate.ts) decides, over the caller's assignments at
 * the scope or above (found through the state's index rather than by scanning every assignment).
 *
 * Cached two ways, both exact: the decision depends only on the action and the role definitions of the applicable
 * assignments; and where the principal has no assignment at the scope itself, the scope gets its parent's decision
 * (the same assignments apply), so rows of one subscription share the subscription's decision.
 */
export function callerMay(em: Emulator, ctx: Ctx, action: string, scope: string): boolean {
    const principalId = ctx.caller?.oid;
    if (!principalId) {
        return false;
    }
    const definitions = em.state.roleDefinitions();
    const cache = decisionCache(em.state);
    const principal = principalId.toLowerCase();
    const decide = (target: string): boolean => {
        const key = `${principal}\n${action}\n${target}`;
        let allowed = cache.byScope.get(key);
        if (allowed !== undefined) {
            return allowed;
        }
        const cut = target.lastIndexOf('/');
        if (target !== '/' && !em.state.hasAssignmentsAt(principal, target)) {
            allowed = decide(cut > 0 ? normalizeScope(target.slice(0, cut)) : '/');
        } else {
            const applicable = em.state.assignmentsCovering(principal, target);
            const rolesKey = `${action}\n${applicable
                .map((a) => a.roleDefinitionId ?? '')
                .sort()
                .join('\n')}`;
            allowed = applicable.length === 0 ? false : cache.byRoles.get(rolesKey);
            if (allowed === undefined) {
                allowed = mayPerform({
                    assignments: applicable,
                    definitions,
                    principalId,
                    scope: target,
                    operation: action,
                });
                cache.byRoles.set(rolesKey, allowed);
            }
        }
        cache.byScope.set(key, allowed);
        return allowed;
    };
    // Below a subscription where the principal has no assignment deeper than the subscription itself, every scope gets
    // the subscription's decision: skip the walk up.
    const sub = subscriptionAbove(scope);
    if (sub !== undefined && !em.state.hasAssignmentsBelowSubscription(principal, sub)) {
        return decide(`/subscriptions/${sub}`);
    }
    return decide(normalizeScope(scope || '/').toLowerCase());
}

/** The subscription (lower case) of a scope strictly below `/subscriptions/{id}`, else undefined. */
function subscriptionAbove(scope: string): string | undefined {
    const prefix = '/subscriptions/';
    if (scope.length <= prefix.length || scope.slice(0, prefix.length).toLowerCase() !== prefix) {
        return undefined;
    }
    const slash = scope.indexOf('/', prefix.length);
    return slash > prefix.length ? scope.slice(prefix.length, slash).toLowerCase() : undefined;
}

/** Checks `action` at `scope` for the caller; on denial answers 403 AuthorizationFailed and returns false. */
export function authorize(em: Emulator, ctx: Ctx, action: string, scope: string): boolean {
    if (callerMay(em, ctx, action, scope)) {
        return true;
    }
    authorizationFailed(ctx, action, scope);
    return false;
}

/** ARM's 403 AuthorizationFailed answer for `action` at `scope`. */
export function authorizationFailed(ctx: Ctx, action: string, scope: string): void {
    const caller = ctx.caller;
    armError(
        ctx,
        403,
        'AuthorizationFailed',
        `The client '${caller?.name ?? ''}' with object id '${caller?.oid ?? ''}' does not have authorization to perform action '${action}' over scope '${scope || '/'}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    );
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
