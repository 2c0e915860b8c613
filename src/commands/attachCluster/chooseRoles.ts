import { parseError, type IActionContext, type IAzureQuickPickItem } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { grantsClusterAdmin, requirementDocs } from '../../domain/roleRequirements';
import { missingRoleConsequence, roleCheckGrantee, roleOnScope, type RoleCheck } from './describeCheck';
import { preselected } from './preflightPlan';

/**
 * Which of the missing roles to assign: one item each (role, scope, the identity it is for, which failure its absence
 * causes), all checked but a cluster-admin role; the title's Learn More opens the documentation that asks for them.
 * Through the wizard's own quick pick (another one would end the wizard). Resolves with the chosen ones, or undefined
 * on Escape or Back (the preflight shows its checks again).
 */
export async function chooseRoles(
    context: IActionContext,
    checks: readonly RoleCheck[],
): Promise<RoleCheck[] | undefined> {
    if (checks.length === 0) {
        return undefined;
    }
    const items: IAzureQuickPickItem<RoleCheck>[] = checks.map((check) => ({
        label: roleOnScope(check.requirement, vscode.l10n.t),
        description: vscode.l10n.t('for {0}', roleCheckGrantee(check, vscode.l10n.t)),
        detail: grantsClusterAdmin(check.requirement.role)
            ? vscode.l10n.t('Left unchecked: it makes the identity a cluster admin. Attach may fail without it.')
            : missingRoleConsequence(check.requirement, vscode.l10n.t),
        data: check,
    }));
    try {
        const chosen = await context.ui.showQuickPick(items, {
            canPickMany: true,
            isPickSelected: (item) => preselected((item as IAzureQuickPickItem<RoleCheck>).data),
            placeHolder: vscode.l10n.t('Check the roles to assign'),
            learnMoreLink: requirementDocs[checks[0].requirement.source],
            suppressPersistence: true,
        });
        return chosen.map((item) => item.data);
    } catch (error) {
        // Back by name, as the wizard tells it apart; Escape as the utilities mark it.
        const cancelled = (error as { _isUserCancelledError?: unknown } | undefined)?._isUserCancelledError === true;
        if (cancelled || parseError(error).errorType === 'GoBackError') {
            return undefined;
        }
        throw error;
    }
}
