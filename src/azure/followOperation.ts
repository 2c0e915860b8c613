/**
 * The rules for following a compute after an attach, an identity edit or a detach until the service is done with
 * it, without `vscode`: when following ends, how the operation ended, and when reading has failed too often to go
 * on. The extension's watcher applies them with timers, views and notifications; `followOperation` applies them in
 * a plain loop (the fault suite drives it against the emulator).
 */
import { isTransitional } from '../domain/computeState';
import type { ComputeInfo } from './models';

export type FollowedOperationKind = 'attach' | 'identity' | 'detach';

/** Reads failing this many times in a row stop following an operation, and the user is told. */
export const maxConsecutiveReadFailures = 5;

/** Following ends once the compute is gone or no longer Creating, Updating or Deleting. */
export function hasSettled(compute: ComputeInfo | undefined): boolean {
    return !compute || !isTransitional(compute.provisioningState);
}

/** How an operation ended, from the compute as last read (undefined when it is gone). */
export type OperationEnd =
    /** attach/identity: the compute is Succeeded; detach: the compute is gone. */
    | { readonly kind: 'succeeded'; readonly compute: ComputeInfo | undefined }
    /** It settled in another state (Failed, Canceled, ...), or a detach left it in place; with its last error. */
    | { readonly kind: 'failed'; readonly compute: ComputeInfo; readonly error?: string }
    /** attach/identity: the compute is no longer there. */
    | { readonly kind: 'gone' };

export function operationEnd(operation: FollowedOperationKind, compute: ComputeInfo | undefined): OperationEnd {
    if (operation === 'detach') {
        return compute
            ? { kind: 'failed', compute, error: lastProvisioningError(compute) }
            : { kind: 'succeeded', compute };
    }
    if (!compute) {
        return { kind: 'gone' };
    }
    return compute.provisioningState === 'Succeeded'
        ? { kind: 'succeeded', compute }
        : { kind: 'failed', compute, error: lastProvisioningError(compute) };
}

export function lastProvisioningError(compute: ComputeInfo): string | undefined {
    return compute.provisioningErrors[compute.provisioningErrors.length - 1]?.message;
}

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
