import * as vscode from 'vscode';
import { redactSecrets } from '../azure/errors';
import { ext } from '../extensionVariables';
import type { ExtensionEnd } from '../follow/extensionFollower';
import type { FollowedExtension } from './extensionWatcher';

/** Tells how an install, update or uninstall of the AzureML extension ended, with the service's error in full. */
export function reportExtensionEnd(op: FollowedExtension, end: ExtensionEnd): void {
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
