/** Azure reads for the compute panel's role guidance: the cluster's relay, and the resources "Add a resource..." offers. */
import { needsTrustedAccess } from '../domain/clusterLimits';
import type { ClusterRef } from '../domain/roleRequirements';
import { addableResourceTypes, addedResourceKind, type AddedResourceKind } from '../domain/roleGuidance';
import { parseArmId } from '../domain/armId';
import { getCluster } from './inventory';
import { kqlString, queryResourceGraph } from './resourceGraph';
import type { SubscriptionContext } from './subscriptionContext';

/** In the scope's own subscription, with the caller's credential (a registry can live elsewhere than the workspace). */
function contextFor(caller: SubscriptionContext, scope: string): SubscriptionContext {
    const subscriptionId = parseArmId(scope)?.subscriptionId;
    return subscriptionId ? { ...caller, subscriptionId } : caller;
}

/** The attached cluster as the prerequisite rows need it (kind, and the relay of an Arc cluster's AzureML extension). */
export async function clusterRefFor(caller: SubscriptionContext, clusterId: string): Promise<ClusterRef | undefined> {
    const cluster = await getCluster(contextFor(caller, clusterId), clusterId);
    if (!cluster) {
        return undefined;
    }
    const extension = cluster.azureMlExtension;
    return {
        id: cluster.id,
        kind: cluster.kind,
        relayId: 'relayId' in extension ? extension.relayId : undefined,
        trustedAccess: needsTrustedAccess(cluster),
    };
}

export interface AddableResource {
    readonly id: string;
    readonly name: string;
    readonly kind: AddedResourceKind;
    readonly subscriptionId: string;
    readonly resourceGroup: string;
}

/** Container registries and storage accounts in the subscriptions, through Resource Graph, sorted by name. */
export async function listAddableResources(subscriptions: readonly SubscriptionContext[]): Promise<AddableResource[]> {
    const types = Object.values(addableResourceTypes)
        .map((t) => kqlString(t.toLowerCase()))
        .join(', ');
    const rows = await queryResourceGraph<{
        id?: string;
        name?: string;
        subscriptionId?: string;
        resourceGroup?: string;
    }>(subscriptions, `Resources | where type in~ (${types}) | project id, name, type, subscriptionId, resourceGroup`);
    const found: AddableResource[] = [];
    for (const row of rows) {
        const kind = row.id ? addedResourceKind(row.id) : undefined;
        if (row.id && kind) {
            found.push({
                id: row.id,
                name: row.name ?? row.id,
                kind,
                subscriptionId: row.subscriptionId ?? parseArmId(row.id)?.subscriptionId ?? '',
                resourceGroup: row.resourceGroup ?? parseArmId(row.id)?.resourceGroup ?? '',
            });
        }
    }
    return found.sort((a, b) => a.name.localeCompare(b.name));
}
