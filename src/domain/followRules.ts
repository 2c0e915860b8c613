/**
 * The rules for following a compute after an attach, an identity edit or a detach until the service is done with it:
 * when following ends, how the operation ended, and when reading has failed too often to go on. Pure.
 */
import { isTransitional } from './computeState';
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
