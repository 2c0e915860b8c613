/**
 * Scopes of Azure RBAC: the root `/` (above every management group), a subscription, a resource group or a resource
 * (a child resource below its parent). Scopes form a parent-child tree, and what is granted at a scope is inherited
 * by every scope below it. Ids compare without regard to case.
 */

const slash = 47; // '/'

/** `scope` with a leading `/` and no trailing one; `/` for the root (and for ''). Case kept. */
export function normalizeScope(scope: string): string {
    let end = scope.length;
    while (end > 0 && scope.charCodeAt(end - 1) === slash) {
        end--;
    }
    const trimmed = end === scope.length ? scope : scope.slice(0, end);
    return trimmed === '' ? '/' : trimmed.charCodeAt(0) === slash ? trimmed : `/${trimmed}`;
}

/** The normalized, lower-case form of a scope: what indexes and caches key on. */
export function scopeKey(scope: string): string {
    return normalizeScope(scope).toLowerCase();
}

/** True when `ancestor` is `scope` itself or one of the scopes above it (the root is above every scope). */
export function isAtOrAbove(ancestor: string, scope: string): boolean {
    const a = scopeKey(ancestor);
    const s = scopeKey(scope);
    return a === '/' || s === a || s.startsWith(`${a}/`);
}

/** The scope itself and every scope above it up to the root, lower case, the scope first (`/a/b/c`, `/a/b`, `/a`, `/`). */
export function scopeAndAncestors(scope: string): string[] {
    const key = scopeKey(scope);
    const chain = [key];
    for (let at = key.lastIndexOf('/'); at > 0; at = key.lastIndexOf('/', at - 1)) {
        chain.push(key.slice(0, at));
    }
    if (key !== '/') {
        chain.push('/');
    }
    return chain;
}

const assignmentMarker = '/providers/microsoft.authorization/roleassignments/';

/** The scope a role assignment's id names: the part before `/providers/Microsoft.Authorization/roleAssignments/`. */
export function scopeOfAssignmentId(id: string): string | undefined {
    const at = id.toLowerCase().lastIndexOf(assignmentMarker);
    return at < 0 ? undefined : normalizeScope(id.slice(0, at));
}
