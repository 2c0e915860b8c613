import { AzureWizardPromptStep, type IAzureQuickPickItem } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { azInstallExtensionCommand } from '../../domain/azCommands';
import {
    cautions,
    cliConfig,
    configurationSettings,
    includesInference,
    smallClusterNodeCount,
} from '../../domain/extensionSettings';
import { relayNamespaceName } from '../../domain/relayNames';
import { separator } from '../shared/picks';
import { choiceOf, type InstallExtensionContext } from './InstallExtensionContext';

type Choice = 'install' | 'copyCommand' | 'summary';

export function installCommandOf(context: InstallExtensionContext): string {
    return azInstallExtensionCommand(context.cluster.id, context.cluster.kind, {
        config: cliConfig(choiceOf(context)),
        releaseTrain: context.releaseTrain,
        version: context.version === 'latest' ? undefined : context.version,
    });
}

/** The last look before anything is sent: what will be installed, and the same install as an az command. */
export class ConfirmInstallStep extends AzureWizardPromptStep<InstallExtensionContext> {
    async prompt(context: InstallExtensionContext): Promise<void> {
        for (;;) {
            const choice = await context.ui.showQuickPick(
                [
                    {
                        label: vscode.l10n.t('$(cloud-upload) Install'),
                        description: vscode.l10n.t('the AzureML extension on {0}', context.cluster.name),
                        data: 'install' as const,
                    },
                    {
                        label: vscode.l10n.t('$(copy) Copy the az k8s-extension create command'),
                        data: 'copyCommand' as const,
                    },
                    separator<Choice>(vscode.l10n.t('Summary')),
                    ...this.summary(context),
                ],
                {
                    placeHolder: vscode.l10n.t('Install the AzureML extension on {0}?', context.cluster.name),
                    suppressPersistence: true,
                },
            );
            if (choice.data === 'install') {
                return;
            }
            if (choice.data === 'copyCommand') {
                await vscode.env.clipboard.writeText(installCommandOf(context));
                void vscode.window.showInformationMessage(vscode.l10n.t('Copied the az k8s-extension create command.'));
            }
        }
    }

    shouldPrompt(): boolean {
        return true;
    }

    private summary(context: InstallExtensionContext): IAzureQuickPickItem<Choice>[] {
        const choice = choiceOf(context);
        const settings = configurationSettings(choice, context.facts);
        const item = (label: string, description: string, detail?: string): IAzureQuickPickItem<Choice> => ({
            label,
            description,
            detail,
            data: 'summary',
        });
        const items = [
            item(
                vscode.l10n.t('Cluster'),
                `${context.cluster.name} (${context.cluster.kind === 'aks' ? 'AKS' : 'Azure Arc'})`,
            ),
            item(
                vscode.l10n.t('Runs'),
                [
                    settings.enableTraining === 'True' ? 'training' : '',
                    settings.enableInference === 'True' ? 'inference' : '',
                ]
                    .filter(Boolean)
                    .join(' + '),
            ),
        ];
        if (includesInference(choice.purpose)) {
            items.push(
                item(
                    vscode.l10n.t('Inference router'),
                    [
                        choice.routerServiceType ?? '',
                        choice.internalLoadBalancer ? vscode.l10n.t('internal load balancer') : '',
                        choice.allowInsecureConnections ? 'HTTP' : `HTTPS (${choice.sslCname ?? ''})`,
                    ]
                        .filter(Boolean)
                        .join(' · '),
                ),
            );
        }
        const selector = Object.entries(choice.nodeSelector ?? {});
        items.push(
            item(
                vscode.l10n.t('Node selector'),
                selector.length ? selector.map(([k, v]) => `${k}=${v}`).join(', ') : vscode.l10n.t('any node'),
            ),
            item(
                vscode.l10n.t('Release'),
                context.version === 'latest' || !context.version
                    ? vscode.l10n.t('latest {0}, minor versions upgraded automatically', context.releaseTrain ?? '')
                    : vscode.l10n.t('{0} {1}, pinned', context.releaseTrain ?? '', context.version),
            ),
        );
        if (settings.clusterPurpose === 'DevTest') {
            items.push(
                item(
                    vscode.l10n.t('Cluster size'),
                    vscode.l10n.t('{0} nodes: DevTest, no router high availability', context.facts.nodeCount ?? 0),
                    vscode.l10n.t(
                        'Under {0} nodes the CLI sets clusterPurpose=DevTest and inferenceRouterHA=false; so does this install.',
                        smallClusterNodeCount,
                    ),
                ),
            );
        }
        if (context.cluster.kind === 'arc') {
            items.push(
                item(
                    vscode.l10n.t('Azure Relay'),
                    relayNamespaceName(
                        context.cluster.name,
                        context.cluster.subscriptionId,
                        context.cluster.resourceGroup,
                    ),
                    vscode.l10n.t(
                        'A Relay namespace, hybrid connection {0} and rule azureml_rw in {1}, created (or reused) first; the extension gets its connection string as a protected setting.',
                        context.cluster.name,
                        context.cluster.resourceGroup,
                    ),
                ),
            );
        }
        for (const caution of cautions(choice, context.cluster.kind)) {
            items.push(item(vscode.l10n.t('$(warning) Note'), caution));
        }
        return items;
    }
}
