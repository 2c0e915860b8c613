import { armIdsEqual } from './armId';
import { collectAttachments, type AttachmentIndex } from './attachments';
import { InventoryCache } from './inventoryCache';
import {
    fanOutConcurrency,
    getCompute,
    listClusters,
    listComputes,
    listUserAssignedIdentities,
    listWorkspaces,
} from './inventory';
import type { ClusterInfo, ComputeInfo, ManagedIdentityInfo, WorkspaceInfo } from './models';
import type { SubscriptionContext } from './subscriptionContext';

/**
 * The inventory the views, wizards and panels share: every listing goes through one cache, so opening both
 * views asks Azure for each workspace's computes once. Refresh, attach, detach and identity edits invalidate it.
 */
export class InventoryService {
    readonly cache: InventoryCache;

    constructor(
        private readonly getSubscriptions: () => Promise<SubscriptionContext[]>,
        ttlMs?: number,
    ) {
        this.cache = new InventoryCache(ttlMs);
    }

    workspaces(sub: SubscriptionContext): Promise<WorkspaceInfo[]> {
        return this.cache.get(`workspaces|${sub.subscriptionId}`, () => listWorkspaces(sub));
    }

    computes(sub: SubscriptionContext, workspace: WorkspaceInfo): Promise<ComputeInfo[]> {
        return this.cache.get(`computes|${workspace.id}`, () => listComputes(sub, workspace));
    }

    /** The workspace a compute belongs to (from the cached list). */
    async workspaceOf(sub: SubscriptionContext, compute: ComputeInfo): Promise<WorkspaceInfo | undefined> {
        return (await this.workspaces(sub)).find((w) => armIdsEqual(w.id, compute.workspaceId));
    }

    /** Always asks Azure (for following an operation), and refreshes the cached list with the answer. */
    async computeNow(
        sub: SubscriptionContext,
        workspace: WorkspaceInfo,
        name: string,
    ): Promise<ComputeInfo | undefined> {
        const compute = await getCompute(sub, workspace, name);
        this.cache.invalidate(`computes|${workspace.id}`);
        this.cache.invalidate('attachments|');
        return compute;
    }

    clusters(sub: SubscriptionContext): Promise<ClusterInfo[]> {
        return this.cache.get(`clusters|${sub.subscriptionId}`, () => listClusters(sub));
    }

    identities(sub: SubscriptionContext): Promise<ManagedIdentityInfo[]> {
        return this.cache.get(`identities|${sub.subscriptionId}`, () => listUserAssignedIdentities(sub));
    }

    attachments(): Promise<AttachmentIndex> {
        return this.cache.get('attachments|', async () =>
            collectAttachments(
                await this.getSubscriptions(),
                { listWorkspaces: (sub) => this.workspaces(sub), listComputes: (sub, ws) => this.computes(sub, ws) },
                fanOutConcurrency,
            ),
        );
    }

    /** Forget one subscription's listings (and the cross-subscription attachment index). */
    invalidateSubscription(subscriptionId: string): void {
        this.cache.invalidate(subscriptionId);
        this.cache.invalidate('attachments|');
    }

    invalidateAll(): void {
        this.cache.invalidate();
    }
}
