/**
 * Reading and granting role assignments through ARM. The authorization client for a scope is made for the scope's
 * own subscription (a cluster can live in another subscription than the workspace), with the caller's credential.
 */
import { randomUUID } from 'crypto';
import { parseArmId } from '../domain/armId';
import { createAuthorizationClient } from './clients';
import { listAll } from './concurrency';
import { describeAzureError } from './errors';
import {
    roleAllowsAction,
    roleDefinitionGuid,
    type RoleAssignmentLike,
    type RoleDefinitionLike,
} from '../domain/permissions';
import type { SubscriptionContext } from './subscriptionContext';
import { grantRefusal, roleAssignmentWriteAction, roleDefinitionIdAt } from '../domain/roles';
import {
    evaluateRequirement,
    type RequirementStatus,
    type RoleEvidence,
    type RoleRequirement,
} from '../domain/roleRequirements';

function clientFor(caller: SubscriptionContext, scope: string) {
    const subscriptionId = parseArmId(scope)?.subscriptionId ?? caller.subscriptionId;
    return createAuthorizationClient({ ...caller, subscriptionId });
}

/**
 * Identical reads under way share one request: the compute panel checks several roles on one scope at once (Storage
 * Blob Data Reader and Contributor on the workspace's storage), which read the same assignments and permissions.
 * Only while in flight, so a check made later (after a grant, or "Check again") always reads anew.
 */
const inFlight = new WeakMap<object, Map<string, Promise<unknown>>>();

function sharedRead<T>(caller: SubscriptionContext, key: string, read: () => Promise<T>): Promise<T> {
    let reads = inFlight.get(caller.credential);
    if (!reads) {
        reads = new Map();
        inFlight.set(caller.credential, reads);
    }
    const running = reads.get(key);
    if (running) {
        return running as Promise<T>;
    }
    const started = read().finally(() => reads.delete(key));
    reads.set(key, started);
    return started;
}

/** The SDK's path template is `/{scope}`, so scopes go without their leading slash. */
function sdkScope(scope: string): string {
    return scope.replace(/^\/+/, '');
}

/**
 * The principal's assignments at, above and below `scope`, with the definitions of those roles and of `requiredRoleIds`.
 * When the caller may not read them, returns the reason instead, so the check says "unknown" rather than "missing".
 */
export async function readRoleEvidence(
    caller: SubscriptionContext,
    scope: string,
    principalId: string,
    requiredRoleIds: readonly string[],
): Promise<RoleEvidence | { unknownReason: string }> {
    try {
        const client = await clientFor(caller, scope);
        const assignments: RoleAssignmentLike[] = await sharedRead(
            caller,
            `assignments|${scope.toLowerCase()}|${principalId.toLowerCase()}`,
            () =>
                listAll(
                    client.roleAssignments.listForScope(sdkScope(scope), {
                        filter: `principalId eq '${principalId}'`,
                    }),
                ),
        );
        const roleIds = new Set([
            ...requiredRoleIds,
            ...assignments.map((a) => roleDefinitionGuid(a.roleDefinitionId ?? '')),
        ]);
        const subscriptionId = parseArmId(scope)?.subscriptionId ?? caller.subscriptionId;
        const definitions: RoleDefinitionLike[] = await Promise.all(
            [...roleIds]
                .filter(Boolean)
                .map((id) =>
                    sharedRead(caller, `definition|${subscriptionId.toLowerCase()}|${id.toLowerCase()}`, () =>
                        client.roleDefinitions.get(`subscriptions/${subscriptionId}`, id),
                    ),
                ),
        );
        return { assignments, definitions };
    } catch (error) {
        const info = describeAzureError(error);
        if (info.kind === 'forbidden') {
            return {
                unknownReason: `You may not read role assignments on this scope (${info.code ?? 'access denied'}).`,
            };
        }
        throw error;
    }
}

/** May the signed-in user create role assignments at `scope`? Unreadable permissions count as "no". */
export function canWriteRoleAssignments(caller: SubscriptionContext, scope: string): Promise<boolean> {
    return mayPerform(caller, scope, roleAssignmentWriteAction);
}

/** May the signed-in user perform `action` at `scope` (its permissions there)? Unreadable permissions count as "no". */
export async function mayPerform(caller: SubscriptionContext, scope: string, action: string): Promise<boolean> {
    const parsed = parseArmId(scope);
    if (!parsed?.resourceGroup) {
        return false;
    }
    try {
        const client = await clientFor(caller, scope);
        const { resourceGroup, provider, segments } = parsed;
        const last = segments[segments.length - 1];
        const permissions = await sharedRead(caller, `permissions|${scope.toLowerCase()}`, () =>
            listAll(
                provider && last
                    ? client.permissions.listForResource(
                          resourceGroup,
                          provider,
                          segments
                              .slice(0, -1)
                              .map((s) => `${s.type}/${s.name}`)
                              .join('/'),
                          last.type,
                          last.name,
                      )
                    : client.permissions.listForResourceGroup(resourceGroup),
            ),
        );
        return roleAllowsAction({ permissions }, action);
    } catch {
        return false;
    }
}

/**
 * A requirement's status for the principal and, when it is not granted, whether the signed-in user may grant it
 * (used by both the attach preflight and the compute panel).
 */
export async function checkRequirement(
    caller: SubscriptionContext,
    requirement: RoleRequirement,
    principalId: string,
): Promise<{ status: RequirementStatus; canWrite?: boolean }> {
    if (!requirement.scope) {
        return { status: evaluateRequirement(requirement, principalId, { unknownReason: '' }) };
    }
    const evidence = await readRoleEvidence(caller, requirement.scope, principalId, [requirement.role.id]);
    const status = evaluateRequirement(requirement, principalId, evidence);
    const canWrite = status.state === 'granted' ? undefined : await canWriteRoleAssignments(caller, requirement.scope);
    return { status, canWrite };
}

export class ForbiddenRoleError extends Error {}

/**
 * Grants a built-in role to a managed identity at `scope`. Refuses the broad roles outright, and any role or scope
 * outside the guidance (domain/roles.ts grantRefusal) before anything is sent. An identical assignment that already
 * exists counts as done.
 */
export async function grantRole(
    caller: SubscriptionContext,
    scope: string,
    roleId: string,
    principalId: string,
): Promise<'created' | 'alreadyExisted'> {
    const refusal = grantRefusal(roleId, scope);
    if (refusal) {
        throw new ForbiddenRoleError(refusal);
    }
    const subscriptionId = parseArmId(scope)?.subscriptionId ?? caller.subscriptionId;
    const client = await clientFor(caller, scope);
    try {
        await client.roleAssignments.create(sdkScope(scope), randomUUID(), {
            roleDefinitionId: roleDefinitionIdAt(subscriptionId, roleId),
            principalId,
            principalType: 'ServicePrincipal',
        });
        return 'created';
    } catch (error) {
        if (describeAzureError(error).code === 'RoleAssignmentExists') {
            return 'alreadyExisted';
        }
        throw error;
    }
}
