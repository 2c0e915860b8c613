import { AzureWizard, type IActionContext } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { getAzureMlExtension, readClusterFacts } from '../../azure/extensionOperations';
import { choiceFromSettings } from '../../domain/extensionSettings';
import { commandFailure } from '../../ui/errorText';
import { resolveClusterArgument } from '../shared/clusterArgument';
import { ChangeSettingsStep } from './ChangeSettingsStep';
import { ConfirmUpdateStep } from './ConfirmUpdateStep';
import type { UpdateExtensionContext } from './UpdateExtensionContext';
import { UpdateStep } from './UpdateStep';

/**
 * Update Settings...: the installed extension's settings prefilled, each changed with the install wizard's own step,
 * then the CLI's warning for changes that restart components, and one PATCH of what changed.
 */
export async function updateExtensionSettings(actionContext: IActionContext, arg?: unknown): Promise<void> {
    const { sub, cluster } = await resolveClusterArgument(
        arg,
        actionContext,
        vscode.l10n.t('Select the cluster whose AzureML extension settings to change'),
    );
    const { installed, facts } = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading {0}...', cluster.name) },
        async () => {
            try {
                const [installed, facts] = await Promise.all([
                    getAzureMlExtension(sub, cluster),
                    readClusterFacts(sub, cluster),
                ]);
                return { installed, facts };
            } catch (error) {
                throw commandFailure(actionContext, error, vscode.l10n.t('Could not read cluster {0}', cluster.name));
            }
        },
    );
    if (!installed) {
        const install = vscode.l10n.t('Install AzureML Extension...');
        const answer = await vscode.window.showInformationMessage(
            vscode.l10n.t('{0} has no AzureML extension to update.', cluster.name),
            install,
        );
        if (answer === install) {
            await vscode.commands.executeCommand('azuremlK8s.installExtension', {
                subscriptionId: sub.subscriptionId,
                clusterId: cluster.id,
            });
        }
        return;
    }
    const before = choiceFromSettings(installed.configurationSettings);
    const context: UpdateExtensionContext = {
        ...actionContext,
        sub,
        cluster,
        facts,
        extensionName: installed.name,
        installed,
        before,
        ...before,
        nodeSelector: { ...(before.nodeSelector ?? {}) },
        releaseTrain: installed.releaseTrain,
    };
    const wizard = new AzureWizard(context, {
        title: vscode.l10n.t('Update AzureML Extension Settings on {0}', cluster.name),
        promptSteps: [new ChangeSettingsStep(), new ConfirmUpdateStep()],
        executeSteps: [new UpdateStep()],
    });
    await wizard.prompt();
    await wizard.execute();
}
