import * as assert from 'assert';
import { defaultWorld, type RunningEmulator } from '../emulator';
import {
    clients,
    collect,
    ids,
    raw,
    armToken,
    startTestEmulator,
    sub1,
    sub2,
    sub3,
    sub4,
    uaiWsNlp,
    tenantId,
} from './helpers';

describe('ARM inventory through the real SDK clients', () => {
    let em: RunningEmulator;
    before(async () => {
        em = await startTestEmulator({ faults: undefined });
        em.admin.setFaults({}); // drop the fixture's throttling of sub 4 for this suite
    });
    after(async () => em.stop());

    it('lists tenants and the subscriptions the principal has roles in', async () => {
        const c = clients(em);
        const tenants = await collect(c.subscriptions.tenants.list());
        assert.deepStrictEqual(
            tenants.map((t) => t.tenantId),
            [tenantId],
        );
        const subs = await collect(c.subscriptions.subscriptions.list());
        assert.deepStrictEqual(
            subs.map((s) => [s.subscriptionId, s.displayName, s.state]),
            [
                [sub1, 'ML Platform Dev', 'Enabled'],
                [sub2, 'ML Platform Prod', 'Enabled'],
                [sub3, 'Finance Sandbox', 'Enabled'],
                [sub4, 'Research Shared', 'Enabled'],
            ],
        );
        const one = await c.subscriptions.subscriptions.get(sub3);
        assert.strictEqual(one.displayName, 'Finance Sandbox');
        assert.strictEqual(one.tenantId, tenantId);
    });

    it('hides subscriptions without any role assignment for the caller', async () => {
        em.admin.deleteResource(
            `/subscriptions/${sub3}/providers/Microsoft.Authorization/roleAssignments/f1a00000-0000-4000-8000-000000000003`,
        );
        try {
            const subs = await collect(clients(em).subscriptions.subscriptions.list());
            assert.ok(!subs.some((s) => s.subscriptionId === sub3));
        } finally {
            em.admin.reset();
            em.admin.setFaults({});
        }
    });

    it('lists and gets workspaces with their SDK shape', async () => {
        const c = clients(em);
        const bySub = await collect(c.ml.workspaces.listBySubscription());
        assert.deepStrictEqual(bySub.map((w) => w.name).sort(), ['ws-nlp', 'ws-private', 'ws-vision']);
        const byRg = await collect(clients(em, sub2).ml.workspaces.listByResourceGroup('rg-ml-prod'));
        assert.deepStrictEqual(
            byRg.map((w) => w.name),
            ['ws-forecast'],
        );
        const nlp = await c.ml.workspaces.get('rg-ml-dev', 'ws-nlp');
        assert.strictEqual(nlp.location, 'westeurope');
        assert.strictEqual(nlp.identity?.type, 'UserAssigned');
        assert.strictEqual(nlp.primaryUserAssignedIdentity, ids.uaiWsNlp);
        assert.strictEqual(nlp.identity?.userAssignedIdentities?.[ids.uaiWsNlp]?.principalId, uaiWsNlp.principalId);
        assert.match(nlp.storageAccount ?? '', /storageAccounts\/stnlpdev$/);
        assert.match(nlp.containerRegistry ?? '', /registries\/crnlpdev$/);
        assert.ok(nlp.keyVault && nlp.applicationInsights && nlp.discoveryUrl && nlp.workspaceId);
        const vision = await c.ml.workspaces.get('rg-ml-dev', 'ws-vision');
        assert.strictEqual(vision.identity?.type, 'SystemAssigned');
        assert.ok(vision.identity?.principalId);
    });

    it('pages computes across several pages via nextLink', async () => {
        em.admin.setOptions({ pageSize: 2 });
        em.admin.clearRequests();
        try {
            const computes = await collect(clients(em).ml.computeOperations.list('rg-ml-dev', 'ws-vision'));
            assert.deepStrictEqual(
                computes.map((x) => x.name),
                ['k8s-gpu', 'k8s-cpu', 'cpu-cluster'],
            );
            const calls = em.admin.requests().filter((r) => r.path.endsWith('/workspaces/ws-vision/computes'));
            assert.strictEqual(calls.length, 2);
            assert.ok(calls[1].query.$skipToken, 'second page requested with $skipToken');
            const gpu = computes[0];
            assert.strictEqual(gpu.properties?.computeType, 'Kubernetes');
            const props = gpu.properties as {
                resourceId?: string;
                provisioningState?: string;
                properties?: { namespace?: string };
            };
            assert.strictEqual(props.resourceId, ids.aksGpuDev);
            assert.strictEqual(props.properties?.namespace, 'vision');
            assert.strictEqual(gpu.identity?.type, 'SystemAssigned');
            const cpu = computes[1].properties as {
                provisioningState?: string;
                provisioningErrors?: { error?: { code?: string } }[];
            };
            assert.strictEqual(cpu.provisioningState, 'Failed');
            assert.match(cpu.provisioningErrors?.[0]?.error?.code ?? '', /ExtensionNotInstalled/);
            assert.strictEqual(computes[2].properties?.computeType, 'AmlCompute');
        } finally {
            em.admin.setOptions({ pageSize: 50 });
        }
    });

    it('pages subscriptions and workspaces too (page size 1)', async () => {
        em.admin.setOptions({ pageSize: 1 });
        try {
            assert.strictEqual((await collect(clients(em).subscriptions.subscriptions.list())).length, 4);
            assert.strictEqual((await collect(clients(em).ml.workspaces.listBySubscription())).length, 3);
            assert.strictEqual((await collect(clients(em).aks.managedClusters.list())).length, 4);
        } finally {
            em.admin.setOptions({ pageSize: 50 });
        }
    });

    it('cross-subscription compute: arc-nlp in sub 1 points at arc-onprem-01 in sub 2 and carries a (fake) relay secret', async () => {
        const compute = await clients(em).ml.computeOperations.get('rg-ml-dev', 'ws-nlp', 'arc-nlp');
        const props = compute.properties as {
            resourceId?: string;
            properties?: { namespace?: string; relayConnectionString?: string };
        };
        assert.strictEqual(props.resourceId, ids.arcOnprem);
        assert.strictEqual(props.properties?.namespace, 'nlp');
        assert.match(props.properties?.relayConnectionString ?? '', /^Endpoint=sb:\/\/azmlrly-onprem01/);
        assert.strictEqual(compute.identity?.type, 'UserAssigned');
        assert.ok(Object.values(compute.identity?.userAssignedIdentities ?? {})[0]?.principalId);
    });

    it('lists and gets AKS clusters', async () => {
        const c = clients(em);
        const all = await collect(c.aks.managedClusters.list());
        assert.deepStrictEqual(
            all.map((x) => x.name),
            ['aks-gpu-dev', 'aks-cpu-noext', 'aks-sp-legacy', 'aks-local-off'],
        );
        const byRg = await collect(c.aks.managedClusters.listByResourceGroup('rg-aks-dev'));
        assert.strictEqual(byRg.length, 4);
        const gpu = await c.aks.managedClusters.get('rg-aks-dev', 'aks-gpu-dev');
        assert.strictEqual(gpu.location, 'eastus');
        assert.strictEqual(gpu.kubernetesVersion, '1.31.3');
        assert.strictEqual(gpu.currentKubernetesVersion, '1.31.3');
        assert.strictEqual(gpu.provisioningState, 'Succeeded');
        assert.strictEqual(gpu.powerState?.code, 'Running');
        assert.ok(gpu.fqdn);
        assert.strictEqual(gpu.agentPoolProfiles?.length, 2);
        assert.strictEqual(gpu.agentPoolProfiles?.[1].vmSize, 'Standard_NC6s_v3');
    });

    it('lists and gets Arc connected clusters', async () => {
        const arc1 = await collect(clients(em).arc.connectedClusterOperations.listBySubscription());
        assert.deepStrictEqual(
            arc1.map((x) => [x.name, x.distribution, x.kubernetesVersion]),
            [['arc-edge-lab', 'aks_edge_k8s', '1.29.9']],
        );
        const c2 = clients(em, sub2);
        const byRg = await collect(c2.arc.connectedClusterOperations.listByResourceGroup('rg-arc-prod'));
        assert.strictEqual(byRg.length, 1);
        const onprem = await c2.arc.connectedClusterOperations.get('rg-arc-prod', 'arc-onprem-01');
        assert.strictEqual(onprem.distribution, 'k3s');
        assert.strictEqual(onprem.kubernetesVersion, '1.30.4');
        assert.strictEqual(onprem.connectivityStatus, 'Connected');
        assert.strictEqual(onprem.provisioningState, 'Succeeded');
        assert.ok(onprem.agentVersion && onprem.totalNodeCount);
    });

    it('lists cluster extensions for AKS and Arc, never returning protected setting values', async () => {
        const aksExt = await collect(
            clients(em).extensions.extensions.list(
                'rg-aks-dev',
                'Microsoft.ContainerService',
                'managedClusters',
                'aks-gpu-dev',
            ),
        );
        assert.strictEqual(aksExt.length, 1);
        assert.strictEqual(aksExt[0].extensionType, 'Microsoft.AzureML.Kubernetes');
        assert.strictEqual(aksExt[0].provisioningState, 'Succeeded');
        assert.ok(aksExt[0].currentVersion);
        assert.ok(Object.values(aksExt[0].configurationProtectedSettings ?? {}).every((v) => !v));
        const none = await collect(
            clients(em).extensions.extensions.list(
                'rg-aks-dev',
                'Microsoft.ContainerService',
                'managedClusters',
                'aks-cpu-noext',
            ),
        );
        assert.deepStrictEqual(none, []);
        const arcExt = await clients(em, sub2).extensions.extensions.get(
            'rg-arc-prod',
            'Microsoft.Kubernetes',
            'connectedClusters',
            'arc-onprem-01',
            'azureml',
        );
        assert.match(
            arcExt.configurationSettings?.['relayserver.hybridConnectionResourceID'] ?? '',
            /hybridConnections\/arc-onprem-01$/,
        );
        const failed = await collect(
            clients(em).extensions.extensions.list(
                'rg-arc-dev',
                'Microsoft.Kubernetes',
                'connectedClusters',
                'arc-edge-lab',
            ),
        );
        assert.strictEqual(failed[0].provisioningState, 'Failed');
        const token = await armToken(em);
        const rawList = await raw(
            em,
            'GET',
            `${ids.aksGpuDev}/providers/Microsoft.KubernetesConfiguration/extensions?api-version=2023-05-01`,
            { token },
        );
        assert.ok(!rawList.text.includes('EMULATED-SECRET'));
    });

    it('lists and gets user-assigned identities', async () => {
        const c = clients(em);
        const all = await collect(c.msi.userAssignedIdentities.listBySubscription());
        assert.deepStrictEqual(
            all.map((x) => x.name),
            ['id-ws-nlp', 'id-training'],
        );
        const byRg = await collect(
            clients(em, sub2).msi.userAssignedIdentities.listByResourceGroup('rg-identities-prod'),
        );
        assert.deepStrictEqual(
            byRg.map((x) => x.name),
            ['id-prod-training'],
        );
        const one = await c.msi.userAssignedIdentities.get('rg-identities', 'id-ws-nlp');
        assert.strictEqual(one.principalId, uaiWsNlp.principalId);
        assert.strictEqual(one.clientId, uaiWsNlp.clientId);
        assert.strictEqual(one.tenantId, tenantId);
    });

    it('serves relay namespaces, hybrid connections, storage accounts and registries', async () => {
        const token = await armToken(em);
        const ns = await raw(em, 'GET', `${ids.relayNamespace}?api-version=2021-11-01`, { token });
        assert.strictEqual(ns.status, 200);
        assert.strictEqual(ns.body.name, 'azmlrly-onprem01');
        const list = await raw(
            em,
            'GET',
            `${defaultWorld.clusters.arcOnprem.resourceGroupId}/providers/Microsoft.Relay/namespaces?api-version=2021-11-01`,
            { token },
        );
        assert.deepStrictEqual(
            list.body.value.map((x: { name: string }) => x.name),
            ['azmlrly-onprem01'],
        );
        const hcs = await raw(em, 'GET', `${ids.relayNamespace}/hybridConnections?api-version=2021-11-01`, { token });
        assert.deepStrictEqual(
            hcs.body.value.map((x: { name: string }) => x.name),
            ['arc-onprem-01'],
        );
        const st = await raw(
            em,
            'GET',
            `/subscriptions/${sub1}/providers/Microsoft.Storage/storageAccounts?api-version=2023-05-01`,
            { token },
        );
        assert.deepStrictEqual(
            st.body.value.map((x: { name: string }) => x.name),
            ['stvisiondev', 'stnlpdev', 'stprivatedev'],
        );
        const cr = await raw(em, 'GET', `${defaultWorld.registries.vision.id}?api-version=2023-07-01`, { token });
        assert.strictEqual(cr.body.properties.loginServer, 'crvisiondev.azurecr.io');
    });

    it("sees resources added behind the extension's back through the admin API", async () => {
        const id = `${ids.wsVision}/computes/added-later`;
        const token = await armToken(em);
        const put = await raw(em, 'PUT', '/_emulator/resources', {
            body: {
                id,
                location: 'eastus',
                properties: {
                    computeType: 'Kubernetes',
                    resourceId: ids.aksGpuDev,
                    provisioningState: 'Succeeded',
                    properties: { namespace: 'default' },
                },
            },
        });
        assert.strictEqual(put.status, 200);
        const got = await clients(em).ml.computeOperations.get('rg-ml-dev', 'ws-vision', 'added-later');
        assert.strictEqual(got.type, 'Microsoft.MachineLearningServices/workspaces/computes');
        const del = await raw(em, 'DELETE', `/_emulator/resources?id=${encodeURIComponent(id)}`);
        assert.strictEqual(del.status, 200);
        const gone = await raw(em, 'GET', `${id}?api-version=2022-10-01`, { token });
        assert.strictEqual(gone.status, 404);
    });
});
