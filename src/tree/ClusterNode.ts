import * as vscode from 'vscode';
import type { ClusterInfo } from '../domain/models';
import type { SubscriptionContext } from '../azure/subscriptionContext';
import { ext } from '../extensionVariables';
import { ComputeNode } from './ComputeNode';
import { clusterDescription, clusterTooltip, extensionHealth } from './describe';
import { resourceIcon } from './icons';
import { clusterNodeId } from './nodeIds';
import { loadChildren, MessageNode } from './statusNodes';
import type { TreeNode } from './TreeNode';

/** An AKS or Arc cluster; its children are the computes, in any workspace and subscription, that attach it. */
export class ClusterNode implements TreeNode {
    readonly id: string;

    constructor(
        readonly subscription: SubscriptionContext,
        readonly cluster: ClusterInfo,
    ) {
        this.id = clusterNodeId(cluster.id);
    }

    get resourceId(): string {
        return this.cluster.id;
    }

    getTreeItem(): vscode.TreeItem {
        const item = new vscode.TreeItem(this.cluster.name, vscode.TreeItemCollapsibleState.Collapsed);
        const change = ext.extensionWatcher?.changeOf(this.cluster.id);
        const health = change ? 'changing' : extensionHealth(this.cluster.azureMlExtension);
        // A cluster computes cannot attach to stands out: its AzureML extension is missing or failed.
        item.iconPath =
            health === 'changing'
                ? new vscode.ThemeIcon('sync~spin')
                : health === 'missing'
                  ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
                  : health === 'failed'
                    ? new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'))
                    : resourceIcon(this.cluster.kind);
        item.description = change
            ? [this.cluster.location, vscode.l10n.t('AzureML extension {0}...', change.provisioningState)].join(' · ')
            : clusterDescription(this.cluster);
        item.tooltip = clusterTooltip(this.cluster);
        item.contextValue = `azuremlK8s.cluster.${this.cluster.kind};extension=${health}`;
        // A click opens the cluster's panel, as a compute's click opens its own; the twistie (or the arrow keys)
        // still expands the row to its attached computes.
        item.command = {
            command: 'azuremlK8s.showClusterDetails',
            title: vscode.l10n.t('Show Cluster Details'),
            arguments: [this],
        };
        return item;
    }

    getChildren(): Promise<TreeNode[]> {
        return loadChildren(
            this,
            vscode.l10n.t('Could not find the computes attached to {0}', this.cluster.name),
            async () => {
                const index = await ext.inventory.attachments();
                const computes = index.byCluster.get(this.cluster.id.toLowerCase()) ?? [];
                const subscriptions = await ext.session.getAllSubscriptions();
                const nodes: TreeNode[] = [];
                for (const compute of computes) {
                    const sub = subscriptions.find(
                        (s) => s.subscriptionId.toLowerCase() === compute.subscriptionId.toLowerCase(),
                    );
                    if (sub) {
                        nodes.push(
                            new ComputeNode(`${this.id}/attachments${compute.id.toLowerCase()}`, sub, compute, true),
                        );
                        // A changing one is read until it settles; both views show each change.
                        ext.computeWatcher.showChanging(sub, [compute]);
                    }
                }
                if (nodes.length === 0) {
                    // Unreadable subscriptions show their own error rows; here they only qualify "none".
                    const label =
                        index.unreadable.length > 0
                            ? vscode.l10n.t('No attachments found (could not read {0})', index.unreadable.join(', '))
                            : vscode.l10n.t('Not attached to any workspace');
                    nodes.push(new MessageNode(`${this.id}/empty`, label));
                }
                return nodes;
            },
        );
    }

    invalidate(): void {
        ext.inventory.invalidateClusters(this.subscription.subscriptionId);
    }
}
