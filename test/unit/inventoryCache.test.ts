import * as assert from 'assert';
import { collectAttachments } from '../../src/azure/attachments';
import { createLimiter, mapWithConcurrency } from '../../src/azure/concurrency';
import { FreshComputes } from '../../src/azure/freshComputes';
import { InventoryCache } from '../../src/azure/inventoryCache';
import type { ComputeInfo, WorkspaceInfo } from '../../src/domain/models';
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

describe('InventoryCache.set', () => {
    it('stores a load started elsewhere, visible to has() until it expires, and drops it when it fails', async () => {
        let now = 0;
        const cache = new InventoryCache(1000, () => now);
        assert.strictEqual(cache.has('workspaces|a'), false);
        void cache.set('workspaces|a', Promise.resolve(['ws']));
        assert.strictEqual(cache.has('workspaces|a'), true);
        assert.deepStrictEqual(await cache.get('workspaces|a', async () => ['other']), ['ws']);
        now = 1001;
        assert.strictEqual(cache.has('workspaces|a'), false);
        await cache.set('workspaces|b', Promise.reject(new Error('503'))).catch(() => undefined);
        assert.strictEqual(cache.has('workspaces|b'), false);
    });
});

describe('createLimiter', () => {
    it('never lets more than the limit run at once across callers, and runs every call', async () => {
        const limit = createLimiter(3);
        let inFlight = 0;
        let peak = 0;
        const task = (ms: number) =>
            limit(async () => {
                peak = Math.max(peak, ++inFlight);
                await new Promise((r) => setTimeout(r, ms));
                inFlight--;
                return ms;
            });
        const first = Array.from({ length: 10 }, (_, i) => task(i % 4));
        await new Promise((r) => setTimeout(r, 1));
        const second = Array.from({ length: 10 }, (_, i) => task(3 - (i % 4)));
        const done = await Promise.all([...first, ...second]);
        assert.strictEqual(done.length, 20);
        assert.strictEqual(peak, 3);
    });

    it('frees the slot of a call that throws', async () => {
        const limit = createLimiter(1);
        await assert.rejects(limit(() => Promise.reject(new Error('boom'))));
        assert.strictEqual(await limit(async () => 'next'), 'next');
    });
});

describe('FreshComputes over Resource Graph answers', () => {
    const wsA = '/subscriptions/a/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/wsA';
    const wsB = '/subscriptions/a/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/wsB';
    const compute = (workspaceId: string, name: string, state = 'Succeeded') =>
        ({ id: `${workspaceId}/computes/${name}`, name, workspaceId, provisioningState: state }) as ComputeInfo;
    const names = (list: ComputeInfo[]) => list.map((c) => `${c.name}:${c.provisioningState}`).sort();

    it('adds a compute the graph has not indexed yet, and removes one ARM says is gone', () => {
        const fresh = new FreshComputes();
        fresh.recordCompute(`${wsA}/computes/new`, compute(wsA, 'new', 'Creating'));
        fresh.recordCompute(`${wsA}/computes/OLD`, undefined);
        assert.deepStrictEqual(names(fresh.apply([compute(wsA, 'old'), compute(wsB, 'other')])), [
            'new:Creating',
            'other:Succeeded',
        ]);
    });

    it("replaces a workspace's graph rows with its ARM list, unless a single read is newer", () => {
        let now = 0;
        const fresh = new FreshComputes(60_000, () => now);
        fresh.recordCompute(`${wsA}/computes/x`, compute(wsA, 'x', 'Updating'));
        now = 1;
        fresh.recordWorkspace(wsA, [compute(wsA, 'x', 'Succeeded'), compute(wsA, 'y')]);
        now = 2;
        fresh.recordCompute(`${wsA}/computes/y`, compute(wsA, 'y', 'Deleting'));
        const graph = [compute(wsA, 'x', 'Creating'), compute(wsA, 'stale'), compute(wsB, 'b')];
        assert.deepStrictEqual(names(fresh.apply(graph)), ['b:Succeeded', 'x:Succeeded', 'y:Deleting']);
    });

    it('forgets ARM answers after the graph has had time to catch up', () => {
        let now = 0;
        const fresh = new FreshComputes(1000, () => now);
        fresh.recordCompute(`${wsA}/computes/gone`, undefined);
        now = 1001;
        assert.deepStrictEqual(names(fresh.apply([compute(wsA, 'gone')])), ['gone:Succeeded']);
    });

    it('by workspace: any case of the id; a new ARM answer or one forgotten shows in the next grouping', () => {
        let now = 0;
        const fresh = new FreshComputes(1000, () => now);
        const graph = [compute(wsA, 'a1'), compute(wsA.toUpperCase(), 'a2'), compute(wsB, 'b1')];
        const first = fresh.applyByWorkspace(graph);
        assert.deepStrictEqual(names(first.get(wsA.toLowerCase()) ?? []), ['a1:Succeeded', 'a2:Succeeded']);
        assert.strictEqual(fresh.applyByWorkspace(graph), first, 'the same graph and answers: grouped once');
        fresh.recordCompute(`${wsB}/computes/b1`, compute(wsB, 'b1', 'Updating'));
        assert.deepStrictEqual(names(fresh.applyByWorkspace(graph).get(wsB.toLowerCase()) ?? []), ['b1:Updating']);
        now = 1001;
        assert.deepStrictEqual(names(fresh.applyByWorkspace(graph).get(wsB.toLowerCase()) ?? []), ['b1:Succeeded']);
        assert.deepStrictEqual(names(fresh.applyByWorkspace([compute(wsB, 'b2')]).get(wsB.toLowerCase()) ?? []), [
            'b2:Succeeded',
        ]);
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
