import { AzureWizardExecuteStep } from '@microsoft/vscode-azext-utils';
import type { Progress } from 'vscode';
import * as vscode from 'vscode';
import { startInstall } from '../../azure/extensionOperations';
import { ensureRelay, relaySettings } from '../../azure/relaySetup';
import { configurationSettings } from '../../domain/extensionSettings';
import { ext } from '../../extensionVariables';
import { commandFailure } from '../../ui/errorText';
import { choiceOf, type InstallExtensionContext } from './InstallExtensionContext';

/**
 * On Arc, the relay first (as the CLI does); then the one PUT, without waiting for the extension to be installed:
 * the cluster's row shows it Creating, and the extension follower reports how it ends.
 */
export class InstallStep extends AzureWizardExecuteStep<InstallExtensionContext> {
    priority = 100;

    async execute(context: InstallExtensionContext, progress: Progress<{ message?: string }>): Promise<void> {
        const { sub, cluster } = context;
        const settings = configurationSettings(choiceOf(context), context.facts);
        let protectedSettings: Record<string, string> = {};
        if (cluster.kind === 'arc' && settings['relayserver.enabled'] === 'true') {
            try {
                const relay = await ensureRelay(sub, context.facts, (step) =>
                    progress.report({ message: relayStepText(step) }),
                );
                const parts = relaySettings(relay);
                Object.assign(settings, parts.settings);
                protectedSettings = parts.protectedSettings;
                ext.outputChannel.info(
                    `Azure Relay for ${cluster.id}: ${relay.created ? 'created' : 'reused'} ${relay.hybridConnectionId}`,
                );
            } catch (error) {
                throw commandFailure(
                    context,
                    error,
                    vscode.l10n.t('Could not set up the Azure Relay for the AzureML extension on {0}', cluster.name),
                );
            }
        }
        progress.report({ message: vscode.l10n.t('Installing the AzureML extension on {0}...', cluster.name) });
        try {
            await startInstall(sub, cluster, {
                name: context.extensionName,
                releaseTrain: context.releaseTrain ?? 'stable',
                version: context.version === 'latest' ? undefined : context.version,
                configurationSettings: settings,
                configurationProtectedSettings: protectedSettings,
            });
        } catch (error) {
            throw commandFailure(
                context,
                error,
                vscode.l10n.t('Could not install the AzureML extension on {0}', cluster.name),
            );
        }
        ext.outputChannel.info(`Install of the AzureML extension on ${cluster.id} accepted.`);
        context.telemetry.properties.clusterKind = cluster.kind;
        context.telemetry.properties.purpose = context.purpose;
        void ext.extensionWatcher.follow({
            operation: 'install',
            sub,
            cluster,
            name: context.extensionName,
            offerAttach: !context.insideAttach,
        });
    }

    shouldExecute(): boolean {
        return true;
    }
}

function relayStepText(step: 'namespace' | 'hybridConnection' | 'authorizationRule' | 'keys'): string {
    switch (step) {
        case 'namespace':
            return vscode.l10n.t('Creating the Azure Relay namespace...');
        case 'hybridConnection':
            return vscode.l10n.t('Creating the hybrid connection...');
        case 'authorizationRule':
            return vscode.l10n.t('Creating the authorization rule azureml_rw...');
        case 'keys':
            return vscode.l10n.t('Reading the relay connection string...');
    }
}
