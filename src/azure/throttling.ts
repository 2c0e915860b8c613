/** Azure's throttling: when to try again (Retry-After), and the error of a read that will not wait that long. Pure. */

/**
 * A read that Azure throttled for longer than is worth waiting inside one request (see clients.ts): it fails at once,
 * saying when to try again, so a view or picker shows the rest instead of waiting minutes on one subscription.
 */
export class ThrottledError extends Error {
    override readonly name = 'ThrottledError';

    constructor(
        message: string,
        readonly statusCode: number,
        readonly retryAfterSeconds: number,
        readonly code?: string,
        readonly requestId?: string,
        readonly correlationId?: string,
    ) {
        super(message);
    }
}

/** `Retry-After` in seconds (delta seconds or an HTTP date), or undefined. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
    if (!value) {
        return undefined;
    }
    const seconds = Number(value);
    if (Number.isFinite(seconds)) {
        return seconds > 0 ? seconds : undefined;
    }
    const date = Date.parse(value);
    return Number.isFinite(date) && date > now ? Math.ceil((date - now) / 1000) : undefined;
}
