/** Copyable Azure CLI commands for fixes an administrator has to make. */
import { parseArmId } from './armId';
import type { ClusterKind } from './models';
import { shellQuote } from './attachPlan';

export function azRoleAssignmentCommand(principalId: string, roleName: string, scope: string): string {
    return `az role assignment create --assignee-object-id ${shellQuote(principalId)} --assignee-principal-type ServicePrincipal --role "${roleName}" --scope ${shellQuote(scope)}`;
}

/** What an install chooses beyond the defaults; without it, training enabled as the Azure ML documentation shows. */
export interface InstallCommandOptions {
    /** The settings the user chose (`--config key=value`); the ones the CLI fills in itself are left to it. */
    readonly config: Readonly<Record<string, string>>;
    readonly releaseTrain?: string;
    /** A pinned version: the CLI then needs auto-upgrade off. */
    readonly version?: string;
}

/** `az k8s-extension create` for the AzureML extension (training only when no options are given). */
export function azInstallExtensionCommand(
    clusterId: string,
    kind: ClusterKind,
    options: InstallCommandOptions = { config: { enableTraining: 'True' } },
): string {
    const parsed = parseArmId(clusterId);
    const config = Object.entries(options.config).map(([key, value]) => shellQuote(`${key}=${value}`));
    return [
        'az k8s-extension create --name azureml --extension-type Microsoft.AzureML.Kubernetes',
        `--cluster-type ${kind === 'aks' ? 'managedClusters' : 'connectedClusters'}`,
        `--cluster-name ${shellQuote(parsed?.segments[0]?.name ?? '<cluster>')}`,
        `--resource-group ${shellQuote(parsed?.resourceGroup ?? '<group>')}`,
        `--subscription ${shellQuote(parsed?.subscriptionId ?? '<subscription>')}`,
        `--scope cluster --config ${config.join(' ')}`,
        ...(options.releaseTrain ? [`--release-train ${shellQuote(options.releaseTrain)}`] : []),
        ...(options.version ? [`--version ${shellQuote(options.version)} --auto-upgrade-minor-version false`] : []),
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

/**
 * kubectl for instance types where run-command does not reach (Arc: run them with the cluster's kubeconfig, e.g.
 * through `az connectedk8s proxy`): read the types and the nodes' allocatable resources, labels and taints.
 */
export const kubectlInstanceTypeReadCommands: readonly string[] = [
    'kubectl get instancetypes -o yaml',
    'kubectl get nodes --show-labels',
    'kubectl get nodes -o custom-columns=NAME:.metadata.name,CPU:.status.allocatable.cpu,MEMORY:.status.allocatable.memory,GPU:.status.allocatable.nvidia\\.com/gpu,TAINTS:.spec.taints',
];

/** `kubectl apply` of an InstanceType's YAML as one copyable command (a quoted here-document: nothing expands). */
export function kubectlApplyCommand(yaml: string): string {
    return `kubectl apply -f - <<'EOF'\n${yaml.endsWith('\n') ? yaml : `${yaml}\n`}EOF`;
}

export function kubectlDeleteInstanceTypeCommand(name: string): string {
    return `kubectl delete instancetype ${shellQuote(name)}`;
}
