/**
 * Typed handles on the things of a fixture (tenants, people, subscriptions, resources, roles), found by their names:
 * what defaultWorld.ts builds the default world's ids from. A lookup that finds nothing throws, naming what is missing.
 */

import { classifyArmPath, sameId } from './armPath';
import { builtInRole } from './builtinRoles';
import type { TenantRecord, UserRecord } from './directory';
import type { Fixture, Json } from './model';

export interface TenantRef {
    readonly tenantId: string;
    readonly displayName: string;
    readonly defaultDomain: string;
    /** The tenant asks for multi-factor authentication. */
    readonly requiresMfa: boolean;
}

export interface PersonRef {
    readonly userPrincipalName: string;
    readonly displayName: string;
    readonly homeTenantId: string;
    /** The person's object id in the home tenant. */
    readonly objectId: string;
    /** Tenant id → the person's object id there (a guest has another object id in each tenant). */
    readonly objectIds: Readonly<Record<string, string>>;
}

export interface SubscriptionRef {
    /** The subscription GUID. */
    readonly id: string;
    readonly name: string;
    readonly tenantId: string;
    /** `/subscriptions/{id}`. */
    readonly scope: string;
}

export interface ResourceRef {
    /** The ARM id, as the fixture writes it. */
    readonly id: string;
    readonly name: string;
    readonly subscriptionId: string;
    readonly resourceGroup: string;
    /** `/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}`: the resource group as a scope. */
    readonly resourceGroupId: string;
    readonly location: string;
}

export interface IdentityRef extends ResourceRef {
    readonly principalId: string;
    readonly clientId: string;
}

export interface WorkspaceRef extends ResourceRef {
    /** The principal of its system-assigned identity, if it has one. */
    readonly principalId?: string;
    /** The id of its user-assigned identity, if it has one. */
    readonly userAssignedIdentity?: string;
    readonly storageAccount?: string;
    readonly containerRegistry?: string;
}

export interface ClusterRef extends ResourceRef {
    readonly kind: 'aks' | 'arc';
    /** The id of its AzureML extension, if installed. */
    readonly azureMlExtension?: string;
    /** Arc: the relay namespace and hybrid connection the AzureML extension uses. */
    readonly relay?: { readonly namespace: string; readonly hybridConnection: string };
}

export interface ComputeRef extends ResourceRef {
    readonly workspace: string;
    /** The cluster it attaches (Kubernetes computes). */
    readonly cluster?: string;
    /** The principal of its system-assigned identity, if it has one. */
    readonly principalId?: string;
}

export interface RoleRef {
    /** The role definition GUID. */
    readonly id: string;
    readonly roleName: string;
}

