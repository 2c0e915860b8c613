/** The wizard runs steps in order, so later steps can rely on what earlier ones set. */
export function required<T>(value: T | undefined, what: string): T {
    if (value === undefined) {
        throw new Error(`Internal error: ${what} was not chosen.`);
    }
    return value;
}
