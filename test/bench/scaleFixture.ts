/**
 * The scale world of the benchmark: by default 200 subscriptions, 1,000 workspaces, 1,000 clusters (half AKS, half
 * Arc, every one with the AzureML extension Succeeded) and 5,000 Kubernetes computes. Deterministic: the same options
 * give the same ids, names and GUIDs every time. Same tenant and service principal as `fixtures/default.json`, so the
 * emulator's usual settings and credentials work; the principal is Owner on every subscription.
 *
 * Shapes copy the default fixture's resources (workspace, managed/connected cluster, AzureML extension with the Arc
 * relay settings, relay namespace + hybrid connection, Kubernetes compute) so the extension maps them as it maps those.
 *
 * Layout per subscription `s` (4-digit, from 0001): resource groups `rg-ml-s` (workspaces, storage accounts,
 * registries), `rg-k8s-s` (clusters, Arc relays) and `rg-identities-s` (user-assigned identities). Names are global:
 * `ws-0001`…, `aks-0001`…/`arc-0001`…, `k8s-0001`…. Every 5th workspace has a user-assigned identity (with Reader and
 * Azure Relay Owner on the resource groups of the clusters its computes attach); every 10th compute attaches a cluster
 * of the next subscription; every 4th compute has a user-assigned identity, every 4th (offset 1) a system-assigned
 * one; every 250th compute is Failed.
 */

import { loadFixture } from '../emulator/server';
import { kubernetesComputeDefaults } from '../emulator/providers/machineLearning';
import type { Fixture, FixtureRoleAssignment, Json } from '../emulator/model';

export interface ScaleOptions {
    /** Default 200. */
    subscriptions?: number;
    /** Default 5. */
    workspacesPerSubscription?: number;
    /** Default 5; alternately AKS and Arc (globally), so half and half. */
    clustersPerSubscription?: number;
    /** Default 5 (Kubernetes computes). */
    computesPerWorkspace?: number;
}

const created = '2025-01-15T09:30:00.0000000Z';
const regions = ['eastus', 'eastus2', 'westeurope', 'northeurope', 'westus2'];
const roles = {
    owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
    reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
    relayOwner: '2787bf04-f1f5-4bfe-8383-c8a24483ee38',
};

