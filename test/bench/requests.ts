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
