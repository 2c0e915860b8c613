/**
 * The documented limits and the Trusted Access check as sentences: for the cluster step's rows and the preflight's.
 * No vscode here: the caller passes `vscode.l10n.t` as `t`.
 */
import type { Localize } from '../../azure/errors';
import type { PreflightCheck } from '../../azure/preflight';
import type { ClusterLimit } from '../../domain/clusterLimits';

export interface LimitRow {
    readonly label: string;
    readonly description: string;
    readonly detail: string;
}

/** A few words for the cluster step's row: why this cluster will not attach. */
export function limitSummary(limit: ClusterLimit, workspaceSubscriptionName: string, t: Localize): string {
    switch (limit.kind) {
        case 'aksOtherSubscription':
            return t(
                '$(warning) Not supported: AKS outside {0}; connect it to Azure Arc first',
                workspaceSubscriptionName,
            );
        case 'aksServicePrincipal':
            return t('$(warning) Not supported: the cluster uses a service principal, not a managed identity');
        case 'trustedAccessUnavailable':
            return t('$(warning) Not supported in {0}: local accounts are disabled', limit.cloudName);
    }
}

export function limitRow(check: Extract<PreflightCheck, { kind: 'limit' }>, t: Localize): LimitRow {
    const workspaceSubscriptionName = check.workspaceSubscriptionName;
    const label = `$(error) ${t('Documented limits of {0}', check.clusterName)}`;
    switch (check.limit.kind) {
        case 'aksOtherSubscription':
            return {
                label,
                description: t('AKS in another subscription'),
                detail: t(
                    "Connect it to Azure Arc in {0} (the workspace's), then attach that.",
                    workspaceSubscriptionName,
                ),
            };
        case 'aksServicePrincipal':
            return {
                label,
                description: t('uses a service principal'),
                detail: t('Azure ML needs AKS with a managed identity: move it to one, then recreate its node pools.'),
            };
        case 'trustedAccessUnavailable':
            return {
                label,
                description: t('local accounts disabled'),
                detail: t(
                    'Trusted Access for Azure ML is not in {0}: enable local accounts to attach it.',
                    check.limit.cloudName,
                ),
            };
    }
}

export function trustedAccessRow(check: Extract<PreflightCheck, { kind: 'trustedAccess' }>, t: Localize): LimitRow {
    const icon = { passed: '$(pass)', failed: '$(error)', unknown: '$(question)' }[check.state];
    const label = `${icon} ${t('Trusted Access for {0} on {1}', check.workspaceName, check.clusterName)}`;
    switch (check.state) {
        case 'passed':
            return {
                label,
                description: t('role binding {0}', check.binding?.name ?? ''),
                detail: t('Local accounts are disabled: Azure ML reaches the cluster through this binding.'),
            };
        case 'failed':
            return {
                label,
                description: t('no mlworkload role binding'),
                detail: check.canCreate
                    ? t('Local accounts are disabled: the attach fails without the binding. You may create it.')
                    : t('Local accounts are disabled: the attach fails without the binding. Ask a cluster admin.'),
            };
        case 'unknown':
            return {
                label,
                description: t('not checked'),
                detail: t('The trusted access role bindings could not be read: {0}', check.reason ?? ''),
            };
    }
}
