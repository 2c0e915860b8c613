import type { SubscriptionContext } from '../azure/subscriptionContext';
import { nameFromId } from '../domain/armId';
import type { FollowedKind, FollowedRecord } from '../domain/followedOperations';
import type { ComputeInfo, WorkspaceRef } from '../domain/models';

/** A compute to read: its subscription, its workspace and its name. */
export interface ComputeTarget {
    readonly subscription: SubscriptionContext;
    readonly workspace: WorkspaceRef;
    readonly name: string;
}

/** The target of a compute as listed (its workspace from the compute's own fields). */
export function targetOf(subscription: SubscriptionContext, compute: ComputeInfo): ComputeTarget {
    const { workspaceId: id, workspaceName: name, subscriptionId, resourceGroup } = compute;
    return { subscription, workspace: { id, name, subscriptionId, resourceGroup }, name: computeNameOf(compute) };
}

/** The name a compute is read by: its id's last segment (the `name` field is what the service says, and may differ). */
export function computeNameOf(compute: Pick<ComputeInfo, 'id' | 'name'>): string {
    return compute.id ? nameFromId(compute.id) : compute.name;
}

/** The compute's ARM id. */
export function computeIdOf(target: ComputeTarget): string {
    return `${target.workspace.id}/computes/${target.name}`;
}

/** What is remembered of an operation on `target` sent at `startedAt`, to follow it (again, after a reload). */
export function followedRecord(
    kind: FollowedKind,
    target: ComputeTarget,
    startedAt: number,
    clusterName?: string,
): FollowedRecord {
    return {
        kind,
        subscriptionId: target.subscription.subscriptionId,
        workspaceId: target.workspace.id,
        computeId: computeIdOf(target),
        computeName: target.name,
        ...(clusterName !== undefined ? { clusterName } : {}),
        startedAt,
    };
}
