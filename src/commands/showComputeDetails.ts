import { AzureWizard, type IActionContext } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { ComputeNode } from '../tree/ComputeNode';
import type { TreeNode } from '../tree/TreeNode';
import { ComputePanel } from '../webview/computePanel/ComputePanel';
import { ensureSignedIn } from './ensureSignedIn';
import { ComputeListStep, type ComputeChoiceContext } from './shared/ComputeListStep';
import { WorkspaceListStep } from './shared/WorkspaceListStep';

/** Show Compute Details: from a compute (click, context menu, a notification), or the palette (pick workspace, compute). */
export async function showComputeDetails(actionContext: IActionContext, node?: TreeNode): Promise<void> {
    if (node instanceof ComputeNode) {
        ComputePanel.show(node.subscription, node.compute);
        return;
    }
    await ensureSignedIn(actionContext);
    const context: ComputeChoiceContext = { ...actionContext };
    const wizard = new AzureWizard(context, {
        title: vscode.l10n.t('Show compute details'),
        promptSteps: [
            new WorkspaceListStep(vscode.l10n.t('Select the workspace of the compute')),
            new ComputeListStep(),
        ],
    });
    await wizard.prompt();
    if (context.subscription && context.compute) {
        ComputePanel.show(context.subscription, context.compute);
    }
}
