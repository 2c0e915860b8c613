import * as vscode from 'vscode';
import { grantRole } from '../azure/roleAssignments';
import type { SubscriptionContext } from '../azure/subscriptionContext';
import { inertText } from '../domain/inertText';
import type { BuiltInRole } from '../domain/roles';
import { ext } from '../extensionVariables';
import { explainError } from './errorText';
import { granteeDirectoryName, granteeLabel, type Grantee } from './grantee';

/** One role assignment to make. */
export interface RoleGrant {
    readonly role: BuiltInRole;
    readonly scope: string;
    /** As the rows show it: "AKS cluster aks-research". */
    readonly scopeLabel: string;
    readonly principalId: string;
    readonly grantee: Grantee;
}

export interface GrantOutcome {
    readonly grant: RoleGrant;
    /** Set when the assignment exists now; undefined when it failed (the error has been shown). */
    readonly result?: 'created' | 'alreadyExisted';
}

/**
 * The one way roles are granted, for the attach preflight and the compute panel alike: a modal confirmation that
 * lists each role, its scope and whom it is for; then the grants, one after another (grantRole refuses anything
 * outside the guidance, and Owner, Contributor and User Access Administrator always); each failure explained in its
 * own notification; the result reported in a notification the notification center keeps; all of it logged.
 * Returns undefined when the user did not confirm. `onConfirmed` runs once confirmed, before the first grant.
 */
export async function confirmAndGrant(
    caller: SubscriptionContext,
    grants: readonly RoleGrant[],
    onConfirmed?: () => void,
): Promise<GrantOutcome[] | undefined> {
    if (grants.length === 0 || !(await confirm(grants))) {
        return undefined;
    }
    onConfirmed?.();
    const outcomes: GrantOutcome[] = [];
    await vscode.window.withProgress(
        {
            location: vscode.ProgressLocation.Notification,
            title:
                grants.length === 1
                    ? vscode.l10n.t('Assigning {0}...', grants[0].role.name)
                    : vscode.l10n.t('Assigning roles...'),
        },
        async () => {
            for (const grant of grants) {
                outcomes.push({ grant, result: await grantOne(caller, grant) });
            }
        },
    );
    report(outcomes);
    return outcomes;
}

async function confirm(grants: readonly RoleGrant[]): Promise<boolean> {
    const principals = new Set(grants.map((g) => g.principalId.toLowerCase()));
    const first = grants[0];
    const oneIdentity = principals.size === 1;
    const identity = vscode.l10n.t(
        'Identity: {0} (principal id {1})',
        granteeLabel(first.grantee, vscode.l10n.t),
        first.principalId,
    );
    const message =
        grants.length === 1
            ? vscode.l10n.t('Assign {0} to {1}?', first.role.name, granteeDirectoryName(first.grantee))
            : oneIdentity
              ? vscode.l10n.t('Assign {0} roles to {1}?', grants.length, granteeDirectoryName(first.grantee))
              : vscode.l10n.t('Assign {0} roles?', grants.length);
    const detail =
        grants.length === 1
            ? vscode.l10n.t('Role: {0}\nScope: {1}\n{2}\n{3}', first.role.name, first.scopeLabel, first.scope, identity)
            : [
                  ...grants.map((g) =>
                      oneIdentity
                          ? `• ${vscode.l10n.t('{0} on {1}', g.role.name, g.scopeLabel)}\n   ${g.scope}`
                          : `• ${vscode.l10n.t('{0} on {1} to {2}', g.role.name, g.scopeLabel, granteeLabel(g.grantee, vscode.l10n.t))}\n   ${g.scope}`,
                  ),
                  ...(oneIdentity ? ['', identity] : []),
              ].join('\n');
    const assign = vscode.l10n.t('Assign');
    return (await vscode.window.showWarningMessage(message, { modal: true, detail }, assign)) === assign;
}

async function grantOne(caller: SubscriptionContext, grant: RoleGrant): Promise<GrantOutcome['result']> {
    const who = granteeLabel(grant.grantee, vscode.l10n.t);
    try {
        const result = await grantRole(caller, grant.scope, grant.role.id, grant.principalId);
        ext.outputChannel.info(
            `Assigned ${grant.role.name} on ${grant.scope} to ${who} (principal ${grant.principalId}): ${result === 'created' ? 'created' : 'it already existed'}.`,
        );
        return result;
    } catch (error) {
        // explainError logs the detail (codes, request ids) before it is shown.
        const explained = explainError(
            error,
            vscode.l10n.t('Could not assign {0} on {1} to {2}', grant.role.name, grant.scopeLabel, who),
        );
        void vscode.window.showErrorMessage(explained.detail);
        return undefined;
    }
}

/** One notification per identity for what was assigned (failures have had their own). */
function report(outcomes: readonly GrantOutcome[]): void {
    const done = outcomes.filter((o) => o.result);
    const byPrincipal = new Map<string, GrantOutcome[]>();
    for (const outcome of done) {
        const key = outcome.grant.principalId.toLowerCase();
        byPrincipal.set(key, [...(byPrincipal.get(key) ?? []), outcome]);
    }
    for (const group of byPrincipal.values()) {
        const who = granteeLabel(group[0].grant.grantee, vscode.l10n.t);
        const failed = outcomes.length - done.length;
        const message =
            group.length === 1
                ? vscode.l10n.t('Assigned {0} on {1} to {2}.', group[0].grant.role.name, group[0].grant.scopeLabel, who)
                : vscode.l10n.t(
                      'Assigned {0} roles to {1}: {2}.',
                      group.length,
                      who,
                      group.map((o) => vscode.l10n.t('{0} on {1}', o.grant.role.name, o.grant.scopeLabel)).join(', '),
                  );
        // Names and labels come from Azure: a notification must not turn them into links.
        void vscode.window.showInformationMessage(
            inertText(
                failed > 0
                    ? `${message} ${vscode.l10n.t('{0} could not be assigned (see the errors).', failed)}`
                    : message,
            ),
        );
    }
}
