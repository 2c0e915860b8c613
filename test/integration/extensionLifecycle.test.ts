/**
 * The AzureML cluster extension's lifecycle through @azure/arm-kubernetesconfiguration against the emulator: install
 * (201 + Azure-AsyncOperation, Creating → Succeeded), the settings the chart's health check refuses and a cluster
 * too small (Failed, in the helm shape), the body the service refuses at once (400), protected settings never read
 * back, PATCH of settings, DELETE, and RBAC on extensions/write.
 */

import * as assert from 'assert';
import type { Extension } from '@azure/arm-kubernetesconfiguration';
import { defaultWorld, type RunningEmulator } from '../emulator';
import { clients, collect, ids, spObjectId, startTestEmulator, sub1 } from './helpers';

const aks = ['rg-aks-dev', 'Microsoft.ContainerService', 'managedClusters', 'aks-cpu-noext'] as const;
const poll = { updateIntervalInMs: 20 };

function azureml(settings: Record<string, string>, secrets: Record<string, string> = {}): Extension {
    return {
        extensionType: 'Microsoft.AzureML.Kubernetes',
        autoUpgradeMinorVersion: true,
        releaseTrain: 'stable',
        scope: { cluster: { releaseNamespace: 'azureml' } },
        configurationSettings: settings,
        configurationProtectedSettings: secrets,
    };
}

const training = { enableTraining: 'True', enableInference: 'False' };
const insecureInference = {
    enableTraining: 'True',
    enableInference: 'True',
    inferenceRouterServiceType: 'loadBalancer',
    allowInsecureConnections: 'True',
};

