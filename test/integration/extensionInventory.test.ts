/**
 * The extension's own Azure layer (sign-in through the environment, subscription listing, the shared inventory)
 * against the emulator, through the real SDK clients exactly as the views use it.
 */
import * as assert from 'assert';
import { CredentialSource } from '../../src/auth/credentialSource';
import { describeAzureError } from '../../src/azure/errors';
import { InventoryService } from '../../src/azure/inventoryService';
import type { SubscriptionContext } from '../../src/azure/subscriptionContext';
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
        subscriptions = await signInWithEnvironment(em.clientSecret).listSubscriptions();
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
            ['ws-nlp', 'ws-vision'],
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
                ['arc-edge-lab', 'arc', 'notReady'],
            ],
        );
        const [arc] = await inventory.clusters(subscription(sub2));
        assert.deepStrictEqual([arc.name, arc.distribution, arc.kubernetesVersion], ['arc-onprem-01', 'k3s', '1.30.4']);
    });

    it('finds every attachment of a cluster across workspaces and subscriptions, reading each compute list once', async () => {
        const inventory = new InventoryService(async () => subscriptions.filter((s) => s.subscriptionId !== sub4));
        em.admin.clearRequests();
        const vision = (await inventory.workspaces(subscription(sub1))).find((w) => w.name === 'ws-vision')!;
        await inventory.computes(subscription(sub1), vision); // the Workspaces view got there first
        const index = await inventory.attachments();
        const onprem = index.byCluster.get(ids.arcOnprem.toLowerCase())?.map((c) => `${c.workspaceName}/${c.name}`);
        assert.deepStrictEqual(onprem, ['ws-forecast/arc-forecast', 'ws-nlp/arc-nlp']);
        assert.deepStrictEqual(index.unreadable, ['Finance Sandbox']);
        const computeLists = em.admin.requests().filter((r) => r.method === 'GET' && /\/computes$/.test(r.path));
        const perWorkspace = new Map<string, number>();
        computeLists.forEach((r) =>
            perWorkspace.set(r.path.toLowerCase(), (perWorkspace.get(r.path.toLowerCase()) ?? 0) + 1),
        );
        assert.deepStrictEqual([...perWorkspace.values()], [1, 1, 1], 'one list request per workspace');
    });

    it('keeps a forbidden subscription from blanking the others', async () => {
        const inventory = new InventoryService(async () => subscriptions);
        const results = await Promise.allSettled([
            inventory.workspaces(subscription(sub3)),
            inventory.workspaces(subscription(sub2)),
        ]);
        assert.strictEqual(results[0].status, 'rejected');
        assert.strictEqual(
            describeAzureError((results[0] as PromiseRejectedResult).reason).code,
            'AuthorizationFailed',
        );
        assert.strictEqual(results[1].status, 'fulfilled');
    });

    it('recovers a throttled subscription on retry', async function () {
        this.timeout(60_000);
        em.admin.reset(); // restores the fixture's throttling of Research Shared
        const inventory = new InventoryService(async () => subscriptions);
        const first = await inventory.workspaces(subscription(sub4)).then(
            () => 'loaded',
            (e: unknown) => describeAzureError(e).kind,
        );
        const second = await inventory.workspaces(subscription(sub4));
        assert.strictEqual(first, 'throttled', 'the SDK retried, then gave up with the throttling error');
        assert.deepStrictEqual(
            second.map((w) => w.name),
            ['ws-research'],
        );
        const throttled = em.admin.requests().filter((r) => r.status === 429).length;
        assert.strictEqual(throttled, 4);
    });
});
