/**
 * The sign-in's subscription list (`listSubscriptionsOf`, which both sign-in modes use): one Resource Graph request
 * where the graph answers, ARM's list where it does not, or where it shows no subscription row.
 */
import * as assert from 'assert';
import { CredentialSource } from '../../src/auth/credentialSource';
import { InventoryService } from '../../src/azure/inventoryService';
import type { SubscriptionContext } from '../../src/azure/subscriptionContext';
import { describeAzureError } from '../../src/azure/errors';
import { listSubscriptionsOf, type ListedSubscription } from '../../src/azure/subscriptionListing';
import { refuseResourceGraph } from '../emulator/admin';
import { defaultWorld, type RunningEmulator } from '../emulator';
import { clients, collect, credential, emulatorCloud, spObjectId, startTestEmulator, sub1 } from './helpers';

describe('the subscription list of a sign-in', function () {
    this.timeout(30_000);
    let em: RunningEmulator;
    before(async () => {
        em = await startTestEmulator();
    });
    after(async () => em.stop());
    afterEach(() => em.admin.reset());

    const sorted = (subs: readonly ListedSubscription[]) =>
        [...subs].sort((a, b) => a.subscriptionId.localeCompare(b.subscriptionId));

    /** What ARM's own list says, as the sign-in would map it. */
    async function armList(): Promise<ListedSubscription[]> {
        const listed = await collect(clients(em).subscriptions.subscriptions.list());
        return sorted(
            listed.map((s) => ({
                subscriptionId: s.subscriptionId!,
                displayName: s.displayName!,
                tenantId: s.tenantId,
            })),
        );
    }

    /** Reader for the service principal on a resource group (the workspace's), and nothing else added. */
    function readerOnGroupOf(workspaceId: string, name: string): void {
        const group = workspaceId.split('/providers/')[0];
        const subscriptionId = group.split('/')[2];
        em.admin.upsertResource({
            id: `${group}/providers/Microsoft.Authorization/roleAssignments/${name}`,
            name,
            type: 'Microsoft.Authorization/roleAssignments',
            properties: {
                roleDefinitionId: `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${defaultWorld.roles.reader.id}`,
                principalId: spObjectId,
                principalType: 'ServicePrincipal',
                scope: group,
            },
        });
    }

    const armRequests = () => em.admin.requests().filter((r) => r.method === 'GET' && r.path === '/subscriptions');
    const graphRequests = () => em.admin.requests().filter((r) => /Microsoft\.ResourceGraph\/resources$/i.test(r.path));

    it('lists the subscriptions ARM lists, names and tenants alike, in one Resource Graph request', async () => {
        const expected = await armList();
        assert.strictEqual(expected.length, 4);
        em.admin.clearRequests();
        const listed = await listSubscriptionsOf(credential(em), emulatorCloud(em));
        assert.deepStrictEqual(sorted(listed), expected);
        assert.strictEqual(graphRequests().length, 1);
        assert.strictEqual(armRequests().length, 0);
    });

    it('where Resource Graph is absent (a cloud without it), lists through ARM and says why the graph was not used', async () => {
        const expected = await armList();
        refuseResourceGraph(em.admin);
        em.admin.clearRequests();
        const failures: unknown[] = [];
        const listed = await listSubscriptionsOf(credential(em), emulatorCloud(em), (e) => failures.push(e));
        assert.deepStrictEqual(sorted(listed), expected);
        assert.deepStrictEqual(
            failures.map((e) => describeAzureError(e).code),
            ['InvalidResourceNamespace'],
        );
        assert.strictEqual(armRequests().length, 1);
    });

    it('a caller whose only role is on a resource group: the graph shows no subscription row, ARM lists it', async () => {
        const resources = em.admin.state().resources as { id: string; properties?: { principalId?: string } }[];
        for (const assignment of resources.filter((r) => r.properties?.principalId === spObjectId)) {
            em.admin.deleteResource(assignment.id);
        }
        readerOnGroupOf(defaultWorld.workspaces.vision.id, '9d1f0000-0000-4000-8000-0000000000ab');
        em.admin.clearRequests();
        const listed = await listSubscriptionsOf(credential(em), emulatorCloud(em));
        assert.deepStrictEqual(
            listed.map((s) => [s.subscriptionId, s.displayName]),
            [[sub1, 'ML Platform Dev']],
        );
        assert.strictEqual(graphRequests().length, 1);
        assert.strictEqual(armRequests().length, 1);
    });

    it('a subscription where every role is on a resource group, beside others read whole: ARM completes the list', async () => {
        const research = defaultWorld.subscriptions.research.id;
        const resources = em.admin.state().resources as { id: string; properties?: { principalId?: string } }[];
        const onSubscription = resources.filter(
            (r) =>
                r.properties?.principalId === spObjectId &&
                r.id
                    .toLowerCase()
                    .startsWith(`/subscriptions/${research}/providers/microsoft.authorization/roleassignments/`),
        );
        assert.ok(onSubscription.length > 0, 'the service principal has a role on Research Shared itself');
        onSubscription.forEach((r) => em.admin.deleteResource(r.id));
        readerOnGroupOf(defaultWorld.workspaces.research.id, '9d1f0000-0000-4000-8000-0000000000ac');
        const expected = await armList();
        assert.ok(
            expected.some((s) => s.subscriptionId === research),
            'ARM lists Research Shared for the role on its resource group',
        );
        em.admin.clearRequests();
        const listed = await listSubscriptionsOf(credential(em), emulatorCloud(em));
        assert.deepStrictEqual(sorted(listed), expected);
        assert.strictEqual(graphRequests().length, 1);
        assert.strictEqual(armRequests().length, 1);
    });

    it('a sign-in that fails is said once: ARM is not asked after the graph', async () => {
        em.admin.clearRequests();
        const error = await listSubscriptionsOf(credential(em, 'not-the-secret'), emulatorCloud(em)).then(
            () => undefined,
            (e: unknown) => e,
        );
        assert.strictEqual(describeAzureError(error).kind, 'unauthenticated');
        assert.strictEqual(graphRequests().length + armRequests().length, 0);
    });
});

