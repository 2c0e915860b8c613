/**
 * Emulated Microsoft Entra ID, v2.0 endpoints: OpenID configuration, instance discovery, signing keys, the authorize
 * endpoint (entraUser.ts) and the token endpoint's grants: client credentials for the service principal (here),
 * authorization code and refresh token for people (entraUser.ts).
 */

import * as crypto from 'crypto';
import type { Emulator } from './emulator';
import { aadError, audienceOfDefaultScope, knownTenant, noStore, tenantNotFound } from './entraResponses';
import { authorize } from './entraAuthorize';
import { redeemUserGrant } from './entraUser';
import { send, type Ctx } from './http';
import type { TokenClaims } from './tokens';

function openIdConfiguration(em: Emulator, ctx: Ctx, tenant: string): void {
    if (!knownTenant(em, tenant)) {
        aadError(ctx, 400, 'invalid_tenant', 90002, tenantNotFound(tenant));
        return;
    }
    const base = `${em.url}/${tenant}`;
    const resolved = em.state.directory.resolveTenant(tenant)?.tenantId;
    const host = new URL(em.url).host;
    send(ctx, 200, {
        token_endpoint: `${base}/oauth2/v2.0/token`,
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
        jwks_uri: `${base}/discovery/v2.0/keys`,
        response_modes_supported: ['query', 'fragment', 'form_post'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        issuer: em.issuerFor(resolved ?? '{tenantid}'),
        request_uri_parameter_supported: false,
        userinfo_endpoint: `${em.url}/oidc/userinfo`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
        http_logout_supported: true,
        frontchannel_logout_supported: true,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        claims_supported: [
            'sub',
            'iss',
            'aud',
            'exp',
            'iat',
            'auth_time',
            'acr',
            'nonce',
            'preferred_username',
            'name',
            'tid',
            'ver',
            'at_hash',
            'c_hash',
            'email',
        ],
        kerberos_endpoint: `${base}/kerberos`,
        tenant_region_scope: 'NA',
        cloud_instance_name: host,
        cloud_graph_host_name: host,
        msgraph_host: host,
        rbac_url: em.url,
    });
}

/** `GET /common/discovery/instance`: the answer MSAL's instance discovery expects for this host. */
function instanceDiscovery(em: Emulator, ctx: Ctx): void {
    const host = new URL(em.url).host;
    send(ctx, 200, {
        tenant_discovery_endpoint: `${em.url}/{tenant}/v2.0/.well-known/openid-configuration`,
        'api-version': '1.1',
        metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    });
}

/** Issues an access token for the service principal; `lifetimeSeconds` may be negative (already expired). */
export function issueToken(em: Emulator, audience: string, lifetimeSeconds = em.tunables.tokenLifetimeSeconds): string {
    const now = Math.floor(Date.now() / 1000);
    const sp = em.state.principal;
    const claims: TokenClaims = {
        aud: audience,
        iss: em.issuer,
        iat: now - 60,
        nbf: now - 60,
        exp: now + lifetimeSeconds,
        aio: crypto.randomBytes(12).toString('base64url'),
        appid: sp.clientId,
        azp: sp.clientId,
        appidacr: '1',
        idp: em.issuer,
        idtyp: 'app',
        oid: sp.objectId,
        rh: '0.emulator.',
        sub: sp.objectId,
        tid: em.tenantId,
        uti: crypto.randomBytes(16).toString('base64url'),
        ver: '2.0',
        xms_tcdt: 1700000000,
    };
    return em.signer.sign(claims);
}

function clientCredentialsFromBasic(ctx: Ctx): { id?: string; secret?: string } {
    const auth = ctx.req.headers.authorization;
    if (!auth?.startsWith('Basic ')) {
        return {};
    }
    const [id, secret] = Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':');
    return { id: decodeURIComponent(id ?? ''), secret: decodeURIComponent(secret ?? '') };
}

