import type { QuickPickItem } from 'vscode';
import * as vscode from 'vscode';
import type { PreflightCheck } from '../../azure/preflight';
import { extensionStateLabel } from '../../tree/describe';

const stateIcon = { passed: '$(pass)', failed: '$(error)', unknown: '$(question)' } as const;

/** One preflight check as a quick-pick row: what was checked, its result, and why it matters. */
export function describeCheck(check: PreflightCheck): QuickPickItem {
    const icon = stateIcon[check.state];
    switch (check.kind) {
        case 'extension':
            return {
                label: `${icon} ${extensionStateLabel(check.extension)}`,
                detail:
                    check.state === 'passed'
                        ? vscode.l10n.t('The cluster runs the AzureML extension (Microsoft.AzureML.Kubernetes).')
                        : check.extension.status === 'unknown'
                          ? vscode.l10n.t("Could not read the cluster's extensions: {0}", check.extension.reason)
                          : vscode.l10n.t(
                                'Attach fails without a Succeeded AzureML extension: install it first (copy the command below).',
                            ),
            };
        case 'role': {
            const { requirement, status } = check;
            const source =
                requirement.source === 'attachPrerequisite'
                    ? vscode.l10n.t('required for workspaces with a user-assigned identity')
                    : vscode.l10n.t('listed by newer documentation');
            const result =
                status.state === 'granted'
                    ? status.inherited
                        ? vscode.l10n.t('granted through {0} on {1}', status.roleName, status.scope)
                        : vscode.l10n.t('granted')
                    : status.state === 'missing'
                      ? check.canGrant
                          ? vscode.l10n.t('missing; you can grant it')
                          : vscode.l10n.t('missing; an Owner or User Access Administrator of the scope must grant it')
                      : vscode.l10n.t('unknown: {0}', status.reason);
            return {
                label: `${icon} ${requirement.role.name} · ${requirement.scopeLabel}`,
                description: result,
                detail: vscode.l10n.t('For identity {0}, {1}', check.identityName, source),
            };
        }
        case 'name':
            return {
                label: `${icon} ${vscode.l10n.t('Name "{0}"', check.name)}`,
                description:
                    check.state === 'passed'
                        ? vscode.l10n.t('still free')
                        : vscode.l10n.t('taken meanwhile: go back and choose another'),
            };
    }
}