/** A deterministic GUID: an 8-hex-digit kind prefix and a counter. */
function guid(kind: string, n: number): string {
    return `${kind}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

const kinds = {
    subscription: '5ca1e000',
    workspaceId: '5ca1e001',
    workspacePrincipal: '5ca1e002',
    uaiPrincipal: '5ca1e003',
    uaiClient: '5ca1e004',
    clusterPrincipal: '5ca1e005',
    extensionPrincipal: '5ca1e006',
    computePrincipal: '5ca1e007',
    roleAssignment: '5ca1e008',
};

function pad(n: number, width = 4): string {
    return String(n).padStart(width, '0');
}

function systemData(by: string): Json {
    return {
        createdAt: created,
        createdBy: by,
        createdByType: 'User',
        lastModifiedAt: created,
        lastModifiedBy: by,
        lastModifiedByType: 'User',
    };
}

interface ClusterPlan {
    id: string;
    name: string;
    kind: 'aks' | 'arc';
    subscriptionId: string;
    resourceGroup: string;
    location: string;
    relayId?: string;
    relayNamespace?: string;
    namespaces: Set<string>;
}

export function scaleFixture(options: ScaleOptions = {}): Fixture {
    const subscriptionCount = options.subscriptions ?? 200;
    const workspacesPerSub = options.workspacesPerSubscription ?? 5;
    const clustersPerSub = options.clustersPerSubscription ?? 5;
    const computesPerWs = options.computesPerWorkspace ?? 5;
    const base = loadFixture(undefined);
    const tenantId = base.tenant.tenantId;
    const sp = base.servicePrincipal;

    const subscriptions: Fixture['subscriptions'] = [];
    const resourceGroups: NonNullable<Fixture['resourceGroups']> = [];
    const roleAssignments: FixtureRoleAssignment[] = [];
    const assignmentKeys = new Set<string>();
    const assign = (scope: string, role: string, principalId: string, description?: string): void => {
        const key = `${scope}|${role}|${principalId}`.toLowerCase();
        if (assignmentKeys.has(key)) {
            return;
        }
        assignmentKeys.add(key);
        roleAssignments.push({
            name: guid(kinds.roleAssignment, roleAssignments.length + 1),
            scope,
            roleDefinitionId: role,
            principalId,
            principalType: 'ServicePrincipal',
            description,
        });
    };
    const workspaces: Json[] = [];
    const dependencies: Json[] = [];
    const clusters: Json[] = [];
    const extensions: Json[] = [];
    const computes: Json[] = [];
    const clusterPlans: ClusterPlan[][] = [];

    // Subscriptions, resource groups and clusters first: computes may attach a cluster of the next subscription.
    let aksCount = 0;
    let arcCount = 0;
    let clusterCount = 0;
    for (let s = 1; s <= subscriptionCount; s++) {
        const subscriptionId = guid(kinds.subscription, s);
        const region = regions[(s - 1) % regions.length];
        const stage = ['dev', 'test', 'prod'][(s - 1) % 3];
        subscriptions.push({
            subscriptionId,
            displayName: `ML Scale ${pad(s)} (${stage})`,
            tags: { costCenter: `cc-${pad(100 + (s % 37), 3)}`, stage },
        });
        assign(
            `/subscriptions/${subscriptionId}`,
            roles.owner,
            sp.objectId,
            `Emulator service principal: Owner on ML Scale ${pad(s)}`,
        );
        const rg = (name: string): string => `/subscriptions/${subscriptionId}/resourceGroups/${name}`;
        resourceGroups.push(
            { subscriptionId, name: `rg-ml-${pad(s)}`, location: region },
            { subscriptionId, name: `rg-k8s-${pad(s)}`, location: region },
            { subscriptionId, name: `rg-identities-${pad(s)}`, location: region },
        );
        const plans: ClusterPlan[] = [];
        for (let c = 0; c < clustersPerSub; c++) {
            clusterCount++;
            const kind = clusterCount % 2 === 1 ? 'aks' : 'arc';
            const n = kind === 'aks' ? ++aksCount : ++arcCount;
            const name = `${kind}-${pad(n)}`;
            const resourceGroup = `rg-k8s-${pad(s)}`;
            const plan: ClusterPlan = {
                id:
                    kind === 'aks'
                        ? `${rg(resourceGroup)}/providers/Microsoft.ContainerService/managedClusters/${name}`
                        : `${rg(resourceGroup)}/providers/Microsoft.Kubernetes/connectedClusters/${name}`,
                name,
                kind,
                subscriptionId,
                resourceGroup,
                location: region,
                namespaces: new Set(
                    kind === 'aks'
                        ? ['default', 'kube-node-lease', 'kube-public', 'kube-system', 'azureml']
                        : ['default', 'kube-public', 'kube-system', 'azureml'],
                ),
            };
            if (kind === 'arc') {
                plan.relayNamespace = `azmlrly-${name}`;
                plan.relayId = `${rg(resourceGroup)}/providers/Microsoft.Relay/namespaces/${plan.relayNamespace}/hybridConnections/${name}`;
            }
            plans.push(plan);
            clusters.push(...clusterResources(plan, clusterCount, tenantId));
            extensions.push(extensionResource(plan, clusterCount, tenantId));
        }
        clusterPlans.push(plans);
    }

    let workspaceCount = 0;
    let computeCount = 0;
    for (let s = 1; s <= subscriptionCount; s++) {
        const sub = subscriptions[s - 1];
        const subscriptionId = sub.subscriptionId;
        const region = regions[(s - 1) % regions.length];
        const rg = (name: string): string => `/subscriptions/${subscriptionId}/resourceGroups/${name}`;
        const computeUai = {
            id: `${rg(`rg-identities-${pad(s)}`)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-compute-${pad(s)}`,
            principalId: guid(kinds.uaiPrincipal, 100000 + s),
            clientId: guid(kinds.uaiClient, 100000 + s),
        };
        dependencies.push(uaiResource(computeUai, region, tenantId));
        for (let w = 0; w < workspacesPerSub; w++) {
            const wn = ++workspaceCount;
            const name = `ws-${pad(wn)}`;
            const location = wn % 4 === 0 ? regions[wn % regions.length] : region;
            const mlRg = `rg-ml-${pad(s)}`;
            const id = `${rg(mlRg)}/providers/Microsoft.MachineLearningServices/workspaces/${name}`;
            const storageId = `${rg(mlRg)}/providers/Microsoft.Storage/storageAccounts/stws${pad(wn)}`;
            const registryId = `${rg(mlRg)}/providers/Microsoft.ContainerRegistry/registries/crws${pad(wn)}`;
            dependencies.push(storageResource(storageId, location), registryResource(registryId, location));
            const uai =
                wn % 5 === 0
                    ? {
                          id: `${rg(`rg-identities-${pad(s)}`)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-${name}`,
                          principalId: guid(kinds.uaiPrincipal, wn),
                          clientId: guid(kinds.uaiClient, wn),
                      }
                    : undefined;
            if (uai) {
                dependencies.push(uaiResource(uai, location, tenantId));
            }
            workspaces.push(workspaceResource({ id, name, wn, s, location, tenantId, storageId, registryId, uai }));
            for (let c = 0; c < computesPerWs; c++) {
                const cn = ++computeCount;
                const crossSubscription = cn % 10 === 0 && subscriptionCount > 1;
                const plans = clusterPlans[crossSubscription ? s % subscriptionCount : s - 1];
                if (plans.length === 0) {
                    continue;
                }
                const cluster = plans[(w * computesPerWs + c) % plans.length];
                const namespace = cn % 7 === 0 ? 'default' : name;
                cluster.namespaces.add(namespace);
                if (uai) {
                    const clusterRg = `/subscriptions/${cluster.subscriptionId}/resourceGroups/${cluster.resourceGroup}`;
                    assign(clusterRg, roles.reader, uai.principalId);
                    if (cluster.kind === 'arc') {
                        assign(clusterRg, roles.relayOwner, uai.principalId);
                    }
                }
                computes.push(
                    computeResource({
                        workspaceId: id,
                        name: `k8s-${pad(cn)}`,
                        cn,
                        location,
                        tenantId,
                        cluster,
                        namespace,
                        computeUai,
                    }),
                );
            }
        }
    }

    const namespaces: Record<string, string[]> = {};
    for (const plan of clusterPlans.flat()) {
        namespaces[plan.id] = [...plan.namespaces];
    }
    return {
        tenant: base.tenant,
        servicePrincipal: base.servicePrincipal,
        principals: [],
        subscriptions,
        resourceGroups,
        roleDefinitions: [],
        roleAssignments,
        // Containers before their contents, as in the default fixture.
        resources: [...dependencies, ...workspaces, ...clusters, ...extensions, ...computes],
        namespaces,
    };
}

function uaiResource(
    uai: { id: string; principalId: string; clientId: string },
    location: string,
    tenantId: string,
): Json {
    return {
        id: uai.id,
        name: uai.id.split('/').pop(),
        type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
        location,
        tags: {},
        properties: { tenantId, principalId: uai.principalId, clientId: uai.clientId, isolationScope: 'None' },
    };
}

function storageResource(id: string, location: string): Json {
    const name = id.split('/').pop() ?? '';
    const endpoint = (service: string): string => `https://${name}.${service}.core.windows.net/`;
    return {
        id,
        name,
        type: 'Microsoft.Storage/storageAccounts',
        location,
        kind: 'StorageV2',
        sku: { name: 'Standard_LRS', tier: 'Standard' },
        tags: {},
        properties: {
            provisioningState: 'Succeeded',
            creationTime: created,
            isHnsEnabled: false,
            allowBlobPublicAccess: false,
            minimumTlsVersion: 'TLS1_2',
            supportsHttpsTrafficOnly: true,
            accessTier: 'Hot',
            publicNetworkAccess: 'Enabled',
            primaryLocation: location,
            statusOfPrimary: 'available',
            primaryEndpoints: {
                blob: endpoint('blob'),
                queue: endpoint('queue'),
                table: endpoint('table'),
                file: endpoint('file'),
                dfs: endpoint('dfs'),
                web: `https://${name}.z13.web.core.windows.net/`,
            },
        },
    };
}

function registryResource(id: string, location: string): Json {
    const name = id.split('/').pop() ?? '';
    return {
        id,
        name,
        type: 'Microsoft.ContainerRegistry/registries',
        location,
        sku: { name: 'Basic', tier: 'Basic' },
        tags: {},
        properties: {
            loginServer: `${name}.azurecr.io`,
            creationDate: created,
            provisioningState: 'Succeeded',
            adminUserEnabled: false,
            publicNetworkAccess: 'Enabled',
            zoneRedundancy: 'Disabled',
            anonymousPullEnabled: false,
        },
    };
}

function workspaceResource(w: {
    id: string;
    name: string;
    wn: number;
    s: number;
    location: string;
    tenantId: string;
    storageId: string;
    registryId: string;
    uai?: { id: string; principalId: string; clientId: string };
}): Json {
    const rg = w.id.split('/providers/')[0];
    return {
        id: w.id,
        name: w.name,
        type: 'Microsoft.MachineLearningServices/workspaces',
        location: w.location,
        kind: 'Default',
        tags: { team: `team-${pad(w.wn % 40, 2)}`, stage: ['dev', 'test', 'prod'][(w.s - 1) % 3] },
        sku: { name: 'Basic', tier: 'Basic' },
        identity: w.uai
            ? {
                  type: 'UserAssigned',
                  userAssignedIdentities: {
                      [w.uai.id]: { principalId: w.uai.principalId, clientId: w.uai.clientId },
                  },
              }
            : { type: 'SystemAssigned', principalId: guid(kinds.workspacePrincipal, w.wn), tenantId: w.tenantId },
        systemData: systemData('ml-admin@contosoml.onmicrosoft.com'),
        properties: {
            workspaceId: guid(kinds.workspaceId, w.wn),
            friendlyName: `Workspace ${pad(w.wn)}`,
            description: `Azure ML workspace ${w.name}`,
            keyVault: `${rg}/providers/Microsoft.KeyVault/vaults/kv-${w.name}`,
            applicationInsights: `${rg}/providers/Microsoft.Insights/components/appi-${w.name}`,
            storageAccount: w.storageId,
            containerRegistry: w.registryId,
            discoveryUrl: `https://${w.location}.api.azureml.ms/discovery`,
            mlFlowTrackingUri: `azureml://${w.location}.api.azureml.ms/mlflow/v1.0${w.id}`,
            provisioningState: 'Succeeded',
            hbiWorkspace: false,
            privateLinkCount: 0,
            allowPublicAccessWhenBehindVnet: false,
            publicNetworkAccess: 'Enabled',
            privateEndpointConnections: [],
            sharedPrivateLinkResources: [],
            tenantId: w.tenantId,
            storageHnsEnabled: false,
            v1LegacyMode: false,
            notebookInfo: null,
            serviceProvisionedResourceGroup: null,
            imageBuildCompute: null,
            encryption: null,
            primaryUserAssignedIdentity: w.uai?.id ?? null,
        },
    };
}

/** The cluster, and for Arc its relay namespace and hybrid connection. */
function clusterResources(plan: ClusterPlan, n: number, tenantId: string): Json[] {
    const identity = { type: 'SystemAssigned', principalId: guid(kinds.clusterPrincipal, n), tenantId };
    const version = ['1.31.3', '1.30.6', '1.29.9'][n % 3];
    if (plan.kind === 'aks') {
        const pool = (name: string, mode: string, vmSize: string, count: number): Json => ({
            name,
            count,
            vmSize,
            osDiskSizeGB: 128,
            osDiskType: 'Managed',
            kubeletDiskType: 'OS',
            maxPods: 110,
            type: 'VirtualMachineScaleSets',
            enableAutoScaling: false,
            provisioningState: 'Succeeded',
            powerState: { code: 'Running' },
            orchestratorVersion: version,
            currentOrchestratorVersion: version,
            mode,
            osType: 'Linux',
            osSKU: 'Ubuntu',
            nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202501.12.0',
            enableNodePublicIP: false,
        });
        const fqdn = `${plan.name}-${plan.resourceGroup}-${plan.subscriptionId.slice(-6)}`;
        return [
            {
                id: plan.id,
                name: plan.name,
                type: 'Microsoft.ContainerService/ManagedClusters',
                location: plan.location,
                tags: {},
                sku: { name: 'Base', tier: 'Free' },
                identity,
                properties: {
                    provisioningState: 'Succeeded',
                    powerState: { code: 'Running' },
                    kubernetesVersion: version,
                    currentKubernetesVersion: version,
                    dnsPrefix: `${plan.name}-dns`,
                    fqdn: `${fqdn}.hcp.${plan.location}.azmk8s.io`,
                    azurePortalFQDN: `${fqdn}.portal.hcp.${plan.location}.azmk8s.io`,
                    agentPoolProfiles:
                        n % 4 === 1
                            ? [
                                  pool('system', 'System', 'Standard_D4s_v5', 2),
                                  pool('gpu', 'User', 'Standard_NC6s_v3', 2),
                              ]
                            : [pool('nodepool1', 'System', 'Standard_D4s_v5', 3)],
                    nodeResourceGroup: `MC_${plan.resourceGroup}_${plan.name}_${plan.location}`,
                    enableRBAC: true,
                    supportPlan: 'KubernetesOfficial',
                    maxAgentPools: 100,
                    disableLocalAccounts: false,
                    networkProfile: {
                        networkPlugin: 'azure',
                        networkPluginMode: 'overlay',
                        networkPolicy: 'none',
                        loadBalancerSku: 'standard',
                        podCidr: '10.244.0.0/16',
                        serviceCidr: '10.0.0.0/16',
                        dnsServiceIP: '10.0.0.10',
                        outboundType: 'loadBalancer',
                    },
                    oidcIssuerProfile: { enabled: false },
                    securityProfile: {},
                    storageProfile: { diskCSIDriver: { enabled: true }, fileCSIDriver: { enabled: true } },
                },
            },
        ];
    }
    const relayNamespaceId = plan.relayId?.split('/hybridConnections/')[0] ?? '';
    return [
        {
            id: plan.id,
            name: plan.name,
            type: 'Microsoft.Kubernetes/connectedClusters',
            location: plan.location,
            tags: {},
            identity,
            systemData: systemData('ops@contosoml.onmicrosoft.com'),
            properties: {
                agentPublicKeyCertificate: 'MIICCgKCAgEAemulatorplaceholderpublickey',
                kubernetesVersion: version,
                totalNodeCount: 1 + (n % 6),
                totalCoreCount: 8 * (1 + (n % 6)),
                agentVersion: '1.21.10',
                provisioningState: 'Succeeded',
                distribution: ['k3s', 'aks_edge_k8s', 'openshift'][n % 3],
                infrastructure: 'generic',
                offering: null,
                managedIdentityCertificateExpirationTime: '2026-04-15T09:30:00Z',
                lastConnectivityTime: '2025-01-15T09:25:00Z',
                connectivityStatus: 'Connected',
                privateLinkState: 'Disabled',
                privateLinkScopeResourceId: null,
            },
        },
        {
            id: relayNamespaceId,
            name: plan.relayNamespace,
            type: 'Microsoft.Relay/Namespaces',
            location: plan.location,
            tags: {},
            sku: { name: 'Standard', tier: 'Standard' },
            properties: {
                provisioningState: 'Succeeded',
                status: 'Active',
                createdAt: created,
                updatedAt: created,
                serviceBusEndpoint: `https://${plan.relayNamespace}.servicebus.windows.net:443/`,
                metricId: `${plan.subscriptionId}:${plan.relayNamespace}`,
                publicNetworkAccess: 'Enabled',
            },
        },
        {
            id: plan.relayId,
            name: plan.name,
            type: 'Microsoft.Relay/Namespaces/HybridConnections',
            location: plan.location,
            properties: {
                createdAt: created,
                updatedAt: created,
                listenerCount: 1,
                requiresClientAuthorization: true,
                userMetadata: null,
            },
        },
    ];
}

function extensionResource(plan: ClusterPlan, n: number, tenantId: string): Json {
    const settings: Record<string, string> = {
        enableTraining: 'True',
        enableInference: 'True',
        inferenceRouterServiceType: 'LoadBalancer',
        allowInsecureConnections: 'False',
        installNvidiaDevicePlugin: plan.kind === 'aks' && n % 4 === 1 ? 'True' : 'False',
        installPromOp: 'True',
        installVolcano: 'True',
        installDcgmExporter: plan.kind === 'aks' && n % 4 === 1 ? 'True' : 'False',
        clusterPurpose: 'DevTest',
        nodeSelector: '{}',
        cluster_name: plan.id,
        domain: `${plan.location}.cloudapp.azure.com`,
        location: plan.location,
        jobSchedulerLocation: plan.location,
        cluster_name_friendly: plan.name,
    };
    if (plan.kind === 'arc' && plan.relayId) {
        Object.assign(settings, {
            'relayserver.hybridConnectionResourceID': plan.relayId,
            'relayserver.enabled': 'true',
            'servicebus.enabled': 'false',
            'relayserver.hybridConnectionName': plan.name,
            'relayserver.relayNamespaceName': plan.relayNamespace,
        });
    }
    return {
        id: `${plan.id}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`,
        name: 'azureml',
        type: 'Microsoft.KubernetesConfiguration/extensions',
        identity: { type: 'SystemAssigned', principalId: guid(kinds.extensionPrincipal, n), tenantId },
        systemData: systemData('ops@contosoml.onmicrosoft.com'),
        properties: {
            extensionType: 'Microsoft.AzureML.Kubernetes',
            autoUpgradeMinorVersion: true,
            releaseTrain: 'stable',
            version: null,
            scope: { cluster: { releaseNamespace: 'azureml' } },
            configurationSettings: settings,
            configurationProtectedSettings: {},
            provisioningState: 'Succeeded',
            statuses: [],
            errorInfo: null,
            customLocationSettings: null,
            packageUri: null,
            aksAssignedIdentity: null,
            isSystemExtension: false,
            currentVersion: '1.1.64',
        },
    };
}

function computeResource(c: {
    workspaceId: string;
    name: string;
    cn: number;
    location: string;
    tenantId: string;
    cluster: ClusterPlan;
    namespace: string;
    computeUai: { id: string; principalId: string; clientId: string };
}): Json {
    const failed = c.cn % 250 === 0;
    const relayConnectionString =
        c.cluster.kind === 'arc'
            ? `Endpoint=sb://${c.cluster.relayNamespace}.servicebus.windows.net/;SharedAccessKeyName=${c.name}-listen;SharedAccessKey=${Buffer.from(`EMULATED-RELAY-SECRET-${c.name}`).toString('base64')};EntityPath=${c.cluster.name}`
            : null;
    const identity =
        c.cn % 4 === 0
            ? {
                  type: 'UserAssigned',
                  userAssignedIdentities: {
                      [c.computeUai.id]: { principalId: c.computeUai.principalId, clientId: c.computeUai.clientId },
                  },
              }
            : c.cn % 4 === 1
              ? { type: 'SystemAssigned', principalId: guid(kinds.computePrincipal, c.cn), tenantId: c.tenantId }
              : undefined;
    return {
        id: `${c.workspaceId}/computes/${c.name}`,
        name: c.name,
        type: 'Microsoft.MachineLearningServices/workspaces/computes',
        location: c.location,
        tags: {},
        sku: null,
        systemData: systemData('ml-admin@contosoml.onmicrosoft.com'),
        properties: {
            computeType: 'Kubernetes',
            computeLocation: c.location,
            description: c.cn % 3 === 0 ? `Kubernetes compute on ${c.cluster.name}` : null,
            resourceId: c.cluster.id,
            disableLocalAuth: true,
            provisioningState: failed ? 'Failed' : 'Succeeded',
            provisioningErrors: failed
                ? [
                      {
                          error: {
                              code: 'AzureMLExtensionNotReady',
                              message: `The AzureML extension 'azureml' on cluster '${c.cluster.id}' did not become ready while the compute was being attached; attach it again.`,
                          },
                      },
                  ]
                : null,
            createdOn: created,
            modifiedOn: created,
            isAttachedCompute: true,
            properties: { ...kubernetesComputeDefaults(), namespace: c.namespace, relayConnectionString },
        },
        ...(identity ? { identity } : {}),
    };
}
