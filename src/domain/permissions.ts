/**
 * Azure RBAC evaluation: does a role grant an action, does one role cover another, which assignment grants access.
 * Pure (no `vscode` import): shared by the extension's preflight/role guidance and the local emulator.
 *
 * Semantics follow Azure RBAC: action strings compare case-insensitively, `*` in a pattern matches any run of
 * characters (including `/`), a role grants `actions` minus `notActions` (control plane) or `dataActions` minus
 * `notDataActions` (data plane), and an assignment applies at its scope and every scope below it.
 */

import { isScopeAtOrAbove } from './armId';

/** One permission block of a role definition (SDK `Permission`). */
export interface PermissionLike {
    readonly actions?: readonly string[];
    readonly notActions?: readonly string[];
    readonly dataActions?: readonly string[];
    readonly notDataActions?: readonly string[];
}

/** Structural subset of the SDK `RoleDefinition`. `id` is the full ARM id, `name` the GUID. */
export interface RoleDefinitionLike {
    readonly id?: string;
    readonly name?: string;
    readonly roleName?: string;
    readonly permissions?: readonly PermissionLike[];
}

/** Structural subset of the SDK `RoleAssignment` (2022-04-01, flattened properties). */
export interface RoleAssignmentLike {
    readonly id?: string;
    readonly name?: string;
    readonly scope?: string;
    readonly roleDefinitionId?: string;
    readonly principalId?: string;
    readonly principalType?: string;
}

export interface ActionOptions {
    /** Evaluate against `dataActions`/`notDataActions` instead of `actions`/`notActions`. */
    readonly data?: boolean;
}

const patternCache = new Map<string, RegExp>();

function patternToRegExp(pattern: string): RegExp {
    let re = patternCache.get(pattern);
    if (!re) {
        const body = pattern
            .split('*')
            .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
            .join('.*');
        re = new RegExp(`^${body}$`, 'i');
        patternCache.set(pattern, re);
    }
    return re;
}

/** True when `action` matches `pattern` (case-insensitive; `*` in the pattern matches anything, `*` in the action is a literal). */
export function actionMatches(pattern: string, action: string): boolean {
    return patternToRegExp(pattern.trim()).test(action.trim());
}

function blocks(definition: RoleDefinitionLike): readonly PermissionLike[] {
    return definition.permissions ?? [];
}

/** True when the role definition grants `action` (actions minus notActions, or the data-plane pair). */
export function roleAllowsAction(definition: RoleDefinitionLike, action: string, options: ActionOptions = {}): boolean {
    return blocks(definition).some((p) => {
        const allow = (options.data ? p.dataActions : p.actions) ?? [];
        const deny = (options.data ? p.notDataActions : p.notActions) ?? [];
        return allow.some((a) => actionMatches(a, action)) && !deny.some((n) => actionMatches(n, action));
    });
}

/** The GUID at the end of a role definition id (or the value itself when it is already a bare GUID). */
export function roleDefinitionGuid(idOrName: string): string {
    const parts = idOrName.split('/').filter((p) => p.length > 0);
    return (parts[parts.length - 1] ?? '').toLowerCase();
}

function sameRole(a: RoleDefinitionLike, b: RoleDefinitionLike): boolean {
    const ga = a.name ?? (a.id ? roleDefinitionGuid(a.id) : undefined);
    const gb = b.name ?? (b.id ? roleDefinitionGuid(b.id) : undefined);
    return !!ga && !!gb && ga.toLowerCase() === gb.toLowerCase();
}

/**
 * Does one permission block of the held role grant the whole pattern `required` (itself possibly a wildcard)?
 * The required pattern is treated literally against held patterns; a held exclusion that overlaps it in either
 * direction breaks coverage unless the required role excludes that part too (`requiredExclusions`).
 */
function blockCoversPattern(
    allow: readonly string[],
    deny: readonly string[],
    required: string,
    requiredExclusions: readonly string[],
): boolean {
    if (!allow.some((a) => actionMatches(a, required))) {
        return false;
    }
    return !deny.some(
        (n) =>
            (actionMatches(n, required) || actionMatches(required, n)) &&
            !requiredExclusions.some((x) => actionMatches(x, n)),
    );
}

/**
 * True when holding `held` grants everything `required` grants (control and data plane).
 * E.g. Owner and Contributor cover Reader; Reader does not cover Azure Relay Owner; Owner does not cover
 * Storage Blob Data Reader (data actions).
 */
