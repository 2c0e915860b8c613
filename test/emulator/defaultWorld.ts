/**
 * The ids of the emulator's default world (`fixtures/default.json`), typed, for the tests: read from the fixture when
 * this module loads, never restated. Each entry is found by its name in the fixture; a fixture that loses one fails at
 * once, naming it.
 *
 *     import { defaultWorld } from '../emulator';
 *     const { dev } = defaultWorld.subscriptions;
 *     defaultWorld.workspaces.vision.id; // /subscriptions/…/workspaces/ws-vision
 */

import { classifyArmPath, sameId } from './armPath';
import { builtInRole } from './builtinRoles';
import type { TenantRecord, UserRecord } from './directory';
import { loadFixture } from './fixture';
import type { Json } from './model';

const fixture = loadFixture(undefined);

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

function fail(what: string): never {
    throw new Error(`the default fixture (test/emulator/fixtures/default.json) has no ${what}`);
}

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
    const s = fixture.subscriptions.find((x) => x.displayName === displayName) ?? fail(`subscription ${displayName}`);
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

const storage = (name: string): ResourceRef => resourceOf('Microsoft.Storage/storageAccounts', name);
const registry = (name: string): ResourceRef => resourceOf('Microsoft.ContainerRegistry/registries', name);

/** The default world's tenants, people, subscriptions, resources and roles. */
export const defaultWorld = {
    /** The home tenant: the service principal's, and that of the first four subscriptions. */
    tenant: tenant(fixture.tenant),
    tenants: {
        home: tenant(fixture.tenant),
        fabrikam: tenantOnDomain('fabrikamresearch'),
        /** Asks for multi-factor authentication. */
        woodgrove: tenantOnDomain('woodgrovesecure'),
        northwind: tenantOnDomain('northwindtraders'),
    },
    servicePrincipal: { ...fixture.servicePrincipal },
    people: {
        /** Home tenant, guest in Fabrikam and Woodgrove. */
        dana: person('dana@contosoml.onmicrosoft.com'),
        /** Northwind only. */
        lee: person('lee@northwindtraders.onmicrosoft.com'),
    },
    subscriptions: {
        /** The service principal is Owner. */
        dev: subscription('ML Platform Dev'),
        /** Contributor. */
        prod: subscription('ML Platform Prod'),
        /** Can only read the subscription itself. */
        finance: subscription('Finance Sandbox'),
        /** Owner; its first workspace listings are throttled. */
        research: subscription('Research Shared'),
        fabrikam: subscription('Fabrikam Vision Lab'),
        woodgrove: subscription('Woodgrove Training'),
        northwind: subscription('Northwind Analytics'),
    },
    workspaces: {
        vision: workspace('ws-vision'),
        /** With a user-assigned identity (id-ws-nlp). */
        nlp: workspace('ws-nlp'),
        forecast: workspace('ws-forecast'),
        research: workspace('ws-research'),
        fabrikamVision: workspace('ws-fabrikam-vision'),
        woodgroveTrain: workspace('ws-woodgrove-train'),
        northwind: workspace('ws-northwind'),
    },
    computes: {
        /** Kubernetes on aks-gpu-dev, system-assigned identity. */
        k8sGpu: compute('ws-vision', 'k8s-gpu'),
        /** Kubernetes on aks-cpu-noext (no AzureML extension): Failed. */
        k8sCpu: compute('ws-vision', 'k8s-cpu'),
        /** An AmlCompute, which the extension filters out. */
        cpuCluster: compute('ws-vision', 'cpu-cluster'),
        arcNlp: compute('ws-nlp', 'arc-nlp'),
        arcForecast: compute('ws-forecast', 'arc-forecast'),
    },
    clusters: {
        aksGpuDev: cluster('aks', 'aks-gpu-dev'),
        /** Without the AzureML extension. */
        aksCpuNoExt: cluster('aks', 'aks-cpu-noext'),
        arcOnprem: cluster('arc', 'arc-onprem-01'),
        arcEdgeLab: cluster('arc', 'arc-edge-lab'),
        aksResearch: cluster('aks', 'aks-research'),
        aksFabrikam: cluster('aks', 'aks-fabrikam'),
    },
    identities: {
        /** ws-nlp's identity: Reader on arc-onprem-01 and aks-gpu-dev, Azure Relay Owner on its relay. */
        wsNlp: identity('id-ws-nlp'),
        training: identity('id-training'),
        prodTraining: identity('id-prod-training'),
    },
    storageAccounts: {
        vision: storage('stvisiondev'),
        nlp: storage('stnlpdev'),
        forecast: storage('stforecastprod'),
        research: storage('stresearch'),
    },
    registries: {
        vision: registry('crvisiondev'),
        nlp: registry('crnlpdev'),
        forecast: registry('crforecastprod'),
        research: registry('crresearch'),
    },
    roles: {
        owner: role('Owner'),
        contributor: role('Contributor'),
        reader: role('Reader'),
        userAccessAdministrator: role('User Access Administrator'),
        rbacAdministrator: role('Role Based Access Control Administrator'),
        relayOwner: role('Azure Relay Owner'),
        acrPull: role('AcrPull'),
        storageBlobDataReader: role('Storage Blob Data Reader'),
        storageBlobDataContributor: role('Storage Blob Data Contributor'),
        kubernetesExtensionContributor: role('Kubernetes Extension Contributor'),
        aksClusterAdmin: role('Azure Kubernetes Service Cluster Admin Role'),
        /** The fixture's custom role: Finance Sandbox's subscription, nothing in it. */
        financeViewer: role('Subscription Viewer (Finance Sandbox)'),
    },
};

export type DefaultWorld = typeof defaultWorld;
