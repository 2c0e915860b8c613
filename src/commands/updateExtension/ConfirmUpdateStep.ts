import { AzureWizardPromptStep, GoBackError } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { refusals } from '../../domain/extensionSettings';
import { settingsPatch, updateWarning } from '../../domain/extensionUpdate';
import { choiceOf } from '../installExtension/InstallExtensionContext';
import type { UpdateExtensionContext } from './UpdateExtensionContext';

/**
 * The CLI's checks and warning before an update: the same rules as an install, a node selector that cannot be
 * removed, and, for a change that restarts components, what it interrupts (jobs, online endpoints and deployments).
 */
export class ConfirmUpdateStep extends AzureWizardPromptStep<UpdateExtensionContext> {
    async prompt(context: UpdateExtensionContext): Promise<void> {
        const refused = refusals(choiceOf(context))[0];
        const patch = settingsPatch(context.installed.configurationSettings, choiceOf(context), context.facts);
        const problem = refused?.message ?? patch.refusal;
        if (problem) {
            await context.ui.showWarningMessage(
                vscode.l10n.t('This change is not allowed'),
                { modal: true, detail: problem },
                { title: vscode.l10n.t('Change Again') },
            );
            throw new GoBackError();
        }
        const warning = updateWarning(patch.configurationSettings);
        const changes = Object.entries(patch.configurationSettings)
            .map(([key, value]) => `${key}=${value}`)
            .join('\n');
        const kept = context.installed.protectedSettingNames.length
            ? vscode.l10n.t(
                  'Protected settings ({0}) are not sent and stay as they are: an update that sends any replaces them all, so they would have to be given again in full.',
                  context.installed.protectedSettingNames.join(', '),
              )
            : '';
        const impact = warning
            ? vscode.l10n.t(
                  'This update will IMPACT your active Machine Learning {0}: their components restart. It is safe if the cluster has none running.',
                  warning.impacts.join(vscode.l10n.t(' and ')),
              )
            : vscode.l10n.t('This update restarts no workloads.');
        await context.ui.showWarningMessage(
            vscode.l10n.t('Update the AzureML extension settings on {0}?', context.cluster.name),
            { modal: true, detail: [impact, changes, kept].filter(Boolean).join('\n\n') },
            { title: vscode.l10n.t('Update') },
        );
        context.patch = patch.configurationSettings;
    }

    shouldPrompt(): boolean {
        return true;
    }
}
