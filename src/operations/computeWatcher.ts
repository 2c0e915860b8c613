import * as vscode from 'vscode';
import { armIdsEqual } from '../domain/armId';
import { hasSettled, maxConsecutiveReadFailures } from '../domain/followRules';
import type { WorkspaceRef } from '../domain/models';
import type { ComputeInfo, WorkspaceInfo } from '../domain/models';
import type { SubscriptionContext } from '../azure/subscriptionContext';
import { isTransitional } from '../domain/computeState';
import {
    isExpired,
    liveFollowed,
    parseFollowed,
    withFollowed,
    withoutFollowed,
    workspaceOf,
    type FollowedKind,
    type FollowedRecord,
} from '../domain/followedOperations';
import { ext } from '../extensionVariables';
import { pollIntervalMs } from '../tree/polling';
import { refreshComputeViews } from '../tree/refreshComputeViews';
import { explainError } from '../ui/errorText';
import { reportEnd, type FollowedOperation } from './followCompute';
import { followedStateKey } from './followedState';
import { keepsPendingRead, nextReadDelay } from '../follow/readSchedule';

/** After each read: the compute (undefined once gone) and the operation followed then, or why it was not read. */
export type ComputeUpdate =
    | { readonly kind: 'read'; readonly compute: ComputeInfo | undefined; readonly operation?: FollowedKind }
    | { readonly kind: 'error'; readonly detail: string };

export type ComputeListener = (update: ComputeUpdate) => void;

interface Watch {
    readonly key: string;
    readonly name: string;
    subscription: SubscriptionContext;
    workspace: WorkspaceRef;
    /** The compute as last seen; undefined when gone, or not read yet after a reload. */
    last: ComputeInfo | undefined;
    /** The operation being followed to its end, if any. */
    operation?: FollowedRecord;
    readonly listeners: Set<ComputeListener>;
    timer?: NodeJS.Timeout;
    due?: number; // Date.now() ms when the timer fires
    reading: boolean;
    failures: number;
}

/**
 * The one place that reads a changing compute again and again. Per compute there is at most one read loop, which
 * runs while
 * - an operation the user started (attach → Creating, Edit Identity → Updating, detach → Deleting) is followed: the
 *   views are refreshed when the state changes and the end is reported in a notification; or
 * - someone subscribed (a visible compute panel): every few seconds while the compute is Creating, Updating or
 *   Deleting, now and then once it has settled (so the panel notices a compute detached, deleted or changed
 *   elsewhere), and at once when the panel is shown again. See readSchedule.ts.
 *
 * Followed operations are kept in the **workspace state** (not the global state) until they end or are an hour
 * old, with what is needed to follow them again: subscription, workspace, compute, kind, start time. A reload of
 * the window (or a restart of the extension host) reads the same workspace state, so it resumes following them and
 * the notification still comes. Another window has a workspace state of its own, so it never reports (twice) an
 * operation it did not start, with no locking between windows.
 */
export class ComputeWatcher implements vscode.Disposable {
    private readonly watches = new Map<string, Watch>();
    private resuming: Promise<void> | undefined;
    private disposed = false;

    constructor(
        private readonly memento: vscode.Memento,
        private readonly now: () => number = Date.now,
    ) {}

    /** Follows an operation the user just started, until the service is done with the compute. */
    follow(op: FollowedOperation): void {
        const compute = op.compute;
        const record: FollowedRecord = {
            kind: op.operation,
            subscriptionId: op.subscription.subscriptionId,
            workspaceId: op.workspace.id,
            computeId: `${op.workspace.id}/computes/${compute.name}`,
            computeName: compute.name,
            ...(op.clusterName !== undefined ? { clusterName: op.clusterName } : {}),
            startedAt: this.now(),
        };
        this.save(withFollowed(this.records(), record));
        const watch = this.watchOf(op.subscription, op.workspace, compute.name);
        watch.operation = record;
        watch.failures = 0;
        // The cached lists do not have this change yet: read again, both views show it at once (e.g. Creating), not
        // only after the first read below, by when a quick change may be over.
        ext.inventory.remember(compute);
        refreshComputeViews(compute);
        // An open panel hears the new state at once; otherwise the first read waits like every other one.
        this.schedule(watch, watch.listeners.size > 0 ? 0 : pollIntervalMs());
    }

