import type * as AzExtUtils from '@microsoft/vscode-azext-utils';
import type { IActionContext } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { ext } from '../extensionVariables';
import { services } from '../servicesLoader';
import { attachWizardTitle } from './attachCluster/title';
import { PlaceholderPick } from './shared/placeholderPick';

let azextUtils: Promise<typeof AzExtUtils> | undefined;

/** Loads @microsoft/vscode-azext-utils and the services on the first command, not at activation. */
function loadAzExtUtils(): Promise<typeof AzExtUtils> {
    if (azextUtils) {
        return azextUtils;
    }
    // The utilities build a telemetry reporter when registered, and read DEBUGTELEMETRY once, as their module loads.
    // This extension has no telemetry store (package.json's aiKey is a placeholder the utilities insist on), so it
    // selects their debug reporter, which sends nothing, and restores the variable for everyone else.
    const previous = process.env.DEBUGTELEMETRY;
    process.env.DEBUGTELEMETRY = 'quiet';
    const loading = Promise.all([import('@microsoft/vscode-azext-utils'), services()])
        .then(([utils]) => {
            const outputChannel = Object.assign(ext.outputChannel, {
                appendLog: (value: string) => ext.outputChannel.info(value),
            });
            utils.registerUIExtensionVariables({ context: ext.context, outputChannel });
            return utils;
        })
        .catch((error: unknown) => {
            azextUtils = undefined; // let the next command try again
            throw error;
        })
        .finally(() => restoreEnvironment('DEBUGTELEMETRY', previous));
    azextUtils = loading;
    return loading;
}

function restoreEnvironment(name: string, value: string | undefined): void {
    if (value === undefined) {
        delete process.env[name];
    } else {
        process.env[name] = value;
    }
}

export interface CommandOptions {
    /**
     * A wizard's title: until the utilities have loaded, the command shows a busy quick pick with it at once, so the
     * first command of a session is not a second without anything on screen.
     */
    readonly wizardTitle?: () => string;
}

/**
 * Registers a command whose implementation is imported when it first runs, wrapped in
 * callWithTelemetryAndErrorHandling so every failure is reported and logged the same way.
 */
export function registerCommand<TArgs extends unknown[]>(
    id: string,
    load: () => Promise<(context: IActionContext, ...args: TArgs) => unknown>,
    options: CommandOptions = {},
): void {
    ext.context.subscriptions.push(
        vscode.commands.registerCommand(id, async (...args: unknown[]) => {
            const placeholder =
                options.wizardTitle && !azextUtils ? new PlaceholderPick(options.wizardTitle()) : undefined;
            try {
                await placeholder?.shown();
                const utils = await loadAzExtUtils();
                return await utils.callWithTelemetryAndErrorHandling(id, async (context) => {
                    const handler = await load();
                    // Closed in the same turn as the handler shows its first prompt, which takes its place.
                    placeholder?.dispose();
                    if (placeholder?.cancelled) {
                        throw new utils.UserCancelledError('placeholderPick');
                    }
                    try {
                        // VS Code passes whatever the menu or caller supplied; each handler checks what it got.
                        return await handler(context, ...(args as TArgs));
                    } catch (error) {
                        const { commandFailure } = await import('../ui/errorText');
                        // Whatever a command did not explain itself is explained (and its detail logged) here, so no
                        // raw service message, with its links or secrets, reaches a notification.
                        throw commandFailure(context, error, vscode.l10n.t('{0} failed', commandName(id)));
                    }
                });
            } finally {
                placeholder?.dispose();
            }
        }),
    );
}

/** `azuremlK8s.showComputeDetails` → "Show Compute Details". */
function commandName(id: string): string {
    const name = id.replace(/^azuremlK8s\./, '').replace(/([a-z])([A-Z])/g, '$1 $2');
    return name.charAt(0).toUpperCase() + name.slice(1);
}

export function registerCommands(): void {
    registerCommand('azuremlK8s.signIn', async () => (await import('./signIn')).signIn);
    registerCommand('azuremlK8s.signInToTenant', async () => (await import('./signInToTenant')).signInToTenant);
    registerCommand(
        'azuremlK8s.selectSubscriptions',
        async () => (await import('./selectSubscriptions')).selectSubscriptions,
    );
    registerCommand('azuremlK8s.refresh', async () => (await import('./refresh')).refreshAll);
    registerCommand('azuremlK8s.refreshItem', async () => (await import('./refresh')).refreshItem);
    registerCommand(
        'azuremlK8s.attachCluster',
        async () => (await import('./attachCluster/attachCluster')).attachCluster,
        { wizardTitle: attachWizardTitle },
    );
    registerCommand('azuremlK8s.editIdentity', async () => (await import('./editIdentity/editIdentity')).editIdentity);
    registerCommand('azuremlK8s.detachCompute', async () => (await import('./detachCompute')).detachCompute);
    registerCommand(
        'azuremlK8s.reattachCompute',
        async () => (await import('./reattach/reattachCompute')).reattachCompute,
        { wizardTitle: attachWizardTitle },
    );
    registerCommand('azuremlK8s.copyResourceId', async () => (await import('./resourceLinks')).copyResourceId);
    registerCommand('azuremlK8s.openInPortal', async () => (await import('./resourceLinks')).openInPortal);
    registerCommand(
        'azuremlK8s.showComputeDetails',
        async () => (await import('./showComputeDetails')).showComputeDetails,
    );
    registerCommand(
        'azuremlK8s.copyExtensionInstallCommand',
        async () => (await import('./copyExtensionInstallCommand')).copyExtensionInstallCommand,
    );
    registerCommand(
        'azuremlK8s.showClusterDetails',
        async () => (await import('./showClusterDetails')).showClusterDetails,
    );
    registerCommand(
        'azuremlK8s.collectDiagnostics',
        async () => (await import('./collectDiagnostics')).collectDiagnostics,
    );
    registerCommand(
        'azuremlK8s.installExtension',
        async () => (await import('./installExtension/installExtension')).installExtension,
        { wizardTitle: () => vscode.l10n.t('Install AzureML Extension') },
    );
    registerCommand(
        'azuremlK8s.updateExtensionSettings',
        async () => (await import('./updateExtension/updateExtension')).updateExtensionSettings,
    );
    registerCommand(
        'azuremlK8s.uninstallExtension',
        async () => (await import('./uninstallExtension')).uninstallExtension,
    );
    registerCommand('azuremlK8s.openInStudio', async () => (await import('./resourceLinks')).openInStudio);
}
