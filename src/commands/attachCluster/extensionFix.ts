import type { IActionContext } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import type { SubscriptionContext } from '../../azure/subscriptionContext';
import type { ClusterInfo } from '../../domain/models';
import { azInstallExtensionCommand } from '../../domain/azCommands';
import { inertText } from '../../domain/inertText';
import { ext } from '../../extensionVariables';

/** A blocker's fix as the preflight offers it: its item, and what choosing it does (true: check again). */
export interface BlockerFix {
    readonly label: string;
    readonly detail?: string;
    run(): Promise<boolean>;
}

/**
 * The fix for a cluster whose AzureML extension is missing or not Succeeded: install it here (the install wizard,
 * then the checks again once it ends), or copy the command that installs it.
 */
export function extensionFix(context: IActionContext, sub: SubscriptionContext, cluster: ClusterInfo): BlockerFix {
    return {
        label: vscode.l10n.t('$(cloud-download) Install AzureML Extension...'),
        detail: vscode.l10n.t(
            'Choose training, inference or both; the checks run again once the extension is installed.',
        ),
        run: async () => {
            // Its questions in the attach wizard's own quick input; Back from them returns to the checks.
            const { installWithin } = await import('../installExtension/installExtension');
            if (!(await installWithin(context, sub, cluster))) {
                return false;
            }
            const ending = ext.extensionWatcher.whenSettled(cluster.id);
            if (ending) {
                await vscode.window.withProgress(
                    {
                        location: vscode.ProgressLocation.Notification,
                        title: vscode.l10n.t(
                            'Installing the AzureML extension on {0}; the checks run again once it ends...',
                            cluster.name,
                        ),
                    },
                    () => ending,
                );
            }
            return true;
        },
    };
}

export function extensionCommandFix(cluster: ClusterInfo): BlockerFix {
    const command = azInstallExtensionCommand(cluster.id, cluster.kind);
    return {
        label: vscode.l10n.t('$(copy) Copy the command that installs the AzureML extension'),
        detail: vscode.l10n.t('Run it where the Azure CLI is signed in, then choose Check again.'),
        run: async () => {
            await vscode.env.clipboard.writeText(command);
            void vscode.window.showInformationMessage(
                inertText(
                    vscode.l10n.t(
                        'Copied the command that installs the AzureML extension on {0}. Run it where the Azure CLI is signed in (with the k8s-extension extension), then choose Check again.',
                        cluster.name,
                    ),
                ),
            );
            return false;
        },
    };
}