    /**
     * Hears every read of a compute until disposed. `compute` is what the subscriber last saw: it is read again every
     * few seconds while it is changing, now and then while it is not, and at once when `readNow` (a panel shown
     * again, whose compute may have changed or gone while it was hidden).
     */
    subscribe(
        subscription: SubscriptionContext,
        workspace: WorkspaceInfo,
        compute: ComputeInfo,
        listener: ComputeListener,
        readNow = false,
    ): vscode.Disposable {
        const watch = this.watchOf(subscription, workspace, compute.name);
        watch.last = compute;
        watch.listeners.add(listener);
        const delay = readNow ? 0 : this.nextDelay(watch);
        if (delay !== undefined) {
            this.schedule(watch, delay);
        }
        return new vscode.Disposable(() => {
            watch.listeners.delete(listener);
            this.release(watch);
        });
    }

    /**
     * Follows again the operations a window reload interrupted. It asks Azure (the subscriptions, then the compute),
     * so it is called after activate() has returned, and only when there is something to resume; a failure (not
     * signed in yet) keeps the operation for the next try, after the next sign-in change.
     */
    resume(): Promise<void> {
        this.resuming ??= this.resumeNow().finally(() => (this.resuming = undefined));
        return this.resuming;
    }

    dispose(): void {
        this.disposed = true;
        for (const watch of this.watches.values()) {
            clearTimeout(watch.timer);
        }
        this.watches.clear();
    }

    private async resumeNow(): Promise<void> {
        const all = this.records();
        const live = liveFollowed(all, this.now());
        if (live.length !== all.length) {
            this.save(liveFollowed(this.records(), this.now()));
        }
        for (const record of live) {
            if (this.watches.get(record.computeId.toLowerCase())?.operation || this.disposed) {
                continue;
            }
            try {
                // The workspace comes from the record: its compute is read without listing the workspaces first.
                const sub = await ext.session.findSubscription(record.subscriptionId);
                if (!sub) {
                    ext.outputChannel.warn(
                        `No longer following the ${record.kind} of ${record.computeId}: its subscription is not listed.`,
                    );
                    this.forget(record);
                    continue;
                }
                // follow() may have started a newer operation on the compute meanwhile.
                const watch = this.watchOf(sub, workspaceOf(record), record.computeName);
                if (watch.operation || this.disposed) {
                    continue;
                }
                watch.operation = record;
                watch.failures = 0;
                ext.outputChannel.info(
                    `Following the ${record.kind} of ${record.computeId} again (started ${new Date(record.startedAt).toISOString()}).`,
                );
                this.schedule(watch, 0);
            } catch (error) {
                explainError(error, `Could not resume following the ${record.kind} of ${record.computeName}`);
            }
        }
    }

    private records(): FollowedRecord[] {
        return parseFollowed(this.memento.get<unknown>(followedStateKey));
    }

    private save(records: FollowedRecord[]): void {
        this.memento
            .update(followedStateKey, records.length > 0 ? records : undefined)
            .then(undefined, (error) =>
                ext.outputChannel.warn(`Could not save the followed operations: ${String(error)}`),
            );
    }

    /** Removes the record of `op`, unless a newer operation on the same compute replaced it. */
    private forget(op: FollowedRecord): void {
        const records = this.records();
        if (records.some((r) => armIdsEqual(r.computeId, op.computeId) && r.startedAt === op.startedAt)) {
            this.save(withoutFollowed(records, op.computeId));
        }
    }

    private watchOf(subscription: SubscriptionContext, workspace: WorkspaceRef, name: string): Watch {
        const key = `${workspace.id}/computes/${name}`.toLowerCase();
        let watch = this.watches.get(key);
        if (!watch) {
            watch = {
                key,
                name,
                subscription,
                workspace,
                last: undefined,
                listeners: new Set(),
                reading: false,
                failures: 0,
            };
            this.watches.set(key, watch);
        }
        watch.subscription = subscription;
        watch.workspace = workspace;
        return watch;
    }

