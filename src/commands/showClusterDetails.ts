import type { IActionContext } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { ClusterPanel } from '../webview/clusterPanel/ClusterPanel';
import { resolveClusterArgument } from './shared/clusterArgument';

/** Show Cluster Details: from a cluster row (click, context menu), `{ subscriptionId, clusterId }`, or the palette. */
export async function showClusterDetails(context: IActionContext, arg?: unknown): Promise<void> {
    const { sub, cluster } = await resolveClusterArgument(arg, context, vscode.l10n.t('Select the cluster to show'));
    ClusterPanel.show(sub, cluster);
}
