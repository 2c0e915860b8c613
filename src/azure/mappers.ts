/** Maps SDK models (by shape; no SDK is loaded here) onto the extension's models. */
import { formatArmId, parseArmId, resourceName } from '../domain/armId';
import { instanceTypesOfCompute } from '../domain/instanceTypes';
import {
    azureMlExtensionType,
    type AzureMlExtensionState,
    type ClusterInfo,
    type ClusterKind,
    type ComputeInfo,
    type IdentityInfo,
    type IdentityType,
    type ManagedIdentityInfo,
    type ProvisioningState,
    type WorkspaceInfo,
    type WorkspaceRef,
} from '../domain/models';

interface IdentityShape {
    type?: string;
    principalId?: string;
    tenantId?: string;
    userAssignedIdentities?: Record<string, { principalId?: string; clientId?: string } | undefined>;
}

export function toIdentity(identity: IdentityShape | undefined): IdentityInfo {
    const type = normalizeIdentityType(identity?.type);
    return {
        type,
        principalId: identity?.principalId,
        tenantId: identity?.tenantId,
        userAssigned: Object.entries(identity?.userAssignedIdentities ?? {}).map(([id, value]) => ({
            id,
            principalId: value?.principalId,
            clientId: value?.clientId,
        })),
    };
}

function normalizeIdentityType(type: string | undefined): IdentityType {
    const compact = (type ?? 'None').replace(/\s/g, '').toLowerCase();
    switch (compact) {
        case 'systemassigned':
            return 'SystemAssigned';
        case 'userassigned':
            return 'UserAssigned';
        case 'systemassigned,userassigned':
            return 'SystemAssigned,UserAssigned';
        default:
            return 'None';
    }
}

export interface WorkspaceShape {
    id?: string;
    name?: string;
    location?: string;
    identity?: IdentityShape;
    primaryUserAssignedIdentity?: string;
    storageAccount?: string;
    containerRegistry?: string;
    privateEndpointConnections?: readonly unknown[] | null;
}

export function toWorkspace(ws: WorkspaceShape): WorkspaceInfo | undefined {
    const parsed = ws.id ? parseArmId(ws.id) : undefined;
    if (!ws.id || !parsed?.resourceGroup) {
        return undefined;
    }
    return {
        id: ws.id,
        name: ws.name ?? resourceName(parsed) ?? ws.id,
        subscriptionId: parsed.subscriptionId,
        resourceGroup: parsed.resourceGroup,
        location: ws.location ?? '',
        identity: toIdentity(ws.identity),
        primaryUserAssignedIdentity: ws.primaryUserAssignedIdentity || undefined,
        storageAccount: ws.storageAccount || undefined,
        containerRegistry: ws.containerRegistry || undefined,
        privateEndpoint: (ws.privateEndpointConnections?.length ?? 0) > 0,
    };
}

export interface ComputeShape {
    id?: string;
    name?: string;
    location?: string;
    identity?: IdentityShape;
    properties?: {
        computeType?: string;
        description?: string;
        resourceId?: string;
        provisioningState?: string;
        provisioningErrors?: { error?: { code?: string; message?: string } }[];
        createdOn?: Date | string;
        modifiedOn?: Date | string;
        /** Type-specific; for Kubernetes computes it holds the namespace. */
        properties?: unknown;
    };
}

const provisioningStates: readonly ProvisioningState[] = [
    'Unknown',
    'Updating',
    'Creating',
    'Deleting',
    'Succeeded',
    'Failed',
    'Canceled',
];

export function toProvisioningState(value: string | undefined): ProvisioningState {
    return provisioningStates.find((s) => s.toLowerCase() === value?.toLowerCase()) ?? 'Unknown';
}

export function isKubernetesCompute(compute: ComputeShape): boolean {
    return compute.properties?.computeType?.toLowerCase() === 'kubernetes';
}

/** What a compute needs to know of its workspace. */

/** Maps a Kubernetes compute; returns undefined for other compute types and malformed ids. */
export function toCompute(compute: ComputeShape, workspace: WorkspaceRef): ComputeInfo | undefined {
    if (!compute.id || !isKubernetesCompute(compute)) {
        return undefined;
    }
    const props = compute.properties ?? {};
    return {
        id: compute.id,
        name:
            compute.name ?? resourceName(parseArmId(compute.id) ?? { subscriptionId: '', segments: [] }) ?? compute.id,
        workspaceId: workspace.id,
        workspaceName: workspace.name,
        subscriptionId: workspace.subscriptionId,
        resourceGroup: workspace.resourceGroup,
        location: compute.location,
        description: props.description || undefined,
        clusterId: props.resourceId || undefined,
        namespace: kubernetesNamespace(props.properties),
        provisioningState: toProvisioningState(props.provisioningState),
        provisioningErrors: (props.provisioningErrors ?? []).map((e) => ({
            code: e.error?.code,
            message: e.error?.message ?? e.error?.code ?? 'Unknown error',
        })),
        identity: toIdentity(compute.identity),
        createdOn: toDate(props.createdOn),
        modifiedOn: toDate(props.modifiedOn),
        ...instanceTypesOfCompute(props.properties),
    };
}

