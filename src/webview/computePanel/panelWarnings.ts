/** The documented limits a compute runs into, as the panel's warnings. */
import * as vscode from 'vscode';
import { clusterKindFromId, nameFromId, parseArmId } from '../../domain/armId';
import {
    attachedBeforeBinding,
    mlWorkloadBindingFor,
    needsTrustedAccess,
    privateEndpointIdentityConflict,
} from '../../domain/clusterLimits';
import type { ComputeInfo, WorkspaceInfo } from '../../domain/models';
import { getCluster } from '../../azure/inventory';
import type { SubscriptionContext } from '../../azure/subscriptionContext';
import { listTrustedAccessBindings } from '../../azure/trustedAccess';
import { ext } from '../../extensionVariables';
import type { PanelWarning } from './contract';

export async function panelWarnings(
    sub: SubscriptionContext,
    workspace: WorkspaceInfo,
    compute: ComputeInfo,
): Promise<PanelWarning[]> {
    const warnings: PanelWarning[] = [];
    if (privateEndpointIdentityConflict(workspace, compute.identity.type)) {
        warnings.push({
            id: 'privateEndpointIdentity',
            text: vscode.l10n.t(
                '{0} has a private endpoint: a managed identity on a Kubernetes compute does not work there (a documented limit). Jobs cannot use the identity of {1}; use Edit Identity to remove it, or use credentials in the job.',
                workspace.name,
                compute.name,
            ),
        });
    }
    const trustedAccess = await trustedAccessWarning(sub, workspace, compute).catch((error: unknown) => {
        ext.outputChannel.warn(`Could not check Trusted Access for ${compute.name}: ${String(error)}`);
        return undefined;
    });
    return trustedAccess ? [...warnings, trustedAccess] : warnings;
}

/** AKS with local accounts disabled: the workspace's binding must exist, and must be older than the compute. */
async function trustedAccessWarning(
    sub: SubscriptionContext,
    workspace: WorkspaceInfo,
    compute: ComputeInfo,
): Promise<PanelWarning | undefined> {
    const clusterId = compute.clusterId;
    if (!clusterId || clusterKindFromId(clusterId) !== 'aks') {
        return undefined;
    }
    const clusterSub = { ...sub, subscriptionId: parseArmId(clusterId)?.subscriptionId ?? sub.subscriptionId };
    const cluster = await getCluster(clusterSub, clusterId);
    if (!cluster || !needsTrustedAccess(cluster)) {
        return undefined;
    }
    const binding = mlWorkloadBindingFor(await listTrustedAccessBindings(clusterSub, clusterId), workspace.id);
    const clusterName = nameFromId(clusterId);
    if (!binding) {
        return {
            id: 'noTrustedAccess',
            text: vscode.l10n.t(
                'Local accounts are disabled on {0} and it has no trusted access role binding (mlworkload) for {1}: Azure ML cannot reach the cluster. Create the binding, then detach {2} and attach it again.',
                clusterName,
                workspace.name,
                compute.name,
            ),
        };
    }
    if (attachedBeforeBinding(compute, binding)) {
        return {
            id: 'attachedBeforeBinding',
            text: vscode.l10n.t(
                '{0} was attached before the trusted access role binding {1} existed, so it does not work with {2} (local accounts disabled). Detach it and attach it again with the same name and namespace.',
                compute.name,
                binding.name,
                clusterName,
            ),
        };
    }
    return undefined;
}
