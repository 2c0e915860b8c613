/**
 * Built-in Azure role definitions the emulator knows (real ids; actions abridged from the Azure built-in roles list).
 * Ids are produced per scope when listed (`{scope}/providers/Microsoft.Authorization/roleDefinitions/{guid}`).
 */

export interface RoleDefinitionRecord {
    /** GUID. */
    name: string;
    roleName: string;
    description: string;
    roleType: 'BuiltInRole' | 'CustomRole';
    assignableScopes: string[];
    permissions: { actions: string[]; notActions: string[]; dataActions: string[]; notDataActions: string[] }[];
}

function builtIn(
    name: string,
    roleName: string,
    description: string,
    actions: string[],
    notActions: string[] = [],
    dataActions: string[] = [],
    notDataActions: string[] = [],
): RoleDefinitionRecord {
    return {
        name,
        roleName,
        description,
        roleType: 'BuiltInRole',
        assignableScopes: ['/'],
        permissions: [{ actions, notActions, dataActions, notDataActions }],
    };
}

const blob = 'Microsoft.Storage/storageAccounts/blobServices';

export const builtInRoles: readonly RoleDefinitionRecord[] = [
    builtIn(
        '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
        'Owner',
        'Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.',
        ['*'],
    ),
    builtIn(
        'b24988ac-6180-42a0-ab88-20f7382dd24c',
        'Contributor',
        'Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.',
        ['*'],
        [
            'Microsoft.Authorization/*/Delete',
            'Microsoft.Authorization/*/Write',
            'Microsoft.Authorization/elevateAccess/Action',
            'Microsoft.Blueprint/blueprintAssignments/write',
            'Microsoft.Blueprint/blueprintAssignments/delete',
            'Microsoft.Compute/galleries/share/action',
            'Microsoft.Purview/consents/write',
            'Microsoft.Purview/consents/delete',
            'Microsoft.Resources/deploymentStacks/manageDenySetting/action',
            'Microsoft.Subscription/cancel/action',
            'Microsoft.Subscription/enable/action',
        ],
    ),
    builtIn(
        'acdd72a7-3385-48ef-bd42-f606fba81ae7',
        'Reader',
        'View all resources, but does not allow you to make any changes.',
        ['*/read'],
    ),
    builtIn(
        '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
        'User Access Administrator',
        'Lets you manage user access to Azure resources.',
        ['*/read', 'Microsoft.Authorization/*', 'Microsoft.Support/*'],
    ),
    builtIn(
        'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
        'Role Based Access Control Administrator',
        'Manage access to Azure resources by assigning roles using Azure RBAC. This role does not allow you to manage access using other ways, such as Azure Policy.',
        [
            'Microsoft.Authorization/roleAssignments/write',
            'Microsoft.Authorization/roleAssignments/delete',
            '*/read',
            'Microsoft.Support/*',
        ],
    ),
    builtIn(
        '2787bf04-f1f5-4bfe-8383-c8a24483ee38',
        'Azure Relay Owner',
        'Allows for full access to Azure Relay resources.',
        ['Microsoft.Relay/*'],
        [],
        ['Microsoft.Relay/*'],
    ),
    builtIn('7f951dda-4ed3-4680-a7ca-43fe172d538d', 'AcrPull', 'acr pull', [
        'Microsoft.ContainerRegistry/registries/pull/read',
    ]),
    builtIn(
        '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
        'Storage Blob Data Reader',
        'Allows for read access to Azure Storage blob containers and data',
        [`${blob}/containers/read`, `${blob}/generateUserDelegationKey/action`],
        [],
        [`${blob}/containers/blobs/read`],
    ),
    builtIn(
        'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
        'Storage Blob Data Contributor',
        'Allows for read, write and delete access to Azure Storage blob containers and data',
        [
            `${blob}/containers/delete`,
            `${blob}/containers/read`,
            `${blob}/containers/write`,
            `${blob}/generateUserDelegationKey/action`,
        ],
        [],
        [
            `${blob}/containers/blobs/delete`,
            `${blob}/containers/blobs/read`,
            `${blob}/containers/blobs/write`,
            `${blob}/containers/blobs/move/action`,
            `${blob}/containers/blobs/add/action`,
        ],
    ),
    builtIn(
        '85cb6faf-e071-4c9b-8136-154b5a04f717',
        'Kubernetes Extension Contributor',
        'Can create, update, get, list and delete Kubernetes Extensions, and get extension async operations',
        [
            'Microsoft.Authorization/*/read',
            'Microsoft.Insights/alertRules/*',
            'Microsoft.Resources/deployments/*',
            'Microsoft.Resources/subscriptions/resourceGroups/read',
            'Microsoft.KubernetesConfiguration/extensions/write',
            'Microsoft.KubernetesConfiguration/extensions/read',
            'Microsoft.KubernetesConfiguration/extensions/delete',
            'Microsoft.KubernetesConfiguration/extensions/operations/read',
        ],
    ),
    builtIn(
        '0ab0b1a8-8aac-4efd-b8c2-3ee1fb270be8',
        'Azure Kubernetes Service Cluster Admin Role',
        'List cluster admin credential action.',
        [
            'Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action',
            'Microsoft.ContainerService/managedClusters/accessProfiles/listCredential/action',
            'Microsoft.ContainerService/managedClusters/read',
            'Microsoft.ContainerService/managedClusters/runcommand/action',
        ],
    ),
];

/** The built-in role named `roleName` (as the Azure built-in roles list names it). */
export function builtInRole(roleName: string): RoleDefinitionRecord {
    const role = builtInRoles.find((r) => r.roleName.toLowerCase() === roleName.toLowerCase());
    if (!role) {
        throw new Error(`the emulator knows no built-in role '${roleName}'`);
    }
    return role;
}
