/** Runs `fn` over `items` with at most `limit` calls in flight; results keep the input order. */
export async function mapWithConcurrency<T, R>(
    items: readonly T[],
    limit: number,
    fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
    const results = new Array<R>(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const index = next++;
            results[index] = await fn(items[index], index);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
}

/** Collects every page of an SDK list (the iterators follow `nextLink`). */
export async function listAll<T>(iterable: AsyncIterable<T>): Promise<T[]> {
    const items: T[] = [];
    for await (const item of iterable) {
        items.push(item);
    }
    return items;
}

/**
 * A gate that lets at most `limit` of the calls given to it run at once, across callers. A call whose signal is
 * aborted by the time its turn comes is not started: it fails with an AbortError.
 */
export function createLimiter(limit: number): <R>(fn: () => Promise<R>, signal?: AbortSignal) => Promise<R> {
    let running = 0;
    const waiting: (() => void)[] = [];
    return async <R>(fn: () => Promise<R>, signal?: AbortSignal): Promise<R> => {
        if (running >= limit) {
            // A finishing call hands its slot straight to the next in line.
            await new Promise<void>((resolve) => waiting.push(resolve));
        } else {
            running++;
        }
        try {
            signal?.throwIfAborted();
            return await fn();
        } finally {
            const next = waiting.shift();
            if (next) {
                next();
            } else {
                running--;
            }
        }
    };
}
