import { AzureWizardPromptStep } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { includesInference } from '../../domain/extensionSettings';
import { validateNamespace } from '../../domain/validation';
import { askAgainOnBack } from '../shared/askAgainOnBack';
import { askAsStep } from '../shared/askAsStep';
import type { InstallExtensionContext } from './InstallExtensionContext';

/** HTTPS for the endpoints (a Kubernetes TLS secret and its host name), or plain HTTP (`allowInsecureConnections`). */
export class HttpsStep extends AzureWizardPromptStep<InstallExtensionContext> {
    async prompt(context: InstallExtensionContext): Promise<void> {
        await askAgainOnBack(
            () =>
                context.ui.showQuickPick(
                    [
                        {
                            label: vscode.l10n.t('HTTPS with a certificate in a Kubernetes secret'),
                            detail: vscode.l10n.t(
                                'A secret in the azureml namespace holding the certificate and key (sslSecret), and the host name it was issued for (sslCname).',
                            ),
                            data: 'https' as const,
                        },
                        {
                            label: vscode.l10n.t('HTTP only (allowInsecureConnections=True)'),
                            detail: vscode.l10n.t(
                                'Endpoints answer over plain HTTP: for tests, or behind an ingress that ends TLS itself.',
                            ),
                            data: 'http' as const,
                        },
                    ],
                    { placeHolder: vscode.l10n.t('How do clients reach the endpoints?'), suppressPersistence: true },
                ),
            async (pick) => {
                if (pick.data === 'http') {
                    context.allowInsecureConnections = true;
                    context.sslSecret = undefined;
                    context.sslCname = undefined;
                    return;
                }
                context.allowInsecureConnections = false;
                context.sslSecret = (
                    await askAsStep(context, 'sslSecret', () =>
                        context.ui.showInputBox({
                            prompt: vscode.l10n.t(
                                'Name of the Kubernetes secret in the azureml namespace with the certificate (cert.pem) and key (key.pem)',
                            ),
                            value: context.sslSecret,
                            validateInput: (value) =>
                                validateNamespace(value)
                                    ? vscode.l10n.t('A secret name is lowercase letters, digits and hyphens.')
                                    : undefined,
                        }),
                    )
                ).trim();
                context.sslCname = (
                    await askAsStep(context, 'sslCname', () =>
                        context.ui.showInputBox({
                            prompt: vscode.l10n.t('The host name the certificate was issued for (sslCname)'),
                            placeHolder: 'ml.contoso.com',
                            value: context.sslCname,
                            validateInput: (value) =>
                                /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/i.test(value.trim())
                                    ? undefined
                                    : vscode.l10n.t('Enter a DNS host name such as ml.contoso.com.'),
                        }),
                    )
                ).trim();
            },
        );
    }

    shouldPrompt(context: InstallExtensionContext): boolean {
        return includesInference(context.purpose) && context.allowInsecureConnections === undefined;
    }
}
