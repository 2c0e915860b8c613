/**
 * Credentials mid-session, through the extension's own sign-in (CredentialSource in `environment` mode, i.e.
 * EnvironmentCredential) against the emulator: tokens that live 5 seconds are renewed without the user noticing;
 * a token ARM finds expired, and a client secret revoked in Entra, end as a sign-in problem the user is asked to fix
 * by signing in again, never as a stack trace, and nothing is written meanwhile.
 */
import * as assert from 'assert';
import { CredentialSource } from '../../src/auth/credentialSource';
import { attachCompute, detachCompute } from '../../src/azure/computeOperations';
import { updateComputeIdentity } from '../../src/azure/identityUpdate';
import { describeAzureError, explainAzureError, formatErrorForLog } from '../../src/azure/errors';
import { getCompute, listComputes, listWorkspaces } from '../../src/azure/inventory';
import type { WorkspaceInfo } from '../../src/domain/models';
import type { SubscriptionContext } from '../../src/azure/subscriptionContext';
import { attachRequestBody } from '../../src/domain/attachPlan';
import type { RunningEmulator } from '../emulator/server';
import { followToEnd, productFollowLoop } from '../integration/followLoop';
import { emulatorCloud, ids, startTestEmulator, sub1 } from '../integration/helpers';

const tokenLifetimeSeconds = 5;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const variables = ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET', 'AZURE_AUTHORITY_HOST'] as const;

