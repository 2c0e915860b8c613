/** The emulated world: tenant, principal, subscriptions, resources, roles, cluster namespaces and pending operations. */

import { builtInRoles, type RoleDefinitionRecord } from './builtinRoles';
import type { KubeNode } from './clusterNodes';
import { storedInstanceType } from './instanceTypes';
import { Directory } from './directory';
import type {
    BindingOperation,
    CommandRecord,
    ExtensionOperation,
    Fixture,
    FixtureRoleAssignment,
    InstanceTypeResource,
    Json,
    Operation,
    PodIssue,
    SubscriptionRecord,
} from './model';
import { AssignmentIndex, roleAssignmentType, type FlatAssignment } from './rbac/assignmentIndex';
import { assignmentResource } from './rbac/resources';
import { ResourceStore } from './resourceStore';

const fixtureDate = '2025-01-15T09:30:00.0000000Z';
const roleAssignmentTypeLower = roleAssignmentType.toLowerCase();

export class State extends ResourceStore {
    readonly tenantId: string;
    readonly principal: Fixture['servicePrincipal'];
    subscriptions: SubscriptionRecord[] = [];
    customRoles: RoleDefinitionRecord[] = [];
    /** Bumped whenever role assignments or role definitions may have changed (authorization caches key on it). */
    authzVersion = 0;
    private assignmentIndex: AssignmentIndex | undefined;
    private definitionsCache:
        { source: RoleDefinitionRecord[]; length: number; all: RoleDefinitionRecord[] } | undefined;
    namespaces = new Map<string, string[]>();
    operations = new Map<string, Operation>();
    commands = new Map<string, CommandRecord>();
    extensionOperations = new Map<string, ExtensionOperation>();
    bindingOperations = new Map<string, BindingOperation>();
    /** Cluster id (lower) → its unhealthy AzureML pods. */
    podIssues = new Map<string, PodIssue[]>();
    /** Cluster id (lower) → its InstanceType resources (absent: none). */
    instanceTypes = new Map<string, InstanceTypeResource[]>();
    /** Cluster id (lower) → its nodes, where set instead of derived (clusterNodes.ts). */
    nodes = new Map<string, KubeNode[]>();
    /** Compute id (lower) → id of its operation in progress. */
    pending = new Map<string, string>();
    /** The service principal's client secret was revoked: the token endpoint refuses it (tokens already issued stay valid). */
    clientSecretRevoked = false;
    private extraPrincipals = new Set<string>();
    readonly directory: Directory;

    constructor(private readonly fixture: Fixture) {
        super();
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
        this.clear();
        this.invalidateAuthorization();
        this.namespaces.clear();
        this.operations.clear();
        this.commands.clear();
        this.extensionOperations.clear();
        this.bindingOperations.clear();
        this.podIssues.clear();
        this.instanceTypes.clear();
        this.nodes.clear();
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
        for (const [clusterId, issues] of Object.entries(f.podIssues ?? {})) {
            this.podIssues.set(clusterId.toLowerCase(), issues);
        }
        for (const [clusterId, items] of Object.entries(f.instanceTypes ?? {})) {
            this.instanceTypes.set(
                clusterId.toLowerCase(),
                items.map((i) => storedInstanceType(i, fixtureDate)),
            );
        }
        for (const [clusterId, list] of Object.entries(f.nodes ?? {})) {
            this.nodes.set(clusterId.toLowerCase(), list as KubeNode[]);
        }
    }

    /** A role assignment as the resource stored, made by the service principal. */
    assignmentResource(a: FixtureRoleAssignment, when: string): Json {
        return assignmentResource(a, when, this.principal.objectId);
    }

    subscription(id: string | undefined): SubscriptionRecord | undefined {
        return id ? this.subscriptions.find((s) => s.subscriptionId.toLowerCase() === id.toLowerCase()) : undefined;
    }

    protected override changed(idType: string): void {
        if (idType === roleAssignmentTypeLower) {
            this.invalidateAuthorization();
        }
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
    assignments(): readonly FlatAssignment[] {
        return this.indexAssignments().list;
    }

    /** The principal's role assignments (cached: do not modify). */
    assignmentsOf(principalId: string): readonly FlatAssignment[] {
        return this.indexAssignments().of(principalId);
    }

    /** The principal's role assignments at `scope` or above, found by walking the scope's ancestors. */
    assignmentsCovering(principalId: string, scope: string): FlatAssignment[] {
        return this.indexAssignments().inEffectAt(principalId, scope);
    }

    /** True when the principal has some role assignment below `/subscriptions/{subscriptionId}` (not at it). */
    hasAssignmentsBelowSubscription(principalId: string, subscriptionId: string): boolean {
        return this.indexAssignments().hasBelowSubscription(principalId, subscriptionId);
    }

    /** True when the principal has some role assignment exactly at `scope` (normalized, any case). */
    hasAssignmentsAt(principalId: string, scope: string): boolean {
        return this.indexAssignments().hasAt(principalId, scope);
    }

    private invalidateAuthorization(): void {
        this.assignmentIndex = undefined;
        this.authzVersion++;
    }

    private indexAssignments(): AssignmentIndex {
        this.assignmentIndex ??= new AssignmentIndex(this.ofType(roleAssignmentType));
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
            extensionOperations: [...this.extensionOperations.values()],
            instanceTypes: Object.fromEntries(this.instanceTypes),
        };
    }
}
