import type { IActionContext, IAzureQuickPickItem, IAzureQuickPickOptions } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import type { SubscriptionContext } from '../../azure/subscriptionContext';
import { ext } from '../../extensionVariables';
import { explainError } from '../../ui/errorText';

/** A group heading in a quick pick. */
export function separator<T>(label: string): IAzureQuickPickItem<T> {
    return { label, kind: vscode.QuickPickItemKind.Separator, data: undefined as T };
}

let loadedOnce = false;

/**
 * Resolves once the window has everything the extension sent before (one round trip to it). The first load of a
 * picker pulls in the Azure SDK's chunks, a few hundred ms of synchronous work on the extension host's thread;
 * started at once, it holds back the quick pick just shown, whose message to the window is not out yet. Later
 * loads are cheap (and often answered from the cache), so they start at once.
 */
async function windowHasQuickPick(): Promise<void> {
    if (!loadedOnce) {
        // Any command the window runs will do; this one only sets a context key nothing reads.
        await vscode.commands.executeCommand('setContext', 'azuremlK8s.pickerShown', true);
    }
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
    const picks = windowHasQuickPick().then(async () => {
        if (loading.signal.aborted) {
            return [];
        }
        const loaded = await loadPicks(loading.signal);
        loadedOnce = true;
        return loaded;
    });
    try {
        return await context.ui.showQuickPick(picks, options);
    } finally {
        loading.abort();
    }
}

/** What one subscription gave a picker: its items, or why it could not be listed (a few words). */
export interface SubscriptionPicks<T> {
    readonly sub: SubscriptionContext;
    readonly items: readonly T[];
    readonly failure?: string;
}

/**
 * What `load` finds in each selected subscription, each on its own: one that fails (or is throttled) does not hold
 * the others up; it has no items and says why (logged in full); nothing is logged once the pick is closed.
 */
export async function fromSelectedSubscriptions<T>(
    signal: AbortSignal,
    load: (sub: SubscriptionContext, signal: AbortSignal) => Promise<readonly T[]>,
    failure: (sub: SubscriptionContext) => string,
    early?: (signal: AbortSignal) => void,
): Promise<SubscriptionPicks<T>[]> {
    early?.(signal);
    const subscriptions = await ext.session.getSelectedSubscriptions();
    return Promise.all(
        subscriptions.map(async (sub) => {
            try {
                return { sub, items: await load(sub, signal) };
            } catch (error) {
                return { sub, items: [], failure: signal.aborted ? '' : explainError(error, failure(sub)).short };
            }
        }),
    );
}

/** What a pick's "not listed" item stands for: select it and the pick loads again, trying those subscriptions anew. */
export const retryPick = 'retry' as const;

/**
 * Items at the end of a pick for the subscriptions that could not be listed, so none is missing unexplained. A
 * person selects one to try again (the failed listings were not cached).
 */
export function failureNotices<T>(perSubscription: readonly SubscriptionPicks<T>[]): IAzureQuickPickItem<'retry'>[] {
    const failed = perSubscription.filter((s) => s.failure);
    if (failed.length === 0) {
        return [];
    }
    return [
        separator<'retry'>(vscode.l10n.t('Not listed')),
        ...failed.map((s) => ({
            label: `$(refresh) ${s.sub.name}`,
            description: s.failure,
            detail: vscode.l10n.t('Could not be listed. Select to try again.'),
            data: retryPick,
            suppressPersistence: true,
        })),
    ];
}

export interface SubscriptionPickOptions<T, D> extends IAzureQuickPickOptions {
    /** What one subscription has to offer (through the shared inventory). */
    readonly load: (sub: SubscriptionContext, signal: AbortSignal) => Promise<readonly T[]>;
    /** What failed, for the log: "Could not list the clusters of Dev". */
    readonly failure: (sub: SubscriptionContext) => string;
    /** Started before the subscriptions are listed: the inventory may ask ahead meanwhile (a cold start). */
    readonly early?: (signal: AbortSignal) => void;
    /** The items for what was found (each subscription on its own). */
    readonly toPicks: (
        found: readonly SubscriptionPicks<T>[],
    ) => IAzureQuickPickItem<D>[] | Promise<IAzureQuickPickItem<D>[]>;
    /** Items after the "not listed" ones (e.g. "Enter a resource id..."). */
    readonly trailing?: readonly IAzureQuickPickItem<D>[];
}

/**
 * The pickers' one way to list something of every selected subscription: shown at once and busy while loading,
 * each subscription settling on its own, the ones that could not be listed named at the end (select one to try again).
 */
export async function pickFromSelectedSubscriptions<T, D>(
    context: IActionContext,
    options: SubscriptionPickOptions<T, D>,
): Promise<IAzureQuickPickItem<D>> {
    const { load, failure, early, toPicks, trailing = [], ...pickOptions } = options;
    return untilChosen<D>(() =>
        showLoadingQuickPick<D | typeof retryPick>(
            context,
            async (signal) => {
                const found = await fromSelectedSubscriptions(signal, load, failure, early);
                const listed = await toPicks(found);
                // Nothing but notices would be no pick at all: then the "none found" message says it.
                return listed.length > 0 || trailing.length > 0
                    ? [...listed, ...failureNotices(found), ...trailing]
                    : [];
            },
            pickOptions,
        ),
    );
}

/** Shows the pick again while its "not listed" item is the one selected. */
export async function untilChosen<T>(
    show: () => Promise<IAzureQuickPickItem<T | typeof retryPick>>,
): Promise<IAzureQuickPickItem<T>> {
    for (;;) {
        const pick = await show();
        if (pick.data !== retryPick) {
            return pick as IAzureQuickPickItem<T>;
        }
    }
}
