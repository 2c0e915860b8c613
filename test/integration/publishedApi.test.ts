import * as assert from 'assert';
import { ResourceManagementClient } from '@azure/arm-resources';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import type { RunningEmulator } from '../emulator/server';
import { clients, collect, credential, raw, startTestEmulator, sub1, tenantId } from './helpers';

/**
 * Makes a generated client send another api-version, as a client generated from another spec version does (the
 * clients' own api-version is a constant of their spec), by rewriting the query in the client's own pipeline.
 */
function pinned<T extends { pipeline: { addPolicy(policy: PipelinePolicy): void } }>(client: T, apiVersion: string): T {
    client.pipeline.addPolicy({
        name: `api-version ${apiVersion}`,
        sendRequest: (request, next) => {
            const url = new URL(request.url);
            if (url.searchParams.has('api-version')) {
                url.searchParams.set('api-version', apiVersion);
                request.url = url.toString();
            }
            return next(request);
        },
    });
    return client;
}

async function token(em: RunningEmulator): Promise<string> {
    return (await credential(em).getToken(em.scope)).token;
}

describe('the emulator speaks the published ARM API to any client', () => {
    let em: RunningEmulator;
    before(async () => {
        em = await startTestEmulator();
    });
    after(async () => em.stop());
    afterEach(() => em.admin.reset());

    it('serves the api-versions other clients send (stable and preview), through the real SDK clients', async () => {
        const c = clients(em);
        const ml = pinned(c.ml, '2022-10-01-preview');
        const workspaces = await collect(ml.workspaces.listBySubscription());
        assert.ok(
            workspaces.some((w) => w.name === 'ws-nlp'),
            'workspaces at 2022-10-01-preview',
        );
        const computes = await collect(ml.computeOperations.list('rg-ml-dev', 'ws-nlp'));
        assert.ok(computes.length > 0, 'computes at 2022-10-01-preview');
        const subs = await collect(pinned(c.subscriptions, '2019-11-01').subscriptions.list());
        assert.ok(
            subs.some((s) => s.subscriptionId === sub1),
            'subscriptions at 2019-11-01',
        );
        const clusters = await collect(pinned(c.aks, '2022-11-01').managedClusters.list());
        assert.ok(clusters.length > 0, 'managed clusters at 2022-11-01');
        const identities = await collect(
            pinned(c.msi, '2022-01-31-preview').userAssignedIdentities.listBySubscription(),
        );
        assert.ok(identities.length > 0, 'user-assigned identities at 2022-01-31-preview');
        const groups = await collect(
            pinned(
                new ResourceManagementClient(credential(em), sub1, sdkOptions(em)),
                '2022-09-01',
            ).resourceGroups.list(),
        );
        assert.ok(
            groups.some((g) => g.name === 'rg-ml-dev'),
            'resource groups at 2022-09-01',
        );
    });

    it('answers ARM 400 with the supported list to an unpublished api-version, per spec file', async () => {
        const c = clients(em);
        await assert.rejects(
            collect(pinned(c.ml, '2022-10-02').workspaces.listBySubscription()),
            (e: Error & { code?: string }) => {
                assert.strictEqual(e.code, 'NoRegisteredProviderFound');
                assert.match(e.message, /for type 'workspaces'.*2022-10-01-preview.*The supported locations are/);
                return true;
            },
        );
        // Resource groups follow the resources spec, not the subscriptions one: 2019-11-01 is a subscriptions version.
        const t = await token(em);
        const groups = await raw(em, 'GET', `/subscriptions/${sub1}/resourcegroups?api-version=2019-11-01`, {
            token: t,
        });
        assert.strictEqual(groups.status, 400);
        assert.strictEqual(groups.body.error.code, 'InvalidApiVersionParameter');
        assert.match(groups.body.error.message, /The supported versions are '.*2022-09-01/);
    });

    it("lists a subscription's resources filtered by type, through @azure/arm-resources, page by page", async () => {
        em.admin.setOptions({ pageSize: 1 });
        const resources = new ResourceManagementClient(credential(em), sub1, sdkOptions(em));
        const filter = "resourceType eq 'Microsoft.ContainerService/managedClusters'";
        const listed = await collect(resources.resources.list({ filter }));
        const aks = await collect(clients(em).aks.managedClusters.list());
        assert.deepStrictEqual(listed.map((r) => r.name).sort(), aks.map((r) => r.name ?? '').sort());
        assert.ok(listed.length > 1, 'more than one page was followed');
        const inGroup = await collect(resources.resources.listByResourceGroup('rg-ml-dev'));
        assert.ok(inGroup.some((r) => r.type === 'Microsoft.MachineLearningServices/workspaces'));
        assert.ok(inGroup.every((r) => r.id?.toLowerCase().includes('/resourcegroups/rg-ml-dev/')));
    });

    it("serves the cloud metadata without a token, in each version's shape", async () => {
        const latest = await raw(em, 'GET', '/metadata/endpoints?api-version=2022-09-01');
        assert.strictEqual(latest.status, 200);
        assert.ok(Array.isArray(latest.body));
        const cloud = latest.body[0];
        assert.strictEqual(cloud.resourceManager, `${em.url}/`);
        assert.strictEqual(cloud.authentication.loginEndpoint, em.url);
        assert.strictEqual(cloud.authentication.audiences[0], `${em.url}/`);
        assert.strictEqual(cloud.portal, `${em.url}/portal`);
        const single = await raw(em, 'GET', '/metadata/endpoints?api-version=2019-05-01');
        assert.strictEqual(single.body.resourceManager, `${em.url}/`);
        const legacy = await raw(em, 'GET', '/metadata/endpoints?api-version=2015-01-01');
        assert.strictEqual(legacy.body.portalEndpoint, `${em.url}/portal`);
        assert.strictEqual((await raw(em, 'GET', '/metadata/endpoints?api-version=2021-01-01')).status, 400);
        // The login endpoint it names is the emulator's Entra: a token comes from `<loginEndpoint>/<tenant>`.
        const tokenResponse = await raw(
            em,
            'POST',
            `${new URL(cloud.authentication.loginEndpoint).pathname.replace(/\/$/, '')}/${tenantId}/oauth2/v2.0/token`,
            {
                form: {
                    grant_type: 'client_credentials',
                    client_id: em.clientId,
                    client_secret: em.clientSecret,
                    scope: `${cloud.authentication.audiences[0]}.default`,
                },
            },
        );
        assert.strictEqual(tokenResponse.status, 200, tokenResponse.text);
    });

    it('throttles as ARM does: served once Retry-After has passed; remaining-request headers on reads and writes', async () => {
        const t = await token(em);
        const path = `/subscriptions/${sub1}/providers/Microsoft.MachineLearningServices/workspaces?api-version=2022-10-01`;
        const ok = await raw(em, 'GET', path, { token: t });
        const before = Number(ok.headers['x-ms-ratelimit-remaining-subscription-reads']);
        assert.ok(before > 0 && before < 12000, `reads remaining: ${before}`);
        const again = await raw(em, 'GET', path, { token: t });
        assert.strictEqual(Number(again.headers['x-ms-ratelimit-remaining-subscription-reads']), before - 1);
        const write = await raw(
            em,
            'DELETE',
            `/subscriptions/${sub1}/resourceGroups/rg-ml-dev/providers/Microsoft.MachineLearningServices/workspaces/ws-nlp/computes/nothing-here?api-version=2022-10-01&underlyingResourceAction=Detach`,
            { token: t },
        );
        assert.ok(
            Number(write.headers['x-ms-ratelimit-remaining-subscription-writes']) > 0,
            JSON.stringify(write.headers),
        );
        const tenantRead = await raw(em, 'GET', '/subscriptions?api-version=2022-12-01', { token: t });
        assert.ok(Number(tenantRead.headers['x-ms-ratelimit-remaining-tenant-reads']) > 0);

        em.admin.setFaults({ rules: [{ path: '/workspaces$', status: 429, retryAfterSeconds: 1 }] });
        const throttled = await raw(em, 'GET', path, { token: t });
        assert.strictEqual(throttled.status, 429);
        assert.strictEqual(throttled.headers['retry-after'], '1');
        assert.strictEqual(throttled.headers['x-ms-ratelimit-remaining-subscription-reads'], '0');
        assert.strictEqual((await raw(em, 'GET', path, { token: t })).status, 429, 'too early: still throttled');
        await new Promise((r) => setTimeout(r, 1100));
        const served = await raw(em, 'GET', path, { token: t });
        assert.strictEqual(served.status, 200, 'a retry after Retry-After is served');
        // The SDK's own retry policy waits out Retry-After and gets through.
        const list = await collect(clients(em).ml.workspaces.listBySubscription());
        assert.ok(list.length > 0);
    });
});

function sdkOptions(em: RunningEmulator) {
    return { endpoint: em.url, credentialScopes: [em.scope], retryOptions: { maxRetries: 3, retryDelayInMs: 50 } };
}
