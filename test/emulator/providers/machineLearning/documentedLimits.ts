/**
 * The attach configurations the Azure ML documentation says are not supported, judged when the compute is attached
 * (PUT): the PUT is accepted and the compute ends Failed with the error below, as the service reports attach failures
 * (provisioningErrors). Being decided at attach time is what makes a compute attached before its Trusted Access binding
 * existed stay Failed after the binding is created: only a re-attach (PUT again, or detach and attach) judges anew.
 */

import { sameId, typeOfId } from '../../armPath';
import { builtInRole } from '../../builtinRoles';
import type { Emulator } from '../../emulator';
import type { ArmResource, Json } from '../../model';
import { succeededBindings } from '../trustedAccess';
import { holds, workspaceOf, workspaceUserAssignedIdentity } from './prerequisites';

const managedClusterType = 'Microsoft.ContainerService/managedClusters';
const mlWorkloadRole = 'Microsoft.MachineLearningServices/workspaces/mlworkload';

type LimitError = { code: string; message: string } | undefined;

function subscriptionOf(id: string): string {
    return id.split('/')[2] ?? '';
}

/**
 * how-to-deploy-kubernetes-extension.md, Limitations: "Azure Machine Learning doesn't support attaching an AKS cluster
 * cross subscription. If you have an AKS cluster in a different subscription, you must first connect it to Azure-Arc
 * and specify in the same subscription as your Azure Machine Learning workspace."
 */
function crossSubscription(cluster: ArmResource, workspace: ArmResource): LimitError {
    if (sameId(subscriptionOf(cluster.id), subscriptionOf(workspace.id))) {
        return undefined;
    }
    return {
        code: 'CrossSubscriptionAksNotSupported',
        message: `Azure Machine Learning doesn't support attaching an AKS cluster cross subscription: cluster '${cluster.id}' is in subscription '${subscriptionOf(cluster.id)}', workspace '${workspace.name}' in '${subscriptionOf(workspace.id)}'. Connect the cluster to Azure Arc in the workspace's subscription and attach the Arc-enabled cluster instead.`,
    };
}

/**
 * how-to-deploy-kubernetes-extension.md, Limitations: "Using a service principal with AKS is not supported by Azure
 * Machine Learning. The AKS cluster must use a managed identity instead." A managed-identity cluster has an `identity`
 * and reads `servicePrincipalProfile.clientId: "msi"` (managedClusters spec).
 */
function servicePrincipalCluster(cluster: ArmResource): LimitError {
    const clientId = String((((cluster.properties ?? {}) as Json).servicePrincipalProfile as Json)?.clientId ?? 'msi');
    if (cluster.identity || clientId.toLowerCase() === 'msi') {
        return undefined;
    }
    return {
        code: 'AksServicePrincipalNotSupported',
        message: `Using a service principal with AKS is not supported by Azure Machine Learning: cluster '${cluster.id}' uses service principal '${clientId}'. The AKS cluster must use a managed identity instead (system-assigned or user-assigned).`,
    };
}

/**
 * AML-Kubernetes docs/azureml-aks-ta-support.md: an AKS cluster with local accounts disabled is reached through AKS
 * Trusted Access, with a `Microsoft.MachineLearningServices/workspaces/mlworkload` role binding per workspace; "If you
 * have any existing compute targets created before AzureML role binding was created, those compute targets will not
 * work". how-to-attach-kubernetes-to-workspace.md: a workspace with a user-assigned identity also needs Contributor on
 * an AKS cluster that uses Trusted Access; the server's answer is AML-Kubernetes issue #279's message.
 */
function trustedAccess(em: Emulator, cluster: ArmResource, workspace: ArmResource): LimitError {
    if ((cluster.properties as Json | undefined)?.disableLocalAccounts !== true) {
        return undefined;
    }
    const bound = succeededBindings(em, cluster.id).some((b) => {
        const props = (b.properties ?? {}) as Json;
        const roles = Array.isArray(props.roles) ? (props.roles as unknown[]) : [];
        return (
            sameId(String(props.sourceResourceId ?? ''), workspace.id) &&
            roles.some((r) => sameId(String(r), mlWorkloadRole))
        );
    });
    if (!bound) {
        return {
            code: 'TrustedAccessRoleBindingNotFound',
            message: `Cluster '${cluster.id}' has local accounts disabled, so Azure Machine Learning reaches it through AKS Trusted Access, and it has no '${mlWorkloadRole}' role binding for workspace '${workspace.id}'. Create the role binding (az aks trustedaccess rolebinding create --source-resource-id ${workspace.id} --roles ${mlWorkloadRole}), then attach the compute again: a compute attached before its role binding existed does not work.`,
        };
    }
    const uai = workspaceUserAssignedIdentity(em, workspace);
    if (uai && !holds(em, uai.principalId, cluster.id, builtInRole('Contributor'))) {
        return {
            code: 'BadRequest',
            message: `AKS role check failed for user assigned identity. Please check the role assignment. The workspace's user-assigned identity '${uai.primary}' (principal '${uai.principalId}') needs Contributor on cluster '${cluster.id}', which uses Trusted Access.`,
        };
    }
    return undefined;
}

/**
 * azure-facts.md, "Documented limits" (from the AML-Kubernetes limitations): a managed identity on the compute is not
 * supported for a workspace with a private endpoint. No server message for it is published; this one says the rule.
 */
function identityBehindPrivateEndpoint(compute: ArmResource, workspace: ArmResource): LimitError {
    const type = String((compute.identity ?? {}).type ?? 'None');
    const connections = ((workspace.properties ?? {}) as Json).privateEndpointConnections;
    if (type.toLowerCase() === 'none' || !Array.isArray(connections) || connections.length === 0) {
        return undefined;
    }
    return {
        code: 'ManagedIdentityNotSupportedWithPrivateEndpoint',
        message: `A managed identity on a Kubernetes compute is not supported for a workspace with a private endpoint: workspace '${workspace.name}' has a private endpoint and compute '${compute.name}' asks for a '${type}' identity. Attach the compute without a managed identity.`,
    };
}

/** Which documented limit the attach of `compute` breaks, if any. */
export function documentedLimitError(em: Emulator, compute: ArmResource): LimitError {
    const cluster = em.state.get(String(((compute.properties ?? {}) as Json).resourceId ?? ''));
    const workspace = workspaceOf(em, compute);
    if (!cluster || !workspace) {
        return undefined;
    }
    const isAks = sameId(typeOfId(cluster.id), managedClusterType);
    return (
        (isAks ? crossSubscription(cluster, workspace) : undefined) ??
        (isAks ? servicePrincipalCluster(cluster) : undefined) ??
        identityBehindPrivateEndpoint(compute, workspace) ??
        (isAks ? trustedAccess(em, cluster, workspace) : undefined)
    );
}
