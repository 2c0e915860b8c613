/** What the api-version shape rules (versionShapeRules*.ts) are made of; see versionShapes.ts. */

export type Json = Record<string, unknown>;

export const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface ShapeRule {
    /** Request namespace whose api-version decides (lower case). */
    readonly namespace: string;
    /** Type of the items the rule reshapes (lower case); subscriptions and tenants are typed by their id. */
    readonly itemType: string;
    readonly applies: (version: string) => boolean;
    readonly response?: (item: Json, version: string, inList: boolean) => Json;
    readonly request?: (body: Json, method: string) => Json;
}

// api-versions compare as strings: dates first, and `2021-03-01-preview` sorts after `2021-03-01`.
export const before =
    (version: string) =>
    (v: string): boolean =>
        v < version;
export const only =
    (...versions: string[]) =>
    (v: string): boolean =>
        versions.includes(v);

export function without(item: Json, keys: readonly string[]): Json {
    const copy: Json = { ...item };
    for (const key of keys) {
        delete copy[key];
    }
    return copy;
}

export function withoutProperties(item: Json, keys: readonly string[]): Json {
    return isJson(item.properties) ? { ...item, properties: without(item.properties, keys) } : item;
}

export function onlyProperties(body: Json, keys: readonly string[]): Json {
    if (!isJson(body.properties)) {
        return body;
    }
    const props = body.properties;
    return { ...body, properties: Object.fromEntries(keys.filter((k) => k in props).map((k) => [k, props[k]])) };
}
