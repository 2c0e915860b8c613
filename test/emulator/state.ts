/** The emulated world: tenant, principal, subscriptions, resources, roles, cluster namespaces and pending operations. */

import { assignmentScope, type RoleAssignmentLike } from '../../src/domain/permissions';
import { builtInRoles, type RoleDefinitionRecord } from './builtinRoles';
import { classifyArmPath, nameOfId } from './armPath';
import { Directory, type TenantRecord, type UserRecord } from './directory';
import type { FaultConfig } from './faults';

export type Json = Record<string, unknown>;

export interface ArmResource extends Json {
    id: string;
    name: string;
    type: string;
    location?: string;
    properties?: Json;
    identity?: Json;
}

export interface SubscriptionRecord {
    subscriptionId: string;
    displayName: string;
    state?: string;
    tags?: Record<string, string>;
    /** The tenant the subscription trusts; the fixture's home tenant when absent. */
    tenantId?: string;
}

export interface FixtureRoleAssignment {
    /** GUID name of the assignment. */
    name: string;
    scope: string;
    /** Role GUID or full role definition id. */
    roleDefinitionId: string;
    principalId: string;
    principalType?: string;
    description?: string;
}

export interface Fixture {
    /** The home tenant: the service principal's, and the subscriptions' unless they name another. */
    tenant: TenantRecord;
    /** More tenants, for people who belong to several. */
    tenants?: TenantRecord[];
    servicePrincipal: { clientId: string; objectId: string; clientSecret: string; displayName?: string };
    /** People who sign in interactively (authorization code, refresh token). */
    users?: UserRecord[];
    principals?: { objectId: string; displayName?: string; type?: string }[];
    subscriptions: SubscriptionRecord[];
    resourceGroups?: { subscriptionId: string; name: string; location: string }[];
    roleDefinitions?: RoleDefinitionRecord[];
    roleAssignments?: FixtureRoleAssignment[];
    resources: Json[];
    /** Kubernetes namespaces per cluster ARM id. */
    namespaces?: Record<string, string[]>;
    faults?: FaultConfig;
}

export interface Operation {
    id: string;
    kind: 'create' | 'update' | 'delete';
    resourceId: string;
    subscriptionId: string;
    location: string;
    status: 'InProgress' | 'Succeeded' | 'Failed' | 'Canceled';
    startTime: string;
    endTime?: string;
    readyAt: number;
    error?: { code: string; message: string };
}

export interface CommandRecord {
    id: string;
    clusterId: string;
    command: string;
    startedAt: string;
    readyAt: number;
    exitCode: number;
    logs: string;
}

const fixtureDate = '2025-01-15T09:30:00.0000000Z';

/** A role assignment flattened like the SDK model. */
export type FlatAssignment = RoleAssignmentLike & { id: string; name: string; scope: string };

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

