import type { IActionContext } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { describeAzureError, explainAzureError, formatErrorForLog, type AzureErrorInfo } from '../azure/errors';
import { CloudConfigurationError } from '../domain/cloud';
import { SignInRequiredError } from '../auth/subscriptionSource';
import { inertText } from '../domain/inertText';
import { ext } from '../extensionVariables';

export interface ExplainedError {
    readonly info: AzureErrorInfo;
    /** A few words for a tree item's description. */
    readonly short: string;
    /** What happened and what to do, for tooltips and notifications. */
    readonly detail: string;
}

/** Explains an error in the user's terms, and logs the full detail (codes, request ids) to the output channel. */
export function explainError(error: unknown, what: string): ExplainedError {
    const explained = explain(error, what);
    // The service's message and the names in `what` come from Azure: keep them from turning into links in notifications.
    return { ...explained, short: inertText(explained.short), detail: inertText(explained.detail) };
}

function explain(error: unknown, what: string): ExplainedError {
    const info =
        error instanceof CloudConfigurationError || error instanceof SignInRequiredError
            ? { kind: 'unauthenticated' as const, message: error.message || vscode.l10n.t('Not signed in.') }
            : describeAzureError(error);
    ext.outputChannel.error(`${what}: ${formatErrorForLog(info)}`);
    return { info, ...explainAzureError(info, what, vscode.l10n.t) };
}

/**
 * For a command whose own work failed (attach, identity edit, detach): the error to throw, saying what failed, on
 * which resource and what to do, with the full detail logged. A sign-in problem is shown here instead, with a
 * "Sign in" button, and the generic error notification is suppressed.
 */
export function commandFailure(context: IActionContext, error: unknown, what: string): unknown {
    // UserCancelledError, checked the way the utilities do (they are loaded on the first command, not here).
    if ((error as { _isUserCancelledError?: unknown } | undefined)?._isUserCancelledError === true) {
        return error;
    }
    if (error instanceof ExplainedCommandError) {
        return error;
    }
    const explained = explainError(error, what);
    if (explained.info.kind === 'unauthenticated') {
        context.errorHandling.suppressDisplay = true;
        const signIn = vscode.l10n.t('Sign in');
        void vscode.window.showErrorMessage(explained.detail, signIn).then((answer) => {
            if (answer === signIn) {
                void vscode.commands.executeCommand('azuremlK8s.signIn');
            }
        });
    }
    return new ExplainedCommandError(explained.detail, { cause: error });
}

/** An error already explained (and logged) by `commandFailure`: shown as it is. */
class ExplainedCommandError extends Error {}
