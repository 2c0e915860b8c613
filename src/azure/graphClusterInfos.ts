/** The Clusters view's listing through Resource Graph: clusters with their AzureML extension (inventoryService.ts). */
import { parseArmId } from '../domain/armId';
import type { ClusterInfo } from '../domain/models';
import { getAzureMlExtensionState } from './inventory';
import { graphAzureMlExtensions, graphClusters } from './graphInventory';
import { toCluster } from './mappers';
import type { SubscriptionContext } from './subscriptionContext';

export interface GraphClusterDeps {
    /** The graph's answer, or undefined when it failed (the inventory's fallback rule). */
    fromGraph<T>(query: () => Promise<T>): Promise<T | undefined>;
    /** The inventory's cap on ARM requests at once. */
    limit<R>(fn: () => Promise<R>, signal?: AbortSignal): Promise<R>;
}

/** Clusters with their AzureML extension; when the extension query fails, each cluster's list is read. */
export async function graphClusterInfos(
    subscriptions: readonly SubscriptionContext[],
    deps: GraphClusterDeps,
    abortSignal?: AbortSignal,
): Promise<ClusterInfo[]> {
    const [found, extensions] = await Promise.all([
        graphClusters(subscriptions, abortSignal),
        deps.fromGraph(() => graphAzureMlExtensions(subscriptions, abortSignal)),
    ]);
    const byId = new Map(subscriptions.map((s) => [s.subscriptionId.toLowerCase(), s]));
    const clusters = await Promise.all(
        found.map(async ({ kind, cluster }) => {
            const id = cluster.id ?? '';
            const sub = byId.get(parseArmId(id)?.subscriptionId.toLowerCase() ?? '');
            const state = extensions
                ? (extensions.get(id.toLowerCase()) ?? { status: 'notInstalled' as const })
                : sub
                  ? await deps.limit(() => getAzureMlExtensionState(sub, kind, id), abortSignal)
                  : { status: 'unknown' as const, reason: 'The cluster is not in a selected subscription.' };
            return toCluster(kind, cluster, state);
        }),
    );
    return clusters.filter((c): c is ClusterInfo => !!c);
}
