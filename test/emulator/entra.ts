/**
 * Emulated Microsoft Entra ID (v2.0 endpoints used by MSAL/@azure/identity client credentials) and ARM-side token
 * validation.
 */

import * as crypto from 'crypto';
import type { Emulator } from './emulator';
import { armError, send, type Ctx } from './http';
import type { TokenClaims } from './tokens';

const wellKnownTenants = new Set(['common', 'organizations']);

function knownTenant(em: Emulator, tenant: string): boolean {
    return tenant.toLowerCase() === em.tenantId.toLowerCase() || wellKnownTenants.has(tenant.toLowerCase());
}

function aadError(ctx: Ctx, status: number, error: string, code: number, description: string): void {
    const timestamp = new Date()
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, 'Z');
    send(ctx, status, {
        error,
        error_description: `AADSTS${code}: ${description} Trace ID: ${ctx.requestId} Correlation ID: ${ctx.correlationId} Timestamp: ${timestamp}`,
        error_codes: [code],
        timestamp,
        trace_id: ctx.requestId,
        correlation_id: ctx.correlationId,
        error_uri: `${ctx.baseUrl}/error?code=${code}`,
    });
}

function openIdConfiguration(em: Emulator, ctx: Ctx, tenant: string): void {
    if (!knownTenant(em, tenant)) {
        aadError(
            ctx,
            400,
            'invalid_tenant',
            90002,
            `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
        );
        return;
    }
    const base = `${em.url}/${tenant}`;
    const issuerTenant = wellKnownTenants.has(tenant.toLowerCase()) ? '{tenantid}' : em.tenantId;
    send(ctx, 200, {
        token_endpoint: `${base}/oauth2/v2.0/token`,
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
        jwks_uri: `${base}/discovery/v2.0/keys`,
        response_modes_supported: ['query', 'fragment', 'form_post'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        issuer: `${em.url}/${issuerTenant}/v2.0`,
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
        cloud_instance_name: new URL(em.url).host,
        cloud_graph_host_name: new URL(em.url).host,
        msgraph_host: new URL(em.url).host,
        rbac_url: em.url,
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

function token(em: Emulator, ctx: Ctx, tenant: string): void {
    if (!knownTenant(em, tenant)) {
        aadError(ctx, 400, 'invalid_request', 90002, `Tenant '${tenant}' not found.`);
        return;
    }
    const form = new URLSearchParams(ctx.rawBody);
    const basic = clientCredentialsFromBasic(ctx);
    const grantType = form.get('grant_type');
    const clientId = form.get('client_id') ?? basic.id;
    const secret = form.get('client_secret') ?? basic.secret;
    const scope = form.get('scope') ?? '';
    if (grantType !== 'client_credentials') {
        aadError(
            ctx,
            400,
            'unsupported_grant_type',
            70003,
            `The app requested an unsupported grant type '${grantType ?? ''}'. The emulator supports client_credentials only.`,
        );
        return;
    }
    const sp = em.state.principal;
    if (!clientId || clientId.toLowerCase() !== sp.clientId.toLowerCase()) {
        aadError(
            ctx,
            401,
            'invalid_client',
            700016,
            `Application with identifier '${clientId ?? ''}' was not found in the directory '${em.tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
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
    const audience = scopes[0].slice(0, -'/.default'.length);
    const lifetime = em.tunables.tokenLifetimeSeconds;
    send(
        ctx,
        200,
        {
            token_type: 'Bearer',
            expires_in: lifetime,
            ext_expires_in: lifetime,
            access_token: issueToken(em, audience, lifetime),
        },
        { 'cache-control': 'no-store, no-cache', pragma: 'no-cache' },
    );
}

/** Answers Entra routes; returns false when the path is not one. */
export function handleEntra(em: Emulator, ctx: Ctx): boolean {
    const m =
        /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|oauth2\/v2\.0\/token|discovery\/v2\.0\/keys|discovery\/keys)$/i.exec(
            ctx.path,
        );
    if (!m || m[1].toLowerCase() === 'subscriptions' || m[1].toLowerCase() === 'providers') {
        return false;
    }
    const [, tenant, what] = m;
    const route = what.toLowerCase();
    if (route.startsWith('v2.0') && ctx.method === 'GET') {
        openIdConfiguration(em, ctx, tenant);
    } else if (route.startsWith('oauth2') && ctx.method === 'POST') {
        token(em, ctx, tenant);
    } else if (route.startsWith('discovery') && ctx.method === 'GET') {
        send(ctx, 200, { keys: [em.signer.jwk()] });
    } else {
        aadError(
            ctx,
            405,
            'invalid_request',
            900561,
            `The endpoint only accepts ${route.startsWith('oauth2') ? 'POST' : 'GET'} requests.`,
        );
    }
    return true;
}

function acceptedAudience(em: Emulator, aud: string): boolean {
    const norm = (s: string): string => s.replace(/\/+$/, '').toLowerCase();
    return [em.url, 'https://management.azure.com', 'https://management.core.windows.net']
        .map(norm)
        .includes(norm(aud));
}

/** Validates the bearer token of an ARM request; sets `ctx.caller` or answers 401 and returns false. */
export function authenticateArm(em: Emulator, ctx: Ctx): boolean {
    const fail = (code: string, message: string, description: string): false => {
        armError(
            ctx,
            401,
            code,
            message,
            {},
            {
                'www-authenticate': `Bearer authorization_uri="${em.url}/${em.tenantId}", error="invalid_token", error_description="${description}"`,
            },
        );
        return false;
    };
    const header = ctx.req.headers.authorization;
    if (!header) {
        return fail(
            'AuthenticationFailed',
            "Authentication failed. The 'Authorization' header is missing.",
            "The authentication failed because of missing 'Authorization' header.",
        );
    }
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) {
        return fail(
            'AuthenticationFailed',
            "Authentication failed. The 'Authorization' header is provided in an invalid format.",
            "The 'Authorization' header is in an invalid format.",
        );
    }
    const check = em.signer.verify(m[1]);
    if (!check.ok) {
        if (check.reason === 'expired') {
            const exp = new Date((check.claims?.exp ?? 0) * 1000).toISOString();
            return fail(
                'ExpiredAuthenticationToken',
                `The access token expiry UTC time '${exp}' is earlier than current UTC time '${new Date().toISOString()}'.`,
                'The access token has expired.',
            );
        }
        if (check.reason === 'signature') {
            return fail(
                'InvalidAuthenticationToken',
                'The access token is invalid. The signature of the token could not be validated.',
                'The access token has an invalid signature.',
            );
        }
        return fail('InvalidAuthenticationToken', 'The access token is invalid.', 'The access token is malformed.');
    }
    const claims = check.claims;
    if (claims.tid?.toLowerCase() !== em.tenantId.toLowerCase() || claims.iss !== em.issuer) {
        return fail(
            'InvalidAuthenticationTokenTenant',
            `The access token is from the wrong issuer '${claims.iss}'. It must match the tenant '${em.issuer}' associated with this subscription.`,
            'The access token is from the wrong issuer.',
        );
    }
    if (!acceptedAudience(em, claims.aud)) {
        return fail(
            'InvalidAuthenticationTokenAudience',
            `The access token has been obtained for wrong audience or resource '${claims.aud}'. It should exactly match with one of the allowed audiences '${em.url}/', 'https://management.azure.com/', 'https://management.core.windows.net/'.`,
            'The access token has an invalid audience.',
        );
    }
    ctx.caller = { oid: claims.oid, appid: claims.appid, tid: claims.tid };
    return true;
}