/** Lookups in `fixture`; `source` names it in errors. */
export function lookupsIn(fixture: Fixture, source: string) {
    const fail = (what: string): never => {
        throw new Error(`${source} has no ${what}`);
    };

    function text(value: unknown): string | undefined {
        return typeof value === 'string' && value ? value : undefined;
    }

    function tenant(record: TenantRecord): TenantRef {
        return {
            tenantId: record.tenantId,
            displayName: record.displayName ?? '',
            defaultDomain: record.defaultDomain ?? '',
            requiresMfa: !!record.requiresMfa,
        };
    }

    function tenantOnDomain(domainPrefix: string): TenantRef {
        const record = [fixture.tenant, ...(fixture.tenants ?? [])].find((t) =>
            t.defaultDomain?.toLowerCase().startsWith(`${domainPrefix}.`),
        );
        return tenant(record ?? fail(`tenant on ${domainPrefix}.*`));
    }

    function person(userPrincipalName: string): PersonRef {
        const user: UserRecord =
            fixture.users?.find((u) => sameId(u.userPrincipalName, userPrincipalName)) ?? fail(userPrincipalName);
        const objectIds = Object.fromEntries(user.memberships.map((m) => [m.tenantId, m.objectId]));
        return {
            userPrincipalName: user.userPrincipalName,
            displayName: user.displayName ?? '',
            homeTenantId: user.homeTenantId,
            objectId: objectIds[user.homeTenantId] ?? fail(`home object id of ${userPrincipalName}`),
            objectIds,
        };
    }

    function subscription(displayName: string): SubscriptionRef {
        const s =
            fixture.subscriptions.find((x) => x.displayName === displayName) ?? fail(`subscription ${displayName}`);
        return {
            id: s.subscriptionId,
            name: s.displayName,
            tenantId: s.tenantId ?? fixture.tenant.tenantId,
            scope: `/subscriptions/${s.subscriptionId}`,
        };
    }

    function resource(type: string, name: string): { raw: Json; ref: ResourceRef } {
        const raw =
            fixture.resources.find(
                (r) => sameId(String(r.name), name) && sameId(classifyArmPath(String(r.id))?.type, type),
            ) ?? fail(`${type} named ${name}`);
        const id = String(raw.id);
        const c = classifyArmPath(id);
        return {
            raw,
            ref: {
                id,
                name,
                subscriptionId: c?.subscriptionId ?? '',
                resourceGroup: c?.resourceGroup ?? '',
                resourceGroupId: `/subscriptions/${c?.subscriptionId ?? ''}/resourceGroups/${c?.resourceGroup ?? ''}`,
                location: String(raw.location ?? ''),
            },
        };
    }

    const props = (raw: Json): Json => (raw.properties ?? {}) as Json;
    const identityOf = (raw: Json): Json => (raw.identity ?? {}) as Json;

    function identity(name: string): IdentityRef {
        const { raw, ref } = resource('Microsoft.ManagedIdentity/userAssignedIdentities', name);
        const p = props(raw);
        return { ...ref, principalId: String(p.principalId), clientId: String(p.clientId) };
    }

    function workspace(name: string): WorkspaceRef {
        const { raw, ref } = resource('Microsoft.MachineLearningServices/workspaces', name);
        const p = props(raw);
        const uais = Object.keys((identityOf(raw).userAssignedIdentities ?? {}) as Json);
        return {
            ...ref,
            principalId: text(identityOf(raw).principalId),
            userAssignedIdentity: text(p.primaryUserAssignedIdentity) ?? uais[0],
            storageAccount: text(p.storageAccount),
            containerRegistry: text(p.containerRegistry),
        };
    }

    function cluster(kind: ClusterRef['kind'], name: string): ClusterRef {
        const type =
            kind === 'aks' ? 'Microsoft.ContainerService/managedClusters' : 'Microsoft.Kubernetes/connectedClusters';
        const { ref } = resource(type, name);
        const extension = fixture.resources.find(
            (r) =>
                String(r.id).toLowerCase().startsWith(`${ref.id.toLowerCase()}/providers/`) &&
                sameId(String(props(r).extensionType), 'Microsoft.AzureML.Kubernetes'),
        );
        const settings = (extension ? (props(extension).configurationSettings ?? {}) : {}) as Json;
        const hybridConnection = text(settings['relayserver.hybridConnectionResourceID']);
        return {
            ...ref,
            kind,
            azureMlExtension: extension ? String(extension.id) : undefined,
            relay: hybridConnection
                ? { namespace: hybridConnection.replace(/\/hybridConnections\/[^/]+$/i, ''), hybridConnection }
                : undefined,
        };
    }

    function compute(workspaceName: string, name: string): ComputeRef {
        const parent = workspace(workspaceName);
        const { raw, ref } = resource('Microsoft.MachineLearningServices/workspaces/computes', name);
        if (!ref.id.toLowerCase().startsWith(`${parent.id.toLowerCase()}/`)) {
            fail(`compute ${name} in ${workspaceName}`);
        }
        return {
            ...ref,
            workspace: parent.id,
            cluster: text(props(raw).resourceId),
            principalId: text(identityOf(raw).principalId),
        };
    }

    function resourceOf(type: string, name: string): ResourceRef {
        return resource(type, name).ref;
    }

    function role(roleName: string): RoleRef {
        const custom = fixture.roleDefinitions?.find((r) => r.roleName === roleName);
        const found = custom ?? builtInRole(roleName);
        return { id: found.name, roleName: found.roleName };
    }

    return {
        tenant,
        tenantOnDomain,
        person,
        subscription,
        identity,
        workspace,
        cluster,
        compute,
        resource: resourceOf,
        role,
    };
}
