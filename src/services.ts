import * as vscode from 'vscode';
import { AzureSession } from './auth/azureSession';
import { getRequestTimeoutSeconds, settingsSection } from './auth/settings';
import { setRequestTimeoutMs, setUserAgentPrefix } from './azure/clients';
import { describeAzureError, formatErrorForLog } from './azure/errors';
import { InventoryService } from './azure/inventoryService';
import { ext } from './extensionVariables';
import { ComputeWatcher } from './operations/computeWatcher';
import { ExtensionWatcher } from './operations/extensionWatcher';

export { clusterRoots, workspaceRoots } from './tree/roots';

/**
 * Makes the extension's services: the output channel, the Azure session, the inventory and the compute watcher.
 * This module and everything it imports is a chunk of its own, loaded when a view first asks for its items or a
 * command first runs (`services()` in servicesLoader.ts), so activate() only registers.
 */
export function createServices(context: vscode.ExtensionContext): void {
    ext.outputChannel = vscode.window.createOutputChannel('Azure ML Kubernetes', { log: true });
    ext.session = new AzureSession((error) =>
        ext.outputChannel.warn(
            `Azure Resource Graph could not list the subscriptions; listing them through ARM instead: ${formatErrorForLog(describeAzureError(error))}`,
        ),
    );
    ext.inventory = new InventoryService(() => ext.session.getSelectedSubscriptions(), {
        onResourceGraphFailure: (error) =>
            ext.outputChannel.warn(
                `Azure Resource Graph failed; listing each subscription through ARM instead: ${formatErrorForLog(describeAzureError(error))}`,
            ),
        graphScopesBeforeListing: () => ext.session.graphScopesBeforeListing(),
    });
    ext.computeWatcher = new ComputeWatcher(context.workspaceState);
    ext.extensionWatcher = new ExtensionWatcher(context.workspaceState);
    setUserAgentPrefix(`${context.extension.id}/${(context.extension.packageJSON as { version: string }).version}`);
    const applyTimeout = () => setRequestTimeoutMs(getRequestTimeoutSeconds() * 1000);
    applyTimeout();
    context.subscriptions.push(
        ext.outputChannel,
        ext.session,
        ext.computeWatcher,
        ext.extensionWatcher,
        vscode.workspace.onDidChangeConfiguration((e) => {
            if (e.affectsConfiguration(`${settingsSection}.requestTimeoutSeconds`)) {
                applyTimeout();
            }
        }),
        ext.session.onDidChange(() => {
            ext.inventory.invalidateAll();
            ext.workspacesTree.refresh();
            ext.clustersTree.refresh();
            resumeFollowed();
        }),
    );
}

/** Follows again the compute and AzureML extension operations a window reload (or a sign-in change) interrupted. */
export function resumeFollowed(): void {
    void ext.computeWatcher.resume();
    void ext.extensionWatcher.resume();
}
