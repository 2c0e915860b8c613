import { UserCancelledError, type IActionContext } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { ext } from '../extensionVariables';

/** Commands that need Azure offer sign-in first, instead of failing on the first request. */
export async function ensureSignedIn(context: IActionContext): Promise<void> {
    if (await ext.session.isSignedIn()) {
        return;
    }
    const signIn = vscode.l10n.t('Sign in to Azure');
    const answer = await vscode.window.showInformationMessage(vscode.l10n.t('Sign in to Azure first.'), signIn);
    if (answer === signIn) {
        await vscode.commands.executeCommand('azuremlK8s.signIn');
    }
    if (!(await ext.session.isSignedIn())) {
        context.errorHandling.suppressDisplay = true;
        throw new UserCancelledError('signIn');
    }
}
