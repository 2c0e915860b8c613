import { AzureWizardPromptStep, type IAzureQuickPickItem } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { checkNamespace, createNamespace } from '../../azure/kubectl';
import { validateNamespace } from '../../domain/validation';
import { explainError } from '../../ui/errorText';
import type { AttachClusterContext } from './AttachClusterContext';
import { required } from '../shared/required';

type NamespaceChoice = 'continue' | 'check' | 'create' | 'copy' | 'change';

/**
 * Attach neither creates nor checks the namespace, and jobs fail later when it is missing. On AKS the step can check
 * and create it through Azure; on Arc it hands over the kubectl command.
 */
export class NamespaceStep extends AzureWizardPromptStep<AttachClusterContext> {
    async prompt(context: AttachClusterContext): Promise<void> {
        const namespace = (
            await context.ui.showInputBox({
                prompt: vscode.l10n.t(
                    "Kubernetes namespace for this compute's workloads. Attaching does not create or check it; workloads fail if it does not exist.",
                ),
                value: context.namespace ?? 'default',
                validateInput: (value) => validateNamespace(value),
            })
        ).trim();
        context.namespace = namespace;
        if (namespace !== 'default') {
            await this.offerNamespaceCheck(context, namespace);
        }
    }

    shouldPrompt(context: AttachClusterContext): boolean {
        return !context.namespace;
    }

    private async offerNamespaceCheck(context: AttachClusterContext, namespace: string): Promise<void> {
        const cluster = required(context.cluster, 'the cluster');
        const sub = required(context.clusterSubscription, 'the cluster subscription');
        const createCommand = `kubectl create namespace ${namespace}`;
        let status = '';
        for (;;) {
            const picks: IAzureQuickPickItem<NamespaceChoice>[] =
                cluster.kind === 'aks'
                    ? [
                          {
                              label: vscode.l10n.t('$(search) Check that "{0}" exists in {1}', namespace, cluster.name),
                              data: 'check',
                          },
                          {
                              label: vscode.l10n.t('$(add) Create "{0}" in {1} now', namespace, cluster.name),
                              data: 'create',
                          },
                          { label: vscode.l10n.t('$(arrow-right) Continue'), data: 'continue' },
                      ]
                    : [
                          {
                              label: vscode.l10n.t('$(copy) Copy "{0}"', createCommand),
                              description: vscode.l10n.t('run it with access to {0}', cluster.name),
                              data: 'copy',
                          },
                          { label: vscode.l10n.t('$(arrow-right) Continue'), data: 'continue' },
                      ];
            picks.push({ label: vscode.l10n.t('$(edit) Use another namespace'), data: 'change' });
            const choice = await context.ui.showQuickPick(picks, {
                placeHolder:
                    status ||
                    vscode.l10n.t(
                        'Make sure namespace "{0}" exists in {1} before workloads run',
                        namespace,
                        cluster.name,
                    ),
                suppressPersistence: true,
            });
            switch (choice.data) {
                case 'continue':
                    return;
                case 'change':
                    context.namespace = undefined;
                    return this.prompt(context);
                case 'copy':
                    await vscode.env.clipboard.writeText(createCommand);
                    status = vscode.l10n.t(
                        'Copied "{0}". Run it where kubectl can reach {1}.',
                        createCommand,
                        cluster.name,
                    );
                    break;
                case 'check':
                    status = await this.run(
                        vscode.l10n.t('Checking namespace "{0}" in {1}...', namespace, cluster.name),
                        async () => {
                            const result = await checkNamespace(sub, cluster.id, namespace);
                            if (result === 'exists') {
                                return vscode.l10n.t('Namespace "{0}" exists in {1}.', namespace, cluster.name);
                            }
                            return result === 'missing'
                                ? vscode.l10n.t(
                                      'Namespace "{0}" does not exist in {1}. Create it now, or workloads will fail.',
                                      namespace,
                                      cluster.name,
                                  )
                                : vscode.l10n.t('The check did not work: {0}', result.error);
                        },
                    );
                    break;
                case 'create':
                    status = await this.run(
                        vscode.l10n.t('Creating namespace "{0}" in {1}...', namespace, cluster.name),
                        async () => {
                            await createNamespace(sub, cluster.id, namespace);
                            return vscode.l10n.t('Namespace "{0}" is ready in {1}.', namespace, cluster.name);
                        },
                    );
                    break;
            }
        }
    }

    private async run(title: string, work: () => Promise<string>): Promise<string> {
        try {
            return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, work);
        } catch (error) {
            return explainError(error, title).detail;
        }
    }
}
