import { AzureWizardPromptStep, type IAzureQuickPickItem } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { defaultReleaseTrain } from '../../domain/extensionSettings';
import { askAgainOnBack } from '../shared/askAgainOnBack';
import type { InstallExtensionContext } from './InstallExtensionContext';

/**
 * Release train and version. @azure/arm-kubernetesconfiguration 6.x has no extension-type version listing (the
 * service's extensionTypes/versions API is in newer api-versions only), so the latest of the train, with minor-version
 * auto-upgrade as the CLI defaults to, comes first; a version can be pinned by hand.
 */
export class ReleaseStep extends AzureWizardPromptStep<InstallExtensionContext> {
    async prompt(context: InstallExtensionContext): Promise<void> {
        await askAgainOnBack(
            () =>
                context.ui.showQuickPick(
                    [
                        {
                            label: 'stable',
                            description: vscode.l10n.t('recommended'),
                            detail: vscode.l10n.t('Versions Microsoft supports for production.'),
                            data: defaultReleaseTrain,
                        },
                        {
                            label: 'preview',
                            detail: vscode.l10n.t('Earlier access to new versions, not for production.'),
                            data: 'preview',
                        },
                    ],
                    { placeHolder: vscode.l10n.t('Release train'), suppressPersistence: true },
                ),
            async (train) => {
                context.releaseTrain = train.data;
                const picks: IAzureQuickPickItem<string>[] = [
                    {
                        label: vscode.l10n.t('Latest {0} version', train.data),
                        description: vscode.l10n.t('auto-upgrade minor versions'),
                        detail: vscode.l10n.t(
                            'The extension follows the {0} train as new minor versions ship.',
                            train.data,
                        ),
                        data: 'latest',
                        picked: true,
                    },
                    { label: vscode.l10n.t('$(edit) Pin a version...'), data: 'pin' },
                ];
                const pick = await context.ui.showQuickPick(picks, {
                    placeHolder: vscode.l10n.t('Version'),
                    suppressPersistence: true,
                });
                context.version =
                    pick.data === 'pin'
                        ? (
                              await context.ui.showInputBox({
                                  prompt: vscode.l10n.t(
                                      'Version to pin (auto-upgrade is then off), for example 1.1.53',
                                  ),
                                  validateInput: (value) =>
                                      /^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$/.test(value.trim())
                                          ? undefined
                                          : vscode.l10n.t(
                                                'A version is three numbers, maybe with a suffix, such as 1.1.64 or 1.1.65-preview.',
                                            ),
                              })
                          ).trim()
                        : 'latest';
            },
        );
    }

    shouldPrompt(context: InstallExtensionContext): boolean {
        return !context.releaseTrain;
    }
}
