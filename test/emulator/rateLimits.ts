/**
 * ARM's remaining-request headers. "Understand how Azure Resource Manager throttles requests"
 * (learn.microsoft.com/azure/azure-resource-manager/management/request-limits-and-throttling): reads carry
 * `x-ms-ratelimit-remaining-subscription-reads` (or `-tenant-reads` for requests outside a subscription), writes
 * (PUT, PATCH, DELETE, POST) `-subscription-writes` / `-tenant-writes`; the documented defaults are 12,000 reads and
 * 1,200 writes an hour per scope. A throttled (429) request shows 0 remaining.
 */

import type { Ctx } from './http';

const limits = { reads: 12000, writes: 1200 };
const hourMs = 60 * 60 * 1000;

export class RateLimits {
    private readonly used = new Map<string, { windowStart: number; count: number }>();

    reset(): void {
        this.used.clear();
    }

    /** Counts the request and returns the header ARM would send with its response. */
    headersFor(ctx: Ctx, subscriptionId: string | undefined, throttled = false): Record<string, string> {
        const kind = ctx.method === 'GET' || ctx.method === 'HEAD' ? 'reads' : 'writes';
        const scope = subscriptionId ? 'subscription' : 'tenant';
        const key = `${scope}\n${(subscriptionId ?? ctx.caller?.tid ?? '').toLowerCase()}\n${kind}`;
        const now = Date.now();
        let bucket = this.used.get(key);
        if (!bucket || now - bucket.windowStart >= hourMs) {
            bucket = { windowStart: now, count: 0 };
            this.used.set(key, bucket);
        }
        bucket.count++;
        const remaining = throttled ? 0 : Math.max(0, limits[kind] - bucket.count);
        return { [`x-ms-ratelimit-remaining-${scope}-${kind}`]: String(remaining) };
    }
}

/** The subscription a request path is in, if any. */
export function subscriptionOfPath(path: string): string | undefined {
    return /^\/subscriptions\/([^/]+)/i.exec(path)?.[1];
}
