import * as vscode from 'vscode';
import type { WorkspaceInfo } from '../domain/models';
import type { SubscriptionContext } from '../azure/subscriptionContext';
import { ext } from '../extensionVariables';
import { ComputeNode } from './ComputeNode';
import { identityLabel } from './describe';
import { workspaceComputeNodeId, workspaceNodeId } from './nodeIds';
import { resourceIcon } from './icons';
import { loadChildren, MessageNode } from './statusNodes';
import type { TreeNode } from './TreeNode';

export class WorkspaceNode implements TreeNode {
    readonly id: string;

    constructor(
        readonly subscription: SubscriptionContext,
        readonly workspace: WorkspaceInfo,
    ) {
        this.id = workspaceNodeId(workspace.id);
    }

    get resourceId(): string {
        return this.workspace.id;
    }

    getTreeItem(): vscode.TreeItem {
        const ws = this.workspace;
        const item = new vscode.TreeItem(ws.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = resourceIcon('workspace');
        item.description = `${ws.resourceGroup} · ${ws.location}`;
        item.contextValue = 'azuremlK8s.workspace';
        item.tooltip = new vscode.MarkdownString()
            .appendMarkdown('**')
            .appendText(ws.name)
            .appendMarkdown('**  \n')
            .appendText(vscode.l10n.t('Resource group: {0}', ws.resourceGroup))
            .appendMarkdown('  \n')
            .appendText(vscode.l10n.t('Location: {0}', ws.location))
            .appendMarkdown('  \n')
            .appendText(vscode.l10n.t('Identity: {0}', identityLabel(ws.identity.type)));
        return item;
    }

    getChildren(): Promise<TreeNode[]> {
        return loadChildren(
            this,
            vscode.l10n.t('Could not list the computes of {0}', this.workspace.name),
            async () => {
                const computes = await ext.inventory.computes(this.subscription, this.workspace);
                // Those that are changing are read until they settle; both views show each change.
                ext.computeWatcher.showChanging(this.subscription, computes);
                if (computes.length === 0) {
                    return [new MessageNode(`${this.id}/empty`, vscode.l10n.t('No Kubernetes computes'))];
                }
                return computes.map((c) => new ComputeNode(workspaceComputeNodeId(c.id), this.subscription, c, false));
            },
        );
    }

    invalidate(): void {
        ext.inventory.invalidateComputes(this.workspace.id);
    }
}
