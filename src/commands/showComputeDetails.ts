import { AzureWizard, AzureWizardPromptStep, type IActionContext } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import type { ComputeInfo } from '../azure/models';
import { ext } from '../extensionVariables';
import { ComputeNode } from '../tree/ComputeNode';
import { computeDescription } from '../tree/describe';
import type { TreeNode } from '../tree/TreeNode';
import { ComputePanel } from '../webview/computePanel/ComputePanel';
import { ensureSignedIn } from './ensureSignedIn';
import { WorkspaceListStep, type WorkspaceChoiceContext } from './shared/WorkspaceListStep';

interface ShowDetailsContext extends WorkspaceChoiceContext {
    compute?: ComputeInfo;
}

class PickComputeStep extends AzureWizardPromptStep<ShowDetailsContext> {
    async prompt(context: ShowDetailsContext): Promise<void> {
        const { subscription: sub, workspace } = context;
        if (!sub || !workspace) {
            return;
        }
        const pick = await context.ui.showQuickPick(
            ext.inventory.computes(sub, workspace).then((computes) =>
                computes.map((compute) => ({ label: compute.name, description: computeDescription(compute, true), data: compute })),
            ),
            {
                placeHolder: vscode.l10n.t('Select a Kubernetes compute of {0}', workspace.name),
                noPicksMessage: vscode.l10n.t('{0} has no Kubernetes computes', workspace.name),
                suppressPersistence: true,
            },
        );
        context.compute = pick.data;
    }

    shouldPrompt(context: ShowDetailsContext): boolean {
        return !context.compute;
    }
}

/** Show Compute Details: from a compute (click, context menu, a notification), or the palette (pick workspace, compute). */
export async function showComputeDetails(actionContext: IActionContext, node?: TreeNode): Promise<void> {
    if (node instanceof ComputeNode) {
        ComputePanel.show(node.subscription, node.compute);
        return;
    }
    await ensureSignedIn(actionContext);
    const context: ShowDetailsContext = { ...actionContext };
    const wizard = new AzureWizard(context, {
        title: vscode.l10n.t('Show compute details'),
        promptSteps: [new WorkspaceListStep(vscode.l10n.t('Select the workspace of the compute')), new PickComputeStep()],
    });
    await wizard.prompt();
    if (context.subscription && context.compute) {
        ComputePanel.show(context.subscription, context.compute);
    }
}
