import { AzureWizardPromptStep, type IAzureQuickPickItem, nonNullProp } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { openComputeForEdit } from '../../azure/identityUpdate';
import { armIdsEqual } from '../../domain/armId';
import type { AttachIdentity } from '../../domain/attachPlan';
import { identityLabel } from '../../tree/describe';
import { chooseIdentity } from '../shared/pickUserAssignedIdentity';
import { privateEndpointWarning } from '../shared/privateEndpointWarning';
import type { EditIdentityContext } from './EditIdentityContext';

/** Shows the current identity and offers the three kinds; one user-assigned identity at most. */
export class IdentityChoiceStep extends AzureWizardPromptStep<EditIdentityContext> {
    async prompt(context: EditIdentityContext): Promise<void> {
        const chosen = nonNullProp(context, 'compute');
        if (!context.opened || context.opened.compute.id !== chosen.id) {
            // Fresh, not from the views' cache: this is what the edit keeps everything else of.
            context.opened = await openComputeForEdit(
                nonNullProp(context, 'subscription'),
                nonNullProp(context, 'workspace'),
                chosen.name,
            );
        }
        const compute = context.opened.compute;
        context.compute = compute;
        const current = compute.identity;
        const currentText =
            current.userAssigned.length > 0
                ? `${identityLabel(current.type)} (${current.userAssigned.map((u) => u.id.split('/').pop()).join(', ')})`
                : identityLabel(current.type);
        const mark = (type: AttachIdentity['type']) =>
            [
                current.type === type ? vscode.l10n.t('current') : undefined,
                privateEndpointWarning(context.workspace, type),
            ]
                .filter(Boolean)
                .join(' · ') || undefined;
        const picks: IAzureQuickPickItem<AttachIdentity['type']>[] = [
            {
                label: vscode.l10n.t('No managed identity'),
                description: mark('None'),
                detail: vscode.l10n.t("Remove the compute's identity: its jobs get no Azure identity of their own."),
                data: 'None',
            },
            {
                label: vscode.l10n.t('System-assigned'),
                description: mark('SystemAssigned'),
                detail: vscode.l10n.t('Azure creates an identity for this compute and deletes it with the compute.'),
                data: 'SystemAssigned',
            },
            {
                label: vscode.l10n.t('User-assigned'),
                description: mark('UserAssigned'),
                detail: vscode.l10n.t('Switch to an identity you manage (one per compute).'),
                data: 'UserAssigned',
            },
        ];
        const next = await chooseIdentity(
            context,
            {
                picks,
                placeHolder: vscode.l10n.t('Change the identity of {0} (now: {1}) to', compute.name, currentText),
            },
            vscode.l10n.t(
                'Select the user-assigned identity {0} will use from now on (a compute uses only one)',
                compute.name,
            ),
        );
        context.newIdentity = next;
        if (isUnchanged(compute.identity, next)) {
            throw new Error(vscode.l10n.t('Compute {0} already has this identity; nothing was changed.', compute.name));
        }
    }

    shouldPrompt(context: EditIdentityContext): boolean {
        return !context.newIdentity;
    }
}

function isUnchanged(
    current: { type: string; userAssigned: readonly { id: string }[] },
    next: AttachIdentity,
): boolean {
    if (next.type === 'UserAssigned') {
        return (
            current.type === 'UserAssigned' &&
            current.userAssigned.length === 1 &&
            armIdsEqual(current.userAssigned[0].id, next.identityId)
        );
    }
    return current.type === next.type;
}
