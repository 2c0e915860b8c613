import * as assert from 'assert';
import type { ComputeResource, Kubernetes } from '@azure/arm-machinelearning';
import { defaultWorld, type RunningEmulator } from '../emulator';
import { armToken, clients, ids, raw, roles, startTestEmulator, sub1, uaiTraining, uaiWsNlp } from './helpers';

function kubernetesBody(
    clusterId: string,
    identity?: ComputeResource['identity'],
    namespace = 'default',
): ComputeResource {
    const properties: Kubernetes = {
        computeType: 'Kubernetes',
        computeLocation: 'eastus',
        resourceId: clusterId,
        properties: { namespace },
    };
    return { location: 'eastus', identity, properties };
}

function props(c: ComputeResource): {
    provisioningState?: string;
    provisioningErrors?: { error?: { code?: string; message?: string } }[];
    properties?: { namespace?: string };
} {
    return c.properties as never;
}

describe('compute attach, update and detach (long-running operations)', () => {
    let em: RunningEmulator;
    before(async () => {
        em = await startTestEmulator();
        em.admin.setFaults({});
    });
    after(async () => em.stop());

    it('PUT answers 201 Creating with Azure-AsyncOperation, then polls to Succeeded; SystemAssigned gets a fresh principal', async () => {
        const ml = clients(em).ml;
        const poller = await ml.computeOperations.beginCreateOrUpdate(
            'rg-ml-dev',
            'ws-vision',
            'k8s-new',
            kubernetesBody(ids.aksGpuDev, { type: 'SystemAssigned' }, 'vision'),
        );
        const initial = em.admin
            .requests()
            .filter((r) => r.method === 'PUT')
            .pop();
        assert.strictEqual(initial?.status, 201);
        const during = await ml.computeOperations.get('rg-ml-dev', 'ws-vision', 'k8s-new');
        assert.strictEqual(props(during).provisioningState, 'Creating');
        const done = await poller.pollUntilDone();
        assert.strictEqual(props(done).provisioningState, 'Succeeded');
        assert.strictEqual(props(done).properties?.namespace, 'vision');
        assert.match(done.identity?.principalId ?? '', /^[0-9a-f-]{36}$/);
        assert.strictEqual(done.identity?.tenantId, em.tenantId);
        const polls = em.admin.requests().filter((r) => /computeOperationsStatus\//.test(r.path));
        assert.ok(polls.length >= 1, 'polled the async operation');
    });

    it('the async operation status endpoint answers { id, name, status, startTime, endTime, error } with Retry-After while running', async () => {
        const token = await armToken(em);
        const computeId = `${ids.wsVision}/computes/k8s-raw`;
        const put = await raw(em, 'PUT', `${computeId}?api-version=2022-10-01`, {
            token,
            body: kubernetesBody(ids.aksGpuDev),
        });
        assert.strictEqual(put.status, 201);
        const statusUrl = String(put.headers['azure-asyncoperation']);
        assert.match(
            statusUrl,
            new RegExp(
                `/subscriptions/${sub1}/providers/Microsoft.MachineLearningServices/locations/eastus/computeOperationsStatus/`,
            ),
        );
        const running = await raw(em, 'GET', statusUrl, { token });
        assert.strictEqual(running.status, 200);
        assert.strictEqual(running.body.status, 'InProgress');
        assert.strictEqual(running.headers['retry-after'], '1');
        assert.ok(running.body.id && running.body.name && running.body.startTime);
        const again = await raw(em, 'PUT', `${computeId}?api-version=2022-10-01`, {
            token,
            body: kubernetesBody(ids.aksGpuDev),
        });
        assert.strictEqual(again.status, 409, 'no second PUT while the first is in progress');
        await new Promise((r) => setTimeout(r, 350));
        const finished = await raw(em, 'GET', statusUrl, { token });
        assert.strictEqual(finished.body.status, 'Succeeded');
        assert.ok(finished.body.endTime);
    });

    it('fails provisioning with provisioningErrors when the cluster has no AzureML extension', async () => {
        const ml = clients(em).ml;
        const poller = await ml.computeOperations.beginCreateOrUpdate(
            'rg-ml-dev',
            'ws-vision',
            'k8s-noext',
            kubernetesBody(ids.aksCpuNoExt),
        );
        await assert.rejects(poller.pollUntilDone(), /AzureML extension/);
        const failed = await ml.computeOperations.get('rg-ml-dev', 'ws-vision', 'k8s-noext');
        assert.strictEqual(props(failed).provisioningState, 'Failed');
        assert.strictEqual(props(failed).provisioningErrors?.[0]?.error?.code, 'AzureMLExtensionNotInstalled');
    });

    it('fails when the AzureML extension is not Succeeded (arc-edge-lab)', async () => {
        const ml = clients(em).ml;
        const poller = await ml.computeOperations.beginCreateOrUpdate(
            'rg-ml-dev',
            'ws-vision',
            'edge',
            kubernetesBody(ids.arcEdgeLab),
        );
        await assert.rejects(poller.pollUntilDone());
        const failed = await ml.computeOperations.get('rg-ml-dev', 'ws-vision', 'edge');
        assert.strictEqual(props(failed).provisioningErrors?.[0]?.error?.code, 'AzureMLExtensionNotReady');
    });

    it('workspace with a user-assigned identity: Reader + Azure Relay Owner present (arc-onprem-01) → Succeeded, UAI echoed', async () => {
        const ml = clients(em).ml;
        const body = kubernetesBody(
            ids.arcOnprem,
            { type: 'UserAssigned', userAssignedIdentities: { [ids.uaiTraining]: {} } },
            'nlp',
        );
        const done = await (
            await ml.computeOperations.beginCreateOrUpdate('rg-ml-dev', 'ws-nlp', 'arc-nlp-2', body)
        ).pollUntilDone();
        assert.strictEqual(props(done).provisioningState, 'Succeeded');
        const uai = done.identity?.userAssignedIdentities?.[ids.uaiTraining];
        assert.strictEqual(uai?.principalId, uaiTraining.principalId);
        assert.strictEqual(uai?.clientId, uaiTraining.clientId);
        const inner = (done.properties as { properties?: { relayConnectionString?: string } }).properties;
        assert.match(inner?.relayConnectionString ?? '', /^Endpoint=sb:/);
    });

    it('workspace UAI without Reader on the cluster fails; Reader inherited from the resource group then succeeds', async () => {
        // id-ws-nlp's Reader on aks-gpu-dev removed: an AKS cluster of the workspace's own subscription it cannot read.
        em.admin.deleteResource(
            `${ids.aksGpuDev}/providers/Microsoft.Authorization/roleAssignments/f1a00000-0000-4000-8000-000000000013`,
        );
        try {
            const ml = clients(em).ml;
            const poller = await ml.computeOperations.beginCreateOrUpdate(
                'rg-ml-dev',
                'ws-nlp',
                'unreadable',
                kubernetesBody(ids.aksGpuDev),
            );
            await assert.rejects(poller.pollUntilDone(), /Reader/);
            const failed = await ml.computeOperations.get('rg-ml-dev', 'ws-nlp', 'unreadable');
            assert.strictEqual(props(failed).provisioningErrors?.[0]?.error?.code, 'UserAssignedIdentityMissingRole');

            await clients(em).authorization.roleAssignments.create(
                defaultWorld.clusters.aksGpuDev.resourceGroupId.slice(1),
                'a0a0a0a0-0000-4000-8000-000000000001',
                {
                    roleDefinitionId: `/subscriptions/${sub1}/providers/Microsoft.Authorization/roleDefinitions/${roles.reader}`,
                    principalId: uaiWsNlp.principalId,
                    principalType: 'ServicePrincipal',
                },
            );
            const retried = await (
                await ml.computeOperations.beginCreateOrUpdate(
                    'rg-ml-dev',
                    'ws-nlp',
                    'unreadable',
                    kubernetesBody(ids.aksGpuDev),
                )
            ).pollUntilDone();
            assert.strictEqual(props(retried).provisioningState, 'Succeeded');
        } finally {
            em.admin.reset();
            em.admin.setFaults({});
        }
    });

    it('Arc: UAI without Azure Relay Owner on the relay fails', async () => {
        em.admin.deleteResource(
            `${ids.relayNamespace}/providers/Microsoft.Authorization/roleAssignments/f1a00000-0000-4000-8000-000000000012`,
        );
        try {
            const poller = await clients(em).ml.computeOperations.beginCreateOrUpdate(
                'rg-ml-dev',
                'ws-nlp',
                'arc-norelay',
                kubernetesBody(ids.arcOnprem),
            );
            await assert.rejects(poller.pollUntilDone(), /Azure Relay Owner/);
        } finally {
            em.admin.reset();
            em.admin.setFaults({});
        }
    });

    it('PUT over an existing compute replaces it (200, Updating → Succeeded) and keeps the system principal', async () => {
        const ml = clients(em).ml;
        const before = await ml.computeOperations.get('rg-ml-dev', 'ws-vision', 'k8s-gpu');
        const poller = await ml.computeOperations.beginCreateOrUpdate('rg-ml-dev', 'ws-vision', 'k8s-gpu', {
            ...before,
            properties: { ...before.properties, properties: { namespace: 'nlp' } } as Kubernetes,
        });
        const put = em.admin
            .requests()
            .filter((r) => r.method === 'PUT')
            .pop();
        assert.strictEqual(put?.status, 200);
        assert.strictEqual(
            props(await ml.computeOperations.get('rg-ml-dev', 'ws-vision', 'k8s-gpu')).provisioningState,
            'Updating',
        );
        const done = await poller.pollUntilDone();
        assert.strictEqual(props(done).properties?.namespace, 'nlp');
        assert.strictEqual(done.identity?.principalId, before.identity?.principalId);
    });

    it('validates PUT bodies', async () => {
        const token = await armToken(em);
        const url = (name: string): string => `${ids.wsVision}/computes/${name}?api-version=2022-10-01`;
        const noType = await raw(em, 'PUT', url('bad1'), { token, body: { location: 'eastus', properties: {} } });
        assert.strictEqual(noType.status, 400);
        assert.match(noType.body.error.message, /computeType/);
        const noResource = await raw(em, 'PUT', url('bad2'), {
            token,
            body: { location: 'eastus', properties: { computeType: 'Kubernetes' } },
        });
        assert.strictEqual(noResource.status, 400);
        assert.match(noResource.body.error.message, /resourceId/);
        const missingCluster = await raw(em, 'PUT', url('bad3'), {
            token,
            body: kubernetesBody(ids.aksGpuDev.replace('aks-gpu-dev', 'nope')),
        });
        assert.strictEqual(missingCluster.status, 400);
        assert.strictEqual(missingCluster.body.error.code, 'ResourceNotFound');
        const wrongType = await raw(em, 'PUT', url('bad4'), { token, body: kubernetesBody(ids.uaiTraining) });
        assert.strictEqual(wrongType.status, 400);
        const badUai = await raw(em, 'PUT', url('bad5'), {
            token,
            body: kubernetesBody(ids.aksGpuDev, {
                type: 'UserAssigned',
                userAssignedIdentities: { [`${ids.uaiTraining}x`]: {} },
            }),
        });
        assert.strictEqual(badUai.status, 400);
        const noWorkspace = await raw(em, 'PUT', url('x').replace('ws-vision', 'ws-nope'), {
            token,
            body: kubernetesBody(ids.aksGpuDev),
        });
        assert.strictEqual(noWorkspace.status, 404);
    });

    it('PATCH accepts scale settings only', async () => {
        const ml = clients(em).ml;
        await assert.rejects(
            (async () =>
                (
                    await ml.computeOperations.beginUpdate('rg-ml-dev', 'ws-vision', 'k8s-gpu', {
                        properties: { scaleSettings: { maxNodeCount: 2 } },
                    })
                ).pollUntilDone())(),
            /AmlCompute/,
        );
        const updated = await (
            await ml.computeOperations.beginUpdate('rg-ml-dev', 'ws-vision', 'cpu-cluster', {
                properties: { scaleSettings: { maxNodeCount: 8, minNodeCount: 1 } },
            })
        ).pollUntilDone();
        assert.strictEqual(
            (updated.properties as { properties?: { scaleSettings?: { maxNodeCount?: number } } }).properties
                ?.scaleSettings?.maxNodeCount,
            8,
        );
        const token = await armToken(em);
        const identityPatch = await raw(em, 'PATCH', `${ids.wsVision}/computes/cpu-cluster?api-version=2022-10-01`, {
            token,
            body: { identity: { type: 'SystemAssigned' } },
        });
        assert.strictEqual(identityPatch.status, 400);
        assert.match(identityPatch.body.error.message, /scaleSettings/);
    });

    it('DELETE requires underlyingResourceAction; Detach answers 202 with both headers, reads Deleting, then the compute is gone', async () => {
        const token = await armToken(em);
        const id = `${ids.wsVision}/computes/to-detach`;
        em.admin.upsertResource({
            id,
            location: 'eastus',
            properties: { computeType: 'Kubernetes', resourceId: ids.aksGpuDev, provisioningState: 'Succeeded' },
        });
        const missing = await raw(em, 'DELETE', `${id}?api-version=2022-10-01`, { token });
        assert.strictEqual(missing.status, 400);
        assert.match(missing.body.error.message, /underlyingResourceAction/);

        const ml = clients(em).ml;
        const poller = await ml.computeOperations.beginDelete('rg-ml-dev', 'ws-vision', 'to-detach', 'Detach');
        const del = em.admin
            .requests()
            .filter((r) => r.method === 'DELETE')
            .pop();
        assert.strictEqual(del?.status, 202);
        assert.strictEqual(del?.query.underlyingResourceAction, 'Detach');
        assert.strictEqual(
            props(await ml.computeOperations.get('rg-ml-dev', 'ws-vision', 'to-detach')).provisioningState,
            'Deleting',
        );
        await poller.pollUntilDone();
        const gone = await raw(em, 'GET', `${id}?api-version=2022-10-01`, { token });
        assert.strictEqual(gone.status, 404);
    });
});
