import type { IActionContext } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import type { TenantProblem } from '../auth/subscriptionSource';
import { ext } from '../extensionVariables';

/**
 * Signs in to a tenant (directory) that asked for it: the one of the clicked row, or one picked from those waiting.
 * VS Code's Microsoft sign-in does the rest (browser, multi-factor authentication); the views then list again.
 */
export async function signInToTenant(context: IActionContext, clicked?: unknown): Promise<void> {
    const waiting = (await ext.session.getTenantProblems()).filter((p) => p.kind === 'signInRequired');
    const problem = isTenantProblem(clicked) ? clicked : await pickTenant(context, waiting);
    if (!problem) {
        return;
    }
    const signedIn = await ext.session.signInToTenant(problem);
    if (!signedIn) {
        return;
    }
    const count = (await ext.session.getAllSubscriptions()).filter(
        (s) => s.tenantId.toLowerCase() === problem.tenantId.toLowerCase(),
    ).length;
    void vscode.window.showInformationMessage(
        vscode.l10n.t('Signed in to {0}: {1} subscription(s).', problem.name, count),
    );
}

async function pickTenant(context: IActionContext, waiting: TenantProblem[]): Promise<TenantProblem | undefined> {
    if (waiting.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No directory is waiting for you to sign in.'));
        return undefined;
    }
    const pick = await context.ui.showQuickPick(
        waiting.map((p) => ({ label: p.name, description: p.domain ?? p.tenantId, detail: p.accountLabel, p })),
        { placeHolder: vscode.l10n.t('Select the directory to sign in to') },
    );
    return pick.p;
}

/** What a tree row hands over; anything else (a palette run, a forged argument) is ignored. */
function isTenantProblem(value: unknown): value is TenantProblem {
    const p = value as Partial<TenantProblem> | undefined;
    return typeof p?.tenantId === 'string' && typeof p.accountId === 'string' && typeof p.name === 'string';
}
