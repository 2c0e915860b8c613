/**
 * The documented limits on which clusters a workspace can attach and how. Pure: the preflight, the cluster step and
 * the compute panel ask these rules, each citing where Azure ML documents it.
 */
import { armIdsEqual } from './armId';
import type { ClusterInfo, IdentityType, TrustedAccessBindingInfo, WorkspaceInfo } from './models';

/** Azure ML docs, how-to-deploy-kubernetes-extension.md, "Limitations". */
export const deployLimitationsDoc =
    'https://learn.microsoft.com/azure/machine-learning/how-to-deploy-kubernetes-extension#limitations';
/** Azure/AML-Kubernetes docs/azureml-aks-ta-support.md: AKS with local accounts disabled through Trusted Access. */
export const trustedAccessDoc = 'https://github.com/Azure/AML-Kubernetes/blob/master/docs/azureml-aks-ta-support.md';
/** Azure/AML-Kubernetes docs/limitations-and-known-issues.md, "Compute Managed Identity ... with private endpoint". */
export const privateEndpointIdentityDoc =
    'https://github.com/Azure/AML-Kubernetes/blob/master/docs/limitations-and-known-issues.md';

/** The trusted access role Azure ML's training workloads use (one binding per workspace, azureml-aks-ta-support). */
export const mlWorkloadRole = 'Microsoft.MachineLearningServices/workspaces/mlworkload';

/** Clouds where Trusted Access for Azure ML is not deployed (azureml-aks-ta-support: "have not enabled this feature"). */
const cloudsWithoutTrustedAccess: readonly string[] = ['AzureUSGovernment', 'AzureChinaCloud'];

export type ClusterLimit =
    /**
     * "Azure Machine Learning doesn't support attaching an AKS cluster cross subscription. If you have an AKS cluster
     * in a different subscription, you must first connect it to Azure-Arc and specify in the same subscription as your
     * Azure Machine Learning workspace." (deploy doc, Limitations). Arc clusters in another subscription are fine.
     */
    | { readonly kind: 'aksOtherSubscription'; readonly workspaceSubscriptionId: string }
    /** "Using a service principal with AKS is not supported ... The AKS cluster must use a managed identity instead." */
    | { readonly kind: 'aksServicePrincipal' }
    /** Local accounts disabled, in a cloud where Azure ML's Trusted Access is not available. */
    | { readonly kind: 'trustedAccessUnavailable'; readonly cloudName: string };

/** What stops `cluster` from being attached to a workspace of `workspaceSubscriptionId`, per the documentation. */
export function clusterLimits(
    cluster: Pick<ClusterInfo, 'kind' | 'subscriptionId' | 'aksIdentity' | 'localAccountsDisabled'>,
    workspaceSubscriptionId: string,
    cloudName = 'AzureCloud',
): ClusterLimit[] {
    if (cluster.kind !== 'aks') {
        return [];
    }
    const limits: ClusterLimit[] = [];
    if (cluster.subscriptionId.toLowerCase() !== workspaceSubscriptionId.toLowerCase()) {
        limits.push({ kind: 'aksOtherSubscription', workspaceSubscriptionId });
    }
    if (cluster.aksIdentity === 'servicePrincipal') {
        limits.push({ kind: 'aksServicePrincipal' });
    }
    if (cluster.localAccountsDisabled && cloudsWithoutTrustedAccess.includes(cloudName)) {
        limits.push({ kind: 'trustedAccessUnavailable', cloudName });
    }
    return limits;
}

/**
 * "Disabling local accounts for AKS is not supported" (deploy doc) was lifted by Trusted Access: Azure ML reaches such
 * a cluster through a `mlworkload` role binding for the workspace (azureml-aks-ta-support).
 */
export function needsTrustedAccess(cluster: Pick<ClusterInfo, 'kind' | 'localAccountsDisabled'>): boolean {
    return cluster.kind === 'aks' && cluster.localAccountsDisabled === true;
}

/** The binding that lets `workspaceId` run training on the cluster: its source, the mlworkload role, not failed. */
export function mlWorkloadBindingFor(
    bindings: readonly TrustedAccessBindingInfo[],
    workspaceId: string,
): TrustedAccessBindingInfo | undefined {
    return bindings.find(
        (b) =>
            armIdsEqual(b.sourceResourceId, workspaceId) &&
            b.roles.some((r) => r.toLowerCase() === mlWorkloadRole.toLowerCase()) &&
            !/^(failed|canceled|deleting)$/i.test(b.provisioningState ?? ''),
    );
}

/**
 * "If you have any existing compute targets created before AzureML role binding was created, those compute targets
 * will not work with AKS cluster with above special configurations" (azureml-aks-ta-support): they need a re-attach.
 */
export function attachedBeforeBinding(
    compute: { readonly createdOn?: Date },
    binding: Pick<TrustedAccessBindingInfo, 'createdOn'> | undefined,
): boolean {
    if (!binding) {
        return true;
    }
    return !!compute.createdOn && !!binding.createdOn && compute.createdOn.getTime() < binding.createdOn.getTime();
}

/** A name for the workspace's binding: unique per workspace on a cluster, 1-24 letters, digits and hyphens. */
export function trustedAccessBindingName(
    workspace: Pick<WorkspaceInfo, 'name'>,
    taken: readonly string[] = [],
): string {
    const stem = `aml-${workspace.name.replace(/[^A-Za-z0-9-]/g, '-')}`.slice(0, 24).replace(/-+$/, '');
    const lowerTaken = new Set(taken.map((t) => t.toLowerCase()));
    for (let i = 1; i < 100; i++) {
        const suffix = i === 1 ? '' : `-${i}`;
        const candidate = `${stem.slice(0, 24 - suffix.length).replace(/-+$/, '')}${suffix}`;
        if (!lowerTaken.has(candidate.toLowerCase())) {
            return candidate;
        }
    }
    return stem;
}

/**
 * "The current limitation is that the managed identity doesn't work in AML workspace with private endpoint"
 * (AML-Kubernetes limitations-and-known-issues). True when the identity chosen for a compute is a managed identity.
 */
export function privateEndpointIdentityConflict(
    workspace: Pick<WorkspaceInfo, 'privateEndpoint'>,
    identityType: IdentityType,
): boolean {
    return workspace.privateEndpoint === true && identityType !== 'None';
}
