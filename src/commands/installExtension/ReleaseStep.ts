import { AzureWizardPromptStep } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { defaultReleaseTrain } from '../../domain/extensionSettings';
import { askAgainOnBack } from '../shared/askAgainOnBack';
import type { InstallExtensionContext } from './InstallExtensionContext';
import { pickVersion } from './versionPicks';

/** Release train, then version (versionPicks.ts); Back from the version asks the train again. */
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
                context.version = await pickVersion(context, train.data);
            },
        );
    }

    shouldPrompt(context: InstallExtensionContext): boolean {
        return !context.releaseTrain;
    }
}
