import * as assert from 'assert';
import * as fs from 'fs';
import { attachCompute } from '../../src/azure/computeOperations';
import { updateComputeIdentity } from '../../src/azure/identityUpdate';
import { describeAzureError, explainAzureError, formatErrorForLog } from '../../src/azure/errors';
import { getCluster, getCompute, listWorkspaces } from '../../src/azure/inventory';
import type { WorkspaceInfo } from '../../src/domain/models';
import type { SubscriptionContext } from '../../src/azure/subscriptionContext';
import { attachRequestBody } from '../../src/domain/attachPlan';
import type { RunningEmulator } from '../emulator/server';
import {
    armToken,
    clients,
    collect,
    ids,
    raw,
    startTestEmulator,
    sub1,
    sub3,
    sub4,
    subscriptionContext,
} from './helpers';

const workspacesPath = `/subscriptions/${sub1}/providers/Microsoft.MachineLearningServices/workspaces`;

function restError(status: number, code?: string) {
    return (e: { statusCode?: number; code?: string }): boolean => {
        assert.strictEqual(e.statusCode, status);
        if (code) {
            assert.strictEqual(e.code, code);
        }
        return true;
    };
}

describe('ARM errors, faults and the request log', () => {
    let em: RunningEmulator;
    before(async () => {
        em = await startTestEmulator();
    });
    after(async () => em.stop());
    afterEach(() => em.admin.setFaults({}));

    it('fixture fault: the first 4 requests under Research Shared answer 429, so the first listing fails after the SDK retries and a manual retry succeeds', async () => {
        const ml = clients(em, sub4).ml;
        await assert.rejects(collect(ml.workspaces.listBySubscription()), restError(429));
        const throttled = em.admin.requests().filter((r) => r.path.startsWith(`/subscriptions/${sub4}`));
        assert.strictEqual(throttled.length, 4, 'one request plus three SDK retries');
        assert.ok(throttled.every((r) => r.status === 429 && r.fault === 'research-shared-throttled'));
        const workspaces = await collect(ml.workspaces.listBySubscription());
        assert.deepStrictEqual(
            workspaces.map((w) => w.name),
            ['ws-research'],
        );
    });

    it('401 with ARM error bodies and WWW-Authenticate for missing, malformed, badly signed and expired tokens', async () => {
        const path = `${workspacesPath}?api-version=2022-10-01`;
        const missing = await raw(em, 'GET', path);
        assert.strictEqual(missing.status, 401);
        assert.strictEqual(missing.body.error.code, 'AuthenticationFailed');
        assert.match(String(missing.headers['www-authenticate']), /^Bearer authorization_uri="/);
        const malformed = await raw(em, 'GET', path, { token: 'not-a-jwt' });
        assert.strictEqual(malformed.body.error.code, 'InvalidAuthenticationToken');
        const good = await armToken(em);
        const [h, p] = good.split('.');
        const forged = `${h}.${p}.${Buffer.from('forged-signature').toString('base64url')}`;
        const badSignature = await raw(em, 'GET', path, { token: forged });
        assert.strictEqual(badSignature.status, 401);
        assert.strictEqual(badSignature.body.error.code, 'InvalidAuthenticationToken');
        const expired = await raw(em, 'GET', path, { token: em.admin.issueToken({ lifetimeSeconds: -60 }) });
        assert.strictEqual(expired.status, 401);
        assert.strictEqual(expired.body.error.code, 'ExpiredAuthenticationToken');
        assert.ok(expired.headers['www-authenticate']);
        assert.ok(expired.headers['x-ms-request-id'] && expired.headers['x-ms-correlation-request-id']);
    });

    it('the SDK surfaces a 401 for an expired token', async () => {
        const expiredCredential = {
            getToken: async () => ({
                token: em.admin.issueToken({ lifetimeSeconds: -60 }),
                expiresOnTimestamp: Date.now() + 3600_000,
            }),
        };
        await assert.rejects(
            collect(clients(em, sub1, expiredCredential as never).ml.workspaces.listBySubscription()),
            restError(401, 'ExpiredAuthenticationToken'),
        );
    });

    it('403 AuthorizationFailed when listing inside Finance Sandbox (sub 3)', async () => {
        await assert.rejects(
            collect(clients(em, sub3).ml.workspaces.listBySubscription()),
            (e: { statusCode?: number; code?: string; message?: string }) => {
                assert.strictEqual(e.statusCode, 403);
                assert.strictEqual(e.code, 'AuthorizationFailed');
                assert.match(
                    e.message ?? '',
                    new RegExp(
                        `with object id '${em.principalId}' does not have authorization to perform action 'Microsoft.MachineLearningServices/workspaces/read' over scope '/subscriptions/${sub3}'`,
                    ),
                );
                return true;
            },
        );
        const sub = await clients(em).subscriptions.subscriptions.get(sub3);
        assert.strictEqual(sub.displayName, 'Finance Sandbox', 'the subscription itself stays readable');
    });

    it('404s: unknown workspace, resource group, subscription and path', async () => {
        const ml = clients(em).ml;
        await assert.rejects(ml.workspaces.get('rg-ml-dev', 'ws-nope'), restError(404, 'ResourceNotFound'));
        await assert.rejects(ml.workspaces.get('rg-nope', 'ws-vision'), restError(404, 'ResourceGroupNotFound'));
        await assert.rejects(
            clients(em, '99999999-9999-4999-8999-999999999999').ml.workspaces.get('rg', 'ws'),
            restError(404, 'SubscriptionNotFound'),
        );
        await assert.rejects(
            ml.computeOperations.get('rg-ml-dev', 'ws-nope', 'k8s-gpu'),
            restError(404, 'ParentResourceNotFound'),
        );
        const token = await armToken(em);
        const unknown = await raw(em, 'GET', '/definitely/not/arm?api-version=2022-10-01', { token });
        assert.strictEqual(unknown.status, 404);
        assert.strictEqual(unknown.body.error.code, 'NotFound');
    });

    it('400 for a missing or unsupported api-version, listing the supported ones', async () => {
        const token = await armToken(em);
        const missing = await raw(em, 'GET', workspacesPath, { token });
        assert.strictEqual(missing.status, 400);
        assert.strictEqual(missing.body.error.code, 'MissingApiVersionParameter');
        const unsupported = await raw(em, 'GET', `${workspacesPath}?api-version=2099-01-01`, { token });
        assert.strictEqual(unsupported.status, 400);
        assert.strictEqual(unsupported.body.error.code, 'NoRegisteredProviderFound');
        assert.match(unsupported.body.error.message, /2022-10-01/);
        const other = await raw(em, 'GET', `${workspacesPath}?api-version=2024-04-01`, { token });
        assert.strictEqual(other.status, 200);
    });

    it('429 with Retry-After is retried by the SDK and recovers', async () => {
        em.admin.setFaults({
            rules: [
                { name: 'throttle', method: 'GET', path: '/workspaces$', status: 429, retryAfterSeconds: 1, count: 2 },
            ],
        });
        const started = Date.now();
        const workspaces = await collect(clients(em).ml.workspaces.listBySubscription());
        assert.strictEqual(workspaces.length, 3);
        assert.ok(Date.now() - started >= 1900, 'waited for Retry-After twice');
        assert.deepStrictEqual(
            em.admin.getFaults().rules.map((r) => r.applied),
            [2],
        );
    });

    it('500 and 503 are retried by the SDK and recover', async () => {
        em.admin.setFaults({
            rules: [
                { name: 'boom', path: '/managedClusters$', status: 500, count: 1 },
                { name: 'busy', path: '/managedClusters$', status: 503, count: 1 },
            ],
        });
        const clusters = await collect(clients(em).aks.managedClusters.list());
        assert.strictEqual(clusters.length, 4);
        const statuses = em.admin
            .requests()
            .filter((r) => r.path.endsWith('/managedClusters'))
            .map((r) => r.status)
            .slice(-3);
        assert.deepStrictEqual(statuses, [500, 503, 200]);
    });

    it('rate-based faults are deterministic for a seed', async () => {
        const token = await armToken(em);
        const run = async (): Promise<number[]> => {
            em.admin.setFaults({ seed: 42, rules: [{ path: '^/subscriptions$', status: 500, rate: 0.5 }] });
            const out: number[] = [];
            for (let i = 0; i < 12; i++) {
                out.push((await raw(em, 'GET', '/subscriptions?api-version=2022-12-01', { token })).status);
            }
            return out;
        };
        const a = await run();
        const b = await run();
        assert.deepStrictEqual(a, b);
        assert.ok(a.includes(500) && a.includes(200));
    });

    it('a dropped connection is retried by the SDK', async () => {
        em.admin.setFaults({ rules: [{ name: 'drop', path: '/userAssignedIdentities$', drop: true, count: 1 }] });
        const identities = await collect(clients(em).msi.userAssignedIdentities.listBySubscription());
        assert.strictEqual(identities.length, 2);
        const logged = em.admin.requests().filter((r) => r.path.endsWith('/userAssignedIdentities'));
        assert.deepStrictEqual(logged.map((r) => r.status).slice(-2), [0, 200]);
    });

    it('per-route latency', async () => {
        em.admin.setFaults({ rules: [{ path: '/extensions$', latencyMs: 300 }] });
        const started = Date.now();
        await collect(
            clients(em).extensions.extensions.list(
                'rg-aks-dev',
                'Microsoft.ContainerService',
                'managedClusters',
                'aks-gpu-dev',
            ),
        );
        assert.ok(Date.now() - started >= 300);
    });

    it('admin endpoints over HTTP: faults, options, state, reset', async () => {
        const put = await raw(em, 'PUT', '/_emulator/faults', {
            body: { rules: [{ path: '^/tenants$', status: 503, count: 1 }] },
        });
        assert.strictEqual(put.status, 200);
        assert.strictEqual(put.body.rules[0].applied, 0);
        const get = await raw(em, 'GET', '/_emulator/faults');
        assert.strictEqual(get.body.rules.length, 1);
        const options = await raw(em, 'PUT', '/_emulator/options', { body: { pageSize: 7 } });
        assert.strictEqual(options.body.pageSize, 7);
        const state = await raw(em, 'GET', '/_emulator/state');
        assert.ok(state.body.resources.length > 20);
        const reset = await raw(em, 'POST', '/_emulator/reset');
        assert.strictEqual(reset.status, 200);
        const after = await raw(em, 'GET', '/_emulator/faults');
        assert.strictEqual(after.body.rules[0].name, 'research-shared-throttled', 'reset restores the start-up faults');
        await raw(em, 'PUT', '/_emulator/options', { body: { pageSize: 50 } });
    });

    it('writes every request to requests.jsonl with status, duration and no secrets', async () => {
        const lines = fs
            .readFileSync(em.requestLogPath, 'utf8')
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l) as Record<string, unknown>);
        assert.ok(lines.length > 10);
        for (const key of ['time', 'method', 'path', 'query', 'status', 'durationMs']) {
            assert.ok(key in lines[lines.length - 1], key);
        }
        assert.ok(lines.some((l) => l.status === 429));
        const text = fs.readFileSync(em.requestLogPath, 'utf8');
        assert.ok(!text.includes(em.clientSecret));
        assert.ok(!/eyJ[\w-]+\.eyJ/.test(text), 'no bearer tokens in the log');
    });
});

