/**
 * What the cluster panel reads, section by section: the AzureML extension, the computes attaching the cluster (from
 * the shared attachment index), the workspaces they belong to, and the Trusted Access bindings where they matter.
 * Each read that fails becomes its section's reason, not the panel's failure.
 */
import * as vscode from 'vscode';
import { clusterKindFromId, nameFromId, parseArmId } from '../../domain/armId';
import { needsTrustedAccess } from '../../domain/clusterLimits';
import type { ClusterInfo, ComputeInfo } from '../../domain/models';
import { getAzureMlExtension } from '../../azure/extensionOperations';
import type { SubscriptionContext } from '../../azure/subscriptionContext';
import { listTrustedAccessBindings } from '../../azure/trustedAccess';
import { ext } from '../../extensionVariables';
import { explainError } from '../../ui/errorText';
import { clusterFacts, computeRows, extensionView, type TrustedAccessRead } from './clusterSections';
import type { ClusterPanelState, ComputesSection, ExtensionSection } from './contract';
import type { AttachingWorkspace } from './panelPrerequisites';

const t = vscode.l10n.t;

export async function readExtensionSection(sub: SubscriptionContext, cluster: ClusterInfo): Promise<ExtensionSection> {
    try {
        const details = await getAzureMlExtension(sub, cluster);
        return details ? { state: 'ready', details: extensionView(details) } : { state: 'missing' };
    } catch (error) {
        const explained = explainError(error, t('Could not read the AzureML extension of {0}', cluster.name));
        return { state: 'unavailable', reason: explained.detail };
    }
}

/** The computes of the selected subscriptions that attach the cluster, and their section. */
export async function readAttachedComputes(
    cluster: ClusterInfo,
    subscriptions: readonly SubscriptionContext[],
): Promise<{ computes: readonly ComputeInfo[]; section: ComputesSection }> {
    try {
        const index = await ext.inventory.attachments();
        const computes = index.byCluster.get(cluster.id.toLowerCase()) ?? [];
        const rows = computeRows(computes, subscriptions, t);
        return { computes, section: { state: 'ready', rows, unreadable: index.unreadable } };
    } catch (error) {
        const explained = explainError(error, t('Could not find the computes attached to {0}', cluster.name));
        return { computes: [], section: { state: 'unavailable', reason: explained.detail } };
    }
}

/** The cluster's Trusted Access bindings, when local accounts are disabled (otherwise none are needed). */
export async function readTrustedAccess(
    sub: SubscriptionContext | undefined,
    cluster: ClusterInfo,
): Promise<TrustedAccessRead> {
    if (!needsTrustedAccess(cluster) || !sub) {
        return {};
    }
    try {
        return { bindings: await listTrustedAccessBindings(sub, cluster.id) };
    } catch (error) {
        return { reason: explainError(error, t('Could not read the trusted access role bindings')).detail };
    }
}

/** One entry per workspace that attaches the cluster, with its subscription and one of its computes. */
export async function attachingWorkspaces(
    computes: readonly ComputeInfo[],
    subscriptions: readonly SubscriptionContext[],
): Promise<AttachingWorkspace[]> {
    const seen = new Map<string, AttachingWorkspace>();
    for (const compute of computes) {
        const key = compute.workspaceId.toLowerCase();
        const sub = subscriptions.find((s) => s.subscriptionId.toLowerCase() === compute.subscriptionId.toLowerCase());
        if (seen.has(key) || !sub) {
            continue;
        }
        const workspace = await ext.inventory.workspaceOf(sub, compute).catch(() => undefined);
        if (workspace) {
            seen.set(key, { sub, workspace, compute });
        }
    }
    return [...seen.values()];
}

/** The panel before anything but the cluster is read. */
export function placeholderState(
    subscriptionId: string,
    clusterId: string,
    cluster: ClusterInfo | undefined,
    sub: SubscriptionContext | undefined,
): ClusterPanelState {
    const parsed = parseArmId(clusterId);
    return {
        subscriptionId,
        clusterId,
        clusterName: cluster?.name ?? nameFromId(clusterId),
        kind: cluster?.kind ?? clusterKindFromId(clusterId),
        subscriptionName: sub?.name ?? subscriptionId,
        resourceGroup: parsed?.resourceGroup ?? '',
        location: cluster?.location,
        clusterFacts: cluster ? clusterFacts(cluster, t) : [],
        extension: { state: 'loading' },
        computes: { state: 'loading' },
        prerequisites: [],
        limits: [],
        health: { state: 'notChecked' },
    };
}
