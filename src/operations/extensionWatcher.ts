import * as vscode from 'vscode';
import { readExtension, type AzureMlExtensionDetails } from '../azure/extensionOperations';
import { describeAzureError, redactSecrets } from '../azure/errors';
import type { SubscriptionContext } from '../azure/subscriptionContext';
import type { ClusterInfo } from '../domain/models';
import { ext } from '../extensionVariables';
import {
    ExtensionFollower,
    type ExtensionEnd,
    type ExtensionOperation,
    type ExtensionTarget,
} from '../follow/extensionFollower';
import { clusterNodeId, subscriptionNodeId } from '../tree/nodeIds';
import { pollIntervalMs } from './pollInterval';

export interface FollowedExtension {
    readonly operation: ExtensionOperation;
    readonly sub: SubscriptionContext;
    readonly cluster: ClusterInfo;
    readonly name: string;
    /** Whether the end notification offers Attach to a Workspace... (not when the attach wizard asked for it). */
    readonly offerAttach?: boolean;
}

/** What a cluster row shows while its extension is being changed. */
export interface ExtensionChange {
    readonly operation: ExtensionOperation;
    readonly provisioningState: string;
}

/**
 * The vscode side of the extension follower: the cluster's row shows the state each read finds (spinning while it
 * changes), and the end is told in a notification with the service's error in full.
 */
export class ExtensionWatcher implements vscode.Disposable {
    private readonly changes = new Map<string, ExtensionChange>();
    private readonly changed = new vscode.EventEmitter<string>();
    /** A cluster's extension (by the cluster's id) began to change, was read while changing, or settled. */
    readonly onDidChange = this.changed.event;
    private readonly endings = new Map<string, Promise<ExtensionEnd>>();
    private readonly follower = new ExtensionFollower<FollowedExtension>({
        read: (op) => readExtension(op.sub, op.cluster, op.name),
        intervalMs: pollIntervalMs,
        describeError: (error) => describeAzureError(error).message,
        onRead: (target, extension) => this.shown(target, extension),
    });

    /** The change in progress on a cluster's extension, if any. */
    changeOf(clusterId: string): ExtensionChange | undefined {
        return this.changes.get(clusterId.toLowerCase());
    }

    /** How the change now followed on a cluster's extension ends; undefined when none is followed. */
    whenSettled(clusterId: string): Promise<ExtensionEnd> | undefined {
        return this.endings.get(clusterId.toLowerCase());
    }

    /** Shows the cluster changing at once, then follows it; resolves once the end has been reported. */
    follow(op: FollowedExtension): Promise<ExtensionEnd> {
        const key = op.cluster.id.toLowerCase();
        const ending = this.followToEnd(key, op).finally(() => {
            if (this.endings.get(key) === ending) {
                this.endings.delete(key);
            }
        });
        this.endings.set(key, ending);
        return ending;
    }

    private async followToEnd(key: string, op: FollowedExtension): Promise<ExtensionEnd> {
        this.changes.set(key, { operation: op.operation, provisioningState: startingState[op.operation] });
        this.refresh(op);
        const end = await this.follower.follow({ key, operation: op.operation, context: op });
        if (end.kind !== 'cancelled') {
            this.changes.delete(key);
            ext.inventory.invalidateClusters(op.sub.subscriptionId);
            // The row is made again from the subscription's new listing (a row keeps the cluster it was made with).
            ext.clustersTree.refresh(subscriptionNodeId('clusters', op.sub.subscriptionId));
            // And a panel showing the cluster reads it all again.
            this.changed.fire(op.cluster.id);
            report(op, end);
        }
        return end;
    }

    dispose(): void {
        this.follower.dispose();
        this.changed.dispose();
    }

    private shown(target: ExtensionTarget<FollowedExtension>, extension: AzureMlExtensionDetails | undefined): void {
        const previous = this.changes.get(target.key);
        const state = extension?.provisioningState ?? vscode.l10n.t('Deleted');
        if (previous && previous.provisioningState !== state) {
            this.changes.set(target.key, { operation: target.operation, provisioningState: state });
            this.refresh(target.context);
        }
    }

    private refresh(op: FollowedExtension): void {
        ext.clustersTree.refresh(clusterNodeId(op.cluster.id));
        this.changed.fire(op.cluster.id);
    }
}

const startingState: Record<ExtensionOperation, string> = {
    install: 'Creating',
    update: 'Updating',
    uninstall: 'Deleting',
};

function report(op: FollowedExtension, end: ExtensionEnd): void {
    const cluster = op.cluster.name;
    switch (end.kind) {
        case 'succeeded': {
            const message =
                op.operation === 'install'
                    ? vscode.l10n.t('Installed the AzureML extension on {0}: Succeeded.', cluster)
                    : op.operation === 'update'
                      ? vscode.l10n.t('Updated the AzureML extension settings on {0}: Succeeded.', cluster)
                      : vscode.l10n.t('Uninstalled the AzureML extension from {0}: Succeeded.', cluster);
            ext.outputChannel.info(`${op.operation} of the AzureML extension on ${op.cluster.id}: Succeeded`);
            const attach = vscode.l10n.t('Attach to a Workspace...');
            void vscode.window
                .showInformationMessage(
                    message,
                    ...(op.operation === 'uninstall' || op.offerAttach === false ? [] : [attach]),
                )
                .then((answer) =>
                    answer === attach
                        ? vscode.commands.executeCommand('azuremlK8s.attachCluster', {
                              subscriptionId: op.sub.subscriptionId,
                              clusterId: op.cluster.id,
                          })
                        : undefined,
                );
            return;
        }
        case 'failed': {
            const error = redactSecrets(end.extension.error ?? vscode.l10n.t('The service gave no error.'));
            ext.outputChannel.error(`${op.operation} of the AzureML extension on ${op.cluster.id}: Failed: ${error}`);
            void vscode.window.showErrorMessage(
                op.operation === 'install'
                    ? vscode.l10n.t(
                          'Installing the AzureML extension on {0}: {1}. {2}',
                          cluster,
                          end.extension.provisioningState,
                          error,
                      )
                    : op.operation === 'update'
                      ? vscode.l10n.t(
                            'Updating the AzureML extension settings on {0}: {1}. {2}',
                            cluster,
                            end.extension.provisioningState,
                            error,
                        )
                      : vscode.l10n.t(
                            'Uninstalling the AzureML extension from {0}: {1}. {2}',
                            cluster,
                            end.extension.provisioningState,
                            error,
                        ),
            );
            return;
        }
        case 'gone':
            void vscode.window.showWarningMessage(
                vscode.l10n.t('The AzureML extension on {0} is gone: someone uninstalled it meanwhile.', cluster),
            );
            return;
        case 'unfollowed':
            void vscode.window.showWarningMessage(
                vscode.l10n.t(
                    'Stopped following the AzureML extension on {0}: {1} Refresh the Kubernetes Clusters view to see how it ends.',
                    cluster,
                    redactSecrets(end.detail),
                ),
            );
            return;
        case 'expired':
            void vscode.window.showWarningMessage(
                vscode.l10n.t(
                    'The AzureML extension on {0} is still {1} after an hour; refresh later to see how it ends.',
                    cluster,
                    end.extension?.provisioningState ?? '?',
                ),
            );
            return;
    }
}
