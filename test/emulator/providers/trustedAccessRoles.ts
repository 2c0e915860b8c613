/**
 * The Trusted Access roles AKS publishes (`GET /subscriptions/{s}/providers/Microsoft.ContainerService/locations/{l}/
 * trustedAccessRoles`, shape of the containerservice spec's TrustedAccessRoles_List example): each names the source
 * resource type that may be bound to it and the Kubernetes RBAC rules it grants. Azure ML binds workspaces with
 * `mlworkload` (AML-Kubernetes docs/azureml-aks-ta-support.md); the rules below are the emulator's own, in the real shape.
 */

import type { Json } from '../model';

interface RoleRule {
    verbs: string[];
    apiGroups: string[];
    resources: string[];
    resourceNames: string[];
    nonResourceURLs: string[];
}

interface TrustedAccessRole {
    sourceResourceType: string;
    name: string;
    rules: RoleRule[];
}

const rule = (verbs: string[], apiGroups: string[], resources: string[]): RoleRule => ({
    verbs,
    apiGroups,
    resources,
    resourceNames: [],
    nonResourceURLs: [],
});

const workspaces = 'Microsoft.MachineLearningServices/workspaces';

export const trustedAccessRoles: readonly TrustedAccessRole[] = [
    {
        sourceResourceType: workspaces,
        name: 'mlworkload',
        rules: [
            rule(['*'], [''], ['pods', 'services', 'configmaps', 'secrets', 'serviceaccounts', 'events']),
            rule(['*'], ['apps', 'batch'], ['deployments', 'statefulsets', 'jobs']),
            rule(['*'], ['amlarc.azureml.com'], ['*']),
            rule(['get', 'list', 'watch'], [''], ['namespaces', 'nodes']),
        ],
    },
    {
        sourceResourceType: workspaces,
        name: 'inference-v1',
        rules: [
            rule(['*'], [''], ['pods', 'services', 'configmaps', 'secrets']),
            rule(['*'], ['apps'], ['deployments']),
            rule(['get', 'list', 'watch'], [''], ['namespaces', 'nodes']),
        ],
    },
    {
        sourceResourceType: 'Microsoft.DataProtection/backupVaults',
        name: 'backup-operator',
        rules: [rule(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'], ['*'], ['*'])],
    },
];

/** The role a binding names as `{sourceResourceType}/{name}`, if AKS publishes it. */
export function findTrustedAccessRole(qualifiedName: string): TrustedAccessRole | undefined {
    const lower = qualifiedName.toLowerCase();
    return trustedAccessRoles.find((r) => `${r.sourceResourceType}/${r.name}`.toLowerCase() === lower);
}

export function trustedAccessRoleList(): Json[] {
    return trustedAccessRoles.map((r) => JSON.parse(JSON.stringify(r)) as Json);
}
