/**
 * What the extension knows about Azure resources, reduced from the SDK models to the fields it shows or
 * reasons about. Secrets the service returns (relay and service bus connection strings) are never copied here.
 */
import type { InstanceType } from './instanceTypes';

export type ProvisioningState = 'Unknown' | 'Updating' | 'Creating' | 'Deleting' | 'Succeeded' | 'Failed' | 'Canceled';

export type IdentityType = 'None' | 'SystemAssigned' | 'UserAssigned' | 'SystemAssigned,UserAssigned';

export interface SubscriptionRef {
    readonly subscriptionId: string;
    readonly name: string;
    readonly tenantId: string;
}

export interface UserAssignedIdentityRef {
    readonly id: string;
    readonly principalId?: string;
    readonly clientId?: string;
}

/** A user-assigned managed identity resource, as the identity pickers list it. */
export interface ManagedIdentityInfo extends UserAssignedIdentityRef {
    readonly name: string;
    readonly resourceGroup: string;
    readonly subscriptionId: string;
    readonly location: string;
}

export interface IdentityInfo {
    readonly type: IdentityType;
    readonly principalId?: string;
    readonly tenantId?: string;
    /** The user-assigned identities, in the order the service returned them. */
    readonly userAssigned: readonly UserAssignedIdentityRef[];
}

export interface WorkspaceInfo {
    readonly id: string;
    readonly name: string;
    readonly subscriptionId: string;
    readonly resourceGroup: string;
    readonly location: string;
    readonly identity: IdentityInfo;
    readonly primaryUserAssignedIdentity?: string;
    readonly storageAccount?: string;
    readonly containerRegistry?: string;
    /** The workspace has private endpoint connections (a managed identity on its computes is not supported). */
    readonly privateEndpoint?: boolean;
}

export interface ComputeInfo {
    readonly id: string;
    readonly name: string;
    readonly workspaceId: string;
    readonly workspaceName: string;
    readonly subscriptionId: string;
    readonly resourceGroup: string;
    readonly location?: string;
    readonly description?: string;
    /** ARM id of the attached AKS or Arc cluster. */
    readonly clusterId?: string;
    readonly namespace?: string;
    readonly provisioningState: ProvisioningState;
    readonly provisioningErrors: readonly { readonly code?: string; readonly message: string }[];
    readonly identity: IdentityInfo;
    readonly createdOn?: Date;
    readonly modifiedOn?: Date;
    /** `properties.properties.defaultInstanceType`: what a job that names no instance type gets. */
    readonly defaultInstanceType?: string;
    /** `properties.properties.instanceTypes`, as the service reports the cluster's (source `compute`). */
    readonly instanceTypes?: readonly InstanceType[];
}

export type ClusterKind = 'aks' | 'arc';

export type AzureMlExtensionState =
    | { readonly status: 'installed'; readonly name: string; readonly version?: string; readonly relayId?: string }
    | {
          readonly status: 'notReady';
          readonly name: string;
          readonly provisioningState: string;
          readonly relayId?: string;
      }
    | { readonly status: 'notInstalled' }
    | { readonly status: 'unknown'; readonly reason: string };

export interface ClusterInfo {
    readonly id: string;
    readonly name: string;
    readonly kind: ClusterKind;
    readonly subscriptionId: string;
    readonly resourceGroup: string;
    readonly location: string;
    readonly kubernetesVersion?: string;
    /** Arc only: k3s, aks_edge_k8s, openshift, ... */
    readonly distribution?: string;
    /** Arc only: Connected, Offline, Expired, ... */
    readonly connectivityStatus?: string;
    readonly provisioningState?: string;
    readonly azureMlExtension: AzureMlExtensionState;
    /** AKS only: how the cluster itself signs in to Azure (`servicePrincipalProfile.clientId` is `msi` or absent for MI). */
    readonly aksIdentity?: 'managedIdentity' | 'servicePrincipal';
    /** AKS only: `disableLocalAccounts`; Azure ML then reaches the cluster through Trusted Access. */
    readonly localAccountsDisabled?: boolean;
}

/** An AKS trusted access role binding: lets a source resource (a workspace) reach the cluster with the given roles. */
export interface TrustedAccessBindingInfo {
    readonly id: string;
    readonly name: string;
    readonly sourceResourceId: string;
    readonly roles: readonly string[];
    readonly provisioningState?: string;
    readonly createdOn?: Date;
}

export const azureMlExtensionType = 'Microsoft.AzureML.Kubernetes';

export const clusterResourceTypes: Record<ClusterKind, string> = {
    aks: 'Microsoft.ContainerService/managedClusters',
    arc: 'Microsoft.Kubernetes/connectedClusters',
};

/** What is needed to address a workspace's computes. */
export type WorkspaceRef = Pick<WorkspaceInfo, 'id' | 'name' | 'subscriptionId' | 'resourceGroup'>;