describe('what the extension makes of real ARM errors: the user text and the log line', function () {
    this.timeout(60_000);
    let em: RunningEmulator;
    let dev: SubscriptionContext;
    let vision: WorkspaceInfo;

    before(async () => {
        em = await startTestEmulator({ provisioningDelayMs: 2000 });
        dev = subscriptionContext(em, sub1, 'ML Platform Dev');
        vision = (await listWorkspaces(dev)).find((w) => w.name === 'ws-vision')!;
    });
    after(async () => em.stop());
    afterEach(() => em.admin.setFaults({}));

    const failure = async (work: Promise<unknown>) =>
        work.then(
            () => assert.fail('expected an error'),
            (e: unknown) => e,
        );
    const plan = (name: string, namespace = 'default') =>
        attachRequestBody({
            workspace: vision,
            cluster: { id: ids.aksGpuDev, kind: 'aks' },
            computeName: name,
            namespace,
            identity: { type: 'SystemAssigned' },
        });

    /** The error as describeAzureError reads it, checked against the answer the emulator logged for it. */
    function described(error: unknown, kind: string, code: string, status: number) {
        const info = describeAzureError(error);
        assert.strictEqual(info.kind, kind);
        assert.strictEqual(info.code, code);
        assert.strictEqual(info.status, status);
        const logged = em.admin.requests().find((r) => r.requestId === info.requestId);
        assert.ok(logged, `x-ms-request-id ${info.requestId} is the id the emulator gave the request`);
        assert.strictEqual(logged.status, status);
        assert.strictEqual(info.correlationId, logged.correlationId, 'x-ms-correlation-request-id');
        const line = formatErrorForLog(info);
        for (const part of [
            kind,
            `status=${status}`,
            `code=${code}`,
            `x-ms-request-id=${info.requestId}`,
            `x-ms-correlation-request-id=${info.correlationId}`,
        ]) {
            assert.ok(line.includes(part), `${part} in the log line: ${line}`);
        }
        assert.ok(!/\n|\bat \S+ \(/.test(line), 'one line, no stack');
        return info;
    }

    it('403 AuthorizationFailed listing a subscription the user may not read', async () => {
        const finance = subscriptionContext(em, sub3, 'Finance Sandbox');
        const info = described(await failure(listWorkspaces(finance)), 'forbidden', 'AuthorizationFailed', 403);
        const { short, detail } = explainAzureError(info, 'Could not list the workspaces of Finance Sandbox');
        assert.strictEqual(short, 'Access denied (AuthorizationFailed)');
        assert.match(
            detail,
            new RegExp(
                `^Could not list the workspaces of Finance Sandbox: access denied\\. The client .* does not have authorization to perform action 'Microsoft\\.MachineLearningServices/workspaces/read' over scope '/subscriptions/${sub3}'.* Ask an owner of the subscription for a role that allows it \\(for example Reader\\), then retry\\.$`,
            ),
        );
    });

    it('404 for a cluster id that does not exist', async () => {
        const missing = ids.aksGpuDev.replace('aks-gpu-dev', 'aks-gone');
        const info = described(await failure(getCluster(dev, missing)), 'notFound', 'ResourceNotFound', 404);
        assert.match(
            explainAzureError(info, 'Could not read cluster aks-gone').detail,
            /^Could not read cluster aks-gone: .*aks-gone.* It may have been deleted or moved: refresh the view\.$/,
        );
    });

    it('400 for a namespace Kubernetes would refuse, from the attach PUT', async () => {
        const info = described(
            await failure(attachCompute(dev, vision, 'bad-ns', plan('bad-ns', 'Not_A_Namespace'))),
            'badRequest',
            'BadArgument',
            400,
        );
        assert.match(
            explainAzureError(info, 'Could not attach aks-gpu-dev to workspace ws-vision as compute bad-ns').detail,
            /^Could not attach aks-gpu-dev to workspace ws-vision as compute bad-ns: Azure refused the request \(Kubernetes namespace 'Not_A_Namespace' is invalid.*\)\. Check the values, then retry\.$/,
        );
    });

    it('409 for an identity edit while the compute is still being created', async () => {
        await attachCompute(dev, vision, 'busy-one', plan('busy-one'));
        const info = described(
            await failure(updateComputeIdentity(dev, vision, 'busy-one', { type: 'None' })),
            'conflict',
            'Conflict',
            409,
        );
        assert.match(
            explainAzureError(info, 'Could not change the identity of compute busy-one in workspace ws-vision').detail,
            /^Could not change the identity of compute busy-one in workspace ws-vision: Compute 'busy-one' has an operation in progress.* Wait until the operation in progress ends, then retry\.$/,
        );
    });

    it('429 with Retry-After, after the SDK retries', async () => {
        em.admin.setFaults({
            rules: [
                {
                    method: 'GET',
                    path: '/computes/k8s-gpu$',
                    status: 429,
                    retryAfterSeconds: 1,
                    code: 'TooManyRequests',
                    // More 429s than the SDK retries: an open-ended rule serves a retry that waited out Retry-After.
                    count: 10,
                },
            ],
        });
        const info = described(await failure(getCompute(dev, vision, 'k8s-gpu')), 'throttled', 'TooManyRequests', 429);
        assert.strictEqual(info.retryAfterSeconds, 1);
        assert.strictEqual(
            explainAzureError(info, 'Could not read compute k8s-gpu').detail,
            'Could not read compute k8s-gpu: Azure is throttling requests. Wait a few seconds, then retry.',
        );
    });

    it('503 after the SDK retries', async () => {
        em.admin.setFaults({ rules: [{ method: 'GET', path: '/computes/k8s-gpu$', status: 503 }] });
        const info = described(await failure(getCompute(dev, vision, 'k8s-gpu')), 'server', 'ServiceUnavailable', 503);
        assert.match(
            explainAzureError(info, 'Could not read compute k8s-gpu').detail,
            /^Could not read compute k8s-gpu: Azure answered with an error \(.*\)\. Retry in a moment\.$/,
        );
    });

    it('a connection that keeps dropping is a network error, with no ids to give', async () => {
        em.admin.setFaults({ rules: [{ method: 'GET', path: '/computes/k8s-gpu$', drop: true }] });
        const info = describeAzureError(await failure(getCompute(dev, vision, 'k8s-gpu')));
        assert.strictEqual(info.kind, 'network');
        assert.ok(info.code, 'the socket error code');
        assert.match(
            explainAzureError(info, 'Could not read compute k8s-gpu').detail,
            /^Could not read compute k8s-gpu: Azure could not be reached \(.*\)\. Check the network or proxy, then retry\.$/,
        );
    });

    it('every answer carries x-ms-request-id and x-ms-correlation-request-id (ARM, Entra, faults, admin)', async () => {
        const token = await armToken(em);
        const compute = `${vision.id}/computes/k8s-gpu?api-version=2022-10-01`;
        em.admin.setFaults({ rules: [{ name: 'busy', method: 'GET', path: '/managedClusters$', status: 503 }] });
        const answers = [
            await raw(em, 'GET', compute, { token }),
            await raw(em, 'GET', `${vision.id}/computes/none?api-version=2022-10-01`, { token }),
            await raw(em, 'GET', compute),
            await raw(
                em,
                'GET',
                `/subscriptions/${sub1}/providers/Microsoft.ContainerService/managedClusters?api-version=2024-05-01`,
                { token },
            ),
            await raw(em, 'PUT', `${vision.id}/computes/hdr-one?api-version=2022-10-01`, {
                token,
                body: plan('hdr-one'),
            }),
            await raw(em, 'GET', '/definitely/not/arm'),
            await raw(em, 'GET', `/${em.tenantId}/v2.0/.well-known/openid-configuration`),
            await raw(em, 'POST', `/${em.tenantId}/oauth2/v2.0/token`, {
                form: {
                    grant_type: 'client_credentials',
                    client_id: em.clientId,
                    client_secret: 'nope',
                    scope: em.scope,
                },
            }),
            await raw(em, 'GET', '/_emulator/faults'),
        ];
        assert.deepStrictEqual(
            answers.map((a) => a.status),
            [200, 404, 401, 503, 201, 404, 200, 401, 200],
        );
        for (const a of answers) {
            assert.match(String(a.headers['x-ms-request-id']), /^[0-9a-f-]{36}$/);
            assert.match(String(a.headers['x-ms-correlation-request-id']), /^[0-9a-f-]{36}$/);
        }
        const correlated = await raw(em, 'GET', compute, {
            token,
            headers: { 'x-ms-correlation-request-id': '11111111-2222-4333-8444-555555555555' },
        });
        assert.strictEqual(correlated.headers['x-ms-correlation-request-id'], '11111111-2222-4333-8444-555555555555');
    });

    it('latency ranges: each delay drawn from the seeded PRNG, within the range, logged, the same for the same seed', async () => {
        const token = await armToken(em);
        const run = async () => {
            em.admin.clearRequests();
            em.admin.setFaults({ seed: 9, rules: [{ path: '^/subscriptions$', latencyMs: [50, 250] }] });
            for (let i = 0; i < 5; i++) {
                await raw(em, 'GET', '/subscriptions?api-version=2022-12-01', { token });
            }
            return em.admin.requests().map((r) => r.injectedLatencyMs ?? 0);
        };
        const first = await run();
        assert.ok(
            first.every((ms) => ms >= 50 && ms <= 250),
            String(first),
        );
        assert.ok(new Set(first).size > 1, 'not all the same');
        assert.deepStrictEqual(await run(), first);
        assert.throws(() => em.admin.setFaults({ rules: [{ path: '.', latencyMs: [300, 100] }] }), /latencyMs/);
    });
});
