import type { IActionContext, IAzureQuickPickItem } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import type { AttachIdentity } from '../../domain/attachPlan';
import type { ManagedIdentityInfo, UserAssignedIdentityRef } from '../../domain/models';
import { normalizeResourceId, validateUserAssignedIdentityId } from '../../domain/validation';
import { ext } from '../../extensionVariables';
import { askAgainOnBack } from './askAgainOnBack';
import { pickFromSelectedSubscriptions, separator } from './picks';

type IdentityPick = ManagedIdentityInfo | 'enterId';

/**
 * One user-assigned identity from the selected subscriptions, or typed as a resource id. `placeHolder` says what it is
 * for (attaching a cluster, or changing a compute's identity).
 */
export async function pickUserAssignedIdentity(
    context: IActionContext,
    placeHolder: string,
): Promise<UserAssignedIdentityRef> {
    return askAgainOnBack(
        () =>
            pickFromSelectedSubscriptions<ManagedIdentityInfo, IdentityPick>(context, {
                load: (sub, signal) => ext.inventory.identities(sub, signal),
                failure: (sub) => vscode.l10n.t('Could not list the identities of {0}', sub.name),
                // The identities first, so the first one (not "Enter a resource id...") has the focus.
                toPicks: (found) =>
                    found.flatMap(({ sub, items }) =>
                        items.map((identity) => ({
                            label: identity.name,
                            description: `${identity.resourceGroup} · ${identity.location} · ${sub.name}`,
                            detail: vscode.l10n.t('Client id: {0}', identity.clientId ?? '?'),
                            data: identity,
                        })),
                    ),
                trailing: [
                    separator<IdentityPick>(vscode.l10n.t('Another identity')),
                    { label: vscode.l10n.t('$(edit) Enter a resource id...'), data: 'enterId', alwaysShow: true },
                ],
                placeHolder,
                loadingPlaceHolder: vscode.l10n.t('Loading user-assigned identities...'),
                matchOnDescription: true,
                suppressPersistence: true,
            }),
        async (pick) => {
            if (pick.data !== 'enterId') {
                return pick.data;
            }
            const id = await context.ui.showInputBox({
                prompt: vscode.l10n.t('Resource id of a user-assigned managed identity'),
                placeHolder:
                    '/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>',
                validateInput: (value) => validateUserAssignedIdentityId(value),
            });
            return { id: normalizeResourceId(id) };
        },
    );
}

/**
 * A kind of identity, then (for user-assigned) which one: the question both wizards ask. Back from the identity list
 * returns to the kinds.
 */
export async function chooseIdentity(
    context: IActionContext,
    kinds: { picks: IAzureQuickPickItem<AttachIdentity['type']>[]; placeHolder: string },
    identityPlaceHolder: string,
): Promise<AttachIdentity> {
    return askAgainOnBack(
        () => context.ui.showQuickPick(kinds.picks, { placeHolder: kinds.placeHolder, suppressPersistence: true }),
        async (choice): Promise<AttachIdentity> =>
            choice.data === 'UserAssigned'
                ? {
                      type: 'UserAssigned',
                      identityId: (await pickUserAssignedIdentity(context, identityPlaceHolder)).id,
                  }
                : { type: choice.data },
    );
}
