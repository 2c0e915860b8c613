/**
 * Time for the follow loop, injected: the product runs on the system clock and timers; the unit tests pass a clock
 * they advance by hand, so an hour of following runs in milliseconds.
 */

/** A timer that has been set: cancelling it after it fired does nothing. */
export interface Timer {
    cancel(): void;
}

export interface Clock {
    /** Milliseconds since the epoch. */
    now(): number;
    /** Calls `callback` once, after `delayMs`. */
    setTimer(callback: () => void, delayMs: number): Timer;
}

export const systemClock: Clock = {
    now: () => Date.now(),
    setTimer: (callback, delayMs) => {
        const handle = setTimeout(callback, delayMs);
        return { cancel: () => clearTimeout(handle) };
    },
};
