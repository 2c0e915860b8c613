/**
 * The cluster panel's sections built from what was read: the cluster's facts, the computes that attach it, and the
 * documented limits that apply (domain/clusterLimits.ts). No vscode here: the caller passes `vscode.l10n.t` as `t`,
 * so the unit tests build the sections too.
 */
import { nameFromId } from '../../domain/armId';
import { clusterLimits, mlWorkloadBindingFor, needsTrustedAccess } from '../../domain/clusterLimits';
import type { ClusterInfo, ComputeInfo, SubscriptionRef, TrustedAccessBindingInfo } from '../../domain/models';
import { redactSecrets, type Localize } from '../../azure/errors';
import type { AzureMlExtensionDetails } from '../../azure/extensionOperations';
import { visibleSettings } from '../../domain/extensionDetails';
import type { ClusterPanelState, ComputeRow, ExtensionView, LimitNote } from './contract';

/** The extension for the page: its plain settings only, its error in full line by line, secrets redacted. */
export function extensionView(details: AzureMlExtensionDetails): ExtensionView {
    const { settings, hiddenSettings } = visibleSettings(details.configurationSettings);
    const errors = (details.error ?? '')
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => ({ message: redactSecrets(line) }));
    return {
        name: details.name,
        provisioningState: details.provisioningState,
        currentVersion: details.currentVersion,
        version: details.version,
        releaseTrain: details.releaseTrain,
        autoUpgradeMinorVersion: details.autoUpgradeMinorVersion,
        releaseNamespace: details.releaseNamespace,
        settings,
        hiddenSettings: [...hiddenSettings, ...details.protectedSettingNames],
        errors,
        statuses: details.statuses
            .filter((st) => st.message || st.displayStatus)
            .map((st) => ({
                code: st.level ?? st.code,
                message: redactSecrets(st.message ?? st.displayStatus ?? ''),
            })),
    };
}

export function clusterFacts(cluster: ClusterInfo, t: Localize): ClusterPanelState['clusterFacts'] {
    const facts: { label: string; value: string }[] = [
        { label: t('Type'), value: cluster.kind === 'aks' ? t('Azure Kubernetes Service') : t('Azure Arc-enabled') },
    ];
    if (cluster.kubernetesVersion) {
        facts.push({ label: t('Kubernetes'), value: cluster.kubernetesVersion });
    }
    if (cluster.distribution) {
        facts.push({ label: t('Distribution'), value: cluster.distribution });
    }
    if (cluster.connectivityStatus) {
        facts.push({ label: t('Connectivity'), value: cluster.connectivityStatus });
    }
    if (cluster.provisioningState) {
        facts.push({ label: t('Cluster state'), value: cluster.provisioningState });
    }
    return facts;
}

function identityText(compute: ComputeInfo, t: Localize): string {
    const user = compute.identity.userAssigned[0];
    switch (compute.identity.type) {
        case 'SystemAssigned':
            return t('System-assigned');
        case 'UserAssigned':
            return t('User-assigned: {0}', user ? nameFromId(user.id) : '?');
        case 'SystemAssigned,UserAssigned':
            return t('System- and user-assigned: {0}', user ? nameFromId(user.id) : '?');
        default:
            return t('None');
    }
}

/** The computes attaching the cluster, by workspace then name. */
export function computeRows(
    computes: readonly ComputeInfo[],
    subscriptions: readonly SubscriptionRef[],
    t: Localize,
): ComputeRow[] {
    const subscriptionName = (id: string) =>
        subscriptions.find((s) => s.subscriptionId.toLowerCase() === id.toLowerCase())?.name ?? id;
    return computes
        .map((c) => ({
            id: c.id,
            name: c.name,
            workspaceName: c.workspaceName,
            subscriptionName: subscriptionName(c.subscriptionId),
            provisioningState: c.provisioningState,
            namespace: c.namespace ?? 'default',
            identity: identityText(c, t),
        }))
        .sort((a, b) => a.workspaceName.localeCompare(b.workspaceName) || a.name.localeCompare(b.name));
}

