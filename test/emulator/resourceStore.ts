/**
 * The emulated world's resources and resource groups, indexed by type, by `type` property and by collection so that
 * list calls and Resource Graph need not scan everything.
 */

import { classifyArmPath } from './armPath';
import type { ArmResource, Json, ResourceGroupRecord } from './model';

/** What the indexes know about a stored resource, derived once from its id when it is stored. */
export interface ResourceMeta {
    /** Insertion rank (kept when a resource is replaced, as `Map` keeps its position). */
    seq: number;
    /** Lower-case type derived from the id (`typeOfId`). */
    idType: string;
    /** Lower-case `type` property (what Resource Graph shows), falling back to the id's type. */
    rowType: string;
    /** Subscription id as written in the id. */
    subscriptionId: string;
    /** Lower-case subscription id. */
    subscriptionKey: string;
    /** Resource group as written in the id ('' when none). */
    resourceGroup: string;
    /** Lower-case id of the collection holding it (the id without its last segment). */
    collection: string;
}

function indexInto(index: Map<string, Map<string, ArmResource>>, bucket: string, key: string, r: ArmResource): void {
    let map = index.get(bucket);
    if (!map) {
        map = new Map();
        index.set(bucket, map);
    }
    map.set(key, r);
}

function groupKey(subscriptionId: string, name: string): string {
    return `/subscriptions/${subscriptionId}/resourcegroups/${name}`.toLowerCase();
}

export class ResourceStore {
    /** Lower-case id → resource group. */
    readonly resourceGroups = new Map<string, ResourceGroupRecord>();
    /** Lower-case id → resource. Change it only through `upsert`/`delete`/`clear`: indexes follow those. */
    readonly resources = new Map<string, ArmResource>();
    /** Bumped on every change (upsert, delete, clear, `touch`): caches of query results key on it. */
    version = 0;
    private meta = new Map<string, ResourceMeta>();
    private byType = new Map<string, Map<string, ArmResource>>();
    private byRowType = new Map<string, Map<string, ArmResource>>();
    private byCollection = new Map<string, Map<string, ArmResource>>();
    private nextSeq = 0;

    /** Called with the lower-case id type of every resource stored or removed. */
    protected changed(_idType: string): void {}

    /** Empties the store. */
    clear(): void {
        this.resourceGroups.clear();
        this.resources.clear();
        this.meta.clear();
        this.byType.clear();
        this.byRowType.clear();
        this.byCollection.clear();
        this.nextSeq = 0;
        this.version++;
    }

    addResourceGroup(subscriptionId: string, name: string, location: string): void {
        const key = groupKey(subscriptionId, name);
        if (!this.resourceGroups.has(key)) {
            this.resourceGroups.set(key, { subscriptionId, name, location });
        }
    }

    resourceGroupExists(subscriptionId: string, name: string): boolean {
        return this.resourceGroups.has(groupKey(subscriptionId, name));
    }

    get(id: string): ArmResource | undefined {
        return this.resources.get(id.toLowerCase());
    }

    /** Inserts or replaces a raw resource; fills `name`/`type` from the id; registers its resource group. */
    upsert(raw: Json): ArmResource {
        const id = raw.id;
        if (typeof id !== 'string') {
            throw new Error('resource needs a string "id"');
        }
        const c = classifyArmPath(id);
        if (!c || c.kind !== 'item' || !c.subscriptionId) {
            throw new Error(`not a resource id: ${id}`);
        }
        const resource = {
            ...raw,
            id,
            name: (raw.name as string) ?? c.name,
            type: (raw.type as string) ?? c.type,
        } as ArmResource;
        if (c.resourceGroup && !this.resourceGroupExists(c.subscriptionId, c.resourceGroup)) {
            this.addResourceGroup(c.subscriptionId, c.resourceGroup, resource.location ?? 'eastus');
        }
        const key = id.toLowerCase();
        const previous = this.meta.get(key);
        this.version++;
        const idType = (c.type ?? '').toLowerCase();
        const meta: ResourceMeta = {
            seq: previous?.seq ?? this.nextSeq++,
            idType,
            rowType: String(resource.type ?? c.type ?? '').toLowerCase(),
            subscriptionId: c.subscriptionId,
            subscriptionKey: c.subscriptionId.toLowerCase(),
            resourceGroup: c.resourceGroup ?? '',
            collection: key.slice(0, key.lastIndexOf('/')),
        };
        this.resources.set(key, resource);
        this.meta.set(key, meta);
        if (previous && previous.rowType !== meta.rowType) {
            this.byRowType.get(previous.rowType)?.delete(key);
        }
        indexInto(this.byType, idType, key, resource);
        indexInto(this.byRowType, meta.rowType, key, resource);
        indexInto(this.byCollection, meta.collection, key, resource);
        this.changed(idType);
        return resource;
    }

