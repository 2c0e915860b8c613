import * as assert from 'assert';
import type { RunningEmulator } from '../emulator/server';
import { clients, startTestEmulator, sub1, sub2, sub3, sub4 } from './helpers';

const clusterQuery =
    "Resources | where type =~ 'microsoft.containerservice/managedclusters' or type =~ 'microsoft.kubernetes/connectedclusters' | project id, name, type, location, subscriptionId, resourceGroup, properties";

describe('Azure Resource Graph', () => {
    let em: RunningEmulator;
    before(async () => {
        em = await startTestEmulator();
        em.admin.setFaults({});
    });
    after(async () => em.stop());

    it('queries clusters across subscriptions in one call', async () => {
        const result = await clients(em).graph.resources({
            subscriptions: [sub1, sub2, sub3, sub4],
            query: clusterQuery,
            options: { resultFormat: 'objectArray' },
        });
        const rows = result.data as {
            name: string;
            type: string;
            subscriptionId: string;
            properties: { kubernetesVersion?: string };
        }[];
        assert.deepStrictEqual(rows.map((r) => r.name).sort(), [
            'aks-cpu-noext',
            'aks-gpu-dev',
            'aks-local-off',
            'aks-research',
            'aks-sp-legacy',
            'arc-edge-lab',
            'arc-onprem-01',
        ]);
        assert.strictEqual(result.totalRecords, 7);
        assert.strictEqual(result.count, 7);
        assert.strictEqual(result.resultTruncated, 'false');
        assert.ok(rows.every((r) => r.type === r.type.toLowerCase()));
        assert.strictEqual(rows.find((r) => r.name === 'arc-onprem-01')?.properties.kubernetesVersion, '1.30.4');
    });

    it('supports `type in~ (...)` and pages with $top / $skipToken', async () => {
        const graph = clients(em).graph;
        const query =
            "Resources | where type in~ ('Microsoft.MachineLearningServices/workspaces', 'microsoft.managedidentity/userassignedidentities') | project id, name, type";
        const first = await graph.resources({ subscriptions: [sub1, sub2, sub4], query, options: { top: 3 } });
        assert.strictEqual(first.count, 3);
        assert.strictEqual(first.totalRecords, 8);
        assert.ok(first.skipToken);
        const second = await graph.resources({
            subscriptions: [sub1, sub2, sub4],
            query,
            options: { top: 3, skipToken: first.skipToken },
        });
        const third = await graph.resources({
            subscriptions: [sub1, sub2, sub4],
            query,
            options: { top: 3, skipToken: second.skipToken },
        });
        assert.strictEqual(third.skipToken, undefined);
        const names = [
            ...(first.data as { name: string }[]),
            ...(second.data as { name: string }[]),
            ...(third.data as { name: string }[]),
        ].map((r) => r.name);
        assert.deepStrictEqual(names.sort(), [
            'id-prod-training',
            'id-training',
            'id-ws-nlp',
            'ws-forecast',
            'ws-nlp',
            'ws-private',
            'ws-research',
            'ws-vision',
        ]);
    });

    it('returns only rows the caller may read (sub 3 stays empty even with resources in it)', async () => {
        em.admin.upsertResource({
            id: `/subscriptions/${sub3}/resourceGroups/rg-finance/providers/Microsoft.ContainerService/managedClusters/aks-finance`,
            location: 'eastus',
            properties: { kubernetesVersion: '1.31.1', provisioningState: 'Succeeded' },
        });
        const result = await clients(em).graph.resources({ subscriptions: [sub3], query: clusterQuery });
        assert.strictEqual(result.totalRecords, 0);
        await assert.rejects(
            collectFirst(clients(em, sub3).aks.managedClusters.list()),
            (e: { statusCode?: number; code?: string }) => e.statusCode === 403 && e.code === 'AuthorizationFailed',
        );
    });

    it('supports `union (subquery)` and `distinct`, with at most 3 union legs', async () => {
        const graph = clients(em).graph;
        const result = await graph.resources({
            subscriptions: [sub1, sub2, sub3, sub4],
            query:
                "ResourceContainers | where type =~ 'microsoft.resources/subscriptions' | project id, subscriptionId " +
                "| union (Resources | where type =~ 'microsoft.containerservice/managedclusters' | distinct subscriptionId " +
                '| project id = subscriptionId, subscriptionId) | order by id asc',
            options: { resultFormat: 'objectArray' },
        });
        const rows = result.data as { id: string; subscriptionId: string }[];
        const subscriptionRows = rows.filter((r) => r.id.startsWith('/subscriptions/'));
        const clusterSubscriptions = rows.filter((r) => !r.id.startsWith('/subscriptions/'));
        assert.ok(subscriptionRows.length >= 3, JSON.stringify(rows));
        assert.ok(
            clusterSubscriptions.length > 0 &&
                new Set(clusterSubscriptions.map((r) => r.subscriptionId)).size === clusterSubscriptions.length,
            `each subscription holding an AKS cluster once: ${JSON.stringify(clusterSubscriptions)}`,
        );
        const legs = Array.from({ length: 4 }, () => '(Resources | take 1)').join(', ');
        await assert.rejects(
            graph.resources({ subscriptions: [sub1], query: `Resources | take 1 | union ${legs}` }),
            (e: { statusCode?: number }) => e.statusCode === 400,
        );
    });

    it('answers 400 InvalidQuery for what it cannot parse', async () => {
        await assert.rejects(
            clients(em).graph.resources({ subscriptions: [sub1], query: 'Resources | summarize count() by type' }),
            (e: { statusCode?: number }) => e.statusCode === 400,
        );
    });

    it('can be made unavailable with a fault rule (for fallback tests)', async () => {
        em.admin.setFaults({
            rules: [
                {
                    name: 'graph-down',
                    path: '^/providers/Microsoft.ResourceGraph/',
                    status: 403,
                    code: 'Forbidden',
                    message: 'Resource Graph is not available.',
                },
            ],
        });
        try {
            await assert.rejects(
                clients(em).graph.resources({ subscriptions: [sub1], query: clusterQuery }),
                (e: { statusCode?: number }) => e.statusCode === 403,
            );
        } finally {
            em.admin.setFaults({});
        }
    });

    it("resourceGraph: 'absent' answers like a cloud without the provider, 'forbidden' with 403 AuthorizationFailed", async () => {
        const graph = clients(em).graph;
        try {
            em.admin.setOptions({ resourceGraph: 'absent' });
            await assert.rejects(
                graph.resources({ subscriptions: [sub1], query: clusterQuery }),
                (e: { statusCode?: number; code?: string; message?: string }) =>
                    e.statusCode === 404 &&
                    e.code === 'InvalidResourceNamespace' &&
                    e.message === "The resource namespace 'Microsoft.ResourceGraph' is invalid.",
            );
            em.admin.setOptions({ resourceGraph: 'forbidden' });
            await assert.rejects(
                graph.resources({ subscriptions: [sub1], query: clusterQuery }),
                (e: { statusCode?: number; code?: string; message?: string }) =>
                    e.statusCode === 403 &&
                    e.code === 'AuthorizationFailed' &&
                    !!e.message?.includes("'Microsoft.ResourceGraph/resources/read'"),
            );
            assert.throws(() => em.admin.setOptions({ resourceGraph: 'sometimes' as 'absent' }), /resourceGraph/);
        } finally {
            em.admin.setOptions({ resourceGraph: 'available' });
        }
        assert.strictEqual((await graph.resources({ subscriptions: [sub1], query: clusterQuery })).totalRecords, 5);
    });
});

async function collectFirst<T>(iterable: AsyncIterable<T>): Promise<T | undefined> {
    for await (const item of iterable) {
        return item;
    }
    return undefined;
}
