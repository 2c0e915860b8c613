import type { IActionContext } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { missingEnvironmentVariables } from '../auth/credentialSource';
import { getAuthMode, settingsSection } from '../auth/settings';
import { ext } from '../extensionVariables';
import { explainError } from '../ui/errorText';

export async function signIn(context: IActionContext): Promise<void> {
    const mode = getAuthMode();
    context.telemetry.properties.authMode = mode;
    if (mode === 'environment') {
        const missing = missingEnvironmentVariables(process.env);
        if (missing.length > 0) {
            context.errorHandling.suppressDisplay = true;
            await offerOtherMethod(
                vscode.l10n.t(
                    'Sign-in uses a service principal from the environment, but VS Code was started without these variables: {0}.',
                    missing.join(', '),
                ),
            );
            return;
        }
    }
    try {
        const signedIn = await vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Signing in to Azure...') },
            () => ext.session.signIn(),
        );
        if (signedIn) {
            const { subscriptions, tenantProblems } = await ext.session.getListing();
            const waiting = tenantProblems.filter((p) => p.kind === 'signInRequired').length;
            void vscode.window.showInformationMessage(
                waiting > 0
                    ? vscode.l10n.t(
                          'Signed in to Azure: {0} subscription(s); {1} more directory(ies) ask you to sign in to them (see the Workspaces view).',
                          subscriptions.length,
                          waiting,
                      )
                    : vscode.l10n.t('Signed in to Azure: {0} subscription(s).', subscriptions.length),
            );
        }
    } catch (error) {
        context.errorHandling.suppressDisplay = true;
        if (isCancellation(error)) {
            // The person closed VS Code's sign-in (the account picker, the browser page, the consent): nothing failed.
            return;
        }
        const hint = mode === 'azureCli' ? vscode.l10n.t('Run "az login" in a terminal, then sign in again.') : '';
        await offerOtherMethod(`${explainError(error, vscode.l10n.t('Sign-in failed')).detail} ${hint}`.trim());
    }
}

/** VS Code's "Canceled" (vscode.CancellationError) and the consent dialog's refusal, as the providers throw them. */
function isCancellation(error: unknown): boolean {
    const e = error as { name?: string; message?: string } | undefined;
    return (
        error instanceof vscode.CancellationError ||
        e?.name === 'Canceled' ||
        e?.message === 'Canceled' ||
        /did not consent/i.test(e?.message ?? '')
    );
}

async function offerOtherMethod(message: string): Promise<void> {
    const choose = vscode.l10n.t('Choose Sign-in Method');
    if ((await vscode.window.showErrorMessage(message, choose)) === choose) {
        await vscode.commands.executeCommand('workbench.action.openSettings', `${settingsSection}.authentication`);
    }
}
