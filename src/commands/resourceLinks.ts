import type { IActionContext } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { portalResourceUrl, studioWorkspaceUrl } from '../domain/cloud';
import type { SubscriptionContext } from '../azure/subscriptionContext';
import { ComputeNode } from '../tree/ComputeNode';
import type { TreeNode } from '../tree/TreeNode';
import { WorkspaceNode } from '../tree/WorkspaceNode';

interface ResourceNode extends TreeNode {
    readonly resourceId: string;
    readonly subscription: SubscriptionContext;
}

function requireResourceNode(node: TreeNode | undefined): ResourceNode {
    const candidate = node as Partial<ResourceNode> | undefined;
    if (!candidate?.resourceId || !candidate.subscription) {
        throw new Error(
            vscode.l10n.t('Choose a subscription, workspace, compute or cluster in the Azure ML Kubernetes views.'),
        );
    }
    return candidate as ResourceNode;
}

export async function copyResourceId(_context: IActionContext, node?: TreeNode): Promise<void> {
    const { resourceId } = requireResourceNode(node);
    await vscode.env.clipboard.writeText(resourceId);
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied resource id: {0}', resourceId), 5000);
}

export async function openInPortal(_context: IActionContext, node?: TreeNode): Promise<void> {
    const { resourceId, subscription } = requireResourceNode(node);
    await vscode.env.openExternal(
        vscode.Uri.parse(portalResourceUrl(subscription.cloud, subscription.tenantId, resourceId, 'overview'), true),
    );
}

export async function openInStudio(_context: IActionContext, node?: TreeNode): Promise<void> {
    let url: string | undefined;
    if (node instanceof WorkspaceNode) {
        url = studioWorkspaceUrl(node.subscription.cloud, node.subscription.tenantId, node.workspace.id);
    } else if (node instanceof ComputeNode) {
        const { cloud, tenantId } = node.subscription;
        url = studioWorkspaceUrl(cloud, tenantId, node.compute.workspaceId, node.compute.name);
    } else {
        throw new Error(vscode.l10n.t('Choose a workspace or compute in the Azure ML Kubernetes views.'));
    }
    if (!url) {
        throw new Error(
            vscode.l10n.t(
                'This cloud has no known Azure Machine Learning studio address. Set "azuremlK8s.studioUrl" to open it.',
            ),
        );
    }
    await vscode.env.openExternal(vscode.Uri.parse(url, true));
}
