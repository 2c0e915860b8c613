/**
 * Shares Azure listings between the views, wizards and panels. Caches the promise, so concurrent callers wait
 * for one request; a failed load is not kept, so the next caller retries.
 */
export class InventoryCache {
    private readonly entries = new Map<string, { value: Promise<unknown>; expires: number }>();

    constructor(
        private readonly ttlMs = 5 * 60_000,
        private readonly now: () => number = Date.now,
    ) {}

    get<T>(key: string, load: () => Promise<T>): Promise<T> {
        const hit = this.entries.get(key);
        if (hit && hit.expires > this.now()) {
            return hit.value as Promise<T>;
        }
        return this.set(key, load());
    }

    /** Whether `key` holds a value (or a load in flight) that has not expired. */
    has(key: string): boolean {
        const hit = this.entries.get(key);
        return !!hit && hit.expires > this.now();
    }

    /** Stores a load started elsewhere (one request that answers for many keys). */
    set<T>(key: string, value: Promise<T>): Promise<T> {
        const entry = { value, expires: this.now() + this.ttlMs };
        this.entries.set(key, entry);
        value.catch(() => {
            if (this.entries.get(key) === entry) {
                this.entries.delete(key);
            }
        });
        return value;
    }

    /** Drops every entry whose key contains `fragment` (case-insensitive), or everything without one. */
    invalidate(fragment?: string): void {
        if (fragment === undefined) {
            this.entries.clear();
            return;
        }
        const needle = fragment.toLowerCase();
        for (const key of [...this.entries.keys()]) {
            if (key.toLowerCase().includes(needle)) {
                this.entries.delete(key);
            }
        }
    }
}
