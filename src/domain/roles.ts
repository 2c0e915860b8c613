/** Built-in Azure roles the extension reasons about, by their fixed ids. */
import { parseArmId, resourceType } from './armId';

export interface BuiltInRole {
    readonly id: string;
    readonly name: string;
}

export const builtInRoles = {
    owner: { id: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635', name: 'Owner' },
    contributor: { id: 'b24988ac-6180-42a0-ab88-20f7382dd24c', name: 'Contributor' },
    reader: { id: 'acdd72a7-3385-48ef-bd42-f606fba81ae7', name: 'Reader' },
    userAccessAdministrator: { id: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9', name: 'User Access Administrator' },
    azureRelayOwner: { id: '2787bf04-f1f5-4bfe-8383-c8a24483ee38', name: 'Azure Relay Owner' },
    acrPull: { id: '7f951dda-4ed3-4680-a7ca-43fe172d538d', name: 'AcrPull' },
    storageBlobDataReader: { id: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1', name: 'Storage Blob Data Reader' },
    storageBlobDataContributor: { id: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe', name: 'Storage Blob Data Contributor' },
    kubernetesExtensionContributor: {
        id: '85cb6faf-e071-4c9b-8136-154b5a04f717',
        name: 'Kubernetes Extension Contributor',
    },
    aksClusterAdmin: {
        id: '0ab0b1a8-8aac-4efd-b8c2-3ee1fb270be8',
        name: 'Azure Kubernetes Service Cluster Admin Role',
    },
} as const satisfies Record<string, BuiltInRole>;

/** Roles the extension never grants: they give far more than any requirement needs. */
export const neverGrantedRoleIds: readonly string[] = [
    builtInRoles.owner.id,
    builtInRoles.contributor.id,
    builtInRoles.userAccessAdministrator.id,
];

const clusterTypes = ['Microsoft.ContainerService/managedClusters', 'Microsoft.Kubernetes/connectedClusters'];

/**
 * The only roles the extension grants, each on the only kind of resource its guidance names: a compute's identity on
 * the workspace's (or an added) registry and storage account, and a workspace's user-assigned identity on the cluster
 * and an Arc cluster's relay. Never on a subscription or a resource group.
 */
export const grantableRoles: Readonly<Record<string, readonly string[]>> = {
    [builtInRoles.acrPull.id]: ['Microsoft.ContainerRegistry/registries'],
    [builtInRoles.storageBlobDataReader.id]: ['Microsoft.Storage/storageAccounts'],
    [builtInRoles.storageBlobDataContributor.id]: ['Microsoft.Storage/storageAccounts'],
    [builtInRoles.reader.id]: clusterTypes,
    [builtInRoles.kubernetesExtensionContributor.id]: clusterTypes,
    [builtInRoles.aksClusterAdmin.id]: ['Microsoft.ContainerService/managedClusters'],
    [builtInRoles.azureRelayOwner.id]: ['Microsoft.Relay/namespaces'],
};

/**
 * Why the extension will not grant `roleId` at `scope`, or undefined when it may (the caller still needs the right to).
 * Guards every grant, whatever asked for it: a forged panel message, or a workspace or compute whose properties point
 * its registry, storage or cluster at a subscription or resource group.
 */
export function grantRefusal(roleId: string, scope: string): string | undefined {
    const id = roleId.toLowerCase();
    if (neverGrantedRoleIds.includes(id)) {
        return 'Owner, Contributor and User Access Administrator are never granted by this extension.';
    }
    const types = grantableRoles[id];
    if (!types) {
        return `This extension grants only the roles its guidance names, not role ${roleId}.`;
    }
    const parsed = parseArmId(scope);
    const type = parsed && parsed.segments.length === 1 ? resourceType(parsed) : undefined;
    if (!type || !types.some((t) => t.toLowerCase() === type.toLowerCase())) {
        return `This role is granted only on a ${types.join(' or ')}, not on ${scope}.`;
    }
    return undefined;
}

/** The action a user needs at a scope to grant roles there. */
export const roleAssignmentWriteAction = 'Microsoft.Authorization/roleAssignments/write';

export function roleDefinitionIdAt(subscriptionId: string, roleId: string): string {
    return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${roleId}`;
}
