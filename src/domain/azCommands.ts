/** Copyable Azure CLI commands for fixes an administrator has to make. */
import { parseArmId } from './armId';
import type { ClusterKind } from './models';
import { shellQuote } from './attachPlan';

export function azRoleAssignmentCommand(principalId: string, roleName: string, scope: string): string {
    return `az role assignment create --assignee-object-id ${shellQuote(principalId)} --assignee-principal-type ServicePrincipal --role "${roleName}" --scope ${shellQuote(scope)}`;
}

/** Installs the AzureML extension with training enabled, as the Azure ML documentation describes. */
export function azInstallExtensionCommand(clusterId: string, kind: ClusterKind): string {
    const parsed = parseArmId(clusterId);
    return [
        'az k8s-extension create --name azureml --extension-type Microsoft.AzureML.Kubernetes',
        `--cluster-type ${kind === 'aks' ? 'managedClusters' : 'connectedClusters'}`,
        `--cluster-name ${shellQuote(parsed?.segments[0]?.name ?? '<cluster>')}`,
        `--resource-group ${shellQuote(parsed?.resourceGroup ?? '<group>')}`,
        `--subscription ${shellQuote(parsed?.subscriptionId ?? '<subscription>')}`,
        '--scope cluster --config enableTraining=True',
    ].join(' ');
}

/** Creates the workspace's `mlworkload` trusted access role binding on an AKS cluster (azureml-aks-ta-support). */
export function azTrustedAccessBindingCommand(
    clusterId: string,
    bindingName: string,
    workspaceId: string,
    role: string,
): string {
    const parsed = parseArmId(clusterId);
    return [
        'az aks trustedaccess rolebinding create',
        `--resource-group ${shellQuote(parsed?.resourceGroup ?? '<group>')}`,
        `--cluster-name ${shellQuote(parsed?.segments[0]?.name ?? '<cluster>')}`,
        `--subscription ${shellQuote(parsed?.subscriptionId ?? '<subscription>')}`,
        `--name ${shellQuote(bindingName)}`,
        `--source-resource-id ${shellQuote(workspaceId)}`,
        `--roles ${role}`,
    ].join(' ');
}

/**
 * The documented route for an AKS cluster in another subscription than the workspace: connect it to Azure Arc in the
 * workspace's subscription, install the AzureML extension on the Arc resource, then attach that resource.
 */
export function azArcRouteCommands(
    cluster: { readonly id: string; readonly location: string },
    workspace: { readonly subscriptionId: string; readonly resourceGroup: string },
): string[] {
    const parsed = parseArmId(cluster.id);
    const name = parsed?.segments[0]?.name ?? '<cluster>';
    const arcId = `/subscriptions/${workspace.subscriptionId}/resourceGroups/${workspace.resourceGroup}/providers/Microsoft.Kubernetes/connectedClusters/${name}`;
    return [
        `az aks get-credentials --resource-group ${shellQuote(parsed?.resourceGroup ?? '<group>')} --name ${shellQuote(name)} --subscription ${shellQuote(parsed?.subscriptionId ?? '<subscription>')}`,
        `az connectedk8s connect --name ${shellQuote(name)} --resource-group ${shellQuote(workspace.resourceGroup)} --subscription ${shellQuote(workspace.subscriptionId)} --location ${shellQuote(cluster.location || '<location>')}`,
        azInstallExtensionCommand(arcId, 'arc'),
    ];
}
