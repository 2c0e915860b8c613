import type { IActionContext, IAzureQuickPickItem } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import type { ManagedIdentityInfo, UserAssignedIdentityRef } from '../../domain/models';
import { normalizeResourceId, validateUserAssignedIdentityId } from '../../domain/validation';
import { ext } from '../../extensionVariables';
import { askAgainOnBack } from './askAgainOnBack';
import {
    failureNotices,
    fromSelectedSubscriptions,
    type retryPick,
    separator,
    showLoadingQuickPick,
    untilChosen,
} from './picks';

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
            untilChosen(() =>
                showLoadingQuickPick(context, loadPicks, {
                    placeHolder,
                    loadingPlaceHolder: vscode.l10n.t('Loading user-assigned identities...'),
                    matchOnDescription: true,
                    suppressPersistence: true,
                }),
            ),
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

async function loadPicks(signal: AbortSignal): Promise<IAzureQuickPickItem<IdentityPick | typeof retryPick>[]> {
    const perSubscription = await fromSelectedSubscriptions(
        signal,
        (sub) => ext.inventory.identities(sub, signal),
        (sub) => vscode.l10n.t('Could not list the identities of {0}', sub.name),
    );
    const identities = perSubscription.flatMap(({ sub, items }) => items.map((identity) => ({ sub, identity })));
    // The identities first, so the first one (not "Enter a resource id...") has the focus.
    return [
        ...identities.map(({ sub, identity }) => ({
            label: identity.name,
            description: `${identity.resourceGroup} · ${identity.location} · ${sub.name}`,
            detail: vscode.l10n.t('Client id: {0}', identity.clientId ?? '?'),
            data: identity,
        })),
        ...failureNotices(perSubscription),
        separator<IdentityPick>(vscode.l10n.t('Another identity')),
        { label: vscode.l10n.t('$(edit) Enter a resource id...'), data: 'enterId', alwaysShow: true },
    ];
}