function clientCredentials(em: Emulator, ctx: Ctx, tenant: string, form: URLSearchParams): void {
    const basic = clientCredentialsFromBasic(ctx);
    const clientId = form.get('client_id') ?? basic.id;
    const secret = form.get('client_secret') ?? basic.secret;
    const scope = form.get('scope') ?? '';
    const sp = em.state.principal;
    // The service principal's app is single-tenant: it exists in its home tenant only.
    const resolved = em.state.directory.resolveTenant(tenant);
    const inHomeTenant = !resolved || resolved.tenantId.toLowerCase() === em.tenantId.toLowerCase();
    if (!clientId || clientId.toLowerCase() !== sp.clientId.toLowerCase() || !inHomeTenant) {
        aadError(
            ctx,
            401,
            'invalid_client',
            700016,
            `Application with identifier '${clientId ?? ''}' was not found in the directory '${resolved?.displayName ?? em.tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
        );
        return;
    }
    if (secret !== sp.clientSecret || em.state.clientSecretRevoked) {
        aadError(
            ctx,
            401,
            'invalid_client',
            7000215,
            `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${sp.clientId}'.`,
        );
        return;
    }
    const scopes = scope.split(' ').filter((s) => s && !['openid', 'profile', 'offline_access'].includes(s));
    if (scopes.length !== 1 || !scopes[0].endsWith('/.default')) {
        aadError(
            ctx,
            400,
            'invalid_scope',
            1002012,
            `The provided value for scope '${scope}' is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
        );
        return;
    }
    const lifetime = em.tunables.tokenLifetimeSeconds;
    send(
        ctx,
        200,
        {
            token_type: 'Bearer',
            expires_in: lifetime,
            ext_expires_in: lifetime,
            access_token: issueToken(em, audienceOfDefaultScope(scopes[0]), lifetime),
        },
        noStore,
    );
}

function token(em: Emulator, ctx: Ctx, tenant: string): void {
    if (!knownTenant(em, tenant)) {
        aadError(ctx, 400, 'invalid_request', 90002, tenantNotFound(tenant));
        return;
    }
    const form = new URLSearchParams(ctx.rawBody);
    const grantType = form.get('grant_type');
    if (grantType === 'client_credentials') {
        clientCredentials(em, ctx, tenant, form);
    } else if (grantType === 'authorization_code' || grantType === 'refresh_token') {
        redeemUserGrant(em, ctx, tenant, form, grantType);
    } else {
        aadError(
            ctx,
            400,
            'unsupported_grant_type',
            70003,
            `The app requested an unsupported grant type '${grantType ?? ''}'. The emulator supports client_credentials, authorization_code and refresh_token.`,
        );
    }
}

/** Answers Entra routes; returns false when the path is not one. */
export function handleEntra(em: Emulator, ctx: Ctx): boolean {
    if (/^\/common\/discovery\/instance$/i.test(ctx.path) && ctx.method === 'GET') {
        instanceDiscovery(em, ctx);
        return true;
    }
    const m =
        /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|oauth2\/v2\.0\/token|oauth2\/v2\.0\/authorize|discovery\/v2\.0\/keys|discovery\/keys)$/i.exec(
            ctx.path,
        );
    if (!m || m[1].toLowerCase() === 'subscriptions' || m[1].toLowerCase() === 'providers') {
        return false;
    }
    const [, tenant, what] = m;
    const route = what.toLowerCase();
    const expected = route.endsWith('token') ? 'POST' : 'GET';
    if (ctx.method !== expected) {
        aadError(ctx, 405, 'invalid_request', 900561, `The endpoint only accepts ${expected} requests.`);
    } else if (route.startsWith('v2.0')) {
        openIdConfiguration(em, ctx, tenant);
    } else if (route.endsWith('token')) {
        token(em, ctx, tenant);
    } else if (route.endsWith('authorize')) {
        authorize(em, ctx, tenant);
    } else {
        send(ctx, 200, { keys: [em.signer.jwk()] });
    }
    return true;
}
