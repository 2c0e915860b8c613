import * as assert from 'assert';
import * as fs from 'fs';
import type { RunningEmulator } from '../emulator/server';
import { armToken, clients, collect, raw, startTestEmulator, sub1, sub3, sub4 } from './helpers';

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
        assert.strictEqual(workspaces.length, 2);
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
        assert.strictEqual(clusters.length, 2);
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
