import * as vscode from 'vscode';
import { registerCommands } from './commands/registerCommands';
import { ext } from './extensionVariables';
import { mayHaveFollowedOperations } from './operations/followedState';
import { services } from './servicesLoader';
import { ResourceTreeProvider } from './tree/ResourceTreeProvider';

/** What `activate` returns: the views' data, read by the extension-host test suite. */
export interface ExtensionApi {
    readonly workspacesTree: vscode.TreeDataProvider<unknown>;
    readonly clustersTree: vscode.TreeDataProvider<unknown>;
}

/**
 * Only registers: the views, the commands and the panel serializer. The services (and every SDK) load when a view
 * first asks for its items or a command first runs, and Azure is not called before then.
 */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
    ext.context = context;
    ext.workspacesTree = new ResourceTreeProvider(async () => (await services()).workspaceRoots(), {
        state: context.workspaceState,
        key: 'azuremlK8s.expanded.workspaces',
    });
    ext.clustersTree = new ResourceTreeProvider(async () => (await services()).clusterRoots(), {
        state: context.workspaceState,
        key: 'azuremlK8s.expanded.clusters',
    });
    const workspacesView = vscode.window.createTreeView('azuremlK8s.workspaces', {
        treeDataProvider: ext.workspacesTree,
        showCollapseAll: true,
    });
    const clustersView = vscode.window.createTreeView('azuremlK8s.clusters', {
        treeDataProvider: ext.clustersTree,
        showCollapseAll: true,
    });
    context.subscriptions.push(
        ext.workspacesTree.attach(workspacesView),
        ext.clustersTree.attach(clustersView),
        ext.workspacesTree,
        ext.clustersTree,
        workspacesView,
        clustersView,
        vscode.window.registerWebviewPanelSerializer('azuremlK8s.computeDetails', {
            // The panel's code is loaded only when a panel comes back after a window reload.
            deserializeWebviewPanel: async (panel, state) => {
                await services();
                await (await import('./webview/computePanel/ComputePanel')).ComputePanel.revive(panel, state);
            },
        }),
        vscode.window.registerWebviewPanelSerializer('azuremlK8s.clusterDetails', {
            deserializeWebviewPanel: async (panel, state) => {
                await services();
                (await import('./webview/clusterPanel/ClusterPanel')).ClusterPanel.revive(panel, state);
            },
        }),
    );
    registerCommands();
    if (mayHaveFollowedOperations(context.workspaceState)) {
        // A window reload (or extension host restart) interrupted an attach, identity edit or detach the user
        // started, or an install, update or uninstall of a cluster's AzureML extension. Following it again asks Azure,
        // so it starts after activate() has returned, off the activation path; that is fine because the user is
        // waiting for that operation's outcome.
        setTimeout(() => void services().then((loaded) => loaded.resumeFollowed()), 0);
    }
    return { workspacesTree: ext.workspacesTree, clustersTree: ext.clustersTree };
}

export function deactivate(): void {}
