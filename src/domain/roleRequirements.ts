/**
 * Which roles an identity needs, where, and according to which documentation; and whether they are granted.
 * Shared by the attach preflight and the compute panel's role guidance. Pure.
 */
import { nameFromId } from './armId';
import type { ClusterKind } from './models';
import { findCoveringAssignment, type RoleAssignmentLike, type RoleDefinitionLike } from './permissions';
import { builtInRoles, type BuiltInRole } from './roles';

export type RequirementSource =
    /** The prerequisite table for workspaces with a user-assigned identity. */
    | 'attachPrerequisite'
    /** Listed by newer documentation; without them attach can fail with "extension not installed". */
    | 'newerDocumentation'
    /** What a compute identity needs to run training jobs. */
    | 'training';

export interface RoleRequirement {
    readonly role: BuiltInRole;
    /** ARM id of the scope; undefined when it could not be found (e.g. an Arc cluster's relay). */
    readonly scope: string | undefined;
    readonly scopeLabel: string;
    readonly source: RequirementSource;
    /** Optional requirements are offered, not demanded (e.g. write access to storage). */
    readonly optional?: boolean;
}

export interface ClusterRef {
    readonly id: string;
    readonly kind: ClusterKind;
    readonly relayId?: string;
    /** AKS with local accounts disabled: Azure ML reaches it through Trusted Access. */
    readonly trustedAccess?: boolean;
}

/** Roles a workspace's user-assigned identity needs before a cluster can be attached. */
export function workspaceIdentityRequirements(cluster: ClusterRef): RoleRequirement[] {
    const clusterLabel = `${cluster.kind === 'aks' ? 'AKS cluster' : 'Arc-enabled cluster'} ${nameFromId(cluster.id)}`;
    const requirements: RoleRequirement[] = [
        { role: builtInRoles.reader, scope: cluster.id, scopeLabel: clusterLabel, source: 'attachPrerequisite' },
    ];
    if (cluster.kind === 'arc') {
        requirements.push({
            role: builtInRoles.azureRelayOwner,
            scope: cluster.relayId,
            scopeLabel: cluster.relayId
                ? `Azure Relay ${nameFromId(cluster.relayId)}`
                : `Azure Relay of ${nameFromId(cluster.id)}`,
            source: 'attachPrerequisite',
        });
    }
    requirements.push({
        role: builtInRoles.kubernetesExtensionContributor,
        scope: cluster.id,
        scopeLabel: clusterLabel,
        source: 'newerDocumentation',
    });
    if (cluster.kind === 'aks') {
        requirements.push({
            role: builtInRoles.aksClusterAdmin,
            scope: cluster.id,
            scopeLabel: clusterLabel,
            source: 'newerDocumentation',
        });
    }
    if (cluster.kind === 'aks' && cluster.trustedAccess) {
        // how-to-attach-kubernetes-to-workspace: Contributor on an AKS cluster with Trusted Access enabled.
        requirements.push({
            role: builtInRoles.contributor,
            scope: cluster.id,
            scopeLabel: clusterLabel,
            source: 'newerDocumentation',
        });
    }
    return requirements;
}

/** Roles a compute's identity needs to pull images and read training data. */
export function trainingRequirements(workspace: {
    containerRegistry?: string;
    storageAccount?: string;
}): RoleRequirement[] {
    const requirements: RoleRequirement[] = [];
    if (workspace.containerRegistry) {
        requirements.push({
            role: builtInRoles.acrPull,
            scope: workspace.containerRegistry,
            scopeLabel: `Container registry ${nameFromId(workspace.containerRegistry)}`,
            source: 'training',
        });
    }
    if (workspace.storageAccount) {
        const scopeLabel = `Storage account ${nameFromId(workspace.storageAccount)}`;
        requirements.push(
            {
                role: builtInRoles.storageBlobDataReader,
                scope: workspace.storageAccount,
                scopeLabel,
                source: 'training',
            },
            {
                role: builtInRoles.storageBlobDataContributor,
                scope: workspace.storageAccount,
                scopeLabel,
                source: 'training',
                optional: true,
            },
        );
    }
    return requirements;
}

/** Where each source of requirements is documented: the page a user reads to check what is asked of them. */
export const requirementDocs: Readonly<Record<RequirementSource, string>> = {
    attachPrerequisite: 'https://learn.microsoft.com/azure/machine-learning/how-to-attach-kubernetes-to-workspace',
    newerDocumentation: 'https://learn.microsoft.com/azure/machine-learning/how-to-attach-kubernetes-to-workspace',
    training: 'https://learn.microsoft.com/azure/machine-learning/how-to-identity-based-service-authentication',
};

/**
 * Roles that make their holder an administrator of the cluster itself (its admin credentials, or every Kubernetes
 * action): never chosen for the user, even where the documentation asks for them.
 */
const clusterAdminRoleIds: readonly string[] = [
    builtInRoles.aksClusterAdmin.id,
    // Azure Kubernetes Service RBAC Cluster Admin, Azure Arc Kubernetes Cluster Admin.
    'b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b',
    '8393591c-06b9-48a2-a542-1bd6b377f6a2',
];

/** Does the role make its holder a cluster administrator? By id, or by a name that says so. */
export function grantsClusterAdmin(role: BuiltInRole): boolean {
    return clusterAdminRoleIds.includes(role.id.toLowerCase()) || /\bcluster admin\b/i.test(role.name);
}

export type RequirementStatus =
    | {
          readonly state: 'granted';
          readonly roleName: string;
          readonly scope: string;
          /** True when granted at an ancestor (resource group, subscription) rather than at the scope itself. */
          readonly inherited: boolean;
      }
    | { readonly state: 'missing' }
    | { readonly state: 'unknown'; readonly reason: string };

export interface RoleEvidence {
    /** The principal's assignments at, above and below the scope (what `listForScope` with a principal filter returns). */
    readonly assignments: readonly RoleAssignmentLike[];
    /** Definitions of the assigned roles and of the required one. */
    readonly definitions: readonly RoleDefinitionLike[];
}

/** Granted by any assignment at the scope or above whose role covers the required role's permissions. */
export function evaluateRequirement(
    requirement: RoleRequirement,
    principalId: string,
    evidence: RoleEvidence | { readonly unknownReason: string },
): RequirementStatus {
    if (!requirement.scope) {
        return {
            state: 'unknown',
            reason: `${requirement.role.name} cannot be checked: the resource id of ${requirement.scopeLabel} is not known.`,
        };
    }
    if ('unknownReason' in evidence) {
        return { state: 'unknown', reason: evidence.unknownReason };
    }
    const required = evidence.definitions.find((d) => (d.name ?? '').toLowerCase() === requirement.role.id);
    if (!required) {
        return { state: 'unknown', reason: `The definition of ${requirement.role.name} could not be read.` };
    }
    const result = findCoveringAssignment({
        assignments: evidence.assignments,
        definitions: evidence.definitions,
        principalId,
        scope: requirement.scope,
        requiredRole: required,
    });
    if (!result.allowed || !result.assignment) {
        return { state: 'missing' };
    }
    return {
        state: 'granted',
        roleName: result.definition?.roleName ?? requirement.role.name,
        scope: result.assignment.scope ?? requirement.scope,
        inherited: result.inherited ?? false,
    };
}
