import type { IActionContext } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { azInstallExtensionCommand } from '../domain/azCommands';
import { ClusterNode } from '../tree/ClusterNode';
import type { TreeNode } from '../tree/TreeNode';

/** The fix of a cluster whose AzureML extension is missing or failed: the Azure CLI command that installs it. */
export async function copyExtensionInstallCommand(_context: IActionContext, node?: TreeNode): Promise<void> {
    if (!(node instanceof ClusterNode)) {
        throw new Error(vscode.l10n.t('Choose a cluster in the Kubernetes Clusters view.'));
    }
    const command = azInstallExtensionCommand(node.cluster.id, node.cluster.kind);
    await vscode.env.clipboard.writeText(command);
    void vscode.window.showInformationMessage(
        vscode.l10n.t(
            'Copied the command that installs the AzureML extension on {0}. Run it where the Azure CLI is signed in (with the k8s-extension extension), then refresh.',
            node.cluster.name,
        ),
    );
}
