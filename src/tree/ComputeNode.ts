import * as vscode from 'vscode';
import type { ComputeInfo } from '../domain/models';
import type { SubscriptionContext } from '../azure/subscriptionContext';
import { stateIcon } from '../domain/computeState';
import { computeDescription, computeTooltip } from './describe';
import type { TreeNode } from './TreeNode';

/**
 * A Kubernetes compute. Under a workspace it is labelled by its name; under a cluster by `<workspace>/<compute>`,
 * since several workspaces can attach the same cluster.
 */
export class ComputeNode implements TreeNode {
    constructor(
        readonly id: string,
        readonly subscription: SubscriptionContext,
        readonly compute: ComputeInfo,
        private readonly underCluster: boolean,
    ) {}

    get resourceId(): string {
        return this.compute.id;
    }

    getTreeItem(): vscode.TreeItem {
        const label = this.underCluster ? `${this.compute.workspaceName}/${this.compute.name}` : this.compute.name;
        const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
        const icon = stateIcon(this.compute.provisioningState);
        item.iconPath = new vscode.ThemeIcon(icon.icon, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
        item.description = computeDescription(this.compute, !this.underCluster);
        item.tooltip = computeTooltip(this.compute);
        item.contextValue = `azuremlK8s.compute;state=${this.compute.provisioningState}`;
        item.command = {
            command: 'azuremlK8s.showComputeDetails',
            title: vscode.l10n.t('Show Compute Details'),
            arguments: [this],
        };
        item.accessibilityInformation = { label: `${label}, ${item.description}` };
        return item;
    }
}
