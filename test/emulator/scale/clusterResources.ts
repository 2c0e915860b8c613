/** The scale world's clusters (AKS, and Arc with its relay), their AzureML extensions and the Kubernetes computes. */

import type { Json } from '../model';
import { kubernetesComputeDefaults } from '../providers/machineLearning';
import { created, guid, kinds, systemData, type ClusterPlan } from './shared';

/** The cluster, and for Arc its relay namespace and hybrid connection. */
export function clusterResources(plan: ClusterPlan, n: number, tenantId: string): Json[] {
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
        const nodeResourceGroup = `MC_${plan.resourceGroup}_${plan.name}_${plan.location}`;
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
                    // A managed-identity cluster, as the service returns it.
                    servicePrincipalProfile: { clientId: 'msi' },
                    nodeResourceGroup,
                    identityProfile: {
                        kubeletidentity: {
                            resourceId: `/subscriptions/${plan.subscriptionId}/resourcegroups/${nodeResourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${plan.name}-agentpool`,
                            clientId: guid(kinds.kubeletClient, n),
                            objectId: guid(kinds.kubeletObject, n),
                        },
                    },
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

export function extensionResource(plan: ClusterPlan, n: number, tenantId: string): Json {
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
            currentVersion: '1.1.39',
        },
    };
}

export function computeResource(c: {
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
