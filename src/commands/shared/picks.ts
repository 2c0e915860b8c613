import type { IActionContext, IAzureQuickPickItem, IAzureQuickPickOptions } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import type { SubscriptionContext } from '../../azure/subscriptionContext';
import { ext } from '../../extensionVariables';
import { explainError } from '../../ui/errorText';

/** A group heading in a quick pick. */
export function separator<T>(label: string): IAzureQuickPickItem<T> {
    return { label, kind: vscode.QuickPickItemKind.Separator, data: undefined as T };
}

/**
 * Shows the quick pick at once, busy until `loadPicks` has the items. Closing it aborts `signal`, so loading that
 * nobody else waits for stops.
 */
export async function showLoadingQuickPick<T>(
    context: IActionContext,
    loadPicks: (signal: AbortSignal) => Promise<IAzureQuickPickItem<T>[]>,
    options: IAzureQuickPickOptions,
): Promise<IAzureQuickPickItem<T>> {
    const loading = new AbortController();
    try {
        return await context.ui.showQuickPick(loadPicks(loading.signal), options);
    } finally {
        loading.abort();
    }
}

/**
 * What `load` finds in each selected subscription. A subscription that fails is left out and its error shown
 * (the others still fill the pick); nothing is shown once the pick is closed.
 */
export async function fromSelectedSubscriptions<T>(
    signal: AbortSignal,
    load: (sub: SubscriptionContext, signal: AbortSignal) => Promise<readonly T[]>,
    failure: (sub: SubscriptionContext) => string,
): Promise<{ sub: SubscriptionContext; items: readonly T[] }[]> {
    const subscriptions = await ext.session.getSelectedSubscriptions();
    return Promise.all(
        subscriptions.map(async (sub) => {
            try {
                return { sub, items: await load(sub, signal) };
            } catch (error) {
                if (!signal.aborted) {
                    explainError(error, failure(sub));
                }
                return { sub, items: [] };
            }
        }),
    );
}
