import * as vscode from 'vscode';
import type { ComputeInfo } from '../domain/models';
import { computeInstanceTypes } from '../azure/instanceTypes';
import type { SubscriptionContext } from '../azure/subscriptionContext';
import type { InstanceType } from '../domain/instanceTypes';
import { stateIcon } from '../domain/computeState';
import { computeDescription, computeTooltip } from './describe';
import { InstanceTypeNode } from './InstanceTypeNode';
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
        // Its instance types are its children (what a job gets), when Azure reports any.
        const item = new vscode.TreeItem(
            label,
            this.instanceTypes().length > 0
                ? vscode.TreeItemCollapsibleState.Collapsed
                : vscode.TreeItemCollapsibleState.None,
        );
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

    getChildren(): Promise<TreeNode[]> {
        return Promise.resolve(
            this.instanceTypes().map((type) => new InstanceTypeNode(`${this.id}/instanceTypes/${type.name}`, type)),
        );
    }

    /** The compute's instance types as Azure reports them, the default first; none for a compute that reports none. */
    private instanceTypes(): InstanceType[] {
        return this.compute.instanceTypes?.length ? computeInstanceTypes(this.compute) : [];
    }
}
