import * as vscode from 'vscode';
import type { AzureMlExtensionState, ClusterInfo, ComputeInfo, IdentityType } from '../domain/models';
import { parseArmId, resourceName } from '../domain/armId';
import { inertText } from '../domain/inertText';

export function identityLabel(type: IdentityType): string {
    switch (type) {
        case 'SystemAssigned':
            return vscode.l10n.t('System-assigned');
        case 'UserAssigned':
            return vscode.l10n.t('User-assigned');
        case 'SystemAssigned,UserAssigned':
            return vscode.l10n.t('System- and user-assigned');
        default:
            return vscode.l10n.t('No identity');
    }
}

export function clusterNameFromId(id: string | undefined): string {
    const parsed = id ? parseArmId(id) : undefined;
    return (parsed && resourceName(parsed)) ?? id ?? vscode.l10n.t('unknown cluster');
}

/** The last provisioning error, made inert: it goes into descriptions, tooltips and failure notifications. */
export function lastError(compute: ComputeInfo): string | undefined {
    const message = compute.provisioningErrors[compute.provisioningErrors.length - 1]?.message;
    return message === undefined ? undefined : inertText(message);
}

/** State, namespace, cluster and identity: what a user scans the list for. */
export function computeDescription(compute: ComputeInfo, showCluster: boolean): string {
    const parts: string[] = [compute.provisioningState, compute.namespace ?? 'default'];
    if (showCluster) {
        parts.push(clusterNameFromId(compute.clusterId));
    }
    parts.push(identityLabel(compute.identity.type));
    const error = lastError(compute);
    if (error) {
        parts.push(truncate(error, 80));
    }
    return parts.join(' · ');
}

export function computeTooltip(compute: ComputeInfo): vscode.MarkdownString {
    const md = new vscode.MarkdownString();
    md.appendMarkdown('**').appendText(compute.name).appendMarkdown('**\n\n');
    const row = (label: string, value: string | undefined) => {
        if (value) {
            md.appendText(`${label}: ${value}`).appendMarkdown('  \n');
        }
    };
    row(vscode.l10n.t('State'), compute.provisioningState);
    row(vscode.l10n.t('Workspace'), compute.workspaceName);
    row(vscode.l10n.t('Cluster'), clusterNameFromId(compute.clusterId));
    row(vscode.l10n.t('Namespace'), compute.namespace ?? 'default');
    row(vscode.l10n.t('Identity'), identityLabel(compute.identity.type));
    row(vscode.l10n.t('Last error'), lastError(compute));
    return md;
}

export function extensionStateLabel(state: AzureMlExtensionState): string {
    switch (state.status) {
        case 'installed':
            return vscode.l10n.t('AzureML extension installed');
        case 'notInstalled':
            return vscode.l10n.t('AzureML extension not installed');
        case 'notReady':
            return vscode.l10n.t('AzureML extension {0}', state.provisioningState);
        default:
            return vscode.l10n.t('AzureML extension unknown');
    }
}

/** Whether a cluster's AzureML extension lets computes attach: the tree marks the others at a glance. */
export type ExtensionHealth = 'ok' | 'missing' | 'failed' | 'unknown';

export function extensionHealth(state: AzureMlExtensionState): ExtensionHealth {
    switch (state.status) {
        case 'installed':
            return 'ok';
        case 'notInstalled':
            return 'missing';
        case 'notReady':
            return /^(Creating|Updating|Deleting|Pending|Installing|Accepted)$/i.test(state.provisioningState)
                ? 'unknown'
                : 'failed';
        default:
            return 'unknown';
    }
}

export function clusterDescription(cluster: ClusterInfo): string {
    const version =
        cluster.kind === 'aks'
            ? vscode.l10n.t('Kubernetes {0}', cluster.kubernetesVersion ?? '?')
            : `${cluster.distribution ?? vscode.l10n.t('Kubernetes')} ${cluster.kubernetesVersion ?? ''}`.trim();
    return [cluster.location, version, extensionStateLabel(cluster.azureMlExtension)].join(' · ');
}

export function clusterTooltip(cluster: ClusterInfo): vscode.MarkdownString {
    const md = new vscode.MarkdownString();
    md.appendMarkdown('**').appendText(cluster.name).appendMarkdown('**  \n');
    md.appendText(
        cluster.kind === 'aks'
            ? vscode.l10n.t('Azure Kubernetes Service cluster')
            : vscode.l10n.t('Azure Arc-enabled Kubernetes cluster'),
    );
    md.appendMarkdown('\n\n');
    md.appendText(`${vscode.l10n.t('Resource group')}: ${cluster.resourceGroup}`).appendMarkdown('  \n');
    md.appendText(`${vscode.l10n.t('Location')}: ${cluster.location}`).appendMarkdown('  \n');
    if (cluster.connectivityStatus) {
        md.appendText(`${vscode.l10n.t('Connectivity')}: ${cluster.connectivityStatus}`).appendMarkdown('  \n');
    }
    md.appendText(extensionStateLabel(cluster.azureMlExtension));
    if (cluster.azureMlExtension.status === 'unknown') {
        md.appendText(` (${cluster.azureMlExtension.reason})`);
    }
    const health = extensionHealth(cluster.azureMlExtension);
    if (health === 'missing' || health === 'failed') {
        md.appendMarkdown('\n\n').appendText(
            health === 'missing'
                ? vscode.l10n.t(
                      'Computes cannot attach this cluster until the AzureML extension is installed on it. Right-click to install it.',
                  )
                : vscode.l10n.t(
                      'Computes attaching this cluster fail until its AzureML extension is repaired. Right-click to install it again.',
                  ),
        );
    }
    return md;
}

function truncate(text: string, max: number): string {
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
