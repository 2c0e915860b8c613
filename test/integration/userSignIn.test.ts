import * as assert from 'assert';
import * as crypto from 'crypto';
import { AuthorizationCodeCredential } from '@azure/identity';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import type { TokenCredential } from '@azure/core-auth';
import { loadFixture, type RunningEmulator } from '../emulator/server';
import { collect, raw, startTestEmulator, credential as spCredential } from './helpers';

/** The people and tenants of the default world, read from the fixture rather than restated. */
const fixture = loadFixture(undefined);
const [dana, lee] = fixture.users!;
const tenant = (name: RegExp) => fixture.tenants!.find((t) => name.test(t.displayName ?? ''))!.tenantId;
const contoso = fixture.tenant.tenantId;
const fabrikam = tenant(/Fabrikam/);
const woodgrove = tenant(/Woodgrove/);
const northwind = tenant(/Northwind/);
const subscriptionOf = (name: RegExp) => fixture.subscriptions.find((s) => name.test(s.displayName))!.subscriptionId;

const vscodeClientId = 'aebc6443-996d-45c2-90f0-388ff96faa56';
const redirectUri = 'http://127.0.0.1:53117/';

function claims(token: string): Record<string, unknown> {
    return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

interface AuthorizeOptions {
    tenant?: string;
    loginHint?: string;
    codeChallenge?: string;
    scope?: string;
}

/** The browser step: GET the authorize endpoint and read the redirect it answers with. */
async function authorize(em: RunningEmulator, options: AuthorizeOptions = {}): Promise<URLSearchParams> {
    const query = new URLSearchParams({
        client_id: vscodeClientId,
        response_type: 'code',
        redirect_uri: redirectUri,
        scope: options.scope ?? `openid profile offline_access ${em.url}/.default`,
        state: 'st4te',
        ...(options.loginHint === undefined ? { login_hint: dana.userPrincipalName } : {}),
        ...(options.loginHint ? { login_hint: options.loginHint } : {}),
        ...(options.codeChallenge ? { code_challenge: options.codeChallenge, code_challenge_method: 'S256' } : {}),
    });
    const res = await raw(em, 'GET', `/${options.tenant ?? 'organizations'}/oauth2/v2.0/authorize?${query}`);
    assert.strictEqual(res.status, 302, res.text);
    const location = new URL(String(res.headers.location));
    assert.strictEqual(`${location.origin}${location.pathname}`, redirectUri);
    assert.strictEqual(location.searchParams.get('state'), 'st4te');
    return location.searchParams;
}

async function tokenRequest(em: RunningEmulator, tenantId: string, form: Record<string, string>) {
    return raw(em, 'POST', `/${tenantId}/oauth2/v2.0/token`, { form: { client_id: vscodeClientId, ...form } });
}

function fixedToken(token: string): TokenCredential {
    return { getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 60_000 }) };
}