/** What Trusted Access says per attaching workspace, when the cluster needs it; undefined bindings: not readable. */
export interface TrustedAccessRead {
    readonly bindings?: readonly TrustedAccessBindingInfo[];
    readonly reason?: string;
}

/**
 * The documented limits for this cluster: the ones that stop it (a service principal, local accounts disabled where
 * Trusted Access is not offered), the Trusted Access binding of each attaching workspace, and the rules to know
 * (AKS attaches only to workspaces of its own subscription; a workspace behind a private endpoint).
 */
export function limitNotes(
    cluster: ClusterInfo,
    workspaces: readonly { readonly id: string; readonly name: string; readonly privateEndpoint?: boolean }[],
    trustedAccess: TrustedAccessRead,
    cloudName: string,
    t: Localize,
): LimitNote[] {
    const notes: LimitNote[] = [];
    for (const limit of clusterLimits(cluster, cluster.subscriptionId, cloudName)) {
        if (limit.kind === 'aksServicePrincipal') {
            notes.push({
                id: 'aksServicePrincipal',
                level: 'warning',
                text: t(
                    'The cluster uses a service principal: Azure ML supports AKS with a managed identity only. Move it to a managed identity before attaching.',
                ),
            });
        } else if (limit.kind === 'trustedAccessUnavailable') {
            notes.push({
                id: 'trustedAccessUnavailable',
                level: 'warning',
                text: t(
                    'Local accounts are disabled, and Trusted Access for Azure ML is not available in {0}: enable local accounts to attach the cluster.',
                    limit.cloudName,
                ),
            });
        }
    }
    if (cluster.kind === 'aks') {
        notes.push({
            id: 'aksSameSubscription',
            level: 'info',
            text: t(
                'An AKS cluster attaches only to workspaces of its own subscription; for another subscription, connect it to Azure Arc there.',
            ),
        });
    }
    if (needsTrustedAccess(cluster) && !notes.some((n) => n.id === 'trustedAccessUnavailable')) {
        notes.push({
            id: 'trustedAccessRule',
            level: 'info',
            text: t(
                'Local accounts are disabled: Azure ML reaches the cluster through a Trusted Access role binding (mlworkload) for each workspace, which must exist before a compute is attached.',
            ),
        });
        notes.push(...trustedAccessNotes(workspaces, trustedAccess, t));
    }
    for (const w of workspaces.filter((w) => w.privateEndpoint)) {
        notes.push({
            id: `privateEndpoint:${w.id.toLowerCase()}`,
            level: 'info',
            text: t(
                '{0} has a private endpoint: a managed identity on its Kubernetes computes does not work there.',
                w.name,
            ),
        });
    }
    return notes;
}

function trustedAccessNotes(
    workspaces: readonly { readonly id: string; readonly name: string }[],
    trustedAccess: TrustedAccessRead,
    t: Localize,
): LimitNote[] {
    if (!trustedAccess.bindings) {
        return [
            {
                id: 'trustedAccessUnknown',
                level: 'warning',
                text: t(
                    'Local accounts are disabled: each workspace needs a Trusted Access role binding (mlworkload), but the bindings could not be read: {0}',
                    trustedAccess.reason ?? '',
                ),
            },
        ];
    }
    const bindings = trustedAccess.bindings;
    return workspaces.map((w) => {
        const binding = mlWorkloadBindingFor(bindings, w.id);
        return binding
            ? {
                  id: `trustedAccess:${w.id.toLowerCase()}`,
                  level: 'ok' as const,
                  text: t('Trusted Access role binding {0} lets {1} reach the cluster.', binding.name, w.name),
              }
            : {
                  id: `trustedAccess:${w.id.toLowerCase()}`,
                  level: 'warning' as const,
                  text: t(
                      'Local accounts are disabled and {0} has no Trusted Access role binding (mlworkload): its computes cannot reach the cluster. Create the binding, then detach and attach them again.',
                      w.name,
                  ),
              };
    });
}
