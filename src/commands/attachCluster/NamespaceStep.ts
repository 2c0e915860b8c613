import { AzureWizardPromptStep, type IAzureQuickPickItem, nonNullProp } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { checkNamespace, createNamespace } from '../../azure/kubectl';
import { validateNamespace } from '../../domain/validation';
import { explainError } from '../../ui/errorText';
import type { AttachClusterContext } from './AttachClusterContext';
import { askAgainOnBack } from '../shared/askAgainOnBack';
import { separator } from '../shared/picks';

type NamespaceChoice = 'continue' | 'check' | 'create' | 'copy' | 'change';

/**
 * Attach neither creates nor checks the namespace, and jobs fail later when it is missing. On AKS the step can check
 * and create it through Azure; on Arc it hands over the kubectl command.
 */
export class NamespaceStep extends AzureWizardPromptStep<AttachClusterContext> {
    async prompt(context: AttachClusterContext): Promise<void> {
        await askAgainOnBack(
            async () =>
                (
                    await context.ui.showInputBox({
                        prompt: context.prefilled
                            ? vscode.l10n.t(
                                  'Re-attach in namespace {0}, the one the compute had: keep it to pick up what the compute left in the cluster.',
                                  context.prefilled.namespace,
                              )
                            : vscode.l10n.t(
                                  "Kubernetes namespace for this compute's workloads. Attaching does not create or check it; workloads fail if it does not exist.",
                              ),
                        value: context.namespace ?? context.prefilled?.namespace ?? 'default',
                        validateInput: (value) => validateNamespace(value),
                    })
                ).trim(),
            async (namespace) => {
                context.namespace = namespace;
                if (namespace !== 'default') {
                    await this.offerNamespaceCheck(context, namespace);
                }
            },
        );
    }

    shouldPrompt(context: AttachClusterContext): boolean {
        return !context.namespace;
    }

    private async offerNamespaceCheck(context: AttachClusterContext, namespace: string): Promise<void> {
        const cluster = nonNullProp(context, 'cluster');
        const sub = nonNullProp(context, 'clusterSubscription');
        const createCommand = `kubectl create namespace ${namespace}`;
        let result: CheckResult | undefined;
        for (;;) {
            const choice = await context.ui.showQuickPick(
                cluster.kind === 'aks'
                    ? this.aksPicks(namespace, cluster.name, result)
                    : this.arcPicks(createCommand, cluster.name, result),
                {
                    placeHolder: vscode.l10n.t(
                        'Make sure namespace "{0}" exists in {1} before workloads run',
                        namespace,
                        cluster.name,
                    ),
                    suppressPersistence: true,
                },
            );
            switch (choice.data) {
                case 'continue':
                    return;
                case 'change':
                    context.namespace = undefined;
                    return this.prompt(context);
                case 'copy':
                    await vscode.env.clipboard.writeText(createCommand);
                    result = {
                        kind: 'info',
                        text: vscode.l10n.t(
                            'Copied "{0}". Run it where kubectl can reach {1}.',
                            createCommand,
                            cluster.name,
                        ),
                    };
                    break;
                case 'check':
                    result = await this.run(
                        vscode.l10n.t('Checking namespace "{0}" in {1}...', namespace, cluster.name),
                        async () => {
                            const found = await checkNamespace(sub, cluster.id, namespace);
                            return found === 'exists'
                                ? { kind: 'ready', text: '' }
                                : found === 'missing'
                                  ? {
                                        kind: 'missing',
                                        text: vscode.l10n.t(
                                            'Namespace "{0}" does not exist in {1}: create it now, or workloads will fail.',
                                            namespace,
                                            cluster.name,
                                        ),
                                    }
                                  : {
                                        kind: 'failed',
                                        text: vscode.l10n.t('The check did not work: {0}', found.error),
                                    };
                        },
                    );
                    break;
                case 'create':
                    result = await this.run(
                        vscode.l10n.t('Creating namespace "{0}" in {1}...', namespace, cluster.name),
                        async () => {
                            await createNamespace(sub, cluster.id, namespace);
                            return { kind: 'ready', text: '' };
                        },
                    );
                    break;
            }
            if (result?.kind === 'ready') {
                // Nothing left to do here: the wizard moves on, and says why in the status bar for a moment.
                vscode.window.setStatusBarMessage(
                    vscode.l10n.t('$(check) Namespace "{0}" is ready in {1}.', namespace, cluster.name),
                    5000,
                );
                return;
            }
        }
    }

    /** The last result as a heading, then the actions, the one that fixes it first (and so focused). */
    private aksPicks(namespace: string, clusterName: string, result: CheckResult | undefined): Pick[] {
        const check: Pick = {
            label: vscode.l10n.t('$(search) Check that "{0}" exists in {1}', namespace, clusterName),
            data: 'check',
        };
        const create: Pick = {
            label: vscode.l10n.t('$(add) Create "{0}" in {1} now', namespace, clusterName),
            data: 'create',
        };
        const actions =
            result?.kind === 'missing'
                ? [create, { ...check, label: vscode.l10n.t('$(refresh) Check again') }]
                : [check, create];
        return [
            ...heading(result),
            ...actions,
            {
                label:
                    result?.kind === 'missing'
                        ? vscode.l10n.t('$(warning) Continue anyway')
                        : vscode.l10n.t('$(arrow-right) Continue'),
                data: 'continue',
            },
            { label: vscode.l10n.t('$(edit) Use another namespace'), data: 'change' },
        ];
    }

    private arcPicks(createCommand: string, clusterName: string, result: CheckResult | undefined): Pick[] {
        return [
            ...heading(result),
            {
                label: vscode.l10n.t('$(copy) Copy "{0}"', createCommand),
                description: vscode.l10n.t('run it with access to {0}', clusterName),
                data: 'copy',
            },
            { label: vscode.l10n.t('$(arrow-right) Continue'), data: 'continue' },
            { label: vscode.l10n.t('$(edit) Use another namespace'), data: 'change' },
        ];
    }

    private async run(title: string, work: () => Promise<CheckResult>): Promise<CheckResult> {
        try {
            return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, work);
        } catch (error) {
            return { kind: 'failed', text: explainError(error, title).detail };
        }
    }
}

type Pick = IAzureQuickPickItem<NamespaceChoice>;

/** What the last check, creation or copy found. */
interface CheckResult {
    readonly kind: 'ready' | 'missing' | 'failed' | 'info';
    readonly text: string;
}

/** The result as a heading row above the actions (it stays while you look, unlike a placeholder). */
function heading(result: CheckResult | undefined): Pick[] {
    return result && result.kind !== 'ready' ? [separator<NamespaceChoice>(result.text)] : [];
}
