import * as vscode from 'vscode';
import type { SubscriptionContext } from '../azure/subscriptionContext';
import { ext } from '../extensionVariables';
import { resourceIcon } from './icons';
import { subscriptionNodeId } from './nodeIds';
import type { TreeNode } from './TreeNode';

/** A subscription; what it lists (workspaces or clusters) depends on the view. */
export class SubscriptionNode implements TreeNode {
    readonly id: string;

    constructor(
        readonly subscription: SubscriptionContext,
        view: 'workspaces' | 'clusters',
        private readonly loadChildren: (node: SubscriptionNode) => Promise<TreeNode[]>,
    ) {
        this.id = subscriptionNodeId(view, subscription.subscriptionId);
    }

    /** The ARM id, for "Copy Resource Id" and "Open in Portal". */
    get resourceId(): string {
        return `/subscriptions/${this.subscription.subscriptionId}`;
    }

    getTreeItem(): vscode.TreeItem {
        const item = new vscode.TreeItem(this.subscription.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = resourceIcon('subscription');
        item.contextValue = 'azuremlK8s.subscription';
        item.tooltip = new vscode.MarkdownString()
            .appendText(this.subscription.name)
            .appendMarkdown('  \n')
            .appendText(vscode.l10n.t('Subscription id: {0}', this.subscription.subscriptionId))
            .appendMarkdown('  \n')
            .appendText(
                this.subscription.tenantName
                    ? vscode.l10n.t('Tenant: {0} ({1})', this.subscription.tenantName, this.subscription.tenantId)
                    : vscode.l10n.t('Tenant id: {0}', this.subscription.tenantId),
            );
        return item;
    }

    getChildren(): Promise<TreeNode[]> {
        return this.loadChildren(this);
    }

    invalidate(): void {
        ext.inventory.invalidateSubscription(this.subscription.subscriptionId);
    }
}
