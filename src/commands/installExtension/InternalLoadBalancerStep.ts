import { AzureWizardPromptStep } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { includesInference } from '../../domain/extensionSettings';
import { choiceOf, type InstallExtensionContext } from './InstallExtensionContext';
import { markRefused, pickAllowed, refusalFor } from './refusedChoice';

/** `internalLoadBalancerProvider=azure`: the router behind an Azure internal load balancer, or not. */
export class InternalLoadBalancerStep extends AzureWizardPromptStep<InstallExtensionContext> {
    async prompt(context: InstallExtensionContext): Promise<void> {
        const withInternal = refusalFor({ ...choiceOf(context), internalLoadBalancer: true }, 'internalLoadBalancer');
        context.internalLoadBalancer = await pickAllowed(
            context,
            () =>
                context.ui.showQuickPick(
                    [
                        {
                            label: vscode.l10n.t('Public or cluster default load balancer'),
                            detail: vscode.l10n.t('No internal load balancer (internalLoadBalancerProvider not set).'),
                            data: false,
                        },
                        markRefused(
                            {
                                label: vscode.l10n.t('Azure internal load balancer'),
                                detail: vscode.l10n.t(
                                    'The router gets a private address in the cluster’s virtual network (internalLoadBalancerProvider=azure); AKS only.',
                                ),
                                data: true,
                            },
                            withInternal,
                        ),
                    ],
                    {
                        placeHolder: vscode.l10n.t('Internal load balancer for the inference router?'),
                        suppressPersistence: true,
                    },
                ),
            (answer) => (answer ? withInternal : undefined),
        );
    }

    shouldPrompt(context: InstallExtensionContext): boolean {
        return includesInference(context.purpose) && context.internalLoadBalancer === undefined;
    }
}
