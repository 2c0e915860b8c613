/**
 * What every panel's contract is made of: the handler table type and the checks its message validators use. Free of
 * `vscode` and of the DOM, so the pages, the extension and the unit tests can import it.
 */

/**
 * One handler for each kind of message in `M` (a union told apart by `type`), given only the messages of its kind.
 * An object of this type that lacks a kind's handler, or has one for a kind `M` does not have, does not compile;
 * an object literal cannot name a kind twice. So a kind added to `M` fails to compile until it is handled.
 */
export type HandlersOf<M extends { readonly type: string }, R> = {
    readonly [K in M['type']]: (message: Extract<M, { readonly type: K }>) => R;
};

/** How each kind of message of `M` is checked: one validator per kind, returning a fresh object or undefined. */
export type ValidatorsOf<M extends { readonly type: string }> = {
    readonly [K in M['type']]: (value: Fields) => Extract<M, { readonly type: K }> | undefined;
};

/**
 * What every panel tells its page (PanelHost.ts sends them, the page's main.ts shows them); a contract's `ToPage` is
 * this and its own kinds.
 */
export type HostMessage<S> =
    /** The whole state, after any change: the page renders it and keeps it for when the window reloads. */
    | { readonly type: 'state'; readonly state: S }
    /** The whole panel (or one row, by its id) is waiting for Azure. */
    | { readonly type: 'busy'; readonly busy: boolean; readonly rowId?: string }
    /** A short note shown under the title, e.g. "Copied". */
    | { readonly type: 'notice'; readonly text: string };

/** What every page asks of its panel; a contract's `ToExtension` is this and its own kinds. */
export type PageMessage =
    /** The page has loaded and wants the current state. */
    | { readonly type: 'ready' }
    /** Read everything again, from Azure rather than the cache. */
    | { readonly type: 'refresh' };

const maxIdLength = 2000;

export type Fields = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isId(value: unknown): value is string {
    return typeof value === 'string' && value.length > 0 && value.length <= maxIdLength;
}

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
    return (values as readonly unknown[]).includes(value);
}

/** The message has no fields but these. */
export function only(value: Fields, keys: readonly string[]): boolean {
    return Object.keys(value).every((k) => keys.includes(k));
}

/** A message that carries nothing but its kind. */
export function bare<K extends string>(type: K): (value: Fields) => { readonly type: K } | undefined {
    return (value) => (only(value, ['type']) ? { type } : undefined);
}

/** Whether a value is one of `values` (a check `withField` takes). */
export function oneOf<T extends string>(values: readonly T[]): (value: unknown) => value is T {
    return (value): value is T => isOneOf(values, value);
}

/** A message that carries one field besides its kind, checked by `accepts`; a fresh object of the two. */
export function withField<K extends string, F extends string, V>(
    type: K,
    field: F,
    accepts: (value: unknown) => value is V,
): (value: Fields) => ({ readonly type: K } & { readonly [P in F]: V }) | undefined {
    return (value) =>
        only(value, ['type', field]) && accepts(value[field])
            ? ({ type, [field]: value[field] } as { readonly type: K } & { readonly [P in F]: V })
            : undefined;
}

/** The validators of the messages every page sends, spread into each contract's own. */
export const pageMessageValidators: ValidatorsOf<PageMessage> = { ready: bare('ready'), refresh: bare('refresh') };

/**
 * The message, when `validators` has its kind and accepts it; undefined for anything else (unknown type, missing or
 * extra fields, wrong types).
 */
export function validateWith<M extends { readonly type: string }>(validators: ValidatorsOf<M>, value: unknown) {
    if (!isRecord(value) || typeof value.type !== 'string' || !Object.hasOwn(validators, value.type)) {
        return undefined;
    }
    const validate = validators[value.type as M['type']] as (value: Fields) => M | undefined;
    return validate(value);
}

/** A message (or a field of one) from the page as the log shows it: JSON, at most 300 characters. */
export function messageForLog(value: unknown): string {
    try {
        return JSON.stringify(value)?.slice(0, 300) ?? String(value);
    } catch {
        return String(value);
    }
}