    /** Reads after `delayMs`; a pending read due sooner is kept; a read in progress schedules the next itself. */
    private schedule(watch: Watch, delayMs: number): void {
        if (this.disposed || watch.reading) {
            return;
        }
        const due = Date.now() + delayMs;
        if (watch.timer && keepsPendingRead(watch.due, due)) {
            return;
        }
        clearTimeout(watch.timer);
        watch.due = due;
        watch.timer = setTimeout(() => void this.read(watch), delayMs);
    }

    /** Forgets a compute nobody follows or listens to any longer. */
    private release(watch: Watch): void {
        if (!watch.operation && watch.listeners.size === 0 && this.watches.get(watch.key) === watch) {
            clearTimeout(watch.timer);
            this.watches.delete(watch.key);
        }
    }

    private async read(watch: Watch): Promise<void> {
        watch.timer = undefined;
        watch.due = undefined;
        if (this.watches.get(watch.key) !== watch) {
            return;
        }
        watch.reading = true;
        let compute: ComputeInfo | undefined;
        try {
            compute = await ext.inventory.computeNow(watch.subscription, watch.workspace, watch.name);
        } catch (error) {
            watch.reading = false;
            this.failed(watch, error);
            return;
        }
        watch.reading = false;
        if (this.disposed || this.watches.get(watch.key) !== watch) {
            return;
        }
        watch.failures = 0;
        const before = watch.last;
        watch.last = compute;
        if (!compute || !before || compute.provisioningState !== before.provisioningState) {
            refreshComputeViews(compute ?? before ?? { workspaceId: watch.workspace.id });
        }
        const op = watch.operation;
        for (const listener of [...watch.listeners]) {
            listener({ kind: 'read', compute, operation: op?.kind });
        }
        if (op && hasSettled(compute)) {
            this.end(watch, op);
            void reportEnd(
                {
                    operation: op.kind,
                    subscription: watch.subscription,
                    workspace: watch.workspace,
                    computeName: watch.name,
                    clusterName: op.clusterName,
                },
                compute,
            );
        } else if (op && compute && isExpired(op, this.now())) {
            this.end(watch, op);
            void vscode.window.showWarningMessage(
                vscode.l10n.t(
                    'Compute {0} is still {1} an hour later; it is no longer followed. Refresh the view to see its state.',
                    watch.name,
                    compute.provisioningState,
                ),
            );
        }
        this.next(watch);
    }

    private failed(watch: Watch, error: unknown): void {
        if (this.disposed || this.watches.get(watch.key) !== watch) {
            return;
        }
        const explained = explainError(error, vscode.l10n.t('Could not read compute {0}', watch.name));
        for (const listener of [...watch.listeners]) {
            listener({ kind: 'error', detail: explained.detail });
        }
        const op = watch.operation;
        if (op && ++watch.failures >= maxConsecutiveReadFailures) {
            this.end(watch, op);
            void vscode.window.showWarningMessage(
                vscode.l10n.t(
                    'Stopped following compute {0}: {1} Refresh the view to see its state.',
                    watch.name,
                    explained.detail,
                ),
            );
        }
        this.next(watch);
    }

    private end(watch: Watch, op: FollowedRecord): void {
        watch.operation = undefined;
        watch.failures = 0;
        this.forget(op);
    }

    private next(watch: Watch): void {
        const delay = this.nextDelay(watch);
        if (delay !== undefined) {
            this.schedule(watch, delay);
        } else {
            this.release(watch);
        }
    }

    private nextDelay(watch: Watch): number | undefined {
        return nextReadDelay({
            following: !!watch.operation,
            listeners: watch.listeners.size,
            last: watch.last && { transitional: isTransitional(watch.last.provisioningState) },
            pollIntervalMs: pollIntervalMs(),
        });
    }
}
