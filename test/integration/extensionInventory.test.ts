/**
 * The extension's own Azure layer (sign-in through the environment, subscription listing, the shared inventory)
 * against the emulator, through the real SDK clients exactly as the views use it.
 */
import * as assert from 'assert';
import { CredentialSource } from '../../src/auth/credentialSource';
import { setRequestTimeoutMs } from '../../src/azure/clients';
import { describeAzureError } from '../../src/azure/errors';
import { InventoryService } from '../../src/azure/inventoryService';
import type { SubscriptionContext } from '../../src/azure/subscriptionContext';
import { targetOf } from '../../src/follow/target';
import { refuseResourceGraph } from '../emulator/admin';
import type { RunningEmulator } from '../emulator/server';
import { ids, startTestEmulator, sub1, sub2, sub3, sub4, emulatorCloud } from './helpers';

describe('extension inventory against the emulator', function () {
    this.timeout(30_000);
    let em: RunningEmulator;
    let subscriptions: SubscriptionContext[];
    const savedEnv = { ...process.env };

    function signInWithEnvironment(secret: string) {
        Object.assign(process.env, {
            AZURE_TENANT_ID: em.tenantId,
            AZURE_CLIENT_ID: em.clientId,
            AZURE_CLIENT_SECRET: secret,
        });
        return new CredentialSource('environment', emulatorCloud(em));
    }

    function subscription(id: string): SubscriptionContext {
        const found = subscriptions.find((s) => s.subscriptionId === id);
        assert.ok(found, `subscription ${id} listed`);
        return found;
    }

    before(async () => {
        em = await startTestEmulator();
        ({ subscriptions } = await signInWithEnvironment(em.clientSecret).listSubscriptions());
    });

    after(async () => {
        process.env = savedEnv;
        await em?.stop();
    });

    it('signs in with the service principal from the environment in the custom cloud and lists its subscriptions', () => {
        assert.deepStrictEqual(
            subscriptions.map((s) => s.name),
            ['Finance Sandbox', 'ML Platform Dev', 'ML Platform Prod', 'Research Shared'],
        );
        assert.ok(subscriptions.every((s) => s.tenantId === em.tenantId));
    });

    it('reports a wrong secret as a sign-in failure', async () => {
        const source = signInWithEnvironment('not-the-secret');
        const error = await source.listSubscriptions().then(
            () => undefined,
            (e: unknown) => e,
        );
        assert.strictEqual(describeAzureError(error).kind, 'unauthenticated');
    });

    it('lists workspaces and only their Kubernetes computes, with state, namespace, cluster and errors', async () => {
        const inventory = new InventoryService(async () => subscriptions);
        const workspaces = await inventory.workspaces(subscription(sub1));
        assert.deepStrictEqual(
            workspaces.map((w) => w.name),
            ['ws-nlp', 'ws-private', 'ws-vision'],
        );
        const vision = workspaces.find((w) => w.name === 'ws-vision')!;
        const computes = await inventory.computes(subscription(sub1), vision);
        assert.deepStrictEqual(
            computes.map((c) => [c.name, c.provisioningState, c.namespace, c.identity.type]),
            [
                ['k8s-cpu', 'Failed', 'default', 'None'],
                ['k8s-gpu', 'Succeeded', 'vision', 'SystemAssigned'],
            ],
        );
        assert.strictEqual(computes[0].clusterId?.toLowerCase(), ids.aksCpuNoExt.toLowerCase());
        assert.match(computes[0].provisioningErrors[0]?.message ?? '', /extension/i);
    });

    it('lists AKS and Arc clusters with the AzureML extension state', async () => {
        const inventory = new InventoryService(async () => subscriptions);
        const clusters = await inventory.clusters(subscription(sub1));
        assert.deepStrictEqual(
            clusters.map((c) => [c.name, c.kind, c.azureMlExtension.status]),
            [
                ['aks-cpu-noext', 'aks', 'notInstalled'],
                ['aks-gpu-dev', 'aks', 'installed'],
                ['aks-local-off', 'aks', 'installed'],
                ['aks-sp-legacy', 'aks', 'installed'],
                ['arc-edge-lab', 'arc', 'notReady'],
            ],
        );
        const [arc] = await inventory.clusters(subscription(sub2));
        assert.deepStrictEqual([arc.name, arc.distribution, arc.kubernetesVersion], ['arc-onprem-01', 'k3s', '1.30.4']);
    });

    it('loads workspaces, clusters and their AzureML extensions of every subscription in one Resource Graph round trip', async () => {
        const inventory = new InventoryService(async () => subscriptions);
        em.admin.clearRequests();
        const settle = <T>(p: Promise<T>) =>
            p.then(
                (value) => ({ value }),
                (error: unknown) => ({ error: describeAzureError(error).kind }),
            );
        const [workspaces, clusters] = await Promise.all([
            Promise.all(subscriptions.map((s) => settle(inventory.workspaces(s)))),
            Promise.all(subscriptions.map((s) => settle(inventory.clusters(s)))),
        ]);
        assert.deepStrictEqual(
            workspaces.map((r) => ('value' in r ? r.value.map((w) => w.name) : r.error)),
            ['forbidden', ['ws-nlp', 'ws-private', 'ws-vision'], ['ws-forecast'], ['ws-research']],
            'Finance Sandbox: the graph leaves out what the caller may not read, so ARM is asked, and refuses',
        );
        assert.strictEqual((clusters[0] as { error?: string }).error, 'forbidden', 'Finance Sandbox clusters too');
        assert.deepStrictEqual(
            (clusters[2] as { value: { name: string; azureMlExtension: { status: string } }[] }).value.map((c) => [
                c.name,
                c.azureMlExtension.status,
            ]),
            [['arc-onprem-01', 'installed']],
        );
        assert.strictEqual(inventory.listingSource, 'resourceGraph');
        const requests = em.admin.requests().map((r) => `${r.method} ${r.path}`);
        assert.deepStrictEqual(
            requests.filter((r) => r.startsWith('POST')),
            Array(3).fill('POST /providers/Microsoft.ResourceGraph/resources'),
            'one query each for workspaces, clusters and extensions',
        );
        assert.ok(
            requests.filter((r) => r.startsWith('GET')).every((r) => r.startsWith(`GET /subscriptions/${sub3}/`)),
            `ARM is asked only about the subscription the graph found empty: ${JSON.stringify(requests)}`,
        );
    });

    it('finds every attachment of a cluster across workspaces and subscriptions with one Resource Graph query', async () => {
        const inventory = new InventoryService(async () => subscriptions);
        em.admin.clearRequests();
        const index = await inventory.attachments();
        const onprem = index.byCluster.get(ids.arcOnprem.toLowerCase())?.map((c) => `${c.workspaceName}/${c.name}`);
        assert.deepStrictEqual(onprem, ['ws-forecast/arc-forecast', 'ws-nlp/arc-nlp']);
        assert.deepStrictEqual(index.unreadable, []);
        assert.deepStrictEqual(
            em.admin.requests().map((r) => `${r.method} ${r.path}`),
            ['POST /providers/Microsoft.ResourceGraph/resources'],
        );
        const again = await inventory.attachments();
        assert.strictEqual(em.admin.requests().length, 1, 'the second call is answered from the cache');
        assert.strictEqual(again, index, 'and the index is not built again while nothing changed');
    });

    it('follows a changing compute with one GET, without asking Resource Graph again', async () => {
        const inventory = new InventoryService(async () => subscriptions);
        const before = await inventory.attachments();
        const forecast = before.byCluster.get(ids.arcOnprem.toLowerCase())?.find((c) => c.name === 'arc-forecast');
        assert.ok(forecast);
        em.admin.deleteResource(forecast.id);
        em.admin.clearRequests();
        // What the follow loop does with a changing compute a view shows: one GET, through the inventory.
        const target = targetOf(subscription(forecast.subscriptionId), forecast);
        await inventory.computeNow(target.subscription, target.workspace, target.name);
        const after = await inventory.attachments();
        assert.deepStrictEqual(
            after.byCluster.get(ids.arcOnprem.toLowerCase())?.map((c) => c.name),
            ['arc-nlp'],
            'the compute ARM says is gone is gone from the index',
        );
        assert.deepStrictEqual(
            em.admin.requests().map((r) => `${r.method} ${r.path.split('/').slice(-2).join('/')} ${r.status}`),
            ['GET computes/arc-forecast 404'],
        );
        em.admin.reset();
    });

    it("a workspace's computes come from the one graph answer of every Kubernetes compute: ARM's list, instance types included", async () => {
        const dev = subscription(sub1);
        const viaGraph = new InventoryService(async () => subscriptions);
        const [nlp, isolated, vision] = await viaGraph.workspaces(dev);
        em.admin.clearRequests();
        const fromGraph = await Promise.all([nlp, isolated, vision].map((w) => viaGraph.computes(dev, w)));
        const requests = em.admin.requests();
        assert.strictEqual(requests.filter((r) => /\/computes$/i.test(r.path)).length, 0, 'no ARM compute list');
        assert.strictEqual(requests.filter((r) => /Microsoft\.ResourceGraph/i.test(r.path)).length, 1, 'one query');

        const viaArm = new InventoryService(async () => subscriptions);
        refuseResourceGraph(em.admin);
        try {
            const fromArm = await Promise.all([nlp, isolated, vision].map((w) => viaArm.computes(dev, w)));
            const shape = (lists: typeof fromArm) =>
                lists.map((list) =>
                    list
                        .map(
                            (c) =>
                                `${c.name} ${c.provisioningState} ${c.namespace} ${c.defaultInstanceType ?? '-'} ${(c.instanceTypes ?? []).map((t) => t.name).join(',')}`,
                        )
                        .sort(),
                );
            assert.deepStrictEqual(shape(fromGraph), shape(fromArm));
            const gpu = fromGraph[2].find((c) => c.name === 'k8s-gpu');
            assert.ok(
                gpu?.instanceTypes?.some((t) => t.name === 'gpu-small'),
                'the graph carries the instance types',
            );
        } finally {
            em.admin.reset();
        }
    });

    it('a refresh says what to read again: a workspace its computes, through ARM; a cluster its subscription and the graph of computes', async () => {
        const inventory = new InventoryService(async () => subscriptions);
        const dev = subscription(sub1);
        const [nlp, isolated, vision] = await inventory.workspaces(dev);
        const load = () =>
            Promise.all([
                inventory.computes(dev, nlp),
                inventory.computes(dev, isolated),
                inventory.computes(dev, vision),
                inventory.clusters(dev),
                inventory.attachments(),
            ]);
        /** The compute lists read (by workspace) and the Resource Graph queries sent since the last call. */
        const read = () => {
            const requests = em.admin.requests();
            em.admin.clearRequests();
            return {
                computeLists: requests
                    .filter((r) => r.method === 'GET' && /\/computes$/i.test(r.path))
                    .map((r) => r.path.split('/').at(-2))
                    .sort(),
                graphQueries: requests.filter((r) => /Microsoft\.ResourceGraph/i.test(r.path)).length,
            };
        };
        await load();
        read();
        await load();
        assert.deepStrictEqual(read(), { computeLists: [], graphQueries: 0 }, 'all from the cache');

        inventory.invalidateComputes(vision.id);
        await load();
        assert.deepStrictEqual(read(), { computeLists: ['ws-vision'], graphQueries: 1 }, 'and the attachment index');

        inventory.invalidateClusters(sub1);
        await load();
        const again = read();
        assert.deepStrictEqual(again.computeLists, [], 'every compute list from the one new graph answer');
        assert.strictEqual(
            again.graphQueries,
            3,
            'the clusters, their AzureML extensions and every Kubernetes compute',
        );
    });

    it('stops loading when the picker that asked is closed, while a view waiting on the same load still gets it', async () => {
        em.admin.setFaults({ rules: [{ name: 'slow-graph', path: 'Microsoft\\.ResourceGraph', latencyMs: 400 }] });
        const inventory = new InventoryService(async () => subscriptions);
        const picker = new AbortController();
        em.admin.clearRequests();
        const fromPicker = inventory.workspaces(subscription(sub1), picker.signal);
        const fromView = inventory.workspaces(subscription(sub1));
        setTimeout(() => picker.abort(), 100);
        await assert.rejects(fromPicker, (e: unknown) => describeAzureError(e).kind === 'cancelled');
        assert.deepStrictEqual(
            (await fromView).map((w) => w.name),
            ['ws-nlp', 'ws-private', 'ws-vision'],
        );
        const graphQueries = em.admin.requests().filter((r) => r.path.includes('ResourceGraph'));
        assert.strictEqual(graphQueries.length, 2, 'the view asked again after the picker gave up');
        em.admin.reset();
    });

    describe('when Resource Graph is refused', () => {
        const refused: string[] = [];
        const inventory = (only: string[]) =>
            new InventoryService(async () => subscriptions.filter((s) => only.includes(s.subscriptionId)), {
                onResourceGraphFailure: (e) => refused.push(describeAzureError(e).code ?? ''),
            });
        beforeEach(() => {
            refused.length = 0;
            em.admin.reset();
            refuseResourceGraph(em.admin);
        });
        after(() => em.admin.reset());

        it('falls back to listing each workspace once, and says which subscription it could not read', async () => {
            const service = inventory([sub1, sub2, sub3]);
            em.admin.clearRequests();
            const vision = (await service.workspaces(subscription(sub1))).find((w) => w.name === 'ws-vision')!;
            await service.computes(subscription(sub1), vision); // the Workspaces view got there first
            const index = await service.attachments();
            const onprem = index.byCluster.get(ids.arcOnprem.toLowerCase())?.map((c) => `${c.workspaceName}/${c.name}`);
            assert.deepStrictEqual(onprem, ['ws-forecast/arc-forecast', 'ws-nlp/arc-nlp']);
            assert.deepStrictEqual(index.unreadable, ['Finance Sandbox']);
            const computeLists = em.admin.requests().filter((r) => r.method === 'GET' && /\/computes$/.test(r.path));
            const perWorkspace = new Map<string, number>();
            computeLists.forEach((r) =>
                perWorkspace.set(r.path.toLowerCase(), (perWorkspace.get(r.path.toLowerCase()) ?? 0) + 1),
            );
            assert.deepStrictEqual([...perWorkspace.values()], [1, 1, 1, 1], 'one list request per workspace');
            assert.deepStrictEqual(refused, ['InvalidResourceNamespace'], 'refused once, then not asked again');
        });

        it('sends none of the queued listings of a picker closed before they start', async () => {
            const service = inventory([sub1, sub2, sub3, sub4]);
            const picker = new AbortController();
            picker.abort();
            em.admin.clearRequests();
            await assert.rejects(
                service.workspaces(subscription(sub1), picker.signal),
                (e: unknown) => describeAzureError(e).kind === 'cancelled',
            );
            assert.deepStrictEqual(
                em.admin.requests().filter((r) => r.path.endsWith('/workspaces')),
                [],
            );
        });

        it('keeps a forbidden subscription from blanking the others', async () => {
            const service = inventory([sub2, sub3]);
            const results = await Promise.allSettled([
                service.workspaces(subscription(sub3)),
                service.workspaces(subscription(sub2)),
            ]);
            assert.strictEqual(results[0].status, 'rejected');
            assert.strictEqual(
                describeAzureError((results[0] as PromiseRejectedResult).reason).code,
                'AuthorizationFailed',
            );
            assert.strictEqual(results[1].status, 'fulfilled');
        });

        it('a subscription that never answers fails on its own with a timeout, and the others load', async function () {
            this.timeout(60_000);
            setRequestTimeoutMs(400);
            try {
                const faults = em.admin.getFaults();
                em.admin.setFaults({
                    rules: [
                        ...faults.rules.map(({ matched: _m, applied: _a, ...rule }) => rule),
                        {
                            name: 'prod-hangs',
                            path: `^/subscriptions/${sub2}/providers/Microsoft.MachineLearningServices/workspaces$`,
                            latencyMs: 5000,
                        },
                    ],
                });
                const service = inventory([sub1, sub2]);
                const [dev, prod] = await Promise.allSettled([
                    service.workspaces(subscription(sub1)),
                    service.workspaces(subscription(sub2)),
                ]);
                assert.strictEqual(dev.status, 'fulfilled');
                assert.strictEqual(prod.status, 'rejected');
                const info = describeAzureError((prod as PromiseRejectedResult).reason);
                assert.deepStrictEqual([info.kind, info.code], ['network', 'ETIMEDOUT']);
                assert.match(info.message, /did not answer within/);
                const attempts = em.admin.requests().filter((r) => r.path.startsWith(`/subscriptions/${sub2}/`)).length;
                assert.ok(attempts <= 4, `${attempts} attempts: the first and the SDK's three retries at most`);
            } finally {
                setRequestTimeoutMs(30_000);
            }
        });

        it('recovers a throttled subscription on retry', async function () {
            this.timeout(60_000);
            // reset() restored the fixture's throttling of Research Shared
            const service = inventory([sub4]);
            const first = await service.workspaces(subscription(sub4)).then(
                () => 'loaded',
                (e: unknown) => describeAzureError(e).kind,
            );
            const second = await service.workspaces(subscription(sub4));
            assert.strictEqual(first, 'throttled', 'the SDK retried, then gave up with the throttling error');
            assert.deepStrictEqual(
                second.map((w) => w.name),
                ['ws-research'],
            );
            const throttled = em.admin.requests().filter((r) => r.status === 429).length;
            assert.strictEqual(throttled, 4);
        });
    });
});
