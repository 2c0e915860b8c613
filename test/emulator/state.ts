/** The emulated world: tenant, principal, subscriptions, resources, roles, cluster namespaces and pending operations. */

import { armIdsEqual } from '../../src/azure/armId';
import type { RoleAssignmentLike } from '../../src/azure/rbac/permissions';
import { builtInRoles, type RoleDefinitionRecord } from './builtinRoles';
import { classifyArmPath, nameOfId, typeOfId } from './armPath';
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
    tenant: { tenantId: string; displayName?: string; defaultDomain?: string };
    servicePrincipal: { clientId: string; objectId: string; clientSecret: string; displayName?: string };
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

export const roleAssignmentType = 'Microsoft.Authorization/roleAssignments';

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
    resources = new Map<string, ArmResource>();
    customRoles: RoleDefinitionRecord[] = [];
    namespaces = new Map<string, string[]>();
    operations = new Map<string, Operation>();
    commands = new Map<string, CommandRecord>();
    /** Compute id (lower) → id of its operation in progress. */
    pending = new Map<string, string>();
    /** The service principal's client secret was revoked: the token endpoint refuses it (tokens already issued stay valid). */
    clientSecretRevoked = false;
    private extraPrincipals = new Set<string>();

    constructor(private readonly fixture: Fixture) {
        this.tenantId = fixture.tenant.tenantId;
        this.principal = fixture.servicePrincipal;
        this.reset();
    }

    get tenant(): Fixture['tenant'] {
        return this.fixture.tenant;
    }

    reset(): void {
        const f = JSON.parse(JSON.stringify(this.fixture)) as Fixture;
        this.subscriptions = f.subscriptions;
        this.resourceGroups.clear();
        this.resources.clear();
        this.namespaces.clear();
        this.operations.clear();
        this.commands.clear();
        this.pending.clear();
        this.clientSecretRevoked = false;
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
        this.resources.set(id.toLowerCase(), resource);
        return resource;
    }

    delete(id: string): boolean {
        const key = id.toLowerCase();
        let removed = this.resources.delete(key);
        // Child and extension resources go with their parent.
        for (const k of [...this.resources.keys()]) {
            if (k.startsWith(key + '/')) {
                this.resources.delete(k);
                removed = true;
            }
        }
        return removed;
    }

    /** Resources whose type matches (case-insensitive), in insertion order. */
    ofType(type: string): ArmResource[] {
        return [...this.resources.values()].filter((r) => armIdsEqual(typeOfId(r.id), type));
    }

    roleDefinitions(): RoleDefinitionRecord[] {
        return [...builtInRoles, ...this.customRoles];
    }

    /** All role assignments, flattened like the SDK model. */
    assignments(): (RoleAssignmentLike & { id: string; name: string; scope: string })[] {
        return this.ofType(roleAssignmentType).map((r) => {
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
    }

    /** Object ids known to the emulated directory (the service principal, managed identities, extra principals). */
    principalExists(objectId: string): boolean {
        const id = objectId.toLowerCase();
        if (id === this.principal.objectId.toLowerCase() || this.extraPrincipals.has(id)) {
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
