/**
 * A custom cloud given by its ARM endpoint alone: the extension reads the rest from the emulator's
 * `/metadata/endpoints`, then signs in and lists subscriptions through its own code, with the real SDK clients.
 */
import * as assert from 'assert';
import { CredentialSource } from '../../src/auth/credentialSource';
import { loadCloud, type CloudSettings } from '../../src/auth/cloudMetadata';
import { CloudConfigurationError, resolveCloud, type CustomEnvironmentSetting } from '../../src/domain/cloud';
import type { RunningEmulator } from '../emulator/server';
import { startTestEmulator } from './helpers';

describe('a custom cloud from its ARM endpoint alone, against the emulator', function () {
    this.timeout(30_000);
    let em: RunningEmulator;
    const savedEnv = { ...process.env };

    const armOnly = (custom: CustomEnvironmentSetting, authMode: CloudSettings['authMode'] = 'environment') =>
        loadCloud({ environment: 'custom', customEnvironment: custom, authMode });

    const metadataReads = () =>
        em.admin.requests().filter((r) => r.method === 'GET' && /^\/metadata\/endpoints$/i.test(r.path));

    async function failure(pending: Promise<unknown>): Promise<Error> {
        const error = await pending.then(
            () => undefined,
            (e: unknown) => e,
        );
        assert.ok(error instanceof CloudConfigurationError, `a CloudConfigurationError, not ${String(error)}`);
        return error;
    }

    before(async () => {
        em = await startTestEmulator();
        // Only what the cloud's metadata gives: no authority host from the environment to fall back on.
        delete process.env.AZURE_AUTHORITY_HOST;
        Object.assign(process.env, {
            AZURE_TENANT_ID: em.tenantId,
            AZURE_CLIENT_ID: em.clientId,
            AZURE_CLIENT_SECRET: em.clientSecret,
        });
    });
    afterEach(() => {
        em.admin.reset();
        em.admin.clearRequests();
    });
    after(async () => {
        process.env = savedEnv;
        await em?.stop();
    });

    it("resolves to the emulator's Entra endpoint, audience, portal and name, reading the metadata once", async () => {
        const cloud = await armOnly({ resourceManagerEndpointUrl: em.url });
        assert.deepStrictEqual(
            { ...cloud },
            {
                name: 'AzureEmulator',
                resourceManagerEndpointUrl: `${em.url}/`,
                activeDirectoryEndpointUrl: `${em.url}/`,
                activeDirectoryResourceId: `${em.url}/`,
                portalUrl: `${em.url}/portal`,
                studioUrl: undefined,
                isCustom: true,
            },
        );
        // The same as the emulator's complete settings say, field for field.
        const complete = em.settings['microsoft-sovereign-cloud.customEnvironment'];
        assert.deepStrictEqual(cloud, resolveCloud('custom', complete));
        assert.deepStrictEqual(
            metadataReads().map((r) => [r.query['api-version'], r.status]),
            [['2022-09-01', 200]],
        );
    });

    it('signs in with the service principal and lists the subscriptions in that cloud', async () => {
        const cloud = await armOnly({ resourceManagerEndpointUrl: `${em.url}/` });
        const { subscriptions } = await new CredentialSource('environment', cloud).listSubscriptions();
        assert.deepStrictEqual(
            subscriptions.map((s) => s.name),
            ['Finance Sandbox', 'ML Platform Dev', 'ML Platform Prod', 'Research Shared'],
        );
        const tokenRequests = em.admin.requests().filter((r) => /\/oauth2\/v2\.0\/token$/.test(r.path));
        assert.ok(tokenRequests.length > 0 && tokenRequests.every((r) => r.status === 200), 'tokens from the emulator');
    });

    it('keeps what the user set: their portal and name over the metadata', async () => {
        const cloud = await armOnly({
            resourceManagerEndpointUrl: em.url,
            portalUrl: 'https://portal.mine',
            name: 'Mine',
        });
        assert.strictEqual(cloud.portalUrl, 'https://portal.mine');
        assert.strictEqual(cloud.name, 'Mine');
        assert.strictEqual(cloud.activeDirectoryEndpointUrl, `${em.url}/`);
    });

    it('reads nothing when the setting names every endpoint', async () => {
        await armOnly(em.settings['microsoft-sovereign-cloud.customEnvironment']);
        assert.strictEqual(metadataReads().length, 0);
    });

    it('says which address it tried and what to set when the metadata cannot be read', async () => {
        em.admin.setFaults({ rules: [{ path: '^/metadata/endpoints$', status: 503, code: 'ServiceUnavailable' }] });
        const error = await failure(armOnly({ resourceManagerEndpointUrl: em.url }));
        assert.match(error.message, new RegExp(`${em.url}/metadata/endpoints\\?api-version=2022-09-01: HTTP 503`));
        assert.match(error.message, /Set activeDirectoryEndpointUrl .* and activeDirectoryResourceId/);

        em.admin.setFaults({ rules: [{ path: '^/metadata/endpoints$', drop: true }] });
        assert.match((await failure(armOnly({ resourceManagerEndpointUrl: em.url }))).message, /metadata/);
    });

    it('says so when the ARM endpoint given serves no metadata', async () => {
        const error = await failure(armOnly({ resourceManagerEndpointUrl: `${em.url}/elsewhere/` }));
        assert.match(
            error.message,
            new RegExp(`${em.url}/elsewhere/metadata/endpoints\\?api-version=2022-09-01: HTTP 404`),
        );
    });

    it("for VS Code's sign-in, which reads the setting itself, gives the complete setting to paste", async () => {
        const error = await failure(armOnly({ resourceManagerEndpointUrl: em.url }, 'vscode'));
        assert.match(error.message, /needs name, portalUrl, managementEndpointUrl, activeDirectoryEndpointUrl/);
        const pasted = JSON.parse(/set the setting to (\{.*\})/.exec(error.message)?.[1] ?? 'null') as
            CustomEnvironmentSetting | undefined;
        assert.ok(pasted, error.message);
        assert.deepStrictEqual(
            await armOnly(pasted, 'vscode'),
            resolveCloud('custom', em.settings['microsoft-sovereign-cloud.customEnvironment']),
        );
    });
});
