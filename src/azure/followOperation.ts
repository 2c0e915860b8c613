/** `followOperation`: the follow rules (domain/followRules.ts) applied in a plain loop. */
import {
    hasSettled,
    maxConsecutiveReadFailures,
    operationEnd,
    type FollowedOperationKind,
    type OperationEnd,
} from '../domain/followRules';
import type { ComputeInfo } from '../domain/models';

export type FollowResult =
    | { readonly kind: 'ended'; readonly end: OperationEnd; readonly reads: number; readonly failedReads: number }
    /** Reading failed `maxConsecutiveReadFailures` times in a row: the user is told to refresh instead. */
    | { readonly kind: 'unfollowed'; readonly error: unknown; readonly reads: number; readonly failedReads: number }
    /** Still changing after `maxDurationMs`. */
    | {
          readonly kind: 'timedOut';
          readonly compute: ComputeInfo;
          readonly reads: number;
          readonly failedReads: number;
      };

export interface FollowOptions {
    /** Reads the compute; undefined when it is gone. */
    readonly read: () => Promise<ComputeInfo | undefined>;
    /** Time before each read (the first read too). */
    readonly intervalMs: () => number;
    readonly maxDurationMs?: number;
    readonly onRead?: (compute: ComputeInfo | undefined) => void;
    readonly onReadError?: (error: unknown, consecutiveFailures: number) => void;
    readonly sleep?: (ms: number) => Promise<void>;
    readonly now?: () => number;
}

/** Reads the compute every interval until the operation has ended, reading has failed too often, or time is up. */
export async function followOperation(operation: FollowedOperationKind, options: FollowOptions): Promise<FollowResult> {
    const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    const now = options.now ?? Date.now;
    const started = now();
    let reads = 0;
    let failedReads = 0;
    let consecutive = 0;
    for (;;) {
        await sleep(options.intervalMs());
        let compute: ComputeInfo | undefined;
        reads++;
        try {
            compute = await options.read();
            consecutive = 0;
        } catch (error) {
            failedReads++;
            options.onReadError?.(error, ++consecutive);
            if (consecutive >= maxConsecutiveReadFailures) {
                return { kind: 'unfollowed', error, reads, failedReads };
            }
            continue;
        }
        options.onRead?.(compute);
        if (hasSettled(compute)) {
            return { kind: 'ended', end: operationEnd(operation, compute), reads, failedReads };
        }
        if (options.maxDurationMs !== undefined && now() - started > options.maxDurationMs) {
            return { kind: 'timedOut', compute: compute!, reads, failedReads };
        }
    }
}
