/** The scale world's workspaces and what they hold: user-assigned identities, storage accounts, registries. */

import type { Json } from '../model';
import { created, guid, kinds, pad, systemData } from './shared';

export function uaiResource(
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

export function storageResource(id: string, location: string): Json {
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

export function registryResource(id: string, location: string): Json {
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

export function workspaceResource(w: {
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
