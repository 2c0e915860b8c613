import type { AzureMlExtensionDetails } from '../azure/extensionOperations';
import type { ExtensionOperation } from '../domain/followedExtensions';
import { maxConsecutiveReadFailures } from '../domain/followRules';
import { followedMaxAgeMs } from '../domain/followedOperations';
import { systemClock, type Clock, type Timer } from './clock';

export type { ExtensionOperation } from '../domain/followedExtensions';

/** One extension, followed under `key` (its ARM id, lower case). */
export interface ExtensionTarget<C> {
    readonly key: string;
    readonly operation: ExtensionOperation;
    /** Whatever `read` needs to find it (the product: subscription, cluster and extension name). */
    readonly context: C;
}

export type ExtensionEnd =
    | { readonly kind: 'succeeded'; readonly extension: AzureMlExtensionDetails | undefined }
    | { readonly kind: 'failed'; readonly extension: AzureMlExtensionDetails }
    /** Install or update: the extension disappeared meanwhile. */
    | { readonly kind: 'gone' }
    | { readonly kind: 'unfollowed'; readonly detail: string }
    | { readonly kind: 'expired'; readonly extension: AzureMlExtensionDetails | undefined }
    /** A newer operation on the same extension is followed instead, or the follower was disposed. */
    | { readonly kind: 'cancelled' };

export interface ExtensionFollowerOptions<C> {
    /** One GET of the extension; undefined once it is gone. */
    readonly read: (context: C) => Promise<AzureMlExtensionDetails | undefined>;
    readonly intervalMs: () => number;
    readonly clock?: Clock;
    readonly describeError?: (error: unknown) => string;
    /** After each read, so the tree (and a panel) show the state it reached. */
    readonly onRead?: (target: ExtensionTarget<C>, extension: AzureMlExtensionDetails | undefined) => void;
}

const failedStates = /^(failed|canceled|cancelled)$/i;

/** How a read ends the operation, or undefined while it is still going. */
export function extensionOperationEnd(
    operation: ExtensionOperation,
    extension: AzureMlExtensionDetails | undefined,
): ExtensionEnd | undefined {
    if (!extension) {
        return operation === 'uninstall' ? { kind: 'succeeded', extension: undefined } : { kind: 'gone' };
    }
    if (failedStates.test(extension.provisioningState)) {
        return { kind: 'failed', extension };
    }
    if (operation !== 'uninstall' && /^succeeded$/i.test(extension.provisioningState)) {
        return { kind: 'succeeded', extension };
    }
    return undefined;
}

interface Followed<C> {
    readonly target: ExtensionTarget<C>;
    readonly startedAt: number;
    readonly settle: (end: ExtensionEnd) => void;
    failures: number;
    timer?: Timer;
    last?: AzureMlExtensionDetails;
}

/**
 * The one loop for AzureML extensions: after an install, update or uninstall, reads the extension every interval
 * until the operation ends (Succeeded, Failed, gone), reading fails too often, or an hour has passed. At most one
 * loop per extension; no vscode, its time injected.
 */
export class ExtensionFollower<C> {
    private readonly followed = new Map<string, Followed<C>>();
    private readonly clock: Clock;

    constructor(private readonly options: ExtensionFollowerOptions<C>) {
        this.clock = options.clock ?? systemClock;
    }

    isFollowing(key: string): boolean {
        return this.followed.has(key);
    }

    /**
     * Starts reading at once; resolves with how the operation ended. `startedAt` is when the operation was sent: an
     * operation followed again after a window reload expires an hour after it was sent, not an hour after the reload.
     */
    follow(target: ExtensionTarget<C>, startedAt = this.clock.now()): Promise<ExtensionEnd> {
        this.stop(target.key, { kind: 'cancelled' });
        return new Promise<ExtensionEnd>((resolve) => {
            const entry: Followed<C> = { target, startedAt, settle: resolve, failures: 0 };
            this.followed.set(target.key, entry);
            void this.read(entry);
        });
    }

    dispose(): void {
        for (const key of [...this.followed.keys()]) {
            this.stop(key, { kind: 'cancelled' });
        }
    }

    private async read(entry: Followed<C>): Promise<void> {
        if (this.followed.get(entry.target.key) !== entry) {
            return;
        }
        try {
            const extension = await this.options.read(entry.target.context);
            if (this.followed.get(entry.target.key) !== entry) {
                return;
            }
            entry.failures = 0;
            entry.last = extension;
            this.options.onRead?.(entry.target, extension);
            const end = extensionOperationEnd(entry.target.operation, extension);
            if (end) {
                this.stop(entry.target.key, end);
                return;
            }
        } catch (error) {
            if (this.followed.get(entry.target.key) !== entry) {
                return;
            }
            entry.failures++;
            if (entry.failures >= maxConsecutiveReadFailures) {
                const detail = this.options.describeError?.(error) ?? String(error);
                this.stop(entry.target.key, { kind: 'unfollowed', detail });
                return;
            }
        }
        if (this.clock.now() - entry.startedAt > followedMaxAgeMs) {
            this.stop(entry.target.key, { kind: 'expired', extension: entry.last });
            return;
        }
        entry.timer = this.clock.setTimer(() => void this.read(entry), this.options.intervalMs());
    }

    private stop(key: string, end: ExtensionEnd): void {
        const entry = this.followed.get(key);
        if (!entry) {
            return;
        }
        this.followed.delete(key);
        entry.timer?.cancel();
        entry.settle(end);
    }
}