function kubernetesNamespace(properties: unknown): string | undefined {
    const namespace = (properties as { namespace?: unknown } | undefined)?.namespace;
    return typeof namespace === 'string' && namespace ? namespace : undefined;
}

function toDate(value: Date | string | undefined): Date | undefined {
    if (!value) {
        return undefined;
    }
    const date = value instanceof Date ? value : new Date(value);
    return Number.isNaN(date.getTime()) ? undefined : date;
}

export interface ClusterShape {
    id?: string;
    name?: string;
    location?: string;
    kubernetesVersion?: string;
    currentKubernetesVersion?: string;
    distribution?: string;
    connectivityStatus?: string;
    provisioningState?: string;
    identity?: { type?: string } | null;
    servicePrincipalProfile?: { clientId?: string } | null;
    disableLocalAccounts?: boolean | null;
}

/** `clientId: "msi"` (or no service principal and a cluster identity) means the cluster uses a managed identity. */
function aksIdentityOf(cluster: ClusterShape): ClusterInfo['aksIdentity'] {
    const clientId = cluster.servicePrincipalProfile?.clientId;
    if (clientId && clientId.toLowerCase() !== 'msi') {
        return 'servicePrincipal';
    }
    return clientId || cluster.identity?.type ? 'managedIdentity' : undefined;
}

export function toCluster(
    kind: ClusterKind,
    cluster: ClusterShape,
    extension: AzureMlExtensionState,
): ClusterInfo | undefined {
    const parsed = cluster.id ? parseArmId(cluster.id) : undefined;
    if (!cluster.id || !parsed?.resourceGroup) {
        return undefined;
    }
    return {
        id: cluster.id,
        name: cluster.name ?? resourceName(parsed) ?? cluster.id,
        kind,
        subscriptionId: parsed.subscriptionId,
        resourceGroup: parsed.resourceGroup,
        location: cluster.location ?? '',
        kubernetesVersion: cluster.currentKubernetesVersion ?? cluster.kubernetesVersion,
        distribution: cluster.distribution,
        connectivityStatus: cluster.connectivityStatus,
        provisioningState: cluster.provisioningState,
        azureMlExtension: extension,
        ...(kind === 'aks'
            ? { aksIdentity: aksIdentityOf(cluster), localAccountsDisabled: cluster.disableLocalAccounts === true }
            : {}),
    };
}

export interface ExtensionShape {
    name?: string;
    configurationSettings?: Record<string, string>;
    extensionType?: string;
    provisioningState?: string;
    currentVersion?: string;
    version?: string;
}

/** The AzureML extension's state from a cluster's extension list (type compared case-insensitively). */
export function toAzureMlExtensionState(extensions: readonly ExtensionShape[]): AzureMlExtensionState {
    const ext = extensions.find((e) => e.extensionType?.toLowerCase() === azureMlExtensionType.toLowerCase());
    if (!ext) {
        return { status: 'notInstalled' };
    }
    const name = ext.name ?? azureMlExtensionType;
    const relayId = relayNamespaceId(ext.configurationSettings?.['relayserver.hybridConnectionResourceID']);
    if (ext.provisioningState?.toLowerCase() === 'succeeded') {
        return { status: 'installed', name, version: ext.currentVersion ?? ext.version, relayId };
    }
    return { status: 'notReady', name, provisioningState: ext.provisioningState ?? 'Unknown', relayId };
}

/**
 * On Arc clusters the extension records the relay's hybrid connection; roles are granted on its namespace.
 * Returns undefined for anything that is not a relay id.
 */
export function relayNamespaceId(hybridConnectionId: string | undefined): string | undefined {
    const parsed = hybridConnectionId ? parseArmId(hybridConnectionId) : undefined;
    if (
        !parsed ||
        parsed.provider?.toLowerCase() !== 'microsoft.relay' ||
        parsed.segments[0]?.type.toLowerCase() !== 'namespaces'
    ) {
        return undefined;
    }
    return formatArmId({ ...parsed, segments: [parsed.segments[0]] });
}

export interface ManagedIdentityShape {
    id?: string;
    name?: string;
    location?: string;
    principalId?: string;
    clientId?: string;
}

export function toManagedIdentity(identity: ManagedIdentityShape): ManagedIdentityInfo | undefined {
    const parsed = identity.id ? parseArmId(identity.id) : undefined;
    if (!identity.id || !parsed?.resourceGroup) {
        return undefined;
    }
    return {
        id: identity.id,
        name: identity.name ?? resourceName(parsed) ?? identity.id,
        resourceGroup: parsed.resourceGroup,
        subscriptionId: parsed.subscriptionId,
        location: identity.location ?? '',
        principalId: identity.principalId,
        clientId: identity.clientId,
    };
}
