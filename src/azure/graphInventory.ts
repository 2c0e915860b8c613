/**
 * The inventory through Azure Resource Graph: every selected subscription in one query per resource kind.
 * Each query projects only the properties the mappers read, lifted to top-level columns, so a 1,000-row page stays
 * small; the rows then have the shapes the mappers take.
 */
import { parseArmId } from '../domain/armId';
import {
    toAzureMlExtensionState,
    toCompute,
    toManagedIdentity,
    toWorkspace,
    type ClusterShape,
    type ComputeShape,
    type ExtensionShape,
    type ManagedIdentityShape,
    type WorkspaceShape,
} from './mappers';
import type { WorkspaceRef } from '../domain/models';
import {
    azureMlExtensionType,
    clusterResourceTypes,
    type AzureMlExtensionState,
    type ClusterKind,
    type ComputeInfo,
    type ManagedIdentityInfo,
    type WorkspaceInfo,
} from '../domain/models';
import { kqlString, queryResourceGraph, type GraphTarget } from './resourceGraph';
import type { SubscriptionContext } from './subscriptionContext';

/** `project` with each property lifted to a column of its own name. */
function project(columns: readonly string[], properties: readonly string[]): string {
    return `project ${[...columns, ...properties.map((p) => `${p.split('.').pop()} = properties.${p}`)].join(', ')}`;
}

export async function graphWorkspaces(subscriptions: GraphTarget, abortSignal?: AbortSignal): Promise<WorkspaceInfo[]> {
    const rows = await queryResourceGraph<WorkspaceShape>(
        subscriptions,
        `Resources | where type =~ 'microsoft.machinelearningservices/workspaces' | ` +
            project(
                ['id', 'name', 'location', 'identity'],
                ['primaryUserAssignedIdentity', 'storageAccount', 'containerRegistry', 'privateEndpointConnections'],
            ),
        abortSignal,
    );
    return rows.map(toWorkspace).filter((w): w is WorkspaceInfo => !!w);
}

export async function graphIdentities(
    subscriptions: readonly SubscriptionContext[],
    abortSignal?: AbortSignal,
): Promise<ManagedIdentityInfo[]> {
    const rows = await queryResourceGraph<ManagedIdentityShape>(
        subscriptions,
        `Resources | where type =~ 'microsoft.managedidentity/userassignedidentities' | ` +
            project(['id', 'name', 'location'], ['principalId', 'clientId']),
        abortSignal,
    );
    return rows.map(toManagedIdentity).filter((i): i is ManagedIdentityInfo => !!i);
}

/** The clusters, without their AzureML extension state (see `graphAzureMlExtensions`). */
export async function graphClusters(
    subscriptions: readonly SubscriptionContext[],
    abortSignal?: AbortSignal,
): Promise<{ kind: ClusterKind; cluster: ClusterShape }[]> {
    const types = Object.values(clusterResourceTypes)
        .map((t) => kqlString(t.toLowerCase()))
        .join(', ');
    const rows = await queryResourceGraph<ClusterShape & { type?: string }>(
        subscriptions,
        `Resources | where type in~ (${types}) | ` +
            project(
                ['id', 'name', 'type', 'location', 'identity'],
                [
                    'servicePrincipalProfile',
                    'disableLocalAccounts',
                    'kubernetesVersion',
                    'currentKubernetesVersion',
                    'distribution',
                    'connectivityStatus',
                    'provisioningState',
                ],
            ),
        abortSignal,
    );
    return rows.map((cluster) => ({
        kind: cluster.type?.toLowerCase() === clusterResourceTypes.aks.toLowerCase() ? 'aks' : 'arc',
        cluster,
    }));
}

/** The AzureML extension's state by lower-cased cluster id; clusters without the extension are absent. */
export async function graphAzureMlExtensions(
    subscriptions: readonly SubscriptionContext[],
    abortSignal?: AbortSignal,
): Promise<Map<string, AzureMlExtensionState>> {
    const rows = await queryResourceGraph<ExtensionShape & { id?: string }>(
        subscriptions,
        `KubernetesConfigurationResources | where type =~ 'microsoft.kubernetesconfiguration/extensions' ` +
            `| where properties.extensionType =~ ${kqlString(azureMlExtensionType)} | ` +
            project(
                ['id', 'name'],
                ['extensionType', 'provisioningState', 'version', 'currentVersion', 'configurationSettings'],
            ),
        abortSignal,
    );
    const states = new Map<string, AzureMlExtensionState>();
    for (const row of rows) {
        const clusterId = row.id?.split(/\/providers\/Microsoft\.KubernetesConfiguration\//i)[0];
        if (clusterId && clusterId !== row.id) {
            states.set(clusterId.toLowerCase(), toAzureMlExtensionState([row]));
        }
    }
    return states;
}

type ComputeRow = Pick<ComputeShape, 'id' | 'name' | 'location' | 'identity'> &
    Omit<NonNullable<ComputeShape['properties']>, 'properties'> & {
        namespace?: string;
        defaultInstanceType?: unknown;
        instanceTypes?: unknown;
    };

/** Every Kubernetes compute in the subscriptions; the workspace is read from each compute's id. */
export async function graphKubernetesComputes(
    subscriptions: readonly SubscriptionContext[],
    abortSignal?: AbortSignal,
): Promise<ComputeInfo[]> {
    const rows = await queryResourceGraph<ComputeRow>(
        subscriptions,
        `Resources | where type =~ 'microsoft.machinelearningservices/workspaces/computes' ` +
            `| where properties.computeType =~ 'Kubernetes' | ` +
            project(
                ['id', 'name', 'location', 'identity'],
                [
                    'computeType',
                    'description',
                    'resourceId',
                    'provisioningState',
                    'provisioningErrors',
                    'createdOn',
                    'modifiedOn',
                    'properties.namespace',
                    'properties.defaultInstanceType',
                    'properties.instanceTypes',
                ],
            ),
        abortSignal,
    );
    const computes: ComputeInfo[] = [];
    for (const { id, name, location, identity, namespace, defaultInstanceType, instanceTypes, ...properties } of rows) {
        const workspace = id ? workspaceOfComputeId(id) : undefined;
        const compute =
            workspace &&
            toCompute(
                {
                    id,
                    name,
                    location,
                    identity,
                    properties: { ...properties, properties: { namespace, defaultInstanceType, instanceTypes } },
                },
                workspace,
            );
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
    return {
        id: computeId.slice(0, computeId.toLowerCase().lastIndexOf('/computes/')),
        name: workspace.name,
        subscriptionId: parsed.subscriptionId,
        resourceGroup: parsed.resourceGroup,
    };
}
