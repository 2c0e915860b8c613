import * as vscode from 'vscode';
import { describeAzureError, formatErrorForLog, type AzureErrorInfo } from '../azure/errors';
import { CloudConfigurationError } from '../azure/cloud';
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
    const code = info.code ? ` (${info.code})` : '';
    switch (info.kind) {
        case 'forbidden':
            return {
                info,
                short: vscode.l10n.t('Access denied{0}', code),
                detail: vscode.l10n.t(
                    '{0}: access denied. {1} Ask an owner of the subscription for a role that allows it (for example Reader), then retry.',
                    what,
                    info.message,
                ),
            };
        case 'throttled':
            return {
                info,
                short: vscode.l10n.t('Throttled by Azure (429)'),
                detail: vscode.l10n.t('{0}: Azure is throttling requests. Wait a few seconds, then retry.', what),
            };
        case 'unauthenticated':
            return {
                info,
                short: vscode.l10n.t('Sign-in needed'),
                detail: vscode.l10n.t(
                    '{0}: the sign-in was refused or has expired ({1}). Sign in again.',
                    what,
                    info.message,
                ),
            };
        case 'network':
            return {
                info,
                short: vscode.l10n.t('Azure unreachable{0}', code),
                detail: vscode.l10n.t(
                    '{0}: Azure could not be reached ({1}). Check the network or proxy, then retry.',
                    what,
                    info.message,
                ),
            };
        case 'server':
            return {
                info,
                short: vscode.l10n.t('Azure error {0}{1}', info.status ?? '', code),
                detail: vscode.l10n.t(
                    '{0}: Azure answered with an error ({1}). Retry in a moment.',
                    what,
                    info.message,
                ),
            };
        case 'notFound':
            return { info, short: vscode.l10n.t('Not found'), detail: vscode.l10n.t('{0}: {1}', what, info.message) };
        default:
            return { info, short: info.message, detail: vscode.l10n.t('{0}: {1}', what, info.message) };
    }
}
