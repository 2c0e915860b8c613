/**
 * The world's role assignments, indexed by principal and by scope, so a decision looks up the few assignments in
 * effect at a scope (walking the scope's ancestors) instead of scanning every assignment.
 */

import type { ArmResource, Json } from '../model';
import type { Assignment } from './evaluate';
import { normalizeScope, scopeAndAncestors, scopeKey, scopeOfAssignmentId } from './scopes';

export const roleAssignmentType = 'Microsoft.Authorization/roleAssignments';

/** A role assignment flattened like the SDK model. */
export interface FlatAssignment extends Assignment {
    id: string;
    name: string;
    principalType?: string;
}

function pushInto<T>(index: Map<string, T[]>, key: string, value: T): void {
    const list = index.get(key);
    if (list) {
        list.push(value);
    } else {
        index.set(key, [value]);
    }
}

/** A stored `Microsoft.Authorization/roleAssignments` resource, flattened; undefined without principal or scope. */
export function flattenAssignment(r: ArmResource): FlatAssignment | undefined {
    const p = (r.properties ?? {}) as Json;
    const scope = typeof p.scope === 'string' ? normalizeScope(p.scope) : scopeOfAssignmentId(r.id);
    if (typeof p.principalId !== 'string' || scope === undefined) {
        return undefined;
    }
    return {
        id: r.id,
        name: r.name,
        scope,
        roleDefinitionId: String(p.roleDefinitionId ?? ''),
        principalId: p.principalId,
        principalType: p.principalType as string | undefined,
    };
}

export class AssignmentIndex {
    readonly list: readonly FlatAssignment[];
    /** Principal (lower) → its assignments. */
    private byPrincipal = new Map<string, FlatAssignment[]>();
    /** Principal (lower) → scope key → assignments there. */
    private byPrincipalScope = new Map<string, Map<string, FlatAssignment[]>>();
    /** Principal (lower) → subscriptions (lower) with some assignment of theirs below the subscription itself. */
    private deepSubscriptions = new Map<string, Set<string>>();

    constructor(resources: readonly ArmResource[]) {
        const list: FlatAssignment[] = [];
        for (const r of resources) {
            const a = flattenAssignment(r);
            if (!a) {
                continue;
            }
            list.push(a);
            const principal = a.principalId.toLowerCase();
            pushInto(this.byPrincipal, principal, a);
            let byScope = this.byPrincipalScope.get(principal);
            if (!byScope) {
                byScope = new Map();
                this.byPrincipalScope.set(principal, byScope);
            }
            const scope = scopeKey(a.scope);
            pushInto(byScope, scope, a);
            const deep = /^\/subscriptions\/([^/]+)\/./.exec(scope);
            if (deep) {
                let subs = this.deepSubscriptions.get(principal);
                if (!subs) {
                    subs = new Set();
                    this.deepSubscriptions.set(principal, subs);
                }
                subs.add(deep[1]);
            }
        }
        this.list = list;
    }

    /** The principal's role assignments (do not modify). */
    of(principalId: string): readonly FlatAssignment[] {
        return this.byPrincipal.get(principalId.toLowerCase()) ?? [];
    }

    /** The principal's role assignments at `scope` or above (in effect there). */
    inEffectAt(principalId: string, scope: string): FlatAssignment[] {
        const byScope = this.byPrincipalScope.get(principalId.toLowerCase());
        if (!byScope) {
            return [];
        }
        return scopeAndAncestors(scope)
            .reverse()
            .flatMap((s) => byScope.get(s) ?? []);
    }

    /** True when the principal has some role assignment below `/subscriptions/{subscriptionId}` (not at it). */
    hasBelowSubscription(principalId: string, subscriptionId: string): boolean {
        return !!this.deepSubscriptions.get(principalId.toLowerCase())?.has(subscriptionId.toLowerCase());
    }

    /** True when the principal has some role assignment exactly at `scope` (any case). */
    hasAt(principalId: string, scope: string): boolean {
        return !!this.byPrincipalScope.get(principalId.toLowerCase())?.has(scopeKey(scope));
    }
}
