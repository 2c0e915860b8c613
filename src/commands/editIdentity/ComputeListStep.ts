import { AzureWizardPromptStep } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { ext } from '../../extensionVariables';
import { computeDescription } from '../../tree/describe';
import { required } from '../attachCluster/AttachClusterContext';
import type { EditIdentityContext } from './EditIdentityContext';

export class ComputeListStep extends AzureWizardPromptStep<EditIdentityContext> {
    async prompt(context: EditIdentityContext): Promise<void> {
        const sub = required(context.subscription, 'the workspace');
        const workspace = required(context.workspace, 'the workspace');
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

    shouldPrompt(context: EditIdentityContext): boolean {
        return !context.compute;
    }
}
