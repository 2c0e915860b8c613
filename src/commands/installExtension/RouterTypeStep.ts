import { AzureWizardPromptStep } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { includesInference, type RouterServiceType } from '../../domain/extensionSettings';
import type { InstallExtensionContext } from './InstallExtensionContext';

/** The inference router's Kubernetes service type (`inferenceRouterServiceType`), and what each means. */
export class RouterTypeStep extends AzureWizardPromptStep<InstallExtensionContext> {
    async prompt(context: InstallExtensionContext): Promise<void> {
        const picks: { label: string; detail: string; data: RouterServiceType }[] = [
            {
                label: 'LoadBalancer',
                detail: vscode.l10n.t(
                    'The router (azureml-fe) gets a load balancer address: the usual choice on AKS and on clusters with a load balancer.',
                ),
                data: 'LoadBalancer',
            },
            {
                label: 'NodePort',
                detail: vscode.l10n.t(
                    'The router is reached on a port of every node: for clusters without a load balancer (many on-premises Arc clusters).',
                ),
                data: 'NodePort',
            },
            {
                label: 'ClusterIP',
                detail: vscode.l10n.t(
                    'The router is reachable inside the cluster only: put your own ingress (such as an application gateway) in front of it.',
                ),
                data: 'ClusterIP',
            },
        ];
        context.routerServiceType = (
            await context.ui.showQuickPick(picks, {
                placeHolder: vscode.l10n.t('How are online endpoints on {0} reached?', context.cluster.name),
                suppressPersistence: true,
            })
        ).data;
    }

    shouldPrompt(context: InstallExtensionContext): boolean {
        return includesInference(context.purpose) && !context.routerServiceType;
    }
}
