/**
 * The ids of the emulator's default world (`fixtures/default.json`), typed, for the tests: read from the fixture when
 * this module loads, never restated. Each entry is found by its name in the fixture; a fixture that loses one fails at
 * once, naming it.
 *
 *     import { defaultWorld } from '../emulator';
 *     const { dev } = defaultWorld.subscriptions;
 *     defaultWorld.workspaces.vision.id; // /subscriptions/…/workspaces/ws-vision
 */

import { defaultFixturePath, loadFixture } from './fixture';
import { lookupsIn, type ResourceRef } from './worldRefs';

export type * from './worldRefs';

const fixture = loadFixture(undefined);
const { tenant, tenantOnDomain, person, subscription, identity, workspace, cluster, compute, resource, role } =
    lookupsIn(fixture, defaultFixturePath());

/** An InstanceType resource of a cluster in the fixture, by name. */
function instanceType(clusterId: string, name: string): { clusterId: string; name: string } {
    const items = fixture.instanceTypes?.[clusterId] ?? [];
    if (!items.some((i) => (i.metadata as { name?: string } | undefined)?.name === name)) {
        throw new Error(`${defaultFixturePath()}: no InstanceType '${name}' on cluster ${clusterId}`);
    }
    return { clusterId, name };
}

const aksGpuDevId = cluster('aks', 'aks-gpu-dev').id;
const storage = (name: string): ResourceRef => resource('Microsoft.Storage/storageAccounts', name);
const registry = (name: string): ResourceRef => resource('Microsoft.ContainerRegistry/registries', name);

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
        /** Behind a private endpoint (publicNetworkAccess Disabled): a compute identity is not supported. */
        private: workspace('ws-private'),
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
        /** In Research Shared: another subscription than ws-vision and ws-nlp (AKS across subscriptions is not supported). */
        aksResearch: cluster('aks', 'aks-research'),
        /** Uses a service principal instead of a managed identity (not supported by Azure ML). */
        aksSpLegacy: cluster('aks', 'aks-sp-legacy'),
        /** Local accounts disabled (Entra ID with Azure RBAC): needs a Trusted Access role binding per workspace. */
        aksLocalOff: cluster('aks', 'aks-local-off'),
        aksFabrikam: cluster('aks', 'aks-fabrikam'),
    },
    /** aks-gpu-dev's InstanceType resources (the other clusters have none: the built-in default only). */
    instanceTypes: {
        /** `defaultinstancetype`, replacing the built-in default: requests 1 CPU / 4Gi, limits 2 / 8Gi. */
        gpuDevDefault: instanceType(aksGpuDevId, 'defaultinstancetype'),
        /** 1 GPU on `accelerator: nvidia` nodes: fits the gpu pool's Standard_NC6s_v3 nodes. */
        gpuSmall: instanceType(aksGpuDevId, 'gpu-small'),
        /** 4 GPUs: no node has more than 1. */
        gpuQuad: instanceType(aksGpuDevId, 'gpu-quad'),
        /** nodeSelector `agentpool: highmem`: no node has that label. */
        highmemPool: instanceType(aksGpuDevId, 'highmem-pool'),
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
        private: storage('stprivatedev'),
    },
    registries: {
        vision: registry('crvisiondev'),
        nlp: registry('crnlpdev'),
        forecast: registry('crforecastprod'),
        research: registry('crresearch'),
        private: registry('crprivatedev'),
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
