import * as vscode from 'vscode';
import type { TenantProblem } from '../auth/subscriptionSource';
import type { TreeNode } from './TreeNode';

/**
 * A tenant of a signed-in account that refused a token without the user (multi-factor authentication, Conditional
 * Access): its subscriptions are not missing, they need one more sign-in. Clicking the row signs in to that tenant.
 */
export class TenantSignInNode implements TreeNode {
    readonly id: string;

    constructor(
        view: string,
        readonly problem: TenantProblem,
    ) {
        this.id = `${view}/tenants/${problem.accountId}/${problem.tenantId}`;
    }

    getTreeItem(): vscode.TreeItem {
        const { name, domain, tenantId, accountLabel } = this.problem;
        const item = new vscode.TreeItem(
            vscode.l10n.t('Sign in to {0} to see its subscriptions', name),
            vscode.TreeItemCollapsibleState.None,
        );
        item.description = domain ?? tenantId;
        item.iconPath = new vscode.ThemeIcon('sign-in', new vscode.ThemeColor('list.warningForeground'));
        item.tooltip = new vscode.MarkdownString()
            .appendText(
                vscode.l10n.t(
                    'The directory {0} ({1}, tenant {2}) of {3} asks you to sign in to it before its subscriptions can be listed, for example for multi-factor authentication.',
                    name,
                    domain ?? tenantId,
                    tenantId,
                    accountLabel,
                ),
            )
            .appendMarkdown('\n\n')
            .appendText(vscode.l10n.t('Click to sign in.'));
        item.contextValue = 'azuremlK8s.tenant.signIn';
        item.command = {
            command: 'azuremlK8s.signInToTenant',
            title: vscode.l10n.t('Sign in to Directory'),
            arguments: [this.problem],
        };
        return item;
    }
}
