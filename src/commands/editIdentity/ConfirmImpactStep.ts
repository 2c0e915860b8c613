import { AzureWizardPromptStep, UserCancelledError, nonNullProp } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { identityImpact } from '../../domain/identityImpact';
import type { EditIdentityContext } from './EditIdentityContext';

/** Says what the change means before it is made: a system-assigned principal and its role assignments go away. */
export class ConfirmImpactStep extends AzureWizardPromptStep<EditIdentityContext> {
    async prompt(context: EditIdentityContext): Promise<void> {
        const compute = nonNullProp(context, 'compute');
        const next = nonNullProp(context, 'newIdentity');
        const impact = identityImpact(compute.identity, next);
        const lines: string[] = [];
        if (impact.deletesSystemPrincipal) {
            lines.push(
                vscode.l10n.t(
                    'The system-assigned identity of {0} (principal {1}) is deleted. Role assignments made to it do not carry over to the new identity.',
                    compute.name,
                    compute.identity.principalId ?? '?',
                ),
            );
        }
        if (impact.createsSystemPrincipal) {
            lines.push(
                vscode.l10n.t(
                    'Azure creates a new system-assigned identity, named {0}/computes/{1}. It starts with no roles.',
                    compute.workspaceName,
                    compute.name,
                ),
            );
        }
        if (impact.dropsUserAssigned.length > 0) {
            lines.push(
                vscode.l10n.t(
                    'The compute stops using {0}; that identity and its roles stay.',
                    impact.dropsUserAssigned.join(', '),
                ),
            );
        }
        if (next.type === 'UserAssigned') {
            lines.push(
                vscode.l10n.t(
                    'The compute uses {0}; it needs the roles for training (AcrPull, Storage Blob Data Reader).',
                    next.identityId.split('/').pop() ?? '',
                ),
            );
        }
        if (next.type === 'None') {
            lines.push(vscode.l10n.t('Jobs on this compute no longer get an Azure identity of their own.'));
        }
        const apply = vscode.l10n.t('Change Identity');
        const answer = await vscode.window.showWarningMessage(
            vscode.l10n.t('Change the identity of compute {0} in {1}?', compute.name, compute.workspaceName),
            { modal: true, detail: lines.join('\n\n') },
            apply,
        );
        if (answer !== apply) {
            throw new UserCancelledError('confirmIdentityChange');
        }
    }

    shouldPrompt(): boolean {
        return true;
    }
}
