/** A panel's jobs that record each call made to them as `job.method(args as JSON)`, for the handler-table tests. */
export function recordingJobs<J>(calls: string[], names: readonly string[]): J {
    const job = (name: string) =>
        new Proxy(
            {},
            {
                get:
                    (_target, method) =>
                    (...args: unknown[]) => {
                        calls.push(`${name}.${String(method)}(${args.map((a) => JSON.stringify(a)).join(', ')})`);
                        return Promise.resolve();
                    },
            },
        );
    return Object.fromEntries(names.map((n) => [n, job(n)])) as J;
}
