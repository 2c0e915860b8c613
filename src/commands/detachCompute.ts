import type { IActionContext } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { detachCompute as sendDetach } from '../azure/computeOperations';
import { ext } from '../extensionVariables';
import { followCompute } from '../operations/followCompute';
import { ComputeNode } from '../tree/ComputeNode';
import { clusterNameFromId } from '../tree/describe';
import type { TreeNode } from '../tree/TreeNode';
import { commandFailure } from '../ui/errorText';
import { rememberDetached } from './reattach/rememberedStore';

/** Detach a compute (DELETE with underlyingResourceAction=Detach): the cluster and its workloads are kept. */
export async function detachCompute(context: IActionContext, node?: TreeNode): Promise<void> {
    if (!(node instanceof ComputeNode)) {
        throw new Error(vscode.l10n.t('Right-click a compute in the Azure ML Kubernetes views to detach it.'));
    }
    const { compute, subscription } = node;
    const clusterName = clusterNameFromId(compute.clusterId);
    const detach = vscode.l10n.t('Detach');
    const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('Detach compute "{0}" from workspace "{1}"?', compute.name, compute.workspaceName),
        {
            modal: true,
            detail: vscode.l10n.t(
                'Jobs can no longer run on it from this workspace. The cluster "{0}", its AzureML extension and its workloads are not deleted.',
                clusterName,
            ),
        },
        detach,
    );
    if (answer !== detach) {
        context.telemetry.properties.cancelled = 'true';
        return;
    }
    const workspace = await ext.inventory.workspaceOf(subscription, compute);
    if (!workspace) {
        throw new Error(vscode.l10n.t('Workspace "{0}" was not found; refresh the view.', compute.workspaceName));
    }
    try {
        await vscode.window.withProgress(
            {
                location: vscode.ProgressLocation.Notification,
                title: vscode.l10n.t('Detaching {0} from {1}...', compute.name, compute.workspaceName),
            },
            () => sendDetach(subscription, workspace, compute.name),
        );
    } catch (error) {
        throw commandFailure(
            context,
            error,
            vscode.l10n.t('Could not detach compute {0} from workspace {1}', compute.name, compute.workspaceName),
        );
    }
    ext.outputChannel.info(`Detach of ${compute.id} accepted.`);
    await rememberDetached(compute);
    // Accepted: the compute is Deleting until it is gone.
    followCompute({
        operation: 'detach',
        subscription,
        workspace,
        compute: { ...compute, provisioningState: 'Deleting' },
        clusterName,
    });
}
