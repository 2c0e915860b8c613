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
