/**
 * What changed in a compute between two reads of it (the one Edit Identity started from, and the one right before its
 * PUT). Computes have no ETag (ComputeResource in the REST spec `machineLearningServices.json`, api-version 2022-10-01,
 * and `@azure/arm-machinelearning` 2.1.1 carry no `etag` and computeOperations.createOrUpdate takes no `If-Match`), so a
 * change is found by comparing: the writable body, field by field, and the time of the last write.
 */

/** A compute as read from the service, with only the fields this compares (the SDK's ComputeResource fits). */
export interface ComputeSnapshot {
    readonly location?: string;
    readonly tags?: { readonly [key: string]: string };
    readonly sku?: object;
    readonly identity?: { readonly type?: string; readonly userAssignedIdentities?: object };
    readonly systemData?: { readonly lastModifiedAt?: Date | string };
    readonly properties?: object;
}

/** The parts of a compute a user can change, as the refusal names them. */
export type ComputePart =
    | 'identity'
    | 'description'
    | 'cluster'
    | 'namespace'
    | 'instanceTypes'
    | 'location'
    | 'tags'
    | 'sku'
    | 'localAuth'
    | 'otherSettings';

export interface ComputeChange {
    /** The writable parts that differ, in a fixed order; empty when only the time of the last write moved. */
    readonly parts: readonly ComputePart[];
    /** When the compute was last written, as the later read says. */
    readonly writtenAt?: Date;
}

type Fields = Record<string, unknown>;

/** Set by the service: never part of what a PUT carries, so never a change someone made. */
const readOnlyProperties = new Set([
    'provisioningState',
    'provisioningErrors',
    'createdOn',
    'modifiedOn',
    'isAttachedCompute',
]);
/** Set by the service (the connection strings are secrets it issues, the principal is the extension's). */
const readOnlyKubernetesProperties = new Set([
    'relayConnectionString',
    'serviceBusConnectionString',
    'extensionPrincipalId',
]);
const labelledProperties = new Set(['description', 'resourceId', 'computeLocation', 'disableLocalAuth', 'properties']);
const labelledKubernetesProperties = new Set(['namespace', 'instanceTypes', 'defaultInstanceType']);
/** States that end by themselves, changing `modifiedOn` without anyone writing. */
const settlingStates = new Set(['Creating', 'Updating', 'Deleting']);

/** What changed between `before` and `after`, or undefined when nothing did. */
export function changeBetween(before: ComputeSnapshot, after: ComputeSnapshot): ComputeChange | undefined {
    const was = fields(before.properties);
    const now = fields(after.properties);
    const wasInner = fields(was.properties);
    const nowInner = fields(now.properties);
    const differs: [ComputePart, boolean][] = [
        ['identity', identityKey(before.identity) !== identityKey(after.identity)],
        ['description', !same(was.description ?? null, now.description ?? null)],
        ['cluster', String(was.resourceId ?? '').toLowerCase() !== String(now.resourceId ?? '').toLowerCase()],
        ['namespace', (wasInner.namespace ?? 'default') !== (nowInner.namespace ?? 'default')],
        [
            'instanceTypes',
            !same(
                [wasInner.defaultInstanceType, wasInner.instanceTypes],
                [nowInner.defaultInstanceType, nowInner.instanceTypes],
            ),
        ],
        ['location', !same([before.location, was.computeLocation], [after.location, now.computeLocation])],
        ['tags', !same(before.tags ?? {}, after.tags ?? {})],
        ['sku', !same(before.sku ?? null, after.sku ?? null)],
        ['localAuth', !same(was.disableLocalAuth, now.disableLocalAuth)],
        [
            'otherSettings',
            !same(
                rest(was, readOnlyProperties, labelledProperties),
                rest(now, readOnlyProperties, labelledProperties),
            ) ||
                !same(
                    rest(wasInner, readOnlyKubernetesProperties, labelledKubernetesProperties),
                    rest(nowInner, readOnlyKubernetesProperties, labelledKubernetesProperties),
                ),
        ],
    ];
    const parts = differs.filter(([, d]) => d).map(([part]) => part);
    const writtenAt = lastWrite(after);
    if (parts.length > 0 || writtenMeanwhile(before, after)) {
        return { parts, writtenAt };
    }
    return undefined;
}

/**
 * ARM's record of the last write (systemData.lastModifiedAt) when both reads have it; otherwise `modifiedOn`, unless
 * the compute was still settling at the first read (the end of provisioning moves `modifiedOn` with no one writing).
 */
function writtenMeanwhile(before: ComputeSnapshot, after: ComputeSnapshot): boolean {
    const recorded = [before, after].map((c) => time(c.systemData?.lastModifiedAt));
    if (recorded[0] !== undefined && recorded[1] !== undefined) {
        return recorded[0] !== recorded[1];
    }
    const modified = [before, after].map((c) => time(fields(c.properties).modifiedOn));
    const settling = settlingStates.has(String(fields(before.properties).provisioningState));
    return modified[0] !== modified[1] && !settling;
}

function lastWrite(compute: ComputeSnapshot): Date | undefined {
    const at = time(compute.systemData?.lastModifiedAt) ?? time(fields(compute.properties).modifiedOn);
    return at === undefined ? undefined : new Date(at);
}

function time(value: unknown): number | undefined {
    if (value instanceof Date) {
        return value.getTime();
    }
    if (typeof value === 'string' && value) {
        const parsed = Date.parse(value);
        return Number.isNaN(parsed) ? undefined : parsed;
    }
    return undefined;
}

/** The identity as a request carries it: the type, and the user-assigned ids (their principal and client ids are read-only). */
function identityKey(identity: ComputeSnapshot['identity']): string {
    const type = String(identity?.type ?? 'None')
        .replace(/\s+/g, '')
        .toLowerCase();
    const ids = Object.keys(identity?.userAssignedIdentities ?? {})
        .map((id) => id.toLowerCase())
        .sort();
    return JSON.stringify([type, ids]);
}

function fields(value: unknown): Fields {
    return typeof value === 'object' && value !== null ? (value as Fields) : {};
}

function rest(all: Fields, readOnly: ReadonlySet<string>, labelled: ReadonlySet<string>): Fields {
    return Object.fromEntries(
        Object.entries(all).filter(
            ([key, value]) => !readOnly.has(key) && !labelled.has(key) && value !== null && value !== undefined,
        ),
    );
}

/** Deep equality of JSON-like values, object keys in any order. */
function same(a: unknown, b: unknown): boolean {
    return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
    return JSON.stringify(value, (_key, v: unknown) => {
        if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) {
            return Object.fromEntries(Object.entries(v as Fields).sort(([x], [y]) => x.localeCompare(y)));
        }
        return v;
    });
}
