import * as vscode from 'vscode';
import type { ClusterInfo } from '../../domain/models';
import { azInstallExtensionCommand } from '../../domain/azCommands';
import { inertText } from '../../domain/inertText';

/** A blocker's fix as the preflight offers it: its item, and what choosing it does. */
export interface BlockerFix {
    readonly label: string;
    readonly detail?: string;
    run(): Promise<void>;
}

/**
 * The fix for a cluster whose AzureML extension is missing or not Succeeded: today, copy the command that installs
 * it. This is the one piece to replace once the extension can be installed from the editor.
 */
export function extensionFix(cluster: ClusterInfo): BlockerFix {
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
        },
    };
}
