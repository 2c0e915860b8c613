import * as assert from 'assert';
import { collectAttachments } from '../../src/azure/attachments';
import { mapWithConcurrency } from '../../src/azure/concurrency';
import { InventoryCache } from '../../src/azure/inventoryCache';
import type { ComputeInfo, WorkspaceInfo } from '../../src/azure/models';
import { isTransitional, stateIcon } from '../../src/domain/computeState';

describe('InventoryCache', () => {
    it('shares one load between callers until it expires or is invalidated', async () => {
        let now = 0;
        let loads = 0;
        const cache = new InventoryCache(1000, () => now);
        const load = async () => ++loads;
        assert.strictEqual(await cache.get('computes|/a', load), 1);
        assert.strictEqual(await cache.get('computes|/a', load), 1);
        now = 1001;
        assert.strictEqual(await cache.get('computes|/a', load), 2);
        cache.invalidate('COMPUTES|/A');
        assert.strictEqual(await cache.get('computes|/a', load), 3);
    });

    it('does not keep a failed load', async () => {
        const cache = new InventoryCache();
        await assert.rejects(cache.get('k', () => Promise.reject(new Error('503'))));
        assert.strictEqual(await cache.get('k', async () => 'ok'), 'ok');
    });
});

describe('mapWithConcurrency', () => {
    it('keeps order and never exceeds the limit', async () => {
        let inFlight = 0;
        let peak = 0;
        const results = await mapWithConcurrency([5, 1, 3, 2, 4], 2, async (n) => {
            peak = Math.max(peak, ++inFlight);
            await new Promise((r) => setTimeout(r, n));
            inFlight--;
            return n * 10;
        });
        assert.deepStrictEqual(results, [50, 10, 30, 20, 40]);
        assert.strictEqual(peak, 2);
    });
});

describe('collectAttachments', () => {
    const ws = (sub: string, name: string) =>
        ({
            id: `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/${name}`,
            name,
        }) as WorkspaceInfo;
    const compute = (w: WorkspaceInfo, name: string, clusterId: string) =>
        ({ id: `${w.id}/computes/${name}`, name, workspaceName: w.name, clusterId }) as ComputeInfo;
    const cluster = '/subscriptions/b/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/arc1';

    it('indexes computes of every workspace by cluster, case-insensitively and sorted, and reports what failed', async () => {
        const subs = [
            { subscriptionId: 'a', name: 'Sub A', tenantId: 't' },
            { subscriptionId: 'b', name: 'Sub B', tenantId: 't' },
            { subscriptionId: 'c', name: 'Sub C', tenantId: 't' },
        ];
        const wsA = ws('a', 'wsA');
        const wsB = ws('b', 'wsB');
        const index = await collectAttachments(
            subs,
            {
                listWorkspaces: async (s) => {
                    if (s.subscriptionId === 'c') {
                        throw new Error('403');
                    }
                    return s.subscriptionId === 'a' ? [wsA] : [wsB];
                },
                listComputes: async (_s, w) =>
                    w === wsA ? [compute(wsA, 'zeta', cluster.toUpperCase())] : [compute(wsB, 'two', cluster)],
            },
            4,
        );
        assert.deepStrictEqual(
            index.byCluster.get(cluster.toLowerCase())?.map((c) => `${c.workspaceName}/${c.name}`),
            ['wsA/zeta', 'wsB/two'],
        );
        assert.deepStrictEqual(index.unreadable, ['Sub C']);
    });
});

describe('compute state', () => {
    it('follows only the states the service is still working on', () => {
        assert.deepStrictEqual(
            (['Creating', 'Updating', 'Deleting', 'Succeeded', 'Failed', 'Canceled', 'Unknown'] as const).filter(
                isTransitional,
            ),
            ['Creating', 'Updating', 'Deleting'],
        );
        assert.strictEqual(stateIcon('Creating').icon, 'loading~spin');
        assert.strictEqual(stateIcon('Failed').icon, 'error');
        assert.strictEqual(stateIcon('Succeeded').color, 'testing.iconPassed');
    });
});