describe('credentials mid-session: short-lived tokens, an expired token, a revoked secret', function () {
    this.timeout(120_000);
    let em: RunningEmulator;
    /** The product's follow loop, reading twice a second. */
    const loop = productFollowLoop(500);
    const saved: Partial<Record<(typeof variables)[number], string>> = {};

    before(async () => {
        em = await startTestEmulator({ tokenLifetimeSeconds, provisioningDelayMs: 500 });
        for (const name of variables) {
            saved[name] = process.env[name];
        }
        Object.assign(process.env, {
            AZURE_TENANT_ID: em.tenantId,
            AZURE_CLIENT_ID: em.clientId,
            AZURE_CLIENT_SECRET: em.clientSecret,
            AZURE_AUTHORITY_HOST: em.url,
        });
    });
    after(async () => {
        for (const name of variables) {
            if (saved[name] === undefined) {
                delete process.env[name];
            } else {
                process.env[name] = saved[name];
            }
        }
        loop.dispose();
        await em?.stop();
    });

    /** Signs in the way the extension does with `azuremlK8s.authentication: environment`. */
    const signIn = async (): Promise<{ dev: SubscriptionContext; vision: WorkspaceInfo }> => {
        const { subscriptions } = await new CredentialSource('environment', emulatorCloud(em)).listSubscriptions();
        const dev = subscriptions.find((s) => s.subscriptionId === sub1)!;
        const vision = (await listWorkspaces(dev)).find((w) => w.name === 'ws-vision')!;
        return { dev, vision };
    };
    const follow = async (
        operation: 'attach' | 'identity' | 'detach',
        dev: SubscriptionContext,
        vision: WorkspaceInfo,
        name: string,
    ) => {
        const result = await followToEnd(loop, operation, dev, vision, name);
        assert.strictEqual(result.kind === 'ended' && result.end.kind, 'succeeded', `${operation} of ${name}`);
    };
    const tokenRequests = () => em.admin.requests().filter((r) => r.path.endsWith('/oauth2/v2.0/token'));
    const armRequests = () => em.admin.requests().filter((r) => /^\/subscriptions\b/i.test(r.path));
    const body = (vision: WorkspaceInfo, name: string) =>
        attachRequestBody({
            workspace: vision,
            cluster: { id: ids.aksGpuDev, kind: 'aks' },
            computeName: name,
            namespace: 'default',
            identity: { type: 'SystemAssigned' },
        });

    it(`a session with ${tokenLifetimeSeconds}-second tokens keeps working across several expiries: renewed silently`, async () => {
        em.admin.clearRequests();
        const started = Date.now();
        const { dev, vision } = await signIn();
        await attachCompute(dev, vision, 'short-lived', body(vision, 'short-lived'));
        await follow('attach', dev, vision, 'short-lived');
        await updateComputeIdentity(dev, vision, 'short-lived', { type: 'None' });
        await follow('identity', dev, vision, 'short-lived');
        while (Date.now() - started < 4 * tokenLifetimeSeconds * 1000) {
            assert.ok((await listComputes(dev, vision)).some((c) => c.name === 'short-lived'));
            await sleep(700);
        }
        await detachCompute(dev, vision, 'short-lived');
        await follow('detach', dev, vision, 'short-lived');

        const tokens = tokenRequests();
        const arm = armRequests();
        assert.ok(tokens.length >= 4, `renewed: ${tokens.length} tokens in ${Date.now() - started} ms`);
        assert.deepStrictEqual(
            tokens.filter((r) => r.status !== 200),
            [],
        );
        assert.deepStrictEqual(
            arm.filter((r) => r.status === 401).map((r) => `${r.method} ${r.path}`),
            [],
            'ARM never saw an expired token',
        );
        assert.ok(arm.length > 20);
    });

    it('a token ARM finds expired is answered 401 ExpiredAuthenticationToken and read as a sign-in problem', async () => {
        const { dev, vision } = await signIn();
        const stale: SubscriptionContext = {
            ...dev,
            credential: {
                // A credential that believes its token is still good (a clock running behind, a cached token).
                getToken: async () => ({
                    token: em.admin.issueToken({ lifetimeSeconds: -30 }),
                    expiresOnTimestamp: Date.now() + 3600_000,
                }),
            },
        };
        const error = await getCompute(stale, vision, 'k8s-gpu').then(
            () => assert.fail('expected a 401'),
            (e: unknown) => e,
        );
        const info = describeAzureError(error);
        assert.strictEqual(info.kind, 'unauthenticated');
        assert.strictEqual(info.code, 'ExpiredAuthenticationToken');
        assert.strictEqual(info.status, 401);
        const logged = em.admin.requests().find((r) => r.requestId === info.requestId);
        assert.ok(
            logged && logged.status === 401 && logged.path.endsWith('/computes/k8s-gpu'),
            'the request id is ARM’s',
        );
        assert.ok(info.correlationId);
        const { detail } = explainAzureError(info, 'Could not read compute k8s-gpu');
        assert.match(
            detail,
            /^Could not read compute k8s-gpu: the sign-in was refused or has expired \(The access token expiry UTC time '.*' is earlier than current UTC time '.*'\.\)\. Sign in again\.$/,
        );
    });

    it('a client secret revoked mid-session: the next token request is refused, the user is asked to sign in again, nothing is written', async () => {
        const { dev, vision } = await signIn();
        // Revoked in Entra while the session runs. (Tokens already issued stay valid at ARM, but MSAL renews a token
        // that has less than 5 minutes left, so with 5-second tokens the next request already needs a new one.)
        em.admin.revokeClientSecret();
        em.admin.clearRequests();

        const error = await listWorkspaces(dev).then(
            () => assert.fail('expected the sign-in to be refused'),
            (e: unknown) => e,
        );
        const info = describeAzureError(error);
        assert.strictEqual(info.kind, 'unauthenticated');
        assert.strictEqual(info.code, 'AADSTS7000215');
        assert.match(info.message, /^Invalid client secret provided\./);
        const refused = tokenRequests().filter((r) => r.status === 401);
        assert.ok(refused.length >= 1, 'the token endpoint refused the secret');
        assert.ok(
            refused.some((r) => r.requestId === info.requestId),
            `the log line carries Entra's trace id: ${formatErrorForLog(info)}`,
        );
        assert.ok(info.correlationId);
        const { short, detail } = explainAzureError(info, 'Could not list the workspaces of ML Platform Dev');
        assert.strictEqual(short, 'Sign-in needed');
        assert.match(
            detail,
            /^Could not list the workspaces of ML Platform Dev: the sign-in was refused or has expired \(Invalid client secret provided\..*\)\. Sign in again\.$/,
        );
        assert.ok(!/\n|\bat \S+ \(/.test(detail), 'one sentence, no stack trace');

        // An attach now stops at its first read: no PUT is sent.
        await assert.rejects(attachCompute(dev, vision, 'after-revoke', body(vision, 'after-revoke')), (e: unknown) => {
            assert.strictEqual(describeAzureError(e).kind, 'unauthenticated');
            return true;
        });
        assert.deepStrictEqual(
            armRequests().filter((r) => r.method !== 'GET'),
            [],
        );

        // Signing in again with a valid secret (here: the emulator restores it) works.
        em.admin.reset();
        const again = await signIn();
        assert.ok((await listComputes(again.dev, again.vision)).length > 0);
    });
});
