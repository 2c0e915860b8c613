import { AzureWizardPromptStep, nonNullProp } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { ext } from '../../extensionVariables';
import { computeDescription } from '../../tree/describe';
import type { ComputeInfo } from '../../domain/models';
import type { WorkspaceChoiceContext } from './WorkspaceListStep';

/** What a wizard that acts on one compute keeps. */
export interface ComputeChoiceContext extends WorkspaceChoiceContext {
    compute?: ComputeInfo;
}

/** The Kubernetes computes of the chosen workspace. */
export class ComputeListStep<T extends ComputeChoiceContext> extends AzureWizardPromptStep<T> {
    async prompt(context: T): Promise<void> {
        const sub = nonNullProp(context, 'subscription');
        const workspace = nonNullProp(context, 'workspace');
        const pick = await context.ui.showQuickPick(
            ext.inventory.computes(sub, workspace).then((computes) =>
                computes.map((compute) => ({
                    label: compute.name,
                    description: computeDescription(compute, true),
                    data: compute,
                })),
            ),
            {
                placeHolder: vscode.l10n.t('Select a Kubernetes compute of {0}', workspace.name),
                noPicksMessage: vscode.l10n.t('{0} has no Kubernetes computes', workspace.name),
                suppressPersistence: true,
            },
        );
        context.compute = pick.data;
    }

    shouldPrompt(context: T): boolean {
        return !context.compute;
    }
}
