/**
 * The benchmark's scale world (a small cut of it) through the extension's own inventory code and Resource Graph:
 * the generated resources map like the default fixture's, and both paths see the same world.
 */
import * as assert from 'assert';
import { listClusters, listComputes, listWorkspaces } from '../../src/azure/inventory';
import { InventoryService } from '../../src/azure/inventoryService';
import { scaleFixture } from '../emulator/scale';
import type { RunningEmulator } from '../emulator/server';
import { clients, collect, startTestEmulator, subscriptionContext } from './helpers';

describe('scale fixture', function () {
    this.timeout(60_000);
    const options = {
        subscriptions: 4,
        workspacesPerSubscription: 3,
        clustersPerSubscription: 4,
        computesPerWorkspace: 5,
    };
    const fixture = scaleFixture(options);
    let em: RunningEmulator;

    before(async () => {
        em = await startTestEmulator({ fixture });
    });
    after(async () => em?.stop());

    it('is deterministic and has the requested counts (default: 200 / 1,000 / 1,000 half AKS half Arc / 5,000)', () => {
        assert.deepStrictEqual(scaleFixture(options), fixture);
        const count = (f: typeof fixture, type: string): number =>
            f.resources.filter((r) => String(r.type).toLowerCase() === type.toLowerCase()).length;
        const full = scaleFixture();
        assert.strictEqual(full.subscriptions.length, 200);
        assert.strictEqual(count(full, 'Microsoft.MachineLearningServices/workspaces'), 1000);
        assert.strictEqual(count(full, 'Microsoft.ContainerService/managedClusters'), 500);
        assert.strictEqual(count(full, 'Microsoft.Kubernetes/connectedClusters'), 500);
        assert.strictEqual(count(full, 'Microsoft.KubernetesConfiguration/extensions'), 1000);
        assert.strictEqual(count(full, 'Microsoft.MachineLearningServices/workspaces/computes'), 5000);
        assert.strictEqual(full.tenant.tenantId, em.tenantId);
    });

    it('maps through the extension inventory: every cluster has the AzureML extension, computes have namespaces', async () => {
        const subs = (await collect(clients(em).subscriptions.subscriptions.list())).map((s) =>
            subscriptionContext(em, s.subscriptionId ?? '', s.displayName ?? ''),
        );
        assert.strictEqual(subs.length, 4);
        const sub = subs[0];
        const workspaces = await listWorkspaces(sub);
        assert.deepStrictEqual(
            workspaces.map((w) => w.name),
            ['ws-0001', 'ws-0002', 'ws-0003'],
        );
        const clusters = await listClusters(sub);
        assert.deepStrictEqual(
            clusters.map((c) => `${c.kind}:${c.name}`),
            ['aks-0001', 'aks-0002', 'arc-0001', 'arc-0002'].map((n) => `${n.slice(0, 3)}:${n}`),
        );
        for (const cluster of clusters) {
            assert.strictEqual(cluster.azureMlExtension.status, 'installed', cluster.name);
            if (cluster.kind === 'arc' && cluster.azureMlExtension.status === 'installed') {
                assert.ok(cluster.azureMlExtension.relayId, `${cluster.name} has its relay`);
            }
        }
        const computes = (await Promise.all(workspaces.map((w) => listComputes(sub, w)))).flat();
        assert.strictEqual(computes.length, 15);
        assert.ok(computes.every((c) => c.namespace && c.clusterId && c.provisioningState === 'Succeeded'));
        assert.ok(computes.some((c) => c.identity.type === 'UserAssigned'));
        assert.ok(computes.some((c) => c.identity.type === 'SystemAssigned'));
        assert.ok(computes.some((c) => c.identity.type === 'None'));
        const otherSubscription = computes.filter((c) => !c.clusterId?.includes(sub.subscriptionId));
        assert.ok(otherSubscription.length > 0, 'some computes attach a cluster of another subscription');
        const clusterIds = new Set(clusters.map((c) => c.id.toLowerCase()));
        for (const compute of computes.filter((c) => c.clusterId?.includes(sub.subscriptionId))) {
            assert.ok(
                clusterIds.has(compute.clusterId?.toLowerCase() ?? ''),
                `${compute.name} attaches a listed cluster`,
            );
        }
    });

    it('Resource Graph sees the same world across all subscriptions', async () => {
        const subscriptions = fixture.subscriptions.map((s) => s.subscriptionId);
        const graph = clients(em).graph;
        const computes = await graph.resources({
            subscriptions,
            query: "Resources | where type =~ 'microsoft.machinelearningservices/workspaces/computes' | where properties.computeType =~ 'Kubernetes' | project id, properties",
            options: { top: 1000 },
        });
        assert.strictEqual(computes.totalRecords, 4 * 3 * 5);
        const failed = (computes.data as { properties: { provisioningState: string } }[]).filter(
            (c) => c.properties.provisioningState === 'Failed',
        );
        assert.strictEqual(failed.length, 0, 'every 250th compute fails: none among the first 60');
        const extensions = await graph.resources({
            subscriptions,
            query: "KubernetesConfigurationResources | where type =~ 'microsoft.kubernetesconfiguration/extensions' | where properties.extensionType =~ 'microsoft.azureml.kubernetes' | project id, properties",
        });
        assert.strictEqual(extensions.totalRecords, 16);
    });

    describe('more computes than one Resource Graph page', () => {
        const big = {
            subscriptions: 3,
            workspacesPerSubscription: 4,
            clustersPerSubscription: 2,
            computesPerWorkspace: 110,
        };
        let large: RunningEmulator;
        before(async () => {
            large = await startTestEmulator({ fixture: scaleFixture(big) });
        });
        after(async () => large?.stop());

        it('reads every compute exactly once, the pages after the first side by side', async () => {
            const subs = (await collect(clients(large).subscriptions.subscriptions.list())).map((s) =>
                subscriptionContext(large, s.subscriptionId ?? '', s.displayName ?? ''),
            );
            large.admin.clearRequests();
            const index = await new InventoryService(async () => subs).attachments();
            const computes = [...index.byCluster.values()].flat();
            assert.strictEqual(computes.length, 3 * 4 * 110);
            assert.strictEqual(new Set(computes.map((c) => c.id.toLowerCase())).size, computes.length, 'no duplicates');
            const pages = large.admin.requests().filter((r) => r.path.includes('ResourceGraph'));
            assert.deepStrictEqual(
                pages
                    .map((r) => (r.requestBody as { options?: { $skip?: number } }).options?.$skip ?? 0)
                    .sort((a, b) => a - b),
                [0, 1000],
            );
        });
    });
});
