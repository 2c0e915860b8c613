import * as vscode from 'vscode';
import { armIdsEqual } from '../domain/armId';
import type { ComputeInfo, WorkspaceInfo } from '../domain/models';
import type { SubscriptionContext } from '../azure/subscriptionContext';
import {
    liveFollowed,
    parseFollowed,
    withFollowed,
    withoutFollowed,
    workspaceOf,
    type FollowedRecord,
} from '../domain/followedOperations';
import { systemClock, type Clock } from '../follow/clock';
import { ComputeFollower, type ComputeListener, type FollowResult } from '../follow/computeFollower';
import { computeNameOf, followedRecord, targetOf, type ComputeTarget } from '../follow/target';
import { ext } from '../extensionVariables';
import { refreshComputeViews } from '../tree/refreshComputeViews';
import { explainError } from '../ui/errorText';
import { reportEnd, type FollowedOperation } from './followCompute';
import { followedStateKey, saveFollowed } from './followedState';
import { pollIntervalMs } from './pollInterval';

export type { ComputeListener, ComputeUpdate } from '../follow/computeFollower';

/**
 * The follow loop (ComputeFollower, the one place that reads a changing compute again and again) in VS Code: it
 * reads through the shared inventory every `statusPollingIntervalSeconds`, refreshes both views when what they show
 * changed, tells the user how an operation the user started (attach → Creating, Edit Identity → Updating,
 * detach → Deleting) ended, and keeps the compute panels and the views' changing computes current.
 *
 * Followed operations are kept in the **workspace state** (not the global state) until they end or are an hour
 * old, with what is needed to follow them again: subscription, workspace, compute, kind, start time. A reload of
 * the window (or a restart of the extension host) reads the same workspace state, so it resumes following them and
 * the notification still comes. Another window has a workspace state of its own, so it never reports (twice) an
 * operation it did not start, with no locking between windows.
 */
export class ComputeWatcher implements vscode.Disposable {
    private readonly loop: ComputeFollower;
    private resuming: Promise<void> | undefined;
    private disposed = false;

    constructor(
        private readonly memento: vscode.Memento,
        private readonly clock: Clock = systemClock,
    ) {
        this.loop = new ComputeFollower({
            inventory: { computeNow: (sub, workspace, name) => ext.inventory.computeNow(sub, workspace, name) },
            intervalMs: pollIntervalMs,
            clock,
            describeError: (error, target) =>
                explainError(error, vscode.l10n.t('Could not read compute {0}', target.name)).detail,
            refreshViews: (target, seen) => refreshComputeViews(seen ?? { workspaceId: target.workspace.id }),
        });
    }

    /** Follows an operation the user just started, until the service is done with the compute. */
    follow(op: FollowedOperation): void {
        const compute = op.compute;
        const target = { subscription: op.subscription, workspace: op.workspace, name: computeNameOf(compute) };
        const record = followedRecord(op.operation, target, this.clock.now(), op.clusterName);
        this.save(withFollowed(this.records(), record));
        this.track(target, record, false);
        // The cached lists do not have this change yet: read again, both views show it at once (e.g. Creating), not
        // only after the first read, by when a quick change may be over.
        ext.inventory.remember(compute);
        refreshComputeViews(compute);
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
        const target = { subscription, workspace, name: computeNameOf(compute) };
        return new vscode.Disposable(this.loop.subscribe(target, compute, listener, readNow));
    }

    /** A view lists these computes: those that are changing are read until they settle, and the views refreshed. */
    showChanging(subscription: SubscriptionContext, computes: readonly ComputeInfo[]): void {
        for (const compute of computes) {
            this.loop.showChanging(targetOf(subscription, compute), compute);
        }
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
        this.loop.dispose();
    }

    private async resumeNow(): Promise<void> {
        const all = this.records();
        const live = liveFollowed(all, this.clock.now());
        if (live.length !== all.length) {
            this.save(liveFollowed(this.records(), this.clock.now()));
        }
        for (const record of live) {
            if (this.loop.isFollowing(record.computeId) || this.disposed) {
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
                if (this.loop.isFollowing(record.computeId) || this.disposed) {
                    continue;
                }
                ext.outputChannel.info(
                    `Following the ${record.kind} of ${record.computeId} again (started ${new Date(record.startedAt).toISOString()}).`,
                );
                this.track(
                    { subscription: sub, workspace: workspaceOf(record), name: record.computeName },
                    record,
                    true,
                );
            } catch (error) {
                explainError(error, `Could not resume following the ${record.kind} of ${record.computeName}`);
            }
        }
    }

    /** Follows `record` in the loop, and says how it ended. */
    private track(target: ComputeTarget, record: FollowedRecord, readNow: boolean): void {
        void this.loop.follow(target, record, readNow).then((result) => this.ended(target, record, result));
    }

    private ended(target: ComputeTarget, record: FollowedRecord, result: FollowResult): void {
        if (result.kind === 'cancelled') {
            // A newer operation replaced its record, or the window is closing: the record stays to resume from.
            return;
        }
        this.forget(record);
        switch (result.kind) {
            case 'ended':
                void reportEnd(
                    {
                        operation: record.kind,
                        subscription: target.subscription,
                        workspace: target.workspace,
                        computeName: target.name,
                        clusterName: record.clusterName,
                    },
                    result.end,
                );
                return;
            case 'expired':
                void vscode.window.showWarningMessage(
                    vscode.l10n.t(
                        'Compute {0} is still {1} an hour later; it is no longer followed. Refresh the view to see its state.',
                        target.name,
                        result.compute.provisioningState,
                    ),
                );
                return;
            case 'unfollowed':
                void vscode.window.showWarningMessage(
                    vscode.l10n.t(
                        'Stopped following compute {0}: {1} Refresh the view to see its state.',
                        target.name,
                        result.detail,
                    ),
                );
                return;
        }
    }

    private records(): FollowedRecord[] {
        return parseFollowed(this.memento.get<unknown>(followedStateKey));
    }

    private save(records: FollowedRecord[]): void {
        saveFollowed(this.memento, followedStateKey, records, (message) => ext.outputChannel.warn(message));
    }

    /** Removes the record of `op`, unless a newer operation on the same compute replaced it. */
    private forget(op: FollowedRecord): void {
        const records = this.records();
        if (records.some((r) => armIdsEqual(r.computeId, op.computeId) && r.startedAt === op.startedAt)) {
            this.save(withoutFollowed(records, op.computeId));
        }
    }
}
