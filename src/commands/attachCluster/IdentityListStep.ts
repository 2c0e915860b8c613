import { AzureWizardPromptStep, type IAzureQuickPickItem } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import type { AttachIdentity } from '../../domain/attachPlan';
import { identityLabel } from '../../tree/describe';
import { chooseIdentity } from '../shared/pickUserAssignedIdentity';
import { privateEndpointWarning } from '../shared/privateEndpointWarning';
import type { AttachClusterContext } from './AttachClusterContext';

type IdentityChoice = AttachIdentity['type'];

export class IdentityListStep extends AzureWizardPromptStep<AttachClusterContext> {
    async prompt(context: AttachClusterContext): Promise<void> {
        const before = context.prefilled?.identity;
        if (before && (await this.keepsIdentity(context, before))) {
            context.identity = before;
            return;
        }
        const picks: IAzureQuickPickItem<IdentityChoice>[] = [
            {
                label: vscode.l10n.t('No managed identity'),
                detail: vscode.l10n.t('Training jobs get no Azure identity of their own.'),
                data: 'None',
            },
            {
                label: vscode.l10n.t('System-assigned'),
                detail: vscode.l10n.t('Azure creates an identity for this compute and deletes it with the compute.'),
                data: 'SystemAssigned',
            },
            {
                label: vscode.l10n.t('User-assigned'),
                detail: vscode.l10n.t(
                    'An identity you manage. Attach uses exactly one (the service takes only the first).',
                ),
                data: 'UserAssigned',
            },
        ];
        const withWarnings = picks.map((pick) => {
            const warning = privateEndpointWarning(context.workspace, pick.data);
            return warning ? { ...pick, description: warning } : pick;
        });
        context.identity = await chooseIdentity(
            context,
            {
                picks: withWarnings,
                placeHolder: vscode.l10n.t(
                    'Managed identity for the compute (to pull images and read data without secrets)',
                ),
            },
            vscode.l10n.t('Select one user-assigned identity for the compute (attach uses only one)'),
        );
    }

    shouldPrompt(context: AttachClusterContext): boolean {
        return !context.identity;
    }

    /** Re-attach: the identity the compute had, or another one. */
    private async keepsIdentity(context: AttachClusterContext, before: AttachIdentity): Promise<boolean> {
        const label =
            before.type === 'UserAssigned'
                ? `${identityLabel(before.type)} (${before.identityId.split('/').pop() ?? ''})`
                : identityLabel(before.type);
        const pick = await context.ui.showQuickPick(
            [
                {
                    label: vscode.l10n.t('$(history) As before: {0}', label),
                    detail:
                        before.type === 'SystemAssigned'
                            ? vscode.l10n.t('A new one: roles granted to the old one do not carry over.')
                            : undefined,
                    data: true,
                },
                { label: vscode.l10n.t('Choose another identity'), data: false },
            ],
            { placeHolder: vscode.l10n.t('Managed identity for the re-attached compute'), suppressPersistence: true },
        );
        return pick.data;
    }
}
