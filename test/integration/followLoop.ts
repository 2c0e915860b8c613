/**
 * The product's follow loop for the suites that run against the emulator: the same ComputeFollower the extension's
 * ComputeWatcher drives, reading through the same InventoryService (one GET per read, the real SDK clients); only
 * the interval is the suite's. The expiry is the product's (an hour after the operation started).
 */
import { describeAzureError } from '../../src/azure/errors';
import { InventoryService } from '../../src/azure/inventoryService';
import type { SubscriptionContext } from '../../src/azure/subscriptionContext';
import type { FollowedKind } from '../../src/domain/followedOperations';
import type { WorkspaceRef } from '../../src/domain/models';
import { ComputeFollower, type FollowResult } from '../../src/follow/computeFollower';
import { followedRecord } from '../../src/follow/target';

export function productFollowLoop(intervalMs: number): ComputeFollower {
    return new ComputeFollower({
        // Computes are read by id: the inventory's subscription list is not asked.
        inventory: new InventoryService(async () => []),
        intervalMs: () => intervalMs,
        describeError: (error) => describeAzureError(error).message,
    });
}

/** Follows an operation just sent (an accepted PUT or DELETE) until the loop says how it ended. */
export function followToEnd(
    loop: ComputeFollower,
    kind: FollowedKind,
    subscription: SubscriptionContext,
    workspace: WorkspaceRef,
    name: string,
): Promise<FollowResult> {
    const target = { subscription, workspace, name };
    return loop.follow(target, followedRecord(kind, target, Date.now()));
}