describe('a cold start: the workspaces asked while the subscriptions are listed', function () {
    this.timeout(30_000);
    let em: RunningEmulator;
    const savedEnv = { ...process.env };
    before(async () => {
        em = await startTestEmulator();
        Object.assign(process.env, { AZURE_TENANT_ID: em.tenantId, AZURE_CLIENT_ID: em.clientId });
        process.env.AZURE_CLIENT_SECRET = em.clientSecret;
    });
    after(async () => {
        process.env = savedEnv;
        await em.stop();
    });
    afterEach(() => em.admin.reset());

    /** The inventory wired to a fresh sign-in as the extension wires it (services.ts). */
    function coldStart() {
        const source = new CredentialSource('environment', emulatorCloud(em));
        let listing: Promise<SubscriptionContext[]> | undefined;
        const subscriptions = () => (listing ??= source.listSubscriptions().then((l) => l.subscriptions));
        let listed = false;
        const inventory = new InventoryService(subscriptions, {
            graphScopesBeforeListing: async () => (listed ? undefined : source.graphScopesBeforeListing()),
        });
        return { inventory, subscriptions: () => subscriptions().finally(() => (listed = true)) };
    }

    const graphQueries = () =>
        em.admin
            .requests()
            .filter((r) => /Microsoft\.ResourceGraph\/resources$/i.test(r.path))
            .map((r) => ({ ...r, query: (r.requestBody as { query: string }).query }));

    it('asks the graph for the workspaces beside the subscription list, once, with one token for both', async () => {
        em.admin.setFaults({ rules: [{ name: 'slow', path: '.', latencyMs: 200 }] });
        em.admin.clearRequests();
        const { inventory, subscriptions } = coldStart();
        inventory.listWorkspacesEarly();
        const dev = (await subscriptions()).find((s) => s.subscriptionId === sub1)!;
        const workspaces = await inventory.workspaces(dev);
        assert.deepStrictEqual(
            workspaces.map((w) => w.name),
            ['ws-nlp', 'ws-private', 'ws-vision'],
        );
        const queries = graphQueries();
        assert.deepStrictEqual(
            queries.map((q) => /type =~ '([^']+)'/.exec(q.query)?.[1]).sort(),
            ['microsoft.resources/subscriptions', 'microsoft.machinelearningservices/workspaces'].sort(),
            'one subscription query and one workspace query, none asked again',
        );
        const [first, second] = queries.map((q) => Date.parse(q.time)).sort((a, b) => a - b);
        assert.ok(second - first < 150, `side by side: ${second - first} ms apart at 200 ms a request`);
        const tokens = em.admin.requests().filter((r) => r.path.endsWith('/oauth2/v2.0/token'));
        assert.strictEqual(tokens.length, 1, 'the two clients share one token request');
        assert.ok(
            queries.every((q) => (q.requestBody as { subscriptions?: unknown }).subscriptions === undefined),
            'both over everything the credential can read',
        );
    });

    it('once the subscriptions are listed, nothing is asked early', async () => {
        const { inventory, subscriptions } = coldStart();
        await subscriptions();
        em.admin.clearRequests();
        inventory.listWorkspacesEarly();
        await new Promise((resolve) => setTimeout(resolve, 100));
        assert.strictEqual(graphQueries().length, 0);
    });

    it('an early query that fails is asked again the usual way, which judges it', async () => {
        const listed = await coldStart().subscriptions();
        refuseResourceGraph(em.admin);
        em.admin.clearRequests();
        const early = coldStart();
        early.inventory.listWorkspacesEarly();
        const dev = listed.find((s) => s.subscriptionId === sub1)!;
        const workspaces = await early.inventory.workspaces(dev);
        assert.deepStrictEqual(
            workspaces.map((w) => w.name),
            ['ws-nlp', 'ws-private', 'ws-vision'],
        );
        assert.strictEqual(early.inventory.listingSource, 'resourceManager');
    });
});