/** Like the shared RBAC module: no trailing '/', a leading '/', '/' for the root. */
export function normalizeScope(scope: string): string {
    let end = scope.length;
    while (end > 0 && scope.charCodeAt(end - 1) === 47 /* '/' */) {
        end--;
    }
    const trimmed = end === scope.length ? scope : scope.slice(0, end);
    return trimmed === '' ? '/' : trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

interface AssignmentIndex {
    list: FlatAssignment[];
    /** Principal (lower) → its assignments. */
    byPrincipal: Map<string, FlatAssignment[]>;
    /** Principal (lower) → normalized lower-case scope → assignments there. */
    byPrincipalScope: Map<string, Map<string, FlatAssignment[]>>;
    /** Principal (lower) → subscriptions (lower) with some assignment of theirs below the subscription itself. */
    deepSubscriptions: Map<string, Set<string>>;
}

export const roleAssignmentType = 'Microsoft.Authorization/roleAssignments';
const roleAssignmentTypeLower = roleAssignmentType.toLowerCase();

function pushInto<T>(index: Map<string, T[]>, key: string, value: T): void {
    const list = index.get(key);
    if (list) {
        list.push(value);
    } else {
        index.set(key, [value]);
    }
}

function indexInto(index: Map<string, Map<string, ArmResource>>, bucket: string, key: string, r: ArmResource): void {
    let map = index.get(bucket);
    if (!map) {
        map = new Map();
        index.set(bucket, map);
    }
    map.set(key, r);
}

export function roleDefinitionIdAt(scope: string, guid: string): string {
    const sub = classifyArmPath(scope)?.subscriptionId;
    return sub
        ? `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${guid}`
        : `/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
}

export class State {
    readonly tenantId: string;
    readonly principal: Fixture['servicePrincipal'];
    subscriptions: SubscriptionRecord[] = [];
    resourceGroups = new Map<string, { subscriptionId: string; name: string; location: string }>();
    /** Lower-case id → resource. Change it only through `upsert`/`delete`/`reset`: indexes follow those. */
    readonly resources = new Map<string, ArmResource>();
    customRoles: RoleDefinitionRecord[] = [];
    /** Bumped whenever role assignments or role definitions may have changed (authorization caches key on it). */
    authzVersion = 0;
    /** Bumped on every change of the world (upsert, delete, reset, `touch`): caches of query results key on it. */
    version = 0;
    private meta = new Map<string, ResourceMeta>();
    private byType = new Map<string, Map<string, ArmResource>>();
    private byRowType = new Map<string, Map<string, ArmResource>>();
    private byCollection = new Map<string, Map<string, ArmResource>>();
    private nextSeq = 0;
    private assignmentIndex: AssignmentIndex | undefined;
    private definitionsCache:
        { source: RoleDefinitionRecord[]; length: number; all: RoleDefinitionRecord[] } | undefined;
    namespaces = new Map<string, string[]>();
    operations = new Map<string, Operation>();
    commands = new Map<string, CommandRecord>();
    /** Compute id (lower) → id of its operation in progress. */
    pending = new Map<string, string>();
    /** The service principal's client secret was revoked: the token endpoint refuses it (tokens already issued stay valid). */
    clientSecretRevoked = false;
    private extraPrincipals = new Set<string>();
    readonly directory: Directory;

    constructor(private readonly fixture: Fixture) {
        this.tenantId = fixture.tenant.tenantId;
        this.principal = fixture.servicePrincipal;
        this.directory = new Directory([fixture.tenant, ...(fixture.tenants ?? [])], fixture.users ?? []);
        this.reset();
    }

    /** The tenant a subscription trusts. */
    tenantOf(subscription: SubscriptionRecord): string {
        return subscription.tenantId ?? this.tenantId;
    }

    get tenant(): Fixture['tenant'] {
        return this.fixture.tenant;
    }

    reset(): void {
        const f = JSON.parse(JSON.stringify(this.fixture)) as Fixture;
        this.subscriptions = f.subscriptions;
        this.resourceGroups.clear();
        this.resources.clear();
        this.meta.clear();
        this.byType.clear();
        this.byRowType.clear();
        this.byCollection.clear();
        this.nextSeq = 0;
        this.version++;
        this.invalidateAuthorization();
        this.namespaces.clear();
        this.operations.clear();
        this.commands.clear();
        this.pending.clear();
        this.clientSecretRevoked = false;
        this.directory.resetPolicies();
        this.customRoles = f.roleDefinitions ?? [];
        this.extraPrincipals = new Set((f.principals ?? []).map((p) => p.objectId.toLowerCase()));
        for (const rg of f.resourceGroups ?? []) {
            this.addResourceGroup(rg.subscriptionId, rg.name, rg.location);
        }
        for (const raw of f.resources) {
            this.upsert(raw);
        }
        for (const a of f.roleAssignments ?? []) {
            this.upsert(this.assignmentResource(a, fixtureDate));
        }
        for (const [clusterId, list] of Object.entries(f.namespaces ?? {})) {
            this.namespaces.set(clusterId.toLowerCase(), [...list]);
        }
    }

    assignmentResource(a: FixtureRoleAssignment, when: string): Json {
        const guid = nameOfId(a.roleDefinitionId);
        return {
            id: `${a.scope === '/' ? '' : a.scope}/providers/Microsoft.Authorization/roleAssignments/${a.name}`,
            name: a.name,
            type: roleAssignmentType,
            properties: {
                roleDefinitionId: roleDefinitionIdAt(a.scope, guid),
                principalId: a.principalId,
                principalType: a.principalType ?? 'ServicePrincipal',
                scope: a.scope,
                condition: null,
                conditionVersion: null,
                description: a.description ?? null,
                createdOn: when,
                updatedOn: when,
                createdBy: this.principal.objectId,
                updatedBy: this.principal.objectId,
                delegatedManagedIdentityResourceId: null,
            },
        };
    }

    addResourceGroup(subscriptionId: string, name: string, location: string): void {
        const key = `/subscriptions/${subscriptionId}/resourcegroups/${name}`.toLowerCase();
        if (!this.resourceGroups.has(key)) {
            this.resourceGroups.set(key, { subscriptionId, name, location });
        }
    }

    subscription(id: string | undefined): SubscriptionRecord | undefined {
        return id ? this.subscriptions.find((s) => s.subscriptionId.toLowerCase() === id.toLowerCase()) : undefined;
    }

    resourceGroupExists(subscriptionId: string, name: string): boolean {
        return this.resourceGroups.has(`/subscriptions/${subscriptionId}/resourcegroups/${name}`.toLowerCase());
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
        if (c.resourceGroup) {
            const existing = this.resourceGroups.has(
                `/subscriptions/${c.subscriptionId}/resourcegroups/${c.resourceGroup}`.toLowerCase(),
            );
            if (!existing) {
                this.addResourceGroup(c.subscriptionId, c.resourceGroup, resource.location ?? 'eastus');
            }
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
        if (idType === roleAssignmentTypeLower) {
            this.invalidateAuthorization();
        }
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
        if (meta.idType === roleAssignmentTypeLower) {
            this.invalidateAuthorization();
        }
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

    roleDefinitions(): RoleDefinitionRecord[] {
        const cache = this.definitionsCache;
        if (cache && cache.source === this.customRoles && cache.length === this.customRoles.length) {
            return cache.all;
        }
        // New or changed custom roles: decisions cached on the old definitions are stale.
        this.authzVersion++;
        const all = [...builtInRoles, ...this.customRoles];
        this.definitionsCache = { source: this.customRoles, length: this.customRoles.length, all };
        return all;
    }

    /** All role assignments, flattened like the SDK model (cached: do not modify). */
    assignments(): FlatAssignment[] {
        return this.indexAssignments().list;
    }

    /** The principal's role assignments (cached: do not modify). */
    assignmentsOf(principalId: string): FlatAssignment[] {
        return this.indexAssignments().byPrincipal.get(principalId.toLowerCase()) ?? [];
    }

    /**
     * The principal's role assignments at `scope` or above: the ones `applicableAssignments` of the shared RBAC module
     * keeps, found by walking the scope's ancestors instead of scanning every assignment.
     */
    assignmentsCovering(principalId: string, scope: string): FlatAssignment[] {
        const byScope = this.indexAssignments().byPrincipalScope.get(principalId.toLowerCase());
        if (!byScope) {
            return [];
        }
        const target = normalizeScope(scope).toLowerCase();
        const result: FlatAssignment[] = [...(byScope.get('/') ?? [])];
        for (let i = 1; i < target.length; i++) {
            if (target.charCodeAt(i) === 47 /* '/' */) {
                result.push(...(byScope.get(target.slice(0, i)) ?? []));
            }
        }
        if (target !== '/') {
            result.push(...(byScope.get(target) ?? []));
        }
        return result;
    }

    /** True when the principal has some role assignment below `/subscriptions/{subscriptionId}` (not at it). */
    hasAssignmentsBelowSubscription(principalId: string, subscriptionId: string): boolean {
        return !!this.indexAssignments()
            .deepSubscriptions.get(principalId.toLowerCase())
            ?.has(subscriptionId.toLowerCase());
    }

    /** True when the principal has some role assignment exactly at `scope` (normalized, any case). */
    hasAssignmentsAt(principalId: string, scope: string): boolean {
        const byScope = this.indexAssignments().byPrincipalScope.get(principalId.toLowerCase());
        return !!byScope?.has(normalizeScope(scope).toLowerCase());
    }

    private invalidateAuthorization(): void {
        this.assignmentIndex = undefined;
        this.authzVersion++;
    }

    private indexAssignments(): AssignmentIndex {
        if (this.assignmentIndex) {
            return this.assignmentIndex;
        }
        const list: FlatAssignment[] = this.ofType(roleAssignmentType).map((r) => {
            const p = (r.properties ?? {}) as Json;
            return {
                id: r.id,
                name: r.name,
                scope: p.scope as string,
                roleDefinitionId: p.roleDefinitionId as string,
                principalId: p.principalId as string,
                principalType: p.principalType as string,
            };
        });
        const byPrincipal = new Map<string, FlatAssignment[]>();
        const byPrincipalScope = new Map<string, Map<string, FlatAssignment[]>>();
        const deepSubscriptions = new Map<string, Set<string>>();
        for (const a of list) {
            const principal = a.principalId?.toLowerCase();
            const raw = assignmentScope(a);
            if (principal === undefined) {
                continue;
            }
            pushInto(byPrincipal, principal, a);
            if (raw === undefined) {
                continue;
            }
            let byScope = byPrincipalScope.get(principal);
            if (!byScope) {
                byScope = new Map();
                byPrincipalScope.set(principal, byScope);
            }
            const scope = normalizeScope(raw).toLowerCase();
            pushInto(byScope, scope, a);
            const deep = /^\/subscriptions\/([^/]+)\/./.exec(scope);
            if (deep) {
                let subs = deepSubscriptions.get(principal);
                if (!subs) {
                    subs = new Set();
                    deepSubscriptions.set(principal, subs);
                }
                subs.add(deep[1]);
            }
        }
        this.assignmentIndex = { list, byPrincipal, byPrincipalScope, deepSubscriptions };
        return this.assignmentIndex;
    }

    /** Object ids known to the emulated directory (the service principal, managed identities, extra principals). */
    principalExists(objectId: string): boolean {
        const id = objectId.toLowerCase();
        if (
            id === this.principal.objectId.toLowerCase() ||
            this.extraPrincipals.has(id) ||
            this.directory.userByObjectId(id)
        ) {
            return true;
        }
        for (const r of this.resources.values()) {
            if (
                JSON.stringify([r.identity ?? null, (r.properties as Json | undefined)?.principalId ?? null])
                    .toLowerCase()
                    .includes(`"${id}"`)
            ) {
                return true;
            }
        }
        return false;
    }

    addPrincipal(objectId: string): void {
        this.extraPrincipals.add(objectId.toLowerCase());
    }

    snapshot(): Json {
        return {
            tenantId: this.tenantId,
            tenants: this.directory.allTenants(),
            subscriptions: this.subscriptions,
            resourceGroups: [...this.resourceGroups.values()],
            resources: [...this.resources.values()],
            customRoleDefinitions: this.customRoles,
            namespaces: Object.fromEntries(this.namespaces),
            operations: [...this.operations.values()],
            commands: [...this.commands.values()],
        };
    }
}
