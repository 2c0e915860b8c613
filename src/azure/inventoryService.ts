import { armIdsEqual } from '../domain/armId';
import { collectAttachments, indexAttachments, type AttachmentIndex } from './attachments';
import { createLimiter } from './concurrency';
import { describeAzureError } from './errors';
import { GraphGate, type ListingSource } from './graphGate';
import { EarlyAnswers } from './earlyAnswers';
import { FreshComputes } from './freshComputes';
import { groupBy } from './groupBy';
import { graphIdentities, graphKubernetesComputes, graphWorkspaces } from './graphInventory';
import { graphClusterInfos } from './graphClusterInfos';
import { InventoryCache } from './inventoryCache';
import {
    fanOutConcurrency,
    getCompute,
    listClusters,
    listComputes,
    listUserAssignedIdentities,
    listWorkspaces,
} from './inventory';
import type { WorkspaceRef } from '../domain/models';
import type { ClusterInfo, ComputeInfo, ManagedIdentityInfo, WorkspaceInfo } from '../domain/models';
import type { GraphScope } from './resourceGraph';
import type { SubscriptionContext } from './subscriptionContext';

/** How one kind of resource is listed: all subscriptions through Resource Graph, or one subscription through ARM. */
interface Source<T> {
    readonly kind: string;
    graph(subscriptions: readonly SubscriptionContext[], abortSignal?: AbortSignal): Promise<T[]>;
    arm(sub: SubscriptionContext): Promise<T[]>;
    /** Everything the credentials can read, asked before the subscriptions are listed (`listWorkspacesEarly`). */
    graphOver?(target: { scopes: readonly GraphScope[] }, abortSignal?: AbortSignal): Promise<T[]>;
    /** None in a subscription, says the graph: ask ARM once (an access error there, or what the graph lags behind). */
    readonly confirmNoneThroughArm?: boolean;
}

export interface InventoryOptions {
    readonly ttlMs?: number;
    /** Resource Graph failed and the inventory fell back to ARM listing (for the log). */
    readonly onResourceGraphFailure?: (error: unknown) => void;
    /**
     * What Resource Graph can be asked over while the subscriptions are still being listed (a sign-in with one
     * credential for all of them); undefined when it cannot, or when the list is in already.
     */
    readonly graphScopesBeforeListing?: () => Promise<readonly GraphScope[] | undefined>;
}

/** The cache keys of a workspace's compute list (`computesKey('')` matches every one) and of the attachment index. */
const computesKey = (workspaceId: string) => `computes|${workspaceId}`;
const attachmentsKey = 'attachments|';

/**
 * The inventory the views, wizards and panels share. Listings go through one cache. The first request for any
 * subscription loads that kind for every selected subscription in one Resource Graph query per kind; when the
 * graph fails, each subscription is listed through ARM instead, in parallel with a cap, and fails on its own.
 * Refresh, attach, detach and identity edits invalidate it, through the methods that say what is read again (the
 * cache and its keys are its own).
 */
export class InventoryService {
    private readonly cache: InventoryCache;
    private readonly fresh = new FreshComputes();
    private readonly limit = createLimiter(fanOutConcurrency);
    private readonly gate: GraphGate;
    private graphIndex: { graph: ComputeInfo[]; version: number; index: AttachmentIndex } | undefined;
    /** Workspaces refreshed on their own: their next listing asks ARM rather than the graph. */
    private readonly armListingDue = new Set<string>();
    private readonly early = new EarlyAnswers();
    private readonly workspaceSource: Source<WorkspaceInfo> = {
        kind: 'workspaces',
        graph: graphWorkspaces,
        graphOver: graphWorkspaces,
        arm: listWorkspaces,
        confirmNoneThroughArm: true,
    };

    constructor(
        private readonly getSubscriptions: () => Promise<SubscriptionContext[]>,
        private readonly options: InventoryOptions = {},
    ) {
        this.cache = new InventoryCache(options.ttlMs);
        this.gate = new GraphGate(options.onResourceGraphFailure);
    }

    /** `abortSignal`: the picker that asked was closed; what it started and nobody else waits for is not sent. */
    workspaces(sub: SubscriptionContext, abortSignal?: AbortSignal): Promise<WorkspaceInfo[]> {
        return this.perSubscription(sub, abortSignal, this.workspaceSource);
    }

