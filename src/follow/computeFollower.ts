import type { SubscriptionContext } from '../azure/subscriptionContext';
import { isTransitional } from '../domain/computeState';
import { hasSettled, maxConsecutiveReadFailures, operationEnd, type OperationEnd } from '../domain/followRules';
import { isExpired, type FollowedKind, type FollowedRecord } from '../domain/followedOperations';
import type { ComputeInfo, WorkspaceRef } from '../domain/models';
import { systemClock, type Clock, type Timer } from './clock';
import { computeIdOf, type ComputeTarget } from './target';
import { keepsPendingRead, nextReadDelay } from './readSchedule';

/** After each read: the compute (undefined once gone) and the operation followed then, or why it was not read. */
export type ComputeUpdate =
    | { readonly kind: 'read'; readonly compute: ComputeInfo | undefined; readonly operation?: FollowedKind }
    | { readonly kind: 'error'; readonly detail: string };

export type ComputeListener = (update: ComputeUpdate) => void;

/** How following an operation ended. */
export type FollowEnd =
    /** The compute settled (or is gone): how the operation ended. */
    | { readonly kind: 'ended'; readonly end: OperationEnd }
    /** Reading failed `maxConsecutiveReadFailures` times in a row: the user is told to refresh instead. */
    | { readonly kind: 'unfollowed'; readonly error: unknown; readonly detail: string }
    /** Still changing an hour after the operation started (followedMaxAgeMs). */
    | { readonly kind: 'expired'; readonly compute: ComputeInfo }
    /** A newer operation on the same compute is followed instead, or the loop was disposed (a window closing). */
    | { readonly kind: 'cancelled' };

/** `reads` counts every read of the operation's compute while it was followed, `failedReads` those that failed. */
export type FollowResult = FollowEnd & { readonly reads: number; readonly failedReads: number };

export interface FollowerOptions {
    /** Where a compute is read from, with one GET; undefined once it is gone. The product's: InventoryService. */
    readonly inventory: {
        computeNow(sub: SubscriptionContext, workspace: WorkspaceRef, name: string): Promise<ComputeInfo | undefined>;
    };
    /** How long between reads of a changing compute (`statusPollingIntervalSeconds`). */
    readonly intervalMs: () => number;
    readonly clock?: Clock;
    /** A failed read in the user's words; once per failure (listeners and the reason following stopped share it). */
    readonly describeError?: (error: unknown, target: ComputeTarget) => string;
    /**
     * What the views show of a compute is out of date: its state changed, it is gone (`seen` is then what was seen
     * last), or reading it failed too often to keep a view current.
     */
    readonly refreshViews?: (target: ComputeTarget, seen: ComputeInfo | undefined) => void;
}

interface Followed {
    readonly record: FollowedRecord;
    readonly settle: (result: FollowResult) => void;
    reads: number;
    failedReads: number;
}

interface Watch {
    readonly key: string;
    target: ComputeTarget;
    /** The compute as last seen; undefined when gone, or not read yet after a reload. */
    last: ComputeInfo | undefined;
    /** The operation being followed to its end, if any. */
    followed?: Followed;
    readonly listeners: Set<ComputeListener>;
    /** A view shows the compute changing: it is read until it settles. */
    shown: boolean;
    timer?: Timer;
    /** clock.now() when the timer fires. */
    due?: number;
    reading: boolean;
    failures: number;
}

/**
 * The one loop that reads a changing compute again and again; no vscode, its time injected. Per compute there is
 * at most one read loop, which runs while
 * - an operation (attach → Creating, Edit Identity → Updating, detach → Deleting) is followed: `follow()` resolves
 *   once the compute has settled (how the operation ended), reading has failed too often, or an hour has passed;
 * - someone subscribed (a visible compute panel): every interval while the compute is Creating, Updating or
 *   Deleting, now and then once it has settled, and at once when asked (see readSchedule.ts);
 * - a view shows the compute changing (`showChanging`): every interval until it settles.
 * The views are told when what they show is out of date (`refreshViews`), not after every read.
 */
export class ComputeFollower {
    private readonly watches = new Map<string, Watch>();
    private readonly clock: Clock;
    private disposed = false;

    constructor(private readonly options: FollowerOptions) {
        this.clock = options.clock ?? systemClock;
    }

    /**
     * Follows an operation on the compute until the service is done with it. The first read waits an interval,
     * unless `readNow` (resuming after a reload) or a panel listens (it hears the new state at once).
     */
    follow(target: ComputeTarget, record: FollowedRecord, readNow = false): Promise<FollowResult> {
        if (this.disposed) {
            return Promise.resolve({ kind: 'cancelled', reads: 0, failedReads: 0 });
        }
        const watch = this.watchOf(target);
        this.settle(watch, { kind: 'cancelled' });
        const result = new Promise<FollowResult>((resolve) => {
            watch.followed = { record, settle: resolve, reads: 0, failedReads: 0 };
        });
        watch.failures = 0;
        this.schedule(watch, readNow || watch.listeners.size > 0 ? 0 : this.options.intervalMs());
        return result;
    }

    /** Whether an operation on the compute (by ARM id) is being followed. */
    isFollowing(computeId: string): boolean {
        return !!this.watches.get(computeId.toLowerCase())?.followed;
    }

