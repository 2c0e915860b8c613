import { AzureWizardPromptStep, type IAzureQuickPickItem, nonNullProp } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { attachYaml, azAttachCommand, type AttachPlan } from '../../domain/attachPlan';
import { identityLabel } from '../../tree/describe';
import type { AttachClusterContext } from './AttachClusterContext';
import { separator } from '../shared/picks';

type Choice = 'attach' | 'copyCommand' | 'copyYaml' | 'openYaml' | 'summary';

export function planFrom(context: AttachClusterContext): AttachPlan {
    const workspace = nonNullProp(context, 'workspace');
    const cluster = nonNullProp(context, 'cluster');
    return {
        workspace: {
            id: workspace.id,
            name: workspace.name,
            resourceGroup: workspace.resourceGroup,
            location: workspace.location,
        },
        cluster: { id: cluster.id, kind: cluster.kind },
        computeName: nonNullProp(context, 'computeName'),
        namespace: nonNullProp(context, 'namespace'),
        identity: nonNullProp(context, 'identity'),
    };
}

/** The last look before anything is sent: a summary, and the same attach as an az command or YAML file. */
export class ConfirmStep extends AzureWizardPromptStep<AttachClusterContext> {
    async prompt(context: AttachClusterContext): Promise<void> {
        const plan = planFrom(context);
        const cluster = nonNullProp(context, 'cluster');
        const summary: IAzureQuickPickItem<Choice>[] = [
            {
                label: vscode.l10n.t('Workspace'),
                description: `${plan.workspace.name} (${plan.workspace.resourceGroup})`,
                data: 'summary',
            },
            {
                label: vscode.l10n.t('Cluster'),
                description: `${cluster.name} (${cluster.kind === 'aks' ? 'AKS' : 'Azure Arc'})`,
                data: 'summary',
            },
            { label: vscode.l10n.t('Compute name'), description: plan.computeName, data: 'summary' },
            { label: vscode.l10n.t('Namespace'), description: plan.namespace, data: 'summary' },
            { label: vscode.l10n.t('Identity'), description: this.identityText(plan), data: 'summary' },
        ];
        for (;;) {
            const choice = await context.ui.showQuickPick(
                [
                    {
                        label: vscode.l10n.t('$(plug) Attach'),
                        description: vscode.l10n.t('create compute {0}', plan.computeName),
                        data: 'attach' as const,
                    },
                    { label: vscode.l10n.t('$(copy) Copy the az command'), data: 'copyCommand' as const },
                    {
                        label: vscode.l10n.t('$(copy) Copy the YAML for az ml compute attach --file'),
                        data: 'copyYaml' as const,
                    },
                    { label: vscode.l10n.t('$(go-to-file) Open the YAML in an editor'), data: 'openYaml' as const },
                    separator<Choice>(vscode.l10n.t('Summary')),
                    ...summary,
                ],
                {
                    placeHolder: vscode.l10n.t('Attach {0} to {1}?', cluster.name, plan.workspace.name),
                    suppressPersistence: true,
                },
            );
            switch (choice.data) {
                case 'attach':
                    return;
                case 'copyCommand':
                    await vscode.env.clipboard.writeText(azAttachCommand(plan));
                    void vscode.window.showInformationMessage(
                        vscode.l10n.t('Copied the az ml compute attach command.'),
                    );
                    break;
                case 'copyYaml':
                    await vscode.env.clipboard.writeText(attachYaml(plan));
                    void vscode.window.showInformationMessage(vscode.l10n.t('Copied the compute YAML.'));
                    break;
                case 'openYaml': {
                    const document = await vscode.workspace.openTextDocument({
                        language: 'yaml',
                        content: attachYaml(plan),
                    });
                    await vscode.window.showTextDocument(document, { preview: true, preserveFocus: true });
                    break;
                }
            }
        }
    }

    shouldPrompt(): boolean {
        return true;
    }

    private identityText(plan: AttachPlan): string {
        return plan.identity.type === 'UserAssigned'
            ? `${identityLabel('UserAssigned')}: ${plan.identity.identityId.split('/').pop()}`
            : identityLabel(plan.identity.type);
    }
}