    /**
     * Cold, the workspaces wait for the subscription list, then for their own query. Where the sign-in allows it, this
     * asks the graph now, over all the credential can read, for the first listing to take: one round trip less.
     */
    listWorkspacesEarly(abortSignal?: AbortSignal): void {
        this.startEarly(this.workspaceSource, abortSignal);
    }

    private startEarly<T extends { subscriptionId: string }>(source: Source<T>, abortSignal?: AbortSignal): void {
        const { graphOver } = source;
        const graphScopes = this.options.graphScopesBeforeListing;
        if (!graphOver || !graphScopes || this.early.has(source.kind) || !this.gate.available) {
            return;
        }
        this.early.start(source.kind, async () => {
            const scopes = await graphScopes();
            return scopes && graphOver({ scopes }, abortSignal);
        });
    }

    clusters(sub: SubscriptionContext, abortSignal?: AbortSignal): Promise<ClusterInfo[]> {
        return this.perSubscription(sub, abortSignal, {
            kind: 'clusters',
            graph: (subs, signal) =>
                graphClusterInfos(
                    subs,
                    { fromGraph: (query) => this.gate.ask(signal, query), limit: this.limit },
                    signal,
                ),
            arm: listClusters,
            confirmNoneThroughArm: true,
        });
    }

    identities(sub: SubscriptionContext, abortSignal?: AbortSignal): Promise<ManagedIdentityInfo[]> {
        return this.perSubscription(sub, abortSignal, {
            kind: 'identities',
            graph: graphIdentities,
            arm: listUserAssignedIdentities,
        });
    }

    /**
     * A workspace's computes: from the one Resource Graph answer that lists every Kubernetes compute (the one the
     * Clusters view uses), with ARM's recent answers laid over it; through ARM where the graph is not available, and
     * for a workspace refreshed on its own (invalidateComputes), whose next listing is ARM's.
     */
    computes(sub: SubscriptionContext, workspace: WorkspaceInfo): Promise<ComputeInfo[]> {
        return this.cache.get(computesKey(workspace.id), async () => {
            const key = workspace.id.toLowerCase();
            const graph = this.armListingDue.has(key) ? null : await this.graphComputes();
            if (graph) {
                return this.fresh.applyByWorkspace(graph).get(key) ?? [];
            }
            this.armListingDue.delete(key);
            const computes = await listComputes(sub, workspace);
            this.fresh.recordWorkspace(workspace.id, computes);
            return computes;
        });
    }

    /** Every Kubernetes compute of the selected subscriptions in one graph query (cached); null without the graph. */
    private graphComputes(): Promise<ComputeInfo[] | null> {
        return this.cache.get(attachmentsKey, async () => {
            const subscriptions = await this.getSubscriptions();
            return (await this.gate.ask(undefined, () => graphKubernetesComputes(subscriptions))) ?? null;
        });
    }

    /** The workspace a compute belongs to (from the cached list). */
    async workspaceOf(sub: SubscriptionContext, compute: ComputeInfo): Promise<WorkspaceInfo | undefined> {
        return (await this.workspaces(sub)).find((w) => armIdsEqual(w.id, compute.workspaceId));
    }

    /**
     * Always asks Azure (for following an operation). The workspace's list is read again next time; the attachment
     * index takes the answer as it is.
     */
    async computeNow(
        sub: SubscriptionContext,
        workspace: WorkspaceRef,
        name: string,
    ): Promise<ComputeInfo | undefined> {
        const compute = await getCompute(sub, workspace, name);
        this.fresh.recordCompute(`${workspace.id}/computes/${name}`, compute);
        this.cache.invalidate(computesKey(workspace.id));
        return compute;
    }

    /** A compute as a write just left it (e.g. Creating): the views show it at once, without listing everything again. */
    remember(compute: ComputeInfo): void {
        this.fresh.recordCompute(compute.id, compute);
        this.cache.invalidate(computesKey(compute.workspaceId));
    }