    /**
     * Tells `listener` of every read of the compute until the returned function is called. `seen` is what the
     * subscriber last saw; the compute is read at once when `readNow` (a panel shown again), else on the schedule.
     */
    subscribe(target: ComputeTarget, seen: ComputeInfo, listener: ComputeListener, readNow = false): () => void {
        const watch = this.watchOf(target);
        watch.last = seen;
        watch.listeners.add(listener);
        const delay = readNow ? 0 : this.nextDelay(watch);
        if (delay !== undefined) {
            this.schedule(watch, delay);
        }
        return () => {
            watch.listeners.delete(listener);
            this.release(watch);
        };
    }

    /** A view lists the compute: while it is changing, it is read every interval until it settles. */
    showChanging(target: ComputeTarget, listed: ComputeInfo): void {
        if (!isTransitional(listed.provisioningState) || this.disposed) {
            return;
        }
        const watch = this.watchOf(target);
        watch.last = listed;
        watch.shown = true;
        this.schedule(watch, this.options.intervalMs());
    }

    /** Stops every read; operations still followed resolve as cancelled. */
    dispose(): void {
        this.disposed = true;
        for (const watch of this.watches.values()) {
            watch.timer?.cancel();
            this.settle(watch, { kind: 'cancelled' });
        }
        this.watches.clear();
    }

    private watchOf(target: ComputeTarget): Watch {
        const key = computeIdOf(target).toLowerCase();
        let watch = this.watches.get(key);
        if (!watch) {
            watch = { key, target, last: undefined, listeners: new Set(), shown: false, reading: false, failures: 0 };
            this.watches.set(key, watch);
        }
        watch.target = target;
        return watch;
    }

    private isCurrent(watch: Watch): boolean {
        return !this.disposed && this.watches.get(watch.key) === watch;
    }

    /** Reads after `delayMs`; a pending read due sooner is kept; a read in progress schedules the next itself. */
    private schedule(watch: Watch, delayMs: number): void {
        if (this.disposed || watch.reading) {
            return;
        }
        const due = this.clock.now() + delayMs;
        if (watch.timer && keepsPendingRead(watch.due, due)) {
            return;
        }
        watch.timer?.cancel();
        watch.due = due;
        watch.timer = this.clock.setTimer(() => void this.read(watch), delayMs);
    }

    /** Forgets a compute nobody follows, listens to or shows changing any longer. */
    private release(watch: Watch): void {
        if (this.nextDelay(watch) === undefined && this.watches.get(watch.key) === watch) {
            watch.timer?.cancel();
            this.watches.delete(watch.key);
        }
    }

    private async read(watch: Watch): Promise<void> {
        watch.timer = undefined;
        watch.due = undefined;
        if (!this.isCurrent(watch)) {
            return;
        }
        watch.reading = true;
        const { subscription, workspace, name } = watch.target;
        let compute: ComputeInfo | undefined;
        try {
            compute = await this.options.inventory.computeNow(subscription, workspace, name);
        } catch (error) {
            watch.reading = false;
            this.failed(watch, error);
            return;
        }
        watch.reading = false;
        if (!this.isCurrent(watch)) {
            return;
        }
        watch.failures = 0;
        const before = watch.last;
        watch.last = compute;
        if (!compute || !before || compute.provisioningState !== before.provisioningState) {
            this.options.refreshViews?.(watch.target, compute ?? before);
        }
        const followed = watch.followed;
        if (followed) {
            followed.reads++;
        }
        for (const listener of [...watch.listeners]) {
            listener({ kind: 'read', compute, operation: followed?.record.kind });
        }
        if (hasSettled(compute)) {
            watch.shown = false;
        }
        if (followed && hasSettled(compute)) {
            this.settle(watch, { kind: 'ended', end: operationEnd(followed.record.kind, compute) });
        } else if (followed && compute && isExpired(followed.record, this.clock.now())) {
            this.settle(watch, { kind: 'expired', compute });
        }
        this.next(watch);
    }

    private failed(watch: Watch, error: unknown): void {
        if (!this.isCurrent(watch)) {
            return;
        }
        const detail = this.options.describeError?.(error, watch.target) ?? String(error);
        for (const listener of [...watch.listeners]) {
            listener({ kind: 'error', detail });
        }
        const followed = watch.followed;
        if (followed) {
            followed.reads++;
            followed.failedReads++;
        }
        if (++watch.failures >= maxConsecutiveReadFailures) {
            this.settle(watch, { kind: 'unfollowed', error, detail });
            if (watch.shown) {
                // The view shows what it lists next time: the state, or why it could not be listed.
                watch.shown = false;
                this.options.refreshViews?.(watch.target, watch.last);
            }
        }
        this.next(watch);
    }

    /** Ends following the watch's operation, if any, with `result`. */
    private settle(watch: Watch, end: FollowEnd): void {
        const followed = watch.followed;
        if (!followed) {
            return;
        }
        watch.followed = undefined;
        watch.failures = 0;
        followed.settle({ ...end, reads: followed.reads, failedReads: followed.failedReads });
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
            following: !!watch.followed,
            listeners: watch.listeners.size,
            shown: watch.shown,
            last: watch.last && { transitional: isTransitional(watch.last.provisioningState) },
            pollIntervalMs: this.options.intervalMs(),
        });
    }
}