describe('Entra (people signing in: authorization code, refresh token, several tenants)', () => {
    let em: RunningEmulator;
    before(async () => {
        em = await startTestEmulator();
    });
    beforeEach(() => em.admin.reset());
    after(async () => em.stop());

    it("@azure/identity's AuthorizationCodeCredential signs Dana in and lists her home tenant's subscriptions", async () => {
        const code = (await authorize(em)).get('code')!;
        const credential = new AuthorizationCodeCredential('organizations', vscodeClientId, code, redirectUri, {
            authorityHost: em.url,
            disableInstanceDiscovery: true,
            additionallyAllowedTenants: ['*'],
        });
        // The SDK's pipeline asks for CAE tokens, which @azure/identity caches apart from the others.
        const token = await credential.getToken(em.scope, { enableCae: true });
        const c = claims(token.token);
        assert.strictEqual(c.tid, contoso);
        assert.strictEqual(c.oid, dana.memberships[0].objectId);
        assert.strictEqual(c.upn, dana.userPrincipalName);
        assert.strictEqual(c.idtyp, 'user');
        assert.strictEqual(c.iss, `${em.url}/${contoso}/v2.0`);

        const client = new SubscriptionClient(credential, { endpoint: em.url, credentialScopes: [em.scope] });
        const subscriptions = await collect(client.subscriptions.list());
        assert.deepStrictEqual(subscriptions.map((s) => s.displayName).sort(), [
            'Finance Sandbox',
            'ML Platform Dev',
            'ML Platform Prod',
            'Research Shared',
        ]);
        assert.ok(subscriptions.every((s) => s.tenantId === contoso));
        const tenants = await collect(client.tenants.list());
        assert.deepStrictEqual(tenants.map((t) => t.tenantId).sort(), [contoso, fabrikam, woodgrove].sort());
        assert.ok(tenants.every((t) => t.displayName && t.defaultDomain));

        // MSAL's silent path: the refresh token it cached gets a token for another resource.
        const graphToken = await credential.getToken('https://graph.microsoft.com/.default', { enableCae: true });
        assert.strictEqual(claims(graphToken.token).aud, 'https://graph.microsoft.com');
        const tokenCalls = em.admin.requests().filter((r) => r.path.endsWith('/oauth2/v2.0/token'));
        assert.deepStrictEqual(
            tokenCalls.map((r) => (r.requestBody as Record<string, string>).grant_type),
            ['authorization_code', 'refresh_token'],
        );
    });

    it('a refresh token gets a token for another tenant of hers, with her guest object id there', async () => {
        const code = (await authorize(em)).get('code')!;
        const first = await tokenRequest(em, 'organizations', {
            grant_type: 'authorization_code',
            code,
            redirect_uri: redirectUri,
            scope: `openid profile offline_access ${em.url}/.default`,
            client_info: '1',
        });
        assert.strictEqual(first.status, 200, first.text);
        assert.ok(first.body.refresh_token && first.body.id_token && first.body.client_info);
        const info = JSON.parse(Buffer.from(first.body.client_info, 'base64url').toString()) as Record<string, string>;
        assert.deepStrictEqual(info, { uid: dana.memberships[0].objectId, utid: contoso });
        assert.strictEqual(claims(first.body.id_token).preferred_username, dana.userPrincipalName);

        const other = await tokenRequest(em, fabrikam, {
            grant_type: 'refresh_token',
            refresh_token: first.body.refresh_token,
            scope: `${em.url}/.default offline_access`,
        });
        assert.strictEqual(other.status, 200, other.text);
        const c = claims(other.body.access_token);
        assert.strictEqual(c.tid, fabrikam);
        assert.strictEqual(c.oid, dana.memberships.find((m) => m.tenantId === fabrikam)!.objectId);

        const client = new SubscriptionClient(fixedToken(other.body.access_token), { endpoint: em.url });
        assert.deepStrictEqual(
            (await collect(client.subscriptions.list())).map((s) => s.displayName),
            ['Fabrikam Vision Lab'],
        );
    });

    it("ARM refuses a token of one tenant for another tenant's subscription, naming the authority to use", async () => {
        const code = (await authorize(em)).get('code')!;
        const home = await tokenRequest(em, 'organizations', {
            grant_type: 'authorization_code',
            code,
            redirect_uri: redirectUri,
            scope: `${em.url}/.default`,
        });
        const fabrikamSubscription = subscriptionOf(/Fabrikam/);
        const res = await raw(em, 'GET', `/subscriptions/${fabrikamSubscription}?api-version=2022-12-01`, {
            token: home.body.access_token,
        });
        assert.strictEqual(res.status, 401);
        assert.strictEqual(res.body.error.code, 'InvalidAuthenticationTokenTenant');
        assert.match(res.body.error.message, new RegExp(`Please use the authority \\(URL\\) '${em.url}/${fabrikam}'`));
        assert.match(String(res.headers['www-authenticate']), new RegExp(`authorization_uri="${em.url}/${fabrikam}"`));

        // Resource Graph answers for the token's tenant only: the other tenant's subscription adds no rows.
        const graph = new ResourceGraphClient(fixedToken(home.body.access_token), { endpoint: em.url });
        const rows = await graph.resources({
            subscriptions: [fabrikamSubscription],
            query: "Resources | where type =~ 'microsoft.machinelearningservices/workspaces'",
            options: { resultFormat: 'objectArray' },
        });
        assert.deepStrictEqual(rows.data, []);
    });

    it('a tenant that asks for MFA refuses the silent token (interaction_required) until she signs in to it', async () => {
        const code = (await authorize(em)).get('code')!;
        const home = await tokenRequest(em, 'organizations', {
            grant_type: 'authorization_code',
            code,
            redirect_uri: redirectUri,
            scope: `offline_access ${em.url}/.default`,
        });
        const silent = await tokenRequest(em, woodgrove, {
            grant_type: 'refresh_token',
            refresh_token: home.body.refresh_token,
            scope: `${em.url}/.default`,
        });
        assert.strictEqual(silent.status, 400);
        assert.strictEqual(silent.body.error, 'interaction_required');
        assert.match(silent.body.error_description, /^AADSTS50076: .*multi-factor authentication/);

        // The interactive sign-in to that tenant does the MFA; its refresh token then works there silently.
        const mfaCode = (await authorize(em, { tenant: woodgrove })).get('code')!;
        const interactive = await tokenRequest(em, woodgrove, {
            grant_type: 'authorization_code',
            code: mfaCode,
            redirect_uri: redirectUri,
            scope: `offline_access ${em.url}/.default`,
        });
        assert.strictEqual(interactive.status, 200, interactive.text);
        assert.deepStrictEqual(claims(interactive.body.access_token).amr, ['pwd', 'mfa']);
        const again = await tokenRequest(em, woodgrove, {
            grant_type: 'refresh_token',
            refresh_token: interactive.body.refresh_token,
            scope: `${em.url}/.default`,
        });
        assert.strictEqual(again.status, 200, again.text);
        assert.strictEqual(claims(again.body.access_token).tid, woodgrove);

        // The policy can be switched at run time: off, the first refresh token works there too.
        em.admin.setTenantPolicy(woodgrove, { requiresMfa: false });
        const relaxed = await tokenRequest(em, woodgrove, {
            grant_type: 'refresh_token',
            refresh_token: home.body.refresh_token,
            scope: `${em.url}/.default`,
        });
        assert.strictEqual(relaxed.status, 200, relaxed.text);
    });

    it('a tenant she is not a member of, an unknown tenant and an unknown person answer as Entra does', async () => {
        const code = (await authorize(em)).get('code')!;
        const home = await tokenRequest(em, 'organizations', {
            grant_type: 'authorization_code',
            code,
            redirect_uri: redirectUri,
            scope: `offline_access ${em.url}/.default`,
        });
        const foreign = await tokenRequest(em, northwind, {
            grant_type: 'refresh_token',
            refresh_token: home.body.refresh_token,
            scope: `${em.url}/.default`,
        });
        assert.strictEqual(foreign.status, 400);
        assert.strictEqual(foreign.body.error, 'invalid_grant');
        assert.match(
            foreign.body.error_description,
            /^AADSTS50020: User account 'dana@.*does not exist in tenant 'Northwind/,
        );

        const unknownTenant = await tokenRequest(em, 'e0e0e0e0-0000-4000-8000-000000000000', {
            grant_type: 'refresh_token',
            refresh_token: home.body.refresh_token,
            scope: `${em.url}/.default`,
        });
        assert.strictEqual(unknownTenant.status, 400);
        assert.match(unknownTenant.body.error_description, /^AADSTS90002: Tenant 'e0e0e0e0-/);

        const nobody = await authorize(em, { loginHint: 'nobody@contosoml.onmicrosoft.com' });
        assert.strictEqual(nobody.get('error'), 'invalid_request');
        assert.match(nobody.get('error_description') ?? '', /^AADSTS50034: The user account nobody@/);

        const notHere = await authorize(em, { tenant: northwind });
        assert.match(notHere.get('error_description') ?? '', /^AADSTS50020: /);

        // Lee belongs to Northwind only: his tenants list holds that one tenant.
        const leeCode = (await authorize(em, { loginHint: lee.userPrincipalName })).get('code')!;
        const leeToken = await tokenRequest(em, 'organizations', {
            grant_type: 'authorization_code',
            code: leeCode,
            redirect_uri: redirectUri,
            scope: `${em.url}/.default`,
        });
        const client = new SubscriptionClient(fixedToken(leeToken.body.access_token), { endpoint: em.url });
        assert.deepStrictEqual(
            (await collect(client.tenants.list())).map((t) => t.tenantId),
            [northwind],
        );
    });

    it('checks PKCE, single use of a code and its redirect URI', async () => {
        const verifier = crypto.randomBytes(32).toString('base64url');
        const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
        const code = (await authorize(em, { codeChallenge: challenge })).get('code')!;
        const form = { grant_type: 'authorization_code', code, redirect_uri: redirectUri, scope: `${em.url}/.default` };
        const wrong = await tokenRequest(em, 'organizations', { ...form, code_verifier: 'not-the-verifier' });
        assert.match(wrong.body.error_description, /^AADSTS501481: /);
        const otherRedirect = await tokenRequest(em, 'organizations', {
            ...form,
            code_verifier: verifier,
            redirect_uri: 'http://127.0.0.1:1/',
        });
        assert.match(otherRedirect.body.error_description, /^AADSTS50011: /);
        const good = await tokenRequest(em, 'organizations', { ...form, code_verifier: verifier });
        assert.strictEqual(good.status, 200, good.text);
        const reused = await tokenRequest(em, 'organizations', { ...form, code_verifier: verifier });
        assert.match(reused.body.error_description, /^AADSTS54005: /);

        const query = new URLSearchParams({
            client_id: vscodeClientId,
            response_type: 'code',
            redirect_uri: 'https://example.com/callback',
            login_hint: dana.userPrincipalName,
        });
        const badRedirect = await raw(em, 'GET', `/organizations/oauth2/v2.0/authorize?${query}`);
        assert.strictEqual(badRedirect.status, 400, 'no redirect to an unregistered URI');
        assert.match(badRedirect.text, /AADSTS50011/);
    });

    it('without login_hint the authorize endpoint shows an account picker, as the browser would', async () => {
        const query = new URLSearchParams({
            client_id: vscodeClientId,
            response_type: 'code',
            redirect_uri: redirectUri,
        });
        const page = await raw(em, 'GET', `/organizations/oauth2/v2.0/authorize?${query}`);
        assert.strictEqual(page.status, 200);
        assert.match(page.text, /Dana Ortiz \(dana@contosoml\.onmicrosoft\.com\)/);
        const silent = await raw(em, 'GET', `/organizations/oauth2/v2.0/authorize?${query}&prompt=none`);
        assert.match(new URL(String(silent.headers.location)).searchParams.get('error') ?? '', /^login_required$/);
    });

    it('the service principal stays in its own tenant: one tenant listed, no token from another tenant', async () => {
        const client = new SubscriptionClient(spCredential(em), {
            endpoint: em.url,
            credentialScopes: [em.scope],
        });
        assert.deepStrictEqual(
            (await collect(client.tenants.list())).map((t) => t.tenantId),
            [contoso],
        );
        assert.strictEqual((await collect(client.subscriptions.list())).length, 4);
        const res = await raw(em, 'POST', `/${fabrikam}/oauth2/v2.0/token`, {
            form: {
                grant_type: 'client_credentials',
                client_id: em.clientId,
                client_secret: em.clientSecret,
                scope: em.scope,
            },
        });
        assert.strictEqual(res.status, 401);
        assert.match(res.body.error_description, /^AADSTS700016: /);
    });
});