    /**
     * Which computes attach which cluster: every Kubernetes compute in one Resource Graph query, with the newer ARM
     * answers laid over it; without the graph, from each workspace's (cached) list.
     */
    async attachments(): Promise<AttachmentIndex> {
        const graph = await this.graphComputes();
        if (graph) {
            // Every cluster node asks; the index is built again only when the graph or an ARM answer is new.
            const built = this.graphIndex;
            if (built?.graph !== graph || built.version !== this.fresh.version) {
                const index = indexAttachments(this.fresh.apply(graph), []);
                this.graphIndex = { graph, version: this.fresh.version, index };
                return index;
            }
            return built.index;
        }
        return collectAttachments(
            await this.getSubscriptions(),
            { listWorkspaces: (sub) => this.workspaces(sub), listComputes: (sub, ws) => this.computes(sub, ws) },
            fanOutConcurrency,
        );
    }

    /** Forget one subscription's listings (and the cross-subscription attachment index). */
    invalidateSubscription(subscriptionId: string): void {
        this.cache.invalidate(subscriptionId);
        this.cache.invalidate(attachmentsKey);
    }

    /** A workspace's computes are listed again (through ARM), and so is which computes attach which cluster. */
    invalidateComputes(workspaceId: string): void {
        if (workspaceId) {
            this.armListingDue.add(workspaceId.toLowerCase());
        }
        this.cache.invalidate(computesKey(workspaceId));
        this.cache.invalidate(attachmentsKey);
    }

    /**
     * A subscription's clusters (with their AzureML extension) are listed again, and which computes attach them:
     * those come from any workspace in any subscription, so every compute listing is read again.
     */
    invalidateClusters(subscriptionId: string): void {
        this.invalidateSubscription(subscriptionId);
        this.cache.invalidate(computesKey(''));
    }

    /** Everything is read again, and Resource Graph is tried again even if it failed a moment ago. */
    invalidateAll(): void {
        this.cache.invalidate();
        this.early.clear();
        this.gate.reset();
    }

    /**
     * One subscription's list. When it is not cached, the lists of every selected subscription that is not cached
     * either are loaded with it, so expanding 200 subscriptions (or filling a picker) costs one query.
     */
    private async perSubscription<T extends { name: string; subscriptionId: string }>(
        sub: SubscriptionContext,
        abortSignal: AbortSignal | undefined,
        source: Source<T>,
    ): Promise<T[]> {
        const keyOf = (s: SubscriptionContext) => `${source.kind}|${s.subscriptionId.toLowerCase()}`;
        if (!this.cache.has(keyOf(sub))) {
            const selected = await this.getSubscriptions();
            // Checked again: another caller may have started the batch while this one waited.
            if (!this.cache.has(keyOf(sub))) {
                const missing = [sub, ...selected.filter((s) => s.subscriptionId !== sub.subscriptionId)].filter(
                    (s) => !this.cache.has(keyOf(s)),
                );
                const loads = this.loadMany(missing, source, abortSignal);
                missing.forEach((s, i) => void this.cache.set(keyOf(s), loads[i]));
            }
        }
        try {
            return await this.cache.get(keyOf(sub), () => this.loadMany([sub], source, abortSignal)[0]);
        } catch (error) {
            // Another caller's picker was closed while this one waited on its load: load again for this one.
            if (describeAzureError(error).kind === 'cancelled' && !abortSignal?.aborted) {
                return this.perSubscription(sub, undefined, source);
            }
            throw error;
        }
    }

    private loadMany<T extends { name: string; subscriptionId: string }>(
        subscriptions: readonly SubscriptionContext[],
        source: Source<T>,
        abortSignal: AbortSignal | undefined,
    ): Promise<T[]>[] {
        const graph = this.early.take<T>(source.kind).then((early) => {
            if (early) {
                this.gate.answered();
                return early;
            }
            return this.gate.ask(abortSignal, async () =>
                groupBy(await source.graph(subscriptions, abortSignal), (item) => item.subscriptionId.toLowerCase()),
            );
        });
        return subscriptions.map(async (sub) => {
            const bySubscription = await graph;
            const fromGraph = bySubscription?.get(sub.subscriptionId.toLowerCase());
            const items =
                fromGraph && fromGraph.length > 0
                    ? fromGraph
                    : bySubscription && !source.confirmNoneThroughArm
                      ? []
                      : await this.limit(() => source.arm(sub), abortSignal);
            return [...items].sort((a, b) => a.name.localeCompare(b.name));
        });
    }

    /** Where the last listing came from: Resource Graph, or each subscription through ARM. */
    get listingSource(): ListingSource {
        return this.gate.listingSource;
    }
}
