import type { IActionContext, IAzureQuickPickItem } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { getCluster } from '../../azure/inventory';
import { armIdsEqual, parseArmId } from '../../domain/armId';
import type { RememberedAttach } from '../../domain/rememberedAttach';
import { rememberedForCluster } from '../../domain/rememberedAttach';
import { ext } from '../../extensionVariables';
import { ClusterNode } from '../../tree/ClusterNode';
import { clusterNameFromId, identityLabel } from '../../tree/describe';
import type { TreeNode } from '../../tree/TreeNode';
import type { AttachClusterContext } from '../attachCluster/AttachClusterContext';
import { runAttachWizard } from '../attachCluster/attachCluster';
import { ensureSignedIn } from '../ensureSignedIn';
import { forgetRemembered, rememberedAttachments } from './rememberedStore';

/**
 * Re-attach...: a compute Detach remembered, attached again to its cluster with the same name, namespace and identity
 * offered. The attach wizard still checks each (the name is free, the namespace exists, the preflight). From a cluster
 * (its remembered computes, across workspaces) or the palette (all of them).
 */
export async function reattachCompute(actionContext: IActionContext, node?: TreeNode): Promise<void> {
    await ensureSignedIn(actionContext);
    const cluster = node instanceof ClusterNode ? node.cluster : undefined;
    const all = rememberedAttachments();
    const offered = cluster
        ? rememberedForCluster(all, cluster.id)
        : [...all].sort((a, b) => b.detachedAt.localeCompare(a.detachedAt));
    actionContext.telemetry.properties.entryPoint = cluster ? 'cluster' : 'palette';
    actionContext.telemetry.measurements.remembered = offered.length;
    if (offered.length === 0) {
        void vscode.window.showInformationMessage(
            cluster
                ? vscode.l10n.t(
                      'No compute detached from {0} is remembered. Detach remembers the name, namespace and identity of a compute, for Re-attach.',
                      cluster.name,
                  )
                : vscode.l10n.t(
                      'No detached compute is remembered. Detach remembers the name, namespace and identity of a compute, for Re-attach.',
                  ),
        );
        return;
    }
    const picks: IAzureQuickPickItem<RememberedAttach>[] = offered.map((entry) => ({
        label: entry.computeName,
        description: cluster ? entry.workspaceName : `${entry.workspaceName} · ${clusterNameFromId(entry.clusterId)}`,
        detail: vscode.l10n.t(
            'Namespace {0} · {1} · detached {2}',
            entry.namespace,
            entry.identity.type === 'UserAssigned'
                ? `${identityLabel(entry.identity.type)} (${entry.identity.identityId.split('/').pop() ?? ''})`
                : identityLabel(entry.identity.type),
            new Date(entry.detachedAt).toLocaleString(vscode.env.language),
        ),
        data: entry,
    }));
    const entry = (
        await actionContext.ui.showQuickPick(picks, {
            placeHolder: cluster
                ? vscode.l10n.t('Select the detached compute to attach to {0} again', cluster.name)
                : vscode.l10n.t('Select the detached compute to attach again'),
            suppressPersistence: true,
        })
    ).data;

    const context: AttachClusterContext = {
        ...actionContext,
        prefilled: { computeName: entry.computeName, namespace: entry.namespace, identity: entry.identity },
    };
    await prefillPlaces(context, entry, node instanceof ClusterNode ? node : undefined);
    await runAttachWizard(context);
    if (context.compute) {
        await forgetRemembered(entry);
    }
}

/** The workspace and the cluster, looked up again (each step that has them is skipped). */
async function prefillPlaces(context: AttachClusterContext, entry: RememberedAttach, node?: ClusterNode) {
    const workspaceSubscription = await ext.session.findSubscription(
        parseArmId(entry.workspaceId)?.subscriptionId ?? '',
    );
    const workspace =
        workspaceSubscription &&
        (await ext.inventory.workspaces(workspaceSubscription)).find((w) => armIdsEqual(w.id, entry.workspaceId));
    if (!workspaceSubscription || !workspace) {
        throw new Error(
            vscode.l10n.t(
                'Workspace {0} is not in the selected subscriptions any more; select its subscription, or attach the cluster to another workspace.',
                entry.workspaceName,
            ),
        );
    }
    context.subscription = workspaceSubscription;
    context.workspace = workspace;
    if (node) {
        context.clusterSubscription = node.subscription;
        context.cluster = node.cluster;
        return;
    }
    const clusterSubscription = await ext.session.findSubscription(parseArmId(entry.clusterId)?.subscriptionId ?? '');
    const cluster = clusterSubscription && (await getCluster(clusterSubscription, entry.clusterId));
    if (!clusterSubscription || !cluster) {
        throw new Error(
            vscode.l10n.t('Cluster {0} was not found; it may have been deleted.', clusterNameFromId(entry.clusterId)),
        );
    }
    context.clusterSubscription = clusterSubscription;
    context.cluster = cluster;
}
