/**
 * Lists what the views show, one subscription at a time, through the SDK clients. No caching here
 * (see inventoryCache.ts) and no `vscode` import.
 */
import { clusterKindFromId, parseArmId, resourceName } from '../domain/armId';
import {
    createConnectedClusterClient,
    createContainerServiceClient,
    createKubernetesConfigurationClient,
    createMachineLearningClient,
    createManagedIdentityClient,
} from './clients';
import { listAll, mapWithConcurrency } from './concurrency';
import { describeAzureError } from './errors';
import { toAzureMlExtensionState, toCluster, toCompute, toManagedIdentity, toWorkspace } from './mappers';
import type { WorkspaceRef } from '../domain/models';
import type {
    AzureMlExtensionState,
    ClusterInfo,
    ClusterKind,
    ComputeInfo,
    ManagedIdentityInfo,
    WorkspaceInfo,
} from '../domain/models';
import type { SubscriptionContext } from './subscriptionContext';

/**
 * Requests in flight at once for fan-out listings (subscriptions, extensions per cluster, computes per workspace).
 * ARM throttles reads per subscription and principal in the thousands per window, so 16 stays far below it.
 */
export const fanOutConcurrency = 16;

export async function listWorkspaces(sub: SubscriptionContext): Promise<WorkspaceInfo[]> {
    const client = await createMachineLearningClient(sub);
    const workspaces = await listAll(client.workspaces.listBySubscription());
    return workspaces
        .map(toWorkspace)
        .filter((w): w is WorkspaceInfo => !!w)
        .sort((a, b) => a.name.localeCompare(b.name));
}

export async function listComputes(sub: SubscriptionContext, workspace: WorkspaceInfo): Promise<ComputeInfo[]> {
    const client = await createMachineLearningClient(sub);
    const computes = await listAll(client.computeOperations.list(workspace.resourceGroup, workspace.name));
    return computes
        .map((c) => toCompute(c, workspace))
        .filter((c): c is ComputeInfo => !!c)
        .sort((a, b) => a.name.localeCompare(b.name));
}

export async function getCompute(
    sub: SubscriptionContext,
    workspace: WorkspaceRef,
    name: string,
): Promise<ComputeInfo | undefined> {
    const client = await createMachineLearningClient(sub);
    try {
        return toCompute(await client.computeOperations.get(workspace.resourceGroup, workspace.name, name), workspace);
    } catch (error) {
        if (describeAzureError(error).kind === 'notFound') {
            return undefined;
        }
        throw error;
    }
}

export async function listClusters(sub: SubscriptionContext): Promise<ClusterInfo[]> {
    const [aks, arc] = await Promise.all([listAksClusters(sub), listArcClusters(sub)]);
    const found: { kind: ClusterKind; cluster: { id?: string; name?: string } }[] = [
        ...aks.map((cluster) => ({ kind: 'aks' as const, cluster })),
        ...arc.map((cluster) => ({ kind: 'arc' as const, cluster })),
    ];
    const clusters = await mapWithConcurrency(found, fanOutConcurrency, async ({ kind, cluster }) =>
        toCluster(kind, cluster, cluster.id ? await getAzureMlExtensionState(sub, kind, cluster.id) : notReadable),
    );
    return clusters.filter((c): c is ClusterInfo => !!c).sort((a, b) => a.name.localeCompare(b.name));
}

async function listAksClusters(sub: SubscriptionContext) {
    const client = await createContainerServiceClient(sub);
    return listAll(client.managedClusters.list());
}

async function listArcClusters(sub: SubscriptionContext) {
    const client = await createConnectedClusterClient(sub);
    return listAll(client.connectedClusterOperations.listBySubscription());
}

const notReadable: AzureMlExtensionState = { status: 'unknown', reason: 'The cluster has no resource id.' };

/** The AzureML extension's state on one cluster; an unreadable extension list becomes `unknown`, not a failure. */
export async function getAzureMlExtensionState(
    sub: SubscriptionContext,
    kind: ClusterKind,
    clusterId: string,
): Promise<AzureMlExtensionState> {
    const parsed = parseArmId(clusterId);
    const name = parsed?.segments[0]?.name;
    if (!parsed?.resourceGroup || !name) {
        return notReadable;
    }
    try {
        const client = await createKubernetesConfigurationClient(sub);
        const [provider, type] =
            kind === 'aks'
                ? ['Microsoft.ContainerService', 'managedClusters']
                : ['Microsoft.Kubernetes', 'connectedClusters'];
        const extensions = await listAll(client.extensions.list(parsed.resourceGroup, provider, type, name));
        return toAzureMlExtensionState(extensions);
    } catch (error) {
        return { status: 'unknown', reason: describeAzureError(error).message };
    }
}

export async function listUserAssignedIdentities(sub: SubscriptionContext): Promise<ManagedIdentityInfo[]> {
    const client = await createManagedIdentityClient(sub);
    const identities = await listAll(client.userAssignedIdentities.listBySubscription());
    return identities
        .map(toManagedIdentity)
        .filter((i): i is ManagedIdentityInfo => !!i)
        .sort((a, b) => a.name.localeCompare(b.name));
}

/** Reads one cluster by id, with its AzureML extension state (for ids the user typed). */
export async function getCluster(sub: SubscriptionContext, clusterId: string): Promise<ClusterInfo | undefined> {
    const parsed = parseArmId(clusterId);
    const name = parsed?.segments[0]?.name;
    if (!parsed?.resourceGroup || !name) {
        return undefined;
    }
    const kind = clusterKindFromId(clusterId);
    const cluster =
        kind === 'aks'
            ? await (await createContainerServiceClient(sub)).managedClusters.get(parsed.resourceGroup, name)
            : await (
                  await createConnectedClusterClient(sub)
              ).connectedClusterOperations.get(parsed.resourceGroup, name);
    return toCluster(kind, cluster, await getAzureMlExtensionState(sub, kind, clusterId));
}

/** The principal id of a user-assigned identity, read from the identity resource in its own subscription. */
export async function userAssignedPrincipalId(
    caller: SubscriptionContext,
    identityId: string,
): Promise<string | undefined> {
    const parsed = parseArmId(identityId);
    const name = parsed && resourceName(parsed);
    if (!parsed?.resourceGroup || !name) {
        return undefined;
    }
    const client = await createManagedIdentityClient({ ...caller, subscriptionId: parsed.subscriptionId });
    return (await client.userAssignedIdentities.get(parsed.resourceGroup, name)).principalId;
}
