import type * as vscode from 'vscode';
import type { InventoryService } from './azure/inventoryService';
import type { AzureSession } from './auth/azureSession';
import type { ComputeWatcher } from './operations/computeWatcher';
import type { ExtensionWatcher } from './operations/extensionWatcher';
import type { ResourceTreeProvider } from './tree/ResourceTreeProvider';

/** Extension-wide singletons, set once in `activate`. */
export namespace ext {
    export let context: vscode.ExtensionContext;
    export let outputChannel: vscode.LogOutputChannel;
    export let session: AzureSession;
    export let inventory: InventoryService;
    export let workspacesTree: ResourceTreeProvider;
    export let clustersTree: ResourceTreeProvider;
    export let computeWatcher: ComputeWatcher;
    export let extensionWatcher: ExtensionWatcher;
}
