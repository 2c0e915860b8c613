import * as vscode from 'vscode';
import { readExtension, type AzureMlExtensionDetails } from '../azure/extensionOperations';
import { describeAzureError } from '../azure/errors';
import { getCluster } from '../azure/inventory';
import type { SubscriptionContext } from '../azure/subscriptionContext';
import { armIdsEqual } from '../domain/armId';
import {
    parseFollowedExtensions,
    withFollowedExtension,
    withoutFollowedExtension,
    type FollowedExtensionRecord,
} from '../domain/followedExtensions';
import { isExpired } from '../domain/followedOperations';
import type { ClusterInfo } from '../domain/models';
import { ext } from '../extensionVariables';
import { systemClock, type Clock } from '../follow/clock';
import {
    ExtensionFollower,
    type ExtensionEnd,
    type ExtensionOperation,
    type ExtensionTarget,
} from '../follow/extensionFollower';
import { clusterNodeId, subscriptionNodeId } from '../tree/nodeIds';
import { explainError } from '../ui/errorText';
import { followedExtensionsStateKey, saveFollowed } from './followedState';
import { reportExtensionEnd } from './extensionReport';
import { pollIntervalMs } from './pollInterval';

export interface FollowedExtension {
    readonly operation: ExtensionOperation;
    readonly sub: SubscriptionContext;
    readonly cluster: ClusterInfo;
    readonly name: string;
    /** Whether the end notification offers Attach to a Workspace... (not when the attach wizard asked for it). */
    readonly offerAttach?: boolean;
}

/** What a cluster row shows while its extension is being changed. */
export interface ExtensionChange {
    readonly operation: ExtensionOperation;
    readonly provisioningState: string;
}

/**
 * The vscode side of the extension follower: the cluster's row shows the state each read finds (spinning while it
 * changes), and the end is told in a notification with the service's error in full.
 *
 * As ComputeWatcher does for computes, each followed operation is kept in the **workspace state** until it ends or is
 * an hour old (subscription, cluster, extension name, operation, start time), so a window reload resumes following
 * it (`resume`, after activate() has returned) and the notification still comes, in this window only.
 */
export class ExtensionWatcher implements vscode.Disposable {
    private readonly changes = new Map<string, ExtensionChange>();
    private readonly changed = new vscode.EventEmitter<string>();
    /** A cluster's extension (by the cluster's id) began to change, was read while changing, or settled. */
    readonly onDidChange = this.changed.event;
    private readonly endings = new Map<string, Promise<ExtensionEnd>>();
    private readonly follower: ExtensionFollower<FollowedExtension>;
    private resuming: Promise<void> | undefined;
    private disposed = false;

    constructor(
        private readonly memento: vscode.Memento,
        private readonly clock: Clock = systemClock,
    ) {
        this.follower = new ExtensionFollower<FollowedExtension>({
            read: (op) => readExtension(op.sub, op.cluster, op.name),
            intervalMs: pollIntervalMs,
            clock,
            describeError: (error) => describeAzureError(error).message,
            onRead: (target, extension) => this.shown(target, extension),
        });
    }

    /** The change in progress on a cluster's extension, if any. */
    changeOf(clusterId: string): ExtensionChange | undefined {
        return this.changes.get(clusterId.toLowerCase());
    }

    /** How the change now followed on a cluster's extension ends; undefined when none is followed. */
    whenSettled(clusterId: string): Promise<ExtensionEnd> | undefined {
        return this.endings.get(clusterId.toLowerCase());
    }

    /** Shows the cluster changing at once, then follows it; resolves once the end has been reported. */
    follow(op: FollowedExtension): Promise<ExtensionEnd> {
        const record: FollowedExtensionRecord = {
            operation: op.operation,
            subscriptionId: op.sub.subscriptionId,
            clusterId: op.cluster.id,
            extensionName: op.name,
            ...(op.offerAttach !== undefined ? { offerAttach: op.offerAttach } : {}),
            startedAt: this.clock.now(),
        };
        this.save(withFollowedExtension(this.records(), record));
        return this.track(op, record);
    }

    /**
     * Follows again the operations a window reload interrupted. It asks Azure (the subscription, the cluster), so it
     * runs after activate() has returned, and only when something is stored; a failure (not signed in yet) keeps the
     * record for the next try, after the next sign-in change.
     */
    resume(): Promise<void> {
        this.resuming ??= this.resumeNow().finally(() => (this.resuming = undefined));
        return this.resuming;
    }