export function roleCoversRole(held: RoleDefinitionLike, required: RoleDefinitionLike): boolean {
    if (sameRole(held, required)) {
        return true;
    }
    const heldBlocks = blocks(held);
    for (const req of blocks(required)) {
        const pairs: [readonly string[], readonly string[], boolean][] = [
            [req.actions ?? [], req.notActions ?? [], false],
            [req.dataActions ?? [], req.notDataActions ?? [], true],
        ];
        for (const [needed, excluded, data] of pairs) {
            for (const pattern of needed) {
                const covered = heldBlocks.some((h) =>
                    blockCoversPattern(
                        (data ? h.dataActions : h.actions) ?? [],
                        (data ? h.notDataActions : h.notActions) ?? [],
                        pattern,
                        excluded,
                    ),
                );
                if (!covered) {
                    return false;
                }
            }
        }
    }
    return true;
}

export interface AccessQuery {
    readonly assignments: readonly RoleAssignmentLike[];
    readonly definitions: readonly RoleDefinitionLike[];
    readonly principalId: string;
    /** ARM id of the resource (or scope) being accessed. */
    readonly scope: string;
}

export interface AccessResult {
    readonly allowed: boolean;
    /** The assignment that grants access (the closest to the scope when several do). */
    readonly assignment?: RoleAssignmentLike;
    readonly definition?: RoleDefinitionLike;
    /** True when the granting assignment sits on an ancestor of the scope rather than on the scope itself. */
    readonly inherited?: boolean;
}

/** Finds the definition an assignment refers to, by GUID (definition ids differ by scope prefix). */
export function findRoleDefinition(
    definitions: readonly RoleDefinitionLike[],
    roleDefinitionId: string | undefined,
): RoleDefinitionLike | undefined {
    if (!roleDefinitionId) {
        return undefined;
    }
    const guid = roleDefinitionGuid(roleDefinitionId);
    return definitions.find((d) => (d.name ?? (d.id ? roleDefinitionGuid(d.id) : '')).toLowerCase() === guid);
}

/** The scope of an assignment: its `scope` property, or the part of its id before `/providers/Microsoft.Authorization/`. */
export function assignmentScope(assignment: RoleAssignmentLike): string | undefined {
    if (assignment.scope !== undefined) {
        return assignment.scope;
    }
    const id = assignment.id;
    if (!id) {
        return undefined;
    }
    const marker = '/providers/microsoft.authorization/roleassignments/';
    const at = id.toLowerCase().lastIndexOf(marker);
    return at >= 0 ? id.slice(0, at) || '/' : undefined;
}

function normalizeScope(scope: string): string {
    const trimmed = scope.replace(/\/+$/, '');
    return trimmed === '' ? '/' : trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/** Assignments of `principalId` at `scope` or an ancestor, closest first. */
export function applicableAssignments(
    assignments: readonly RoleAssignmentLike[],
    principalId: string,
    scope: string,
): { assignment: RoleAssignmentLike; scope: string; inherited: boolean }[] {
    const target = normalizeScope(scope);
    const result: { assignment: RoleAssignmentLike; scope: string; inherited: boolean }[] = [];
    for (const assignment of assignments) {
        const raw = assignmentScope(assignment);
        if (raw === undefined || assignment.principalId?.toLowerCase() !== principalId.toLowerCase()) {
            continue;
        }
        const s = normalizeScope(raw);
        if (isScopeAtOrAbove(s === '/' ? '' : s, target)) {
            result.push({ assignment, scope: s, inherited: s.toLowerCase() !== target.toLowerCase() });
        }
    }
    return result.sort((a, b) => b.scope.length - a.scope.length);
}

function firstMatch(query: AccessQuery, accept: (definition: RoleDefinitionLike) => boolean): AccessResult {
    for (const candidate of applicableAssignments(query.assignments, query.principalId, query.scope)) {
        const definition = findRoleDefinition(query.definitions, candidate.assignment.roleDefinitionId);
        if (definition && accept(definition)) {
            return { allowed: true, assignment: candidate.assignment, definition, inherited: candidate.inherited };
        }
    }
    return { allowed: false };
}

/** Is `action` granted to the principal at `scope` by some assignment at the scope or above? */
export function evaluateAccess(
    query: AccessQuery & { readonly action: string; readonly data?: boolean },
): AccessResult {
    return firstMatch(query, (d) => roleAllowsAction(d, query.action, { data: query.data }));
}

/** Is some role assigned at `scope` or above that covers everything `requiredRole` grants? */
export function findCoveringAssignment(
    query: AccessQuery & { readonly requiredRole: RoleDefinitionLike },
): AccessResult {
    return firstMatch(query, (d) => roleCoversRole(d, query.requiredRole));
}
