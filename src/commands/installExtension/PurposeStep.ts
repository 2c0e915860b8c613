import { AzureWizardPromptStep } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import type { ExtensionPurpose } from '../../domain/extensionSettings';
import type { InstallExtensionContext } from './InstallExtensionContext';

/** Training, inference or both (`enableTraining`, `enableInference`). */
export class PurposeStep extends AzureWizardPromptStep<InstallExtensionContext> {
    async prompt(context: InstallExtensionContext): Promise<void> {
        const picks: { label: string; detail: string; data: ExtensionPurpose }[] = [
            {
                label: vscode.l10n.t('Training'),
                detail: vscode.l10n.t('Run Azure ML training jobs on the cluster (enableTraining=True).'),
                data: 'training',
            },
            {
                label: vscode.l10n.t('Inference'),
                detail: vscode.l10n.t(
                    'Serve online endpoints and deployments from the cluster through its inference router (enableInference=True).',
                ),
                data: 'inference',
            },
            {
                label: vscode.l10n.t('Training and inference'),
                detail: vscode.l10n.t('Both: jobs and online endpoints.'),
                data: 'both',
            },
        ];
        context.purpose = (
            await context.ui.showQuickPick(picks, {
                placeHolder: vscode.l10n.t('What will {0} run for Azure Machine Learning?', context.cluster.name),
                suppressPersistence: true,
            })
        ).data;
    }

    shouldPrompt(context: InstallExtensionContext): boolean {
        return !context.purpose;
    }
}
