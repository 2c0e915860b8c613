/** Reading the emulator's request log for the benchmark: which requests went to ARM, and which were repeated. */
import type { RequestLogEntry } from '../emulator/requestLog';

/** An ARM request (not Entra's token endpoints, not the emulator's admin API). */
export const isArm = (entry: RequestLogEntry): boolean =>
    /^\/(subscriptions|providers|tenants)(\/|$)/i.test(entry.path);

/** What makes two requests ask for the same data: method, path, query (any order and case of names) and body. */
export function requestKey(entry: RequestLogEntry): string {
    const query = Object.entries(entry.query)
        .map(([k, v]) => [k.toLowerCase(), v] as const)
        .sort(([a], [b]) => a.localeCompare(b));
    return `${entry.method} ${entry.path.toLowerCase()} ${JSON.stringify(query)} ${JSON.stringify(entry.requestBody ?? null)}`;
}

/** Every request for the same data made more than once, with how often. */
export function duplicateRequests(entries: readonly RequestLogEntry[]): { key: string; count: number }[] {
    const seen = new Map<string, number>();
    for (const entry of entries) {
        seen.set(requestKey(entry), (seen.get(requestKey(entry)) ?? 0) + 1);
    }
    return [...seen].filter(([, n]) => n > 1).map(([key, count]) => ({ key, count }));
}

/**
 * The longest chain of requests where each began after the one before it ended: the round trips a user waits
 * for in sequence, whatever ran beside them. (A log entry's `time` is when the request arrived.)
 */
export function sequentialDepth(requests: readonly RequestLogEntry[]): number {
    const spans = requests
        .map((r) => {
            const start = Date.parse(r.time);
            return { start, end: start + r.durationMs };
        })
        .sort((a, b) => a.start - b.start);
    const depth: number[] = [];
    let best = 0;
    for (let i = 0; i < spans.length; i++) {
        let before = 0;
        for (let j = 0; j < i; j++) {
            // 1 ms of slack: the log's times are whole milliseconds.
            if (spans[j].end <= spans[i].start + 1) {
                before = Math.max(before, depth[j]);
            }
        }
        depth[i] = before + 1;
        best = Math.max(best, depth[i]);
    }
    return best;
}

/** How many of these requests came on a new connection, each with its TLS set-up (the emulator's `newConnection`). */
export function tlsSetups(requests: readonly RequestLogEntry[]): number {
    return requests.filter((r) => r.newConnection).length;
}

/** The requests that arrived from `from` (epoch ms) until before `to`. */
export function requestsBetween(requests: readonly RequestLogEntry[], from: number, to: number): RequestLogEntry[] {
    return requests.filter((r) => {
        const at = Date.parse(r.time);
        return at >= from && at < to;
    });
}

/**
 * Each request as `+arrival ms (duration ms) METHOD path on #connection`, from `from` (epoch ms), `new` where that
 * connection began with it (a TLS set-up): where a wait went, for the log.
 */
export function timeline(requests: readonly RequestLogEntry[], from: number): string {
    return requests
        .map(
            (r) =>
                `+${Math.round(Date.parse(r.time) - from)} (${Math.round(r.durationMs)}) ${r.method} ${r.path} on #${r.connection ?? '?'}${r.newConnection ? ' new' : ''}`,
        )
        .join('; ');
}
