import { AzureWizardPromptStep, type IAzureQuickPickItem } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import type { AttachIdentity } from '../../domain/attachPlan';
import { chooseIdentity } from '../shared/pickUserAssignedIdentity';
import { privateEndpointWarning } from '../shared/privateEndpointWarning';
import type { AttachClusterContext } from './AttachClusterContext';

type IdentityChoice = AttachIdentity['type'];

export class IdentityListStep extends AzureWizardPromptStep<AttachClusterContext> {
    async prompt(context: AttachClusterContext): Promise<void> {
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
            return warning ? { ...pick, detail: `${warning} ${pick.detail ?? ''}`.trim() } : pick;
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
}
