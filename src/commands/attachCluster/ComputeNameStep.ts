import { AzureWizardPromptStep } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { getCompute } from '../../azure/inventory';
import { suggestComputeName } from '../../domain/attachPlan';
import { validateComputeName } from '../../domain/validation';
import { ext } from '../../extensionVariables';
import { explainError } from '../../ui/errorText';
import type { AttachClusterContext } from './AttachClusterContext';
import { required } from '../shared/required';

export class ComputeNameStep extends AzureWizardPromptStep<AttachClusterContext> {
    async prompt(context: AttachClusterContext): Promise<void> {
        const sub = required(context.subscription, 'the workspace');
        const workspace = required(context.workspace, 'the workspace');
        const cluster = required(context.cluster, 'the cluster');
        const existing = await ext.inventory.computes(sub, workspace).catch(() => []);
        const name = await context.ui.showInputBox({
            prompt: vscode.l10n.t('Name of the new compute target in {0}', workspace.name),
            value:
                context.computeName ??
                suggestComputeName(
                    cluster.id,
                    existing.map((c) => c.name),
                ),
            validateInput: (value) => validateComputeName(value),
            // The list may be stale: ask the service whether this exact name is taken. The input box runs this on
            // Enter even when validateInput has refused the value: an invalid name is never sent.
            asyncValidationTask: async (value) => {
                if (validateComputeName(value)) {
                    return undefined;
                }
                try {
                    const taken = await getCompute(sub, workspace, value.trim());
                    context.computeNameFreeAt = taken ? undefined : { name: value.trim(), time: Date.now() };
                    return taken
                        ? vscode.l10n.t(
                              'A compute named "{0}" already exists in {1}; attaching would replace it. Choose another name.',
                              taken.name,
                              workspace.name,
                          )
                        : undefined;
                } catch (error) {
                    return explainError(error, vscode.l10n.t('Could not check the name in {0}', workspace.name)).detail;
                }
            },
        });
        context.computeName = name.trim();
    }

    shouldPrompt(context: AttachClusterContext): boolean {
        return !context.computeName;
    }
}
