import { AzureWizard, callWithTelemetryAndErrorHandling, type IActionContext } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { getCluster } from '../../azure/inventory';
import type { SubscriptionContext } from '../../azure/subscriptionContext';
import { armIdsEqual } from '../../domain/armId';
import type { ClusterInfo } from '../../domain/models';
import { ext } from '../../extensionVariables';
import { ClusterNode } from '../../tree/ClusterNode';
import type { AttachClusterContext } from '../attachCluster/AttachClusterContext';
import { ClusterListStep } from '../attachCluster/ClusterListStep';
import { ensureSignedIn } from '../ensureSignedIn';

/** What the cluster commands accept besides a tree row: the cluster panel and the preflight pass this. */
export interface ClusterArgument {
    readonly subscriptionId: string;
    readonly clusterId: string;
}

export interface ResolvedCluster {
    readonly sub: SubscriptionContext;
    readonly cluster: ClusterInfo;
}

export function isClusterArgument(value: unknown): value is ClusterArgument {
    const candidate = value as Partial<ClusterArgument> | undefined;
    return (
        typeof candidate === 'object' &&
        candidate !== null &&
        typeof candidate.subscriptionId === 'string' &&
        typeof candidate.clusterId === 'string'
    );
}

/**
 * The cluster a command is about: a Clusters-tree row, a `{ subscriptionId, clusterId }`, or (from the palette) the
 * cluster the user picks with the attach wizard's cluster step. A plain argument is read through the shared cache,
 * and through ARM when the cache does not list it (just created, or outside the selected subscriptions).
 */
export async function resolveClusterArgument(
    arg: unknown,
    context?: IActionContext,
    placeHolder?: string,
): Promise<ResolvedCluster> {
    if (arg instanceof ClusterNode) {
        return { sub: arg.subscription, cluster: arg.cluster };
    }
    if (!context) {
        // A caller outside a command (a panel's message) still gets the usual error handling around the picker.
        const resolved = await callWithTelemetryAndErrorHandling('azuremlK8s.resolveCluster', (ctx) => {
            ctx.errorHandling.rethrow = true;
            ctx.errorHandling.suppressDisplay = true;
            return resolveClusterArgument(arg, ctx, placeHolder);
        });
        if (!resolved) {
            throw new Error(vscode.l10n.t('No cluster was chosen.'));
        }
        return resolved;
    }
    await ensureSignedIn(context);
    if (isClusterArgument(arg)) {
        return resolvePlainArgument(arg);
    }
    if (arg !== undefined && arg !== null) {
        throw new Error(vscode.l10n.t('Choose a cluster in the Kubernetes Clusters view.'));
    }
    return pickCluster(context, placeHolder);
}

async function resolvePlainArgument(arg: ClusterArgument): Promise<ResolvedCluster> {
    const sub = await ext.session.findSubscription(arg.subscriptionId);
    if (!sub) {
        throw new Error(
            vscode.l10n.t('Subscription {0} is not one the signed-in account can use.', arg.subscriptionId),
        );
    }
    const listed = await ext.inventory.clusters(sub).catch(() => []);
    const cluster = listed.find((c) => armIdsEqual(c.id, arg.clusterId)) ?? (await getCluster(sub, arg.clusterId));
    if (!cluster) {
        throw new Error(vscode.l10n.t('No cluster was found with the id {0}.', arg.clusterId));
    }
    return { sub, cluster };
}

/** The attach wizard's own cluster step, alone: every selected subscription, AKS then Arc, or a typed resource id. */
async function pickCluster(context: IActionContext, placeHolder?: string): Promise<ResolvedCluster> {
    const wizardContext: AttachClusterContext = { ...context };
    const wizard = new AzureWizard(wizardContext, {
        title: vscode.l10n.t('Select a cluster'),
        promptSteps: [new ClusterListStep(placeHolder)],
        showLoadingPrompt: true,
    });
    await wizard.prompt();
    const { clusterSubscription, cluster } = wizardContext;
    if (!clusterSubscription || !cluster) {
        throw new Error(vscode.l10n.t('No cluster was chosen.'));
    }
    return { sub: clusterSubscription, cluster };
}
