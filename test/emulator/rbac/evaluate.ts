/**
 * The emulator's Azure RBAC decision, written from the Azure RBAC documentation ("Understand Azure role definitions",
 * "Understand scope", "How Azure RBAC determines if a user has access to a resource"):
 *
 * - A role assignment attaches a role definition to a principal at a scope; it applies at that scope and is inherited
 *   by every scope below it.
 * - A role definition's permissions are its `Actions` minus its `NotActions` (the control plane: managing resources)
 *   and its `DataActions` minus its `NotDataActions` (the data plane: the data inside them). A request to ARM is a
 *   control-plane request: data actions never grant it, and control-plane actions never grant data access.
 * - `NotActions` is not a deny: it only narrows the role it is written in. Permissions are additive, so an operation
 *   one role leaves out is still granted by another role assigned to the same principal at the scope or above.
 * - Deny assignments are not modelled: the emulated world has none.
 *
 * Nothing here comes from the extension (src/): the emulator judges with its own code, so a mistake in either shows.
 */

import { patternCovers, patternsOverlap, operationMatches } from './patterns';
import { isAtOrAbove, scopeKey } from './scopes';

/** One entry of a role definition's `permissions`. */
export interface PermissionBlock {
    readonly actions: readonly string[];
    readonly notActions: readonly string[];
    readonly dataActions?: readonly string[];
    readonly notDataActions?: readonly string[];
}

/** A role definition: its GUID (`name`) and permissions. */
export interface RoleDefinition {
    readonly name: string;
    readonly permissions: readonly PermissionBlock[];
}

/** A role assignment: who, which role (GUID or full role definition id), where. */
export interface Assignment {
    readonly principalId: string;
    readonly roleDefinitionId: string;
    readonly scope: string;
}

export type Plane = 'control' | 'data';

/** The GUID a role definition id ends with (a bare GUID is its own), lower case. */
export function roleGuidOf(roleDefinitionId: string): string {
    const trimmed = roleDefinitionId.replace(/\/+$/, '');
    return trimmed.slice(trimmed.lastIndexOf('/') + 1).toLowerCase();
}

/** The definition an assignment names. Definition ids differ by the scope they are read at; their GUID does not. */
export function definitionFor<D extends RoleDefinition>(
    definitions: readonly D[],
    roleDefinitionId: string | undefined,
): D | undefined {
    if (!roleDefinitionId) {
        return undefined;
    }
    const guid = roleGuidOf(roleDefinitionId);
    return definitions.find((d) => d.name.toLowerCase() === guid);
}

/** The principal's assignments in effect at `scope` (there or above), the closest to the scope first. */
export function assignmentsInEffect<A extends Assignment>(
    assignments: readonly A[],
    principalId: string,
    scope: string,
): { assignment: A; inherited: boolean }[] {
    const principal = principalId.toLowerCase();
    const target = scopeKey(scope);
    return assignments
        .filter((a) => a.principalId.toLowerCase() === principal && isAtOrAbove(a.scope, target))
        .map((assignment) => ({ assignment, depth: scopeKey(assignment.scope).length }))
        .sort((a, b) => b.depth - a.depth)
        .map(({ assignment }) => ({ assignment, inherited: scopeKey(assignment.scope) !== target }));
}

function allowedIn(block: PermissionBlock, plane: Plane): readonly string[] {
    return (plane === 'data' ? block.dataActions : block.actions) ?? [];
}

function excludedIn(block: PermissionBlock, plane: Plane): readonly string[] {
    return (plane === 'data' ? block.notDataActions : block.notActions) ?? [];
}

function blockGrants(block: PermissionBlock, operation: string, plane: Plane): boolean {
    return (
        allowedIn(block, plane).some((p) => operationMatches(p, operation)) &&
        !excludedIn(block, plane).some((p) => operationMatches(p, operation))
    );
}

/** True when the role grants `operation` on `plane`: one of its blocks names it and does not exclude it. */
export function roleGrants(role: RoleDefinition, operation: string, plane: Plane = 'control'): boolean {
    return role.permissions.some((block) => blockGrants(block, operation, plane));
}

export interface AccessRequest {
    /** Role assignments to consider (of any principal, at any scope: those not in effect are passed over). */
    readonly assignments: readonly Assignment[];
    readonly definitions: readonly RoleDefinition[];
    readonly principalId: string;
    readonly scope: string;
}

/** The permission blocks of every role the principal holds at the scope (there or inherited). */
function blocksInEffect(request: AccessRequest): PermissionBlock[] {
    return assignmentsInEffect(request.assignments, request.principalId, request.scope).flatMap(
        ({ assignment }) => definitionFor(request.definitions, assignment.roleDefinitionId)?.permissions ?? [],
    );
}

/** May the principal perform `operation` at the scope? Some role it holds there or above grants it. */
export function mayPerform(request: AccessRequest & { readonly operation: string; readonly plane?: Plane }): boolean {
    const plane = request.plane ?? 'control';
    return blocksInEffect(request).some((block) => blockGrants(block, request.operation, plane));
}

/**
 * Does the principal hold, at the scope, every control-plane operation `role` grants (whichever roles give them)?
 * Each of the role's `Actions` patterns must be named by a pattern of one role in effect whose `NotActions` take none
 * of it away, unless `role` leaves that part out too. Cautious: a pattern only two roles cover between them counts as
 * not held.
 */
export function holdsOperationsOf(request: AccessRequest & { readonly role: RoleDefinition }): boolean {
    const held = blocksInEffect(request);
    return request.role.permissions.every((wanted) =>
        wanted.actions.every((pattern) =>
            held.some(
                (block) =>
                    block.actions.some((p) => patternCovers(p, pattern)) &&
                    block.notActions.every(
                        (n) => !patternsOverlap(n, pattern) || wanted.notActions.some((x) => patternCovers(x, n)),
                    ),
            ),
        ),
    );
}
