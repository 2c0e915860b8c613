import * as assert from 'assert';
import * as fs from 'fs';
import type { RunningEmulator } from '../emulator/server';
import { credential, raw, spObjectId, startTestEmulator, tenantId } from './helpers';

function claims(token: string): Record<string, unknown> {
    return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('Entra (client credentials)', () => {
    let em: RunningEmulator;
    before(async () => {
        em = await startTestEmulator();
    });
    after(async () => em.stop());

    it('ClientSecretCredential from @azure/identity gets an RS256 token with the expected claims', async () => {
        const token = await credential(em).getToken(em.scope);
        assert.ok(token);
        const header = JSON.parse(Buffer.from(token.token.split('.')[0], 'base64url').toString('utf8')) as Record<
            string,
            unknown
        >;
        assert.strictEqual(header.alg, 'RS256');
        const c = claims(token.token);
        assert.strictEqual(c.oid, spObjectId);
        assert.strictEqual(c.tid, tenantId);
        assert.strictEqual(c.appid, em.clientId);
        assert.strictEqual(c.aud, em.url);
        assert.strictEqual(c.iss, `${em.url}/${tenantId}/v2.0`);
        assert.ok(Math.abs((c.exp as number) - Date.now() / 1000 - 3600) < 120, 'expires in about an hour');
        assert.ok(token.expiresOnTimestamp > Date.now());
    });

    it('caches the token: a second getToken does not hit the token endpoint', async () => {
        const cred = credential(em);
        em.admin.clearRequests();
        await cred.getToken(em.scope);
        await cred.getToken(em.scope);
        assert.strictEqual(em.admin.requests().filter((r) => r.path.endsWith('/oauth2/v2.0/token')).length, 1);
    });

    it('rejects a wrong secret with invalid_client (AADSTS7000215)', async () => {
        await assert.rejects(credential(em, 'wrong-secret').getToken(em.scope), /invalid_client|AADSTS7000215/);
        const res = await raw(em, 'POST', `/${tenantId}/oauth2/v2.0/token`, {
            form: { grant_type: 'client_credentials', client_id: em.clientId, client_secret: 'nope', scope: em.scope },
        });
        assert.strictEqual(res.status, 401);
        assert.strictEqual(res.body.error, 'invalid_client');
        assert.match(res.body.error_description, /^AADSTS7000215:/);
        assert.deepStrictEqual(res.body.error_codes, [7000215]);
    });

    it('rejects an unknown client id with invalid_client (AADSTS700016)', async () => {
        const res = await raw(em, 'POST', `/${tenantId}/oauth2/v2.0/token`, {
            form: {
                grant_type: 'client_credentials',
                client_id: '00000000-0000-4000-8000-000000000000',
                client_secret: em.clientSecret,
                scope: em.scope,
            },
        });
        assert.strictEqual(res.status, 401);
        assert.match(res.body.error_description, /^AADSTS700016:/);
    });

    it('serves the OpenID configuration for the tenant and for common', async () => {
        for (const t of [tenantId, 'common', 'organizations']) {
            const res = await raw(em, 'GET', `/${t}/v2.0/.well-known/openid-configuration`);
            assert.strictEqual(res.status, 200);
            assert.strictEqual(res.body.token_endpoint, `${em.url}/${t}/oauth2/v2.0/token`);
            assert.strictEqual(res.body.jwks_uri, `${em.url}/${t}/discovery/v2.0/keys`);
            assert.ok(res.body.authorization_endpoint);
            assert.ok(res.body.issuer.startsWith(`${em.url}/`));
        }
        const unknown = await raw(em, 'GET', '/contoso.example/v2.0/.well-known/openid-configuration');
        assert.strictEqual(unknown.status, 400);
    });

    it('publishes the signing key', async () => {
        const res = await raw(em, 'GET', `/${tenantId}/discovery/v2.0/keys`);
        assert.strictEqual(res.status, 200);
        assert.strictEqual(res.body.keys[0].kty, 'RSA');
        const token = await credential(em).getToken(em.scope);
        const kid = JSON.parse(Buffer.from(token!.token.split('.')[0], 'base64url').toString('utf8')).kid;
        assert.strictEqual(res.body.keys[0].kid, kid);
    });

    it('never writes the client secret to the request log', async () => {
        await credential(em).getToken(`${em.url}/.default`, {});
        const text = fs.readFileSync(em.requestLogPath, 'utf8');
        assert.ok(text.includes('oauth2/v2.0/token'));
        assert.ok(!text.includes(em.clientSecret), 'secret leaked into requests.jsonl');
        assert.ok(text.includes('"client_secret":"***"'));
    });
});
