import {
    AzureWizardPromptStep,
    type IAzureQuickPickItem,
    nonNullProp,
    nonNullValue,
} from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { parseArmId } from '../../domain/armId';
import { clusterLimits, needsTrustedAccess } from '../../domain/clusterLimits';
import { getCluster } from '../../azure/inventory';
import type { ClusterInfo } from '../../domain/models';
import type { SubscriptionContext } from '../../azure/subscriptionContext';
import { normalizeResourceId, validateClusterResourceId } from '../../domain/validation';
import { ext } from '../../extensionVariables';
import { extensionStateLabel } from '../../tree/describe';
import { explainError } from '../../ui/errorText';
import type { AttachClusterContext } from './AttachClusterContext';
import { askAgainOnBack } from '../shared/askAgainOnBack';
import { limitSummary } from './limitText';
import { pickFromSelectedSubscriptions, separator, type SubscriptionPicks } from '../shared/picks';

type ClusterPick = { sub: SubscriptionContext; cluster: ClusterInfo } | 'enterId';

/** AKS and Arc clusters from every selected subscription: a workspace may attach a cluster in another one. */
export class ClusterListStep extends AzureWizardPromptStep<AttachClusterContext> {
    /** `placeHolder` says what the cluster is for, when it is not the attach. */
    constructor(private readonly placeHolder?: string) {
        super();
    }

    async prompt(context: AttachClusterContext): Promise<void> {
        const found = await askAgainOnBack(
            () => {
                const attached = this.attachedInWorkspace(context);
                return pickFromSelectedSubscriptions<ClusterInfo, ClusterPick>(context, {
                    load: (sub, signal) => ext.inventory.clusters(sub, signal),
                    failure: (sub) => vscode.l10n.t('Could not list the clusters of {0}', sub.name),
                    toPicks: async (listed) => this.clusterPicks(context, listed, await attached),
                    trailing: [
                        separator<ClusterPick>(vscode.l10n.t('Another cluster')),
                        { label: vscode.l10n.t('$(edit) Enter a resource id...'), data: 'enterId', alwaysShow: true },
                    ],
                    placeHolder:
                        this.placeHolder ??
                        vscode.l10n.t('Select the AKS or Azure Arc-enabled Kubernetes cluster to attach'),
                    loadingPlaceHolder: vscode.l10n.t('Loading clusters from the selected subscriptions...'),
                    matchOnDescription: true,
                    suppressPersistence: true,
                });
            },
            (pick) => (pick.data === 'enterId' ? this.promptForId(context) : Promise.resolve(pick.data)),
        );
        context.clusterSubscription = found.sub;
        context.cluster = found.cluster;
    }

    shouldPrompt(context: AttachClusterContext): boolean {
        return !context.cluster;
    }

    /** AKS first, then Arc, each cluster saying whether the workspace already attaches it. */
    private clusterPicks(
        context: AttachClusterContext,
        listed: readonly SubscriptionPicks<ClusterInfo>[],
        attached: Map<string, string[]>,
    ): IAzureQuickPickItem<ClusterPick>[] {
        const found = listed.flatMap(({ sub, items }) => items.map((cluster) => ({ sub, cluster })));
        const toPick = ({
            sub,
            cluster,
        }: {
            sub: SubscriptionContext;
            cluster: ClusterInfo;
        }): IAzureQuickPickItem<ClusterPick> => {
            const computes = attached.get(cluster.id.toLowerCase());
            const workspaceSub = context.subscription;
            const limits = workspaceSub ? clusterLimits(cluster, workspaceSub.subscriptionId, sub.cloud.name) : [];
            return {
                label: cluster.name,
                description: `${cluster.resourceGroup} · ${cluster.location} · ${sub.name}`,
                detail: [
                    ...limits.map((limit) => limitSummary(limit, workspaceSub?.name ?? '', vscode.l10n.t)),
                    extensionStateLabel(cluster.azureMlExtension),
                    limits.length === 0 && needsTrustedAccess(cluster)
                        ? vscode.l10n.t('$(shield) local accounts disabled: needs Trusted Access')
                        : undefined,
                    computes
                        ? vscode.l10n.t(
                              '$(link) already attached to {0} as {1}',
                              context.workspace?.name ?? '',
                              computes.join(', '),
                          )
                        : undefined,
                ]
                    .filter(Boolean)
                    .join(' · '),
                data: { sub, cluster },
            };
        };
        const aks = found.filter((c) => c.cluster.kind === 'aks');
        const arc = found.filter((c) => c.cluster.kind === 'arc');
        // The clusters come first, so the first one (not "Enter a resource id...") has the focus.
        return [
            ...(aks.length
                ? [separator<ClusterPick>(vscode.l10n.t('Azure Kubernetes Service')), ...aks.map(toPick)]
                : []),
            ...(arc.length
                ? [separator<ClusterPick>(vscode.l10n.t('Azure Arc-enabled Kubernetes')), ...arc.map(toPick)]
                : []),
        ];
    }

    /** Cluster id (lower case) → the computes of the chosen workspace that already attach it. */
    private async attachedInWorkspace(context: AttachClusterContext): Promise<Map<string, string[]>> {
        const attached = new Map<string, string[]>();
        if (!context.subscription || !context.workspace) {
            return attached;
        }
        const computes = await ext.inventory.computes(context.subscription, context.workspace).catch(() => []);
        for (const c of computes) {
            if (c.clusterId) {
                const key = c.clusterId.toLowerCase();
                attached.set(key, [...(attached.get(key) ?? []), c.name]);
            }
        }
        return attached;
    }

    private async promptForId(
        context: AttachClusterContext,
    ): Promise<{ sub: SubscriptionContext; cluster: ClusterInfo }> {
        let found: { sub: SubscriptionContext; cluster: ClusterInfo } | undefined;
        await context.ui.showInputBox({
            prompt: vscode.l10n.t(
                'Resource id of an AKS cluster (managedClusters) or an Azure Arc-enabled cluster (connectedClusters)',
            ),
            placeHolder:
                '/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.ContainerService/managedClusters/<name>',
            validateInput: (value) => validateClusterResourceId(value),
            // Runs on Enter even when validateInput has refused the value: an invalid id is never sent.
            asyncValidationTask: async (value) => {
                if (validateClusterResourceId(value)) {
                    return undefined;
                }
                const id = normalizeResourceId(value);
                const sub = await this.subscriptionFor(context, id);
                try {
                    const cluster = await getCluster(sub, id);
                    found = cluster ? { sub, cluster } : undefined;
                    return cluster ? undefined : vscode.l10n.t('No cluster was found with this id.');
                } catch (error) {
                    return explainError(error, vscode.l10n.t('Could not read cluster {0}', id)).detail;
                }
            },
        });
        return nonNullValue(found, 'the cluster');
    }

    /** The cluster's own subscription when the account has it, else the workspace's credential aimed at it. */
    private async subscriptionFor(context: AttachClusterContext, id: string): Promise<SubscriptionContext> {
        const subscriptionId = parseArmId(id)?.subscriptionId ?? '';
        const known = await ext.session.findSubscription(subscriptionId);
        const base = nonNullProp(context, 'subscription');
        return known ?? { ...base, subscriptionId, name: subscriptionId };
    }
}
