import { type IActionContext, UserCancelledError } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { getAzureMlExtension, startUninstall } from '../azure/extensionOperations';
import { ext } from '../extensionVariables';
import { commandFailure } from '../ui/errorText';
import { resolveClusterArgument } from './shared/clusterArgument';

/**
 * Uninstall...: a modal confirmation naming every compute (in every workspace of the selected subscriptions) that
 * attaches the cluster and stops working, then the DELETE, followed until the extension is gone.
 */
export async function uninstallExtension(context: IActionContext, arg?: unknown): Promise<void> {
    const { sub, cluster } = await resolveClusterArgument(
        arg,
        context,
        vscode.l10n.t('Select the cluster to uninstall the AzureML extension from'),
    );
    const { installed, attached, unreadable } = await vscode.window.withProgress(
        {
            location: vscode.ProgressLocation.Notification,
            title: vscode.l10n.t('Finding the computes that attach {0}...', cluster.name),
        },
        async () => {
            try {
                const [installed, index] = await Promise.all([
                    getAzureMlExtension(sub, cluster),
                    ext.inventory.attachments(),
                ]);
                const attached = index.byCluster.get(cluster.id.toLowerCase()) ?? [];
                return { installed, attached, unreadable: index.unreadable };
            } catch (error) {
                throw commandFailure(context, error, vscode.l10n.t('Could not read cluster {0}', cluster.name));
            }
        },
    );
    if (!installed) {
        void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no AzureML extension.', cluster.name));
        return;
    }
    const computes = attached.map((c) => `${c.workspaceName}/${c.name}`);
    const detail = [
        computes.length
            ? vscode.l10n.t(
                  'These computes attach {0} and will stop working (jobs and endpoints on them fail) until the extension is installed again: {1}.',
                  cluster.name,
                  computes.join(', '),
              )
            : vscode.l10n.t('No compute in the selected subscriptions attaches {0}.', cluster.name),
        unreadable.length
            ? vscode.l10n.t('Could not read {0}: computes there are not counted.', unreadable.join(', '))
            : '',
        cluster.kind === 'arc'
            ? vscode.l10n.t('The Azure Relay the extension used stays in {0}.', cluster.resourceGroup)
            : '',
        // The CLI's own warning on delete (AzureMLKubernetes.py).
        vscode.l10n.t(
            'If the cluster no longer recognises nvidia.com/gpu or fuse resources afterwards, install the device plugins again.',
        ),
    ]
        .filter(Boolean)
        .join('\n\n');
    const uninstall = vscode.l10n.t('Uninstall');
    const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('Uninstall the AzureML extension ({0}) from {1}?', installed.name, cluster.name),
        { modal: true, detail },
        uninstall,
    );
    if (answer !== uninstall) {
        throw new UserCancelledError('uninstallExtension');
    }
    context.telemetry.measurements.attachedComputes = computes.length;
    try {
        await startUninstall(sub, cluster, installed.name);
    } catch (error) {
        throw commandFailure(
            context,
            error,
            vscode.l10n.t('Could not uninstall the AzureML extension from {0}', cluster.name),
        );
    }
    ext.outputChannel.info(`Uninstall of ${installed.id} accepted.`);
    void ext.extensionWatcher.follow({ operation: 'uninstall', sub, cluster, name: installed.name });
}