    private async resumeNow(): Promise<void> {
        const all = this.records();
        const live = all.filter((r) => !isExpired(r, this.clock.now()));
        if (live.length !== all.length) {
            this.save(this.records().filter((r) => !isExpired(r, this.clock.now())));
        }
        for (const record of live) {
            if (this.endings.has(record.clusterId.toLowerCase()) || this.disposed) {
                continue;
            }
            try {
                const sub = await ext.session.findSubscription(record.subscriptionId);
                const cluster = sub && (await findCluster(sub, record.clusterId));
                if (!sub || !cluster) {
                    ext.outputChannel.warn(
                        `No longer following the ${record.operation} of the AzureML extension on ${record.clusterId}: ${sub ? 'the cluster is gone' : 'its subscription is not listed'}.`,
                    );
                    this.forget(record);
                    continue;
                }
                // follow() may have started a newer operation on the extension meanwhile.
                if (this.endings.has(record.clusterId.toLowerCase()) || this.disposed) {
                    continue;
                }
                ext.outputChannel.info(
                    `Following the ${record.operation} of the AzureML extension on ${record.clusterId} again (started ${new Date(record.startedAt).toISOString()}).`,
                );
                const { operation, extensionName: name, offerAttach } = record;
                void this.track({ operation, sub, cluster, name, offerAttach }, record);
            } catch (error) {
                explainError(error, `Could not resume following the AzureML extension on ${record.clusterId}`);
            }
        }
    }

    private track(op: FollowedExtension, record: FollowedExtensionRecord): Promise<ExtensionEnd> {
        const key = op.cluster.id.toLowerCase();
        const ending = this.followToEnd(key, op, record).finally(() => {
            if (this.endings.get(key) === ending) {
                this.endings.delete(key);
            }
        });
        this.endings.set(key, ending);
        return ending;
    }

    private async followToEnd(
        key: string,
        op: FollowedExtension,
        record: FollowedExtensionRecord,
    ): Promise<ExtensionEnd> {
        this.changes.set(key, { operation: op.operation, provisioningState: startingState[op.operation] });
        this.refresh(op);
        const end = await this.follower.follow({ key, operation: op.operation, context: op }, record.startedAt);
        if (end.kind !== 'cancelled') {
            this.forget(record);
            this.changes.delete(key);
            ext.inventory.invalidateClusters(op.sub.subscriptionId);
            // The row is made again from the subscription's new listing (a row keeps the cluster it was made with).
            ext.clustersTree.refresh(subscriptionNodeId('clusters', op.sub.subscriptionId));
            // And a panel showing the cluster reads it all again.
            this.changed.fire(op.cluster.id);
            reportExtensionEnd(op, end);
        }
        // Cancelled: a newer operation replaced its record, or the window is closing and the record stays to resume.
        return end;
    }

    private records(): FollowedExtensionRecord[] {
        return parseFollowedExtensions(this.memento.get<unknown>(followedExtensionsStateKey));
    }

    private save(records: readonly FollowedExtensionRecord[]): void {
        saveFollowed(this.memento, followedExtensionsStateKey, records, (message) => ext.outputChannel.warn(message));
    }

    /** Removes the record of `op`, unless a newer operation on the same extension replaced it. */
    private forget(op: FollowedExtensionRecord): void {
        const records = this.records();
        if (records.some((r) => armIdsEqual(r.clusterId, op.clusterId) && r.startedAt === op.startedAt)) {
            this.save(withoutFollowedExtension(records, op.clusterId));
        }
    }

    dispose(): void {
        this.disposed = true;
        this.follower.dispose();
        this.changed.dispose();
    }

    private shown(target: ExtensionTarget<FollowedExtension>, extension: AzureMlExtensionDetails | undefined): void {
        const previous = this.changes.get(target.key);
        const state = extension?.provisioningState ?? vscode.l10n.t('Deleted');
        if (previous && previous.provisioningState !== state) {
            this.changes.set(target.key, { operation: target.operation, provisioningState: state });
            this.refresh(target.context);
        }
    }

    private refresh(op: FollowedExtension): void {
        ext.clustersTree.refresh(clusterNodeId(op.cluster.id));
        this.changed.fire(op.cluster.id);
    }
}

/** The cluster from the shared cache, or read through ARM; undefined once it is gone. */
async function findCluster(sub: SubscriptionContext, clusterId: string): Promise<ClusterInfo | undefined> {
    const listed = await ext.inventory.clusters(sub).catch(() => []);
    try {
        return listed.find((c) => armIdsEqual(c.id, clusterId)) ?? (await getCluster(sub, clusterId));
    } catch (error) {
        if (describeAzureError(error).kind === 'notFound') {
            return undefined;
        }
        throw error;
    }
}

const startingState: Record<ExtensionOperation, string> = {
    install: 'Creating',
    update: 'Updating',
    uninstall: 'Deleting',
};
