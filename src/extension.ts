import * as vscode from 'vscode';
import { AzureSession } from './auth/azureSession';
import { setUserAgentPrefix } from './azure/clients';
import { describeAzureError, formatErrorForLog } from './azure/errors';
import { InventoryService } from './azure/inventoryService';
import { registerCommands } from './commands/registerCommands';
import { ext } from './extensionVariables';
import { ComputeWatcher } from './operations/computeWatcher';
import { ResourceTreeProvider } from './tree/ResourceTreeProvider';
import { clusterRoots, workspaceRoots } from './tree/roots';

/** What `activate` returns: the views' data, read by the extension-host test suite. */
export interface ExtensionApi {
    readonly workspacesTree: vscode.TreeDataProvider<unknown>;
    readonly clustersTree: vscode.TreeDataProvider<unknown>;
}

/** Cheap on purpose: no SDK is loaded and Azure is not called until a view opens or a command runs. */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
    ext.context = context;
    ext.outputChannel = vscode.window.createOutputChannel('Azure ML Kubernetes', { log: true });
    ext.session = new AzureSession();
    ext.inventory = new InventoryService(() => ext.session.getSelectedSubscriptions(), {
        onResourceGraphFailure: (error) =>
            ext.outputChannel.warn(
                `Azure Resource Graph failed; listing each subscription through ARM instead: ${formatErrorForLog(describeAzureError(error))}`,
            ),
    });
    ext.workspacesTree = new ResourceTreeProvider(workspaceRoots);
    ext.clustersTree = new ResourceTreeProvider(clusterRoots);
    ext.computeWatcher = new ComputeWatcher(context.workspaceState);
    setUserAgentPrefix(`${context.extension.id}/${(context.extension.packageJSON as { version: string }).version}`);

    context.subscriptions.push(
        ext.outputChannel,
        ext.session,
        ext.workspacesTree,
        ext.clustersTree,
        ext.computeWatcher,
        vscode.window.createTreeView('azuremlK8s.workspaces', {
            treeDataProvider: ext.workspacesTree,
            showCollapseAll: true,
        }),
        vscode.window.createTreeView('azuremlK8s.clusters', {
            treeDataProvider: ext.clustersTree,
            showCollapseAll: true,
        }),
        ext.session.onDidChange(() => {
            ext.inventory.invalidateAll();
            ext.workspacesTree.refresh();
            ext.clustersTree.refresh();
            void ext.computeWatcher.resume();
        }),
    );
    context.subscriptions.push(
        vscode.window.registerWebviewPanelSerializer('azuremlK8s.computeDetails', {
            // The panel's code is loaded only when a panel comes back after a window reload.
            deserializeWebviewPanel: async (panel, state) =>
                (await import('./webview/computePanel/ComputePanel')).ComputePanel.revive(panel, state),
        }),
    );
    registerCommands();
    if (ext.computeWatcher.hasPending()) {
        // A window reload (or extension host restart) interrupted an attach, identity edit or detach the user
        // started. Following it again asks Azure, so it starts after activate() has returned, off the activation path;
        // that is fine because the user is waiting for that operation's outcome.
        setTimeout(() => void ext.computeWatcher.resume(), 0);
    }
    return { workspacesTree: ext.workspacesTree, clustersTree: ext.clustersTree };
}

export function deactivate(): void {}
