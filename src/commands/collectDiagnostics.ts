/**
 * Collect Diagnostics: on AKS, runs the AzureML extension's diagnostic kubectl commands through run-command (pods,
 * events, describe and logs of each pod that is not healthy) and saves their output, secrets redacted, to a file the
 * user picks, to attach to a support request. On Arc (no run-command), copies the same commands to run.
 */
import type { IActionContext } from '@microsoft/vscode-azext-utils';
import * as os from 'os';
import * as vscode from 'vscode';
import { collectDiagnostics as runDiagnostics, readPodHealth } from '../azure/clusterHealth';
import { getAzureMlExtension } from '../azure/extensionOperations';
import { diagnosticCommands } from '../domain/podHealth';
import { resolveClusterArgument } from './shared/clusterArgument';

export async function collectDiagnostics(context: IActionContext, arg?: unknown): Promise<void> {
    const { sub, cluster } = await resolveClusterArgument(
        arg,
        context,
        vscode.l10n.t('Select the cluster to collect AzureML extension diagnostics from'),
    );
    const namespace = (await getAzureMlExtension(sub, cluster).catch(() => undefined))?.releaseNamespace;
    if (cluster.kind === 'arc') {
        await vscode.env.clipboard.writeText(diagnosticCommands(['<pod>'], namespace).join('\n'));
        void vscode.window.showInformationMessage(
            vscode.l10n.t(
                "Azure cannot run kubectl in an Arc-enabled cluster for you: the diagnostic kubectl commands for {0} are copied. Run them with the cluster's kubeconfig and replace <pod> with each pod that is not ready.",
                cluster.name,
            ),
        );
        return;
    }
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const target = await vscode.window.showSaveDialog({
        title: vscode.l10n.t('Save the AzureML extension diagnostics of {0}', cluster.name),
        defaultUri: vscode.Uri.joinPath(
            vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir()),
            `azureml-diagnostics-${cluster.name}-${stamp}.txt`,
        ),
        filters: { [vscode.l10n.t('Text')]: ['txt'] },
    });
    if (!target) {
        return;
    }
    const text = await vscode.window.withProgress(
        {
            location: vscode.ProgressLocation.Notification,
            title: vscode.l10n.t('Collecting diagnostics from {0} through Azure...', cluster.name),
        },
        async () => {
            const pods = await readPodHealth(sub, cluster.id, namespace).catch(() => []);
            const unhealthy = pods.filter((p) => !p.healthy).map((p) => p.name);
            const header = [
                `AzureML extension diagnostics`,
                `cluster: ${cluster.id}`,
                `collected: ${new Date().toISOString()}`,
                `pods not ready: ${unhealthy.join(', ') || 'none'}`,
            ];
            return runDiagnostics(sub, cluster.id, unhealthy, header, namespace);
        },
    );
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    const open = vscode.l10n.t('Open');
    const answer = await vscode.window.showInformationMessage(
        vscode.l10n.t('Saved the diagnostics of {0} to {1}.', cluster.name, target.fsPath),
        open,
    );
    if (answer === open) {
        await vscode.window.showTextDocument(target);
    }
}
