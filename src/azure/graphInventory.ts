/**
 * The inventory through Azure Resource Graph: every selected subscription in one query per resource kind.
 * Rows carry the raw ARM JSON (`properties` nested), so they are flattened here to the shapes the mappers take.
 */
import { parseArmId } from './armId';
import {
    toAzureMlExtensionState,
    toCompute,
    toManagedIdentity,
    toWorkspace,
    type ClusterShape,
    type ComputeShape,
    type ExtensionShape,
    type WorkspaceRef,
    type WorkspaceShape,
} from './mappers';
import {
    azureMlExtensionType,
    clusterResourceTypes,
    type AzureMlExtensionState,
    type ClusterKind,
    type ComputeInfo,
    type ManagedIdentityInfo,
    type WorkspaceInfo,
} from './models';
import { kqlString, queryResourceGraph } from './resourceGraph';
import type { SubscriptionContext } from './subscriptionContext';

interface GraphRow {
    id?: string;
    name?: string;
    type?: string;
    location?: string;
    identity?: WorkspaceShape['identity'];
    properties?: Record<string, unknown>;
}

const columns = 'project id, name, type, location, identity, properties';

function flatten<T>(row: GraphRow): T {
    return { ...row.properties, id: row.id, name: row.name, location: row.location, identity: row.identity } as T;
}

export async function graphWorkspaces(
    subscriptions: readonly SubscriptionContext[],
    abortSignal?: AbortSignal,
): Promise<WorkspaceInfo[]> {
    const rows = await queryResourceGraph<GraphRow>(
        subscriptions,
        `Resources | where type =~ 'microsoft.machinelearningservices/workspaces' | ${columns}`,
        abortSignal,
    );
    return rows.map((row) => toWorkspace(flatten<WorkspaceShape>(row))).filter((w): w is WorkspaceInfo => !!w);
}

export async function graphIdentities(
    subscriptions: readonly SubscriptionContext[],
    abortSignal?: AbortSignal,
): Promise<ManagedIdentityInfo[]> {
    const rows = await queryResourceGraph<GraphRow>(
        subscriptions,
        `Resources | where type =~ 'microsoft.managedidentity/userassignedidentities' | ${columns}`,
        abortSignal,
    );
    return rows.map((row) => toManagedIdentity(flatten(row))).filter((i): i is ManagedIdentityInfo => !!i);
}

/** The clusters, without their AzureML extension state (see `graphAzureMlExtensions`). */
export async function graphClusters(
    subscriptions: readonly SubscriptionContext[],
    abortSignal?: AbortSignal,
): Promise<{ kind: ClusterKind; cluster: ClusterShape }[]> {
    const types = Object.values(clusterResourceTypes)
        .map((t) => kqlString(t.toLowerCase()))
        .join(', ');
    const rows = await queryResourceGraph<GraphRow>(
        subscriptions,
        `Resources | where type in~ (${types}) | ${columns}`,
        abortSignal,
    );
    return rows.map((row) => ({
        kind: row.type?.toLowerCase() === clusterResourceTypes.aks.toLowerCase() ? 'aks' : 'arc',
        cluster: flatten<ClusterShape>(row),
    }));
}

/** The AzureML extension's state by lower-cased cluster id; clusters without the extension are absent. */
export async function graphAzureMlExtensions(
    subscriptions: readonly SubscriptionContext[],
    abortSignal?: AbortSignal,
): Promise<Map<string, AzureMlExtensionState>> {
    const rows = await queryResourceGraph<GraphRow>(
        subscriptions,
        `KubernetesConfigurationResources | where type =~ 'microsoft.kubernetesconfiguration/extensions' ` +
            `| where properties.extensionType =~ ${kqlString(azureMlExtensionType)} | project id, name, properties`,
        abortSignal,
    );
    const states = new Map<string, AzureMlExtensionState>();
    for (const row of rows) {
        const clusterId = row.id?.split(/\/providers\/Microsoft\.KubernetesConfiguration\//i)[0];
        if (clusterId && clusterId !== row.id) {
            const extension: ExtensionShape = { ...row.properties, name: row.name };
            states.set(clusterId.toLowerCase(), toAzureMlExtensionState([extension]));
        }
    }
    return states;
}

/** Every Kubernetes compute in the subscriptions; the workspace is read from each compute's id. */
export async function graphKubernetesComputes(
    subscriptions: readonly SubscriptionContext[],
    abortSignal?: AbortSignal,
): Promise<ComputeInfo[]> {
    const rows = await queryResourceGraph<GraphRow>(
        subscriptions,
        `Resources | where type =~ 'microsoft.machinelearningservices/workspaces/computes' ` +
            `| where properties.computeType =~ 'Kubernetes' | project id, name, location, identity, properties`,
        abortSignal,
    );
    const computes: ComputeInfo[] = [];
    for (const row of rows) {
        const workspace = row.id ? workspaceOfComputeId(row.id) : undefined;
        const compute = workspace && toCompute(row as ComputeShape, workspace);
        if (compute) {
            computes.push(compute);
        }
    }
    return computes;
}

function workspaceOfComputeId(computeId: string): WorkspaceRef | undefined {
    const parsed = parseArmId(computeId);
    const workspace = parsed?.segments[0];
    if (!parsed?.resourceGroup || parsed.segments.length !== 2 || !workspace) {
        return undefined;
    }
    const workspaceId = computeId.slice(0, computeId.toLowerCase().lastIndexOf('/computes/'));
    return {
        id: workspaceId,
        name: workspace.name,
        subscriptionId: parsed.subscriptionId,
        resourceGroup: parsed.resourceGroup,
    };
}