describe('AzureML extension lifecycle through @azure/arm-kubernetesconfiguration', () => {
    let em: RunningEmulator;
    before(async () => {
        em = await startTestEmulator({ provisioningDelayMs: 150 });
        em.admin.setFaults({});
    });
    after(async () => em.stop());
    afterEach(() => em.admin.reset());

    it('installs on a bare AKS cluster: 201 + Azure-AsyncOperation, Creating, then Succeeded with a version', async () => {
        const ext = clients(em).extensions.extensions;
        em.admin.clearRequests();
        const poller = await ext.beginCreate(...aks, 'azureml', azureml(insecureInference), poll);
        const put = em.admin.requests().find((r) => r.method === 'PUT');
        assert.strictEqual(put?.status, 201);
        const early = await ext.get(...aks, 'azureml');
        assert.strictEqual(early.provisioningState, 'Creating');
        const done = await poller.pollUntilDone();
        assert.strictEqual(done.provisioningState, 'Succeeded');
        assert.strictEqual(done.currentVersion, '1.1.39');
        assert.ok(done.aksAssignedIdentity?.principalId, 'AKS extensions get an AKS-assigned identity');
        const polled = em.admin
            .requests()
            .filter((r) => /\/extensions\/azureml\/operations\/[0-9a-f-]{36}$/.test(r.path));
        assert.ok(polled.length >= 1, 'the SDK polled the operation status URL');
        const listed = await collect(ext.list(...aks));
        assert.deepStrictEqual(
            listed.map((e) => [e.name, e.provisioningState]),
            [['azureml', 'Succeeded']],
        );
        const namespaces = (em.admin.state().namespaces as Record<string, string[]>)[ids.aksCpuNoExt.toLowerCase()];
        assert.ok(namespaces.includes('azureml'), 'the release namespace was created');
    });

    it('keeps protected settings on write and never returns their values', async () => {
        const ext = clients(em).extensions.extensions;
        const settings = { ...insecureInference, allowInsecureConnections: 'False' };
        const cert = '-----BEGIN CERTIFICATE-----TEST-ONLY-----END CERTIFICATE-----';
        await (
            await ext.beginCreate(
                ...aks,
                'azureml',
                azureml(settings, { sslCertPemFile: cert, sslKeyPemFile: 'k' }),
                poll,
            )
        ).pollUntilDone();
        const read = await ext.get(...aks, 'azureml');
        assert.strictEqual(read.provisioningState, 'Succeeded', 'SSL given: the health check passes');
        assert.deepStrictEqual(read.configurationProtectedSettings, { sslCertPemFile: '', sslKeyPemFile: '' });
        const stored = em.admin.getResource(
            `${ids.aksCpuNoExt}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`,
        );
        assert.strictEqual(
            (stored?.properties?.configurationProtectedSettings as Record<string, string>).sslCertPemFile,
            cert,
        );
        const graph = await clients(em).graph.resources({
            subscriptions: [sub1],
            query: "kubernetesconfigurationresources | where name == 'azureml' | project id, properties",
        });
        const row = (graph.data as { id: string; properties: Record<string, unknown> }[]).find(
            (r) => r.id === stored?.id,
        );
        assert.deepStrictEqual(row?.properties.configurationProtectedSettings, {
            sslCertPemFile: '',
            sslKeyPemFile: '',
        });
        const logged = JSON.stringify(em.admin.requests());
        assert.ok(logged.includes('"sslCertPemFile":"***"'), 'the PUT is logged with its protected settings redacted');
        assert.ok(!logged.includes('TEST-ONLY'));
    });

    for (const [what, settings, detail] of [
        ['neither training nor inference', { enableTraining: 'False' }, /neither training nor inference/],
        [
            'inference without SSL or allowInsecureConnections',
            { enableInference: 'True', inferenceRouterServiceType: 'ClusterIP' },
            /allowInsecureConnections=true/,
        ],
        [
            'an unknown router service type',
            { enableInference: 'True', inferenceRouterServiceType: 'Ingress', allowInsecureConnections: 'true' },
            /LoadBalancer, NodePort or ClusterIP/,
        ],
        [
            'NodePort with an internal load balancer',
            { ...insecureInference, inferenceRouterServiceType: 'NodePort', internalLoadBalancerProvider: 'azure' },
            /NodePort/,
        ],
    ] as const) {
        it(`ends Failed when the health check refuses ${what}`, async () => {
            const ext = clients(em).extensions.extensions;
            const poller = await ext.beginCreate(...aks, 'azureml', azureml(settings), poll);
            await assert.rejects(poller.pollUntilDone(), (e: Error) => {
                assert.match(e.message, /failed pre-install: pod healthcheck failed/);
                assert.match(e.message, detail);
                return true;
            });
            const read = await ext.get(...aks, 'azureml');
            assert.strictEqual(read.provisioningState, 'Failed');
            assert.strictEqual(read.errorInfo?.code, 'ExtensionOperationFailed');
            assert.match(read.errorInfo?.message ?? '', /Status: Failed Name: helmchart/);
        });
    }

    it('ends Failed on a cluster smaller than 4 vCPU and 14 GB', async () => {
        const cluster = em.admin.getResource(ids.aksCpuNoExt);
        const props = cluster?.properties as { agentPoolProfiles: { vmSize: string; count: number }[] };
        props.agentPoolProfiles = [{ ...props.agentPoolProfiles[0], vmSize: 'Standard_B2s', count: 2 }];
        em.admin.upsertResource(cluster!);
        const ext = clients(em).extensions.extensions;
        const poller = await ext.beginCreate(...aks, 'azureml', azureml(training), poll);
        await assert.rejects(
            poller.pollUntilDone(),
            /Name: clusterresource: the cluster has 4 vCPU and 8 GB of memory/,
        );
        assert.strictEqual((await ext.get(...aks, 'azureml')).currentVersion ?? null, null, 'nothing installed');
        props.agentPoolProfiles = [{ ...props.agentPoolProfiles[0], vmSize: 'Standard_D4s_v5', count: 1 }];
        em.admin.upsertResource(cluster!);
        const again = await ext.beginCreate(...aks, 'azureml', azureml(training), poll);
        assert.strictEqual(
            (await ext.get(...aks, 'azureml')).provisioningState,
            'Creating',
            'a PUT after a failed install installs again',
        );
        assert.strictEqual((await again.pollUntilDone()).provisioningState, 'Succeeded', '4 vCPU and 16 GB are enough');
    });

    it('refuses at once (400) a namespace scope, a version with auto-upgrade, an unknown version, a second AzureML extension', async () => {
        const ext = clients(em).extensions.extensions;
        const cases: [Extension, RegExp, string[]][] = [
            [
                { ...azureml(training), scope: { namespace: { targetNamespace: 'ml' } } },
                /only at 'cluster' scope/,
                aks.slice(),
            ],
            [{ ...azureml(training), version: '1.1.37' }, /only when autoUpgradeMinorVersion is false/, aks.slice()],
            [
                { ...azureml(training), autoUpgradeMinorVersion: false, version: '0.9.0' },
                /Available: 1\.1\.39/,
                aks.slice(),
            ],
            [
                azureml(training),
                /already installed on this cluster: 'azureml'/,
                ['rg-aks-dev', 'Microsoft.ContainerService', 'managedClusters', 'aks-gpu-dev'],
            ],
        ];
        for (const [body, message, [rg, rp, kind, cluster]] of cases) {
            await assert.rejects(
                ext.beginCreate(rg, rp, kind, cluster, 'ml2', body, poll),
                (e: Error & { statusCode?: number }) => {
                    assert.strictEqual(e.statusCode, 400);
                    assert.match(e.message, message);
                    return true;
                },
            );
        }
        const pinned = await (
            await ext.beginCreate(
                ...aks,
                'azureml',
                { ...azureml(training), autoUpgradeMinorVersion: false, version: '1.1.37' },
                poll,
            )
        ).pollUntilDone();
        assert.strictEqual(pinned.currentVersion, '1.1.37');
    });

    it('updates settings with PATCH (202, Updating, then Succeeded) and answers 200 when nothing changes', async () => {
        const ext = clients(em).extensions.extensions;
        await (await ext.beginCreate(...aks, 'azureml', azureml(training), poll)).pollUntilDone();
        em.admin.clearRequests();
        const updated = await (
            await ext.beginUpdate(
                ...aks,
                'azureml',
                {
                    configurationSettings: {
                        enableInference: 'True',
                        inferenceRouterServiceType: 'NodePort',
                        allowInsecureConnections: 'True',
                    },
                },
                poll,
            )
        ).pollUntilDone();
        assert.strictEqual(em.admin.requests().find((r) => r.method === 'PATCH')?.status, 202);
        assert.strictEqual(updated.provisioningState, 'Succeeded');
        assert.deepStrictEqual(
            [updated.configurationSettings?.enableTraining, updated.configurationSettings?.inferenceRouterServiceType],
            ['True', 'NodePort'],
        );
        em.admin.clearRequests();
        await (
            await ext.beginUpdate(...aks, 'azureml', { configurationSettings: { enableTraining: 'True' } }, poll)
        ).pollUntilDone();
        assert.strictEqual(em.admin.requests().find((r) => r.method === 'PATCH')?.status, 200);
        const broken = await ext.beginUpdate(
            ...aks,
            'azureml',
            { configurationSettings: { internalLoadBalancerProvider: 'azure' } },
            poll,
        );
        await assert.rejects(broken.pollUntilDone(), /rolled back due to atomic being set: pre-upgrade hooks failed/);
    });

    it('uninstalls with DELETE (202 + Location and Azure-AsyncOperation), then the extension is gone', async () => {
        const ext = clients(em).extensions.extensions;
        const [rg, rp, kind] = aks;
        em.admin.clearRequests();
        const poller = await ext.beginDelete(rg, rp, kind, 'aks-gpu-dev', 'azureml', poll);
        const del = em.admin.requests().find((r) => r.method === 'DELETE');
        assert.strictEqual(del?.status, 202);
        assert.strictEqual((await ext.get(rg, rp, kind, 'aks-gpu-dev', 'azureml')).provisioningState, 'Deleting');
        await poller.pollUntilDone();
        await assert.rejects(
            ext.get(rg, rp, kind, 'aks-gpu-dev', 'azureml'),
            (e: { statusCode?: number }) => e.statusCode === 404,
        );
        assert.deepStrictEqual(await collect(ext.list(rg, rp, kind, 'aks-gpu-dev')), []);
    });

    it('checks Microsoft.KubernetesConfiguration/extensions/write: Reader is refused, Kubernetes Extension Contributor on the cluster may', async () => {
        const owner = em.admin.state().resources as {
            id: string;
            properties?: { principalId?: string; scope?: string };
        }[];
        const atSub = owner.filter(
            (r) => r.properties?.principalId === spObjectId && r.properties?.scope === `/subscriptions/${sub1}`,
        );
        assert.strictEqual(atSub.length, 1);
        em.admin.deleteResource(atSub[0].id);
        const grant = (name: string, scope: string, role: string) =>
            em.admin.upsertResource({
                id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
                name,
                type: 'Microsoft.Authorization/roleAssignments',
                properties: {
                    roleDefinitionId: `/subscriptions/${sub1}/providers/Microsoft.Authorization/roleDefinitions/${role}`,
                    principalId: spObjectId,
                    principalType: 'ServicePrincipal',
                    scope,
                },
            });
        grant('9d1f0000-0000-4000-8000-000000000001', `/subscriptions/${sub1}`, defaultWorld.roles.reader.id);
        const ext = clients(em).extensions.extensions;
        await assert.rejects(
            ext.beginCreate(...aks, 'azureml', azureml(training), poll),
            (e: Error & { statusCode?: number }) => {
                assert.strictEqual(e.statusCode, 403);
                assert.match(e.message, /Microsoft\.KubernetesConfiguration\/extensions\/write/);
                return true;
            },
        );
        grant('9d1f0000-0000-4000-8000-000000000002', ids.aksCpuNoExt, '85cb6faf-e071-4c9b-8136-154b5a04f717');
        const done = await (await ext.beginCreate(...aks, 'azureml', azureml(training), poll)).pollUntilDone();
        assert.strictEqual(done.provisioningState, 'Succeeded');
    });
});
