import * as assert from 'assert';
import { toAzureMlExtensionState, toCluster, toCompute, toIdentity, toWorkspace } from '../../src/azure/mappers';
import { defaultWorld } from '../emulator/defaultWorld';

const sub = defaultWorld.subscriptions.dev.id;
const wsId = defaultWorld.workspaces.vision.id;
const aksId = `/subscriptions/${sub}/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks1`;

describe('mapping SDK models', () => {
    const workspace = toWorkspace({
        id: wsId,
        name: 'ws-vision',
        location: 'eastus',
        identity: { type: 'SystemAssigned' },
    })!;

    it('maps a workspace with its resource group and identity', () => {
        assert.strictEqual(workspace.resourceGroup, 'rg-ml-dev');
        assert.strictEqual(workspace.subscriptionId, sub);
        assert.strictEqual(workspace.identity.type, 'SystemAssigned');
        assert.strictEqual(toWorkspace({ id: '/bad', name: 'x' }), undefined);
    });

    it('normalises identity types however the service spells them', () => {
        assert.strictEqual(toIdentity({ type: 'SystemAssigned, UserAssigned' }).type, 'SystemAssigned,UserAssigned');
        assert.deepStrictEqual(
            toIdentity({ type: 'userassigned', userAssignedIdentities: { '/a': { principalId: 'p', clientId: 'c' } } })
                .userAssigned,
            [{ id: '/a', principalId: 'p', clientId: 'c' }],
        );
        assert.strictEqual(toIdentity(undefined).type, 'None');
    });

    it('maps a Kubernetes compute with namespace, cluster and errors, and drops other compute types', () => {
        const compute = toCompute(
            {
                id: `${wsId}/computes/k8s`,
                name: 'k8s',
                properties: {
                    computeType: 'Kubernetes',
                    resourceId: aksId,
                    provisioningState: 'failed',
                    provisioningErrors: [{ error: { code: 'ExtensionMissing', message: 'not installed' } }],
                    createdOn: '2026-01-02T03:04:05Z',
                    properties: { namespace: 'vision', relayConnectionString: 'Endpoint=sb://secret' },
                },
            },
            workspace,
        )!;
        assert.strictEqual(compute.provisioningState, 'Failed');
        assert.strictEqual(compute.namespace, 'vision');
        assert.strictEqual(compute.clusterId, aksId);
        assert.deepStrictEqual(compute.provisioningErrors, [{ code: 'ExtensionMissing', message: 'not installed' }]);
        assert.strictEqual(compute.createdOn?.toISOString(), '2026-01-02T03:04:05.000Z');
        assert.ok(!JSON.stringify(compute).includes('secret'), 'connection strings are not copied');
        assert.strictEqual(
            toCompute({ id: `${wsId}/computes/cpu`, properties: { computeType: 'AmlCompute' } }, workspace),
            undefined,
        );
    });

    it('reads the AzureML extension state, comparing the type case-insensitively', () => {
        assert.deepStrictEqual(toAzureMlExtensionState([]), { status: 'notInstalled' });
        assert.deepStrictEqual(
            toAzureMlExtensionState([
                { name: 'flux', extensionType: 'microsoft.flux' },
                {
                    name: 'ml',
                    extensionType: 'microsoft.azureml.kubernetes',
                    provisioningState: 'Succeeded',
                    currentVersion: '1.1.64',
                },
            ]),
            { status: 'installed', name: 'ml', version: '1.1.64', relayId: undefined },
        );
        assert.deepStrictEqual(
            toAzureMlExtensionState([
                { name: 'ml', extensionType: 'Microsoft.AzureML.Kubernetes', provisioningState: 'Failed' },
            ]),
            {
                status: 'notReady',
                name: 'ml',
                provisioningState: 'Failed',
                relayId: undefined,
            },
        );
    });

    it('maps a cluster and prefers the running Kubernetes version', () => {
        const cluster = toCluster(
            'aks',
            {
                id: aksId,
                name: 'aks1',
                location: 'eastus',
                kubernetesVersion: '1.31',
                currentKubernetesVersion: '1.31.3',
            },
            { status: 'notInstalled' },
        )!;
        assert.strictEqual(cluster.kubernetesVersion, '1.31.3');
        assert.strictEqual(cluster.resourceGroup, 'rg-aks');
    });
});
