/**
 * Classifies ARM request paths (and ids) into subscription / resource group / resource item / collection,
 * including extension resources nested under `/providers/` of a parent (e.g. cluster extensions, role assignments).
 */

export interface ArmPath {
    kind: 'root' | 'subscription' | 'resourceGroups' | 'resourceGroup' | 'item' | 'collection';
    subscriptionId?: string;
    resourceGroup?: string;
    /** Provider namespace of the innermost `/providers/{ns}` block. */
    namespace?: string;
    /** Full type of the item or of the collection's items, e.g. `Microsoft.MachineLearningServices/workspaces/computes`. */
    type?: string;
    name?: string;
    /** For items: the collection path; for collections: the owning scope (subscription, group or parent resource, '' for root). */
    parent: string;
    /** True for `/subscriptions/{s}/providers/{ns}/{type}` (every resource group of the subscription). */
    subscriptionWide?: boolean;
}

/** Classifies `path` (leading '/', no trailing '/'); undefined when it is not ARM-shaped. */
export function classifyArmPath(path: string): ArmPath | undefined {
    const parts = path.split('/').filter((p) => p.length > 0);
    const lower = parts.map((p) => p.toLowerCase());
    let i = 0;
    let subscriptionId: string | undefined;
    let resourceGroup: string | undefined;
    if (lower[0] === 'subscriptions') {
        if (!parts[1]) {
            return undefined;
        }
        subscriptionId = parts[1];
        i = 2;
        if (i === parts.length) {
            return { kind: 'subscription', subscriptionId, parent: '' };
        }
        if (lower[i] === 'resourcegroups') {
            if (i + 1 === parts.length) {
                return { kind: 'resourceGroups', subscriptionId, parent: `/subscriptions/${subscriptionId}` };
            }
            resourceGroup = parts[i + 1];
            i += 2;
            if (i === parts.length) {
                return {
                    kind: 'resourceGroup',
                    subscriptionId,
                    resourceGroup,
                    parent: `/subscriptions/${subscriptionId}/resourceGroups`,
                };
            }
        }
    }
    if (i === parts.length) {
        return parts.length === 0 ? { kind: 'root', parent: '' } : undefined;
    }
    let namespace: string | undefined;
    let types: string[] = [];
    let blockStart = i;
    let blocks = 0;
    let lastName: string | undefined;
    while (i < parts.length) {
        if (lower[i] !== 'providers' || !parts[i + 1]) {
            return undefined;
        }
        blockStart = i;
        blocks++;
        namespace = parts[i + 1];
        types = [];
        i += 2;
        if (i === parts.length) {
            return undefined;
        }
        while (i < parts.length && lower[i] !== 'providers') {
            types.push(parts[i]);
            lastName = parts[i + 1];
            i += 2;
        }
        if (lastName === undefined) {
            break;
        }
    }
    const type = `${namespace}/${types.join('/')}`;
    const prefix = '/' + parts.slice(0, blockStart).join('/');
    if (lastName === undefined) {
        // Collection: the last type segment has no name.
        const parent =
            types.length === 1 ? (prefix === '/' ? '' : prefix) : '/' + parts.slice(0, parts.length - 1).join('/');
        const subscriptionWide = types.length === 1 && blocks === 1 && !!subscriptionId && !resourceGroup;
        return { kind: 'collection', subscriptionId, resourceGroup, namespace, type, parent, subscriptionWide };
    }
    return {
        kind: 'item',
        subscriptionId,
        resourceGroup,
        namespace,
        type,
        name: lastName,
        parent: '/' + parts.slice(0, parts.length - 1).join('/'),
    };
}

/** The resource type of an ARM id (innermost provider block), e.g. `Microsoft.KubernetesConfiguration/extensions`. */
export function typeOfId(id: string): string | undefined {
    const c = classifyArmPath(id);
    return c?.kind === 'item' ? c.type : undefined;
}

export function nameOfId(id: string): string {
    const parts = id.split('/').filter((p) => p.length > 0);
    return parts[parts.length - 1] ?? '';
}

/** The id of the resource that owns `id` (parent resource, resource group or subscription). */
export function ownerOfId(id: string): string {
    const c = classifyArmPath(id);
    if (!c || c.kind !== 'item') {
        return '';
    }
    const coll = classifyArmPath(c.parent);
    return coll?.kind === 'collection' ? coll.parent : '';
}

/** ARM ids (and names, GUIDs) compare without regard to case; an absent or empty id equals nothing. */
export function sameId(a: string | undefined, b: string | undefined): boolean {
    return !!a && !!b && a.toLowerCase() === b.toLowerCase();
}

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a GUID in its usual 8-4-4-4-12 form (any case). */
export function isGuid(value: string): boolean {
    return guidPattern.test(value);
}