    delete(id: string): boolean {
        const key = id.toLowerCase();
        let removed = this.remove(key);
        // Child and extension resources go with their parent.
        for (const k of [...this.resources.keys()]) {
            if (k.startsWith(key + '/')) {
                this.remove(k);
                removed = true;
            }
        }
        return removed;
    }

    private remove(key: string): boolean {
        const meta = this.meta.get(key);
        if (!this.resources.delete(key) || !meta) {
            return false;
        }
        this.meta.delete(key);
        this.version++;
        this.byType.get(meta.idType)?.delete(key);
        this.byRowType.get(meta.rowType)?.delete(key);
        this.byCollection.get(meta.collection)?.delete(key);
        this.changed(meta.idType);
        return true;
    }

    /** Records a change made to a stored resource in place (its properties edited rather than upserted). */
    touch(): void {
        this.version++;
    }

    /** Calls `fn` for every stored resource, in insertion order, with its index data. */
    scan(fn: (resource: ArmResource, meta: ResourceMeta) => void): void {
        for (const [key, resource] of this.resources) {
            const meta = this.meta.get(key);
            if (meta) {
                fn(resource, meta);
            }
        }
    }

    /**
     * Like `scan`, over the resources whose lower-case `type` property passes `accept` only (by the type index; each
     * type is tested once).
     */
    scanTypes(accept: (rowType: string) => boolean, fn: (resource: ArmResource, meta: ResourceMeta) => void): void {
        const buckets = [...this.byRowType].filter(([type, bucket]) => bucket.size > 0 && accept(type));
        const entries: [ArmResource, ResourceMeta][] = [];
        for (const [, bucket] of buckets) {
            for (const [key, resource] of bucket) {
                const meta = this.meta.get(key);
                if (meta) {
                    entries.push([resource, meta]);
                }
            }
        }
        if (buckets.length > 1) {
            entries.sort((a, b) => a[1].seq - b[1].seq);
        }
        for (const [resource, meta] of entries) {
            fn(resource, meta);
        }
    }

    /** Index data of a stored resource (by id, any case). */
    metaOf(id: string): ResourceMeta | undefined {
        return this.meta.get(id.toLowerCase());
    }

    /** Resources whose type matches (case-insensitive), in insertion order. */
    ofType(type: string): ArmResource[] {
        const bucket = type ? this.byType.get(type.toLowerCase()) : undefined;
        return bucket ? [...bucket.values()] : [];
    }

    /** Resources of `type` in one subscription, in insertion order. */
    ofTypeInSubscription(type: string, subscriptionId: string | undefined): ArmResource[] {
        const sub = subscriptionId?.toLowerCase();
        if (!type || !sub) {
            return [];
        }
        const result: ArmResource[] = [];
        for (const [key, r] of this.byType.get(type.toLowerCase()) ?? []) {
            if (this.meta.get(key)?.subscriptionKey === sub) {
                result.push(r);
            }
        }
        return result;
    }

    /** The items directly in a collection path (`{parent}/{type}`, e.g. a workspace's `.../computes`), in insertion order. */
    inCollection(collectionPath: string): ArmResource[] {
        const bucket = this.byCollection.get(collectionPath.toLowerCase());
        return bucket ? [...bucket.values()] : [];
    }
}
