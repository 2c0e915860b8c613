import * as vscode from 'vscode';
import { ext } from '../extensionVariables';
import { ClusterNode } from './ClusterNode';
import { ErrorNode, loadChildren, MessageNode } from './statusNodes';
import { SubscriptionNode } from './SubscriptionNode';
import { TenantSignInNode } from './TenantSignInNode';
import type { TreeNode } from './TreeNode';
import { WorkspaceNode } from './WorkspaceNode';

/** Says above both views when they are not listed through Azure Resource Graph (and so slower, per subscription). */
function showListingSource(): void {
    const message =
        ext.inventory.listingSource === 'resourceManager'
            ? vscode.l10n.t(
                  'Listed through Azure Resource Manager, one subscription at a time: Azure Resource Graph is not available.',
              )
            : undefined;
    ext.workspacesTree.setMessage(message);
    ext.clustersTree.setMessage(message);
}

export function workspaceRoots(): Promise<TreeNode[]> {
    return subscriptionRoots('workspaces', (node) =>
        loadChildren(node, vscode.l10n.t('Could not list the workspaces of {0}', node.subscription.name), async () => {
            const workspaces = await ext.inventory.workspaces(node.subscription).finally(showListingSource);
            return workspaces.length > 0
                ? workspaces.map((ws) => new WorkspaceNode(node.subscription, ws))
                : [new MessageNode(`${node.id}/empty`, vscode.l10n.t('No Azure Machine Learning workspaces'))];
        }),
    );
}

export function clusterRoots(): Promise<TreeNode[]> {
    return subscriptionRoots('clusters', (node) =>
        loadChildren(node, vscode.l10n.t('Could not list the clusters of {0}', node.subscription.name), async () => {
            const clusters = await ext.inventory.clusters(node.subscription).finally(showListingSource);
            return clusters.length > 0
                ? clusters.map((c) => new ClusterNode(node.subscription, c))
                : [new MessageNode(`${node.id}/empty`, vscode.l10n.t('No AKS or Arc-enabled Kubernetes clusters'))];
        }),
    );
}

/**
 * Signed out: no nodes, so the view shows its welcome content. Signed in: the selected subscriptions, then a row for
 * each tenant that could not be listed (one to sign in to, or an error to retry), so none goes missing unexplained.
 */
async function subscriptionRoots(
    view: 'workspaces' | 'clusters',
    loadSubscriptionChildren: (node: SubscriptionNode) => Promise<TreeNode[]>,
): Promise<TreeNode[]> {
    let signedIn: boolean;
    try {
        signedIn = await ext.session.isSignedIn();
    } catch (error) {
        return [new ErrorNode(undefined, vscode.l10n.t('Could not sign in to Azure'), error)];
    }
    if (!signedIn) {
        return [];
    }
    return loadChildren(undefined, vscode.l10n.t('Could not list subscriptions'), async () => {
        const [subscriptions, problems] = await Promise.all([
            ext.session.getSelectedSubscriptions(),
            ext.session.getTenantProblems(),
        ]);
        const problemNodes = problems.map((p) =>
            p.kind === 'signInRequired'
                ? new TenantSignInNode(view, p)
                : new ErrorNode(
                      undefined,
                      vscode.l10n.t('Could not list the subscriptions of {0}', p.name),
                      p.error,
                      `${view}/tenants/${p.accountId}/${p.tenantId}/error`,
                  ),
        );
        if (subscriptions.length === 0 && problemNodes.length === 0) {
            return [new MessageNode(`${view}/none`, vscode.l10n.t('No subscriptions found for this account'))];
        }
        return [...subscriptions.map((s) => new SubscriptionNode(s, view, loadSubscriptionChildren)), ...problemNodes];
    });
}
