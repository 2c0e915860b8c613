/**
 * When the follow loop reads a compute next. Pure, so the unit tests read the rules; computeFollower.ts applies them
 * with its timers.
 */

/** A visible panel of a compute that is not changing reads it this many poll intervals apart (5 s → 30 s). */
export const settledPollFactor = 6;

export interface ReadScheduleInput {
    /** An attach, identity edit or detach of the compute is being followed. */
    readonly following: boolean;
    /** Someone listens (a visible compute panel). */
    readonly listeners: number;
    /** A view shows the compute changing (Creating, Updating or Deleting) and is kept current until it settles. */
    readonly shown?: boolean;
    /** The compute as last seen: absent when it is gone (or was never read). */
    readonly last: { readonly transitional: boolean } | undefined;
    /** `statusPollingIntervalSeconds`, in ms. */
    readonly pollIntervalMs: number;
}

/**
 * The delay before the next read, or undefined when nobody needs one (the watch is released):
 * - a followed operation, or a changing compute someone listens to or a view shows: every poll interval;
 * - a settled compute someone listens to: now and then, so a panel notices a compute detached or deleted elsewhere
 *   (in another window, the portal, the CLI) or changed there;
 * - a compute that is gone, or that nobody listens to: no more reads (a view shows a settled compute as it is).
 */
export function nextReadDelay(input: ReadScheduleInput): number | undefined {
    if (input.following || ((input.listeners > 0 || input.shown) && input.last?.transitional)) {
        return input.pollIntervalMs;
    }
    if (input.listeners > 0 && input.last) {
        return input.pollIntervalMs * settledPollFactor;
    }
    return undefined;
}

/**
 * Whether a read already due at `pendingDue` (ms, absent when none is pending) is kept when another is asked for at
 * `due`: the earlier of the two wins.
 */
export function keepsPendingRead(pendingDue: number | undefined, due: number): boolean {
    return pendingDue !== undefined && pendingDue <= due;
}
