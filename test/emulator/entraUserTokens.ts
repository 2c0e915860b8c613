/** The tokens Entra issues to a person: access token for one resource, refresh token, ID token, client_info. */

import * as crypto from 'crypto';
import { findPublicClient, multiTenantAliases, type UserRecord } from './directory';
import type { Emulator } from './emulator';
import { aadError, audienceOfDefaultScope, noStore } from './entraResponses';
import { send, type Ctx } from './http';
import type { TokenClaims } from './tokens';

const oidcScopes = new Set(['openid', 'profile', 'email', 'offline_access']);
const graph = '00000003-0000-0000-c000-000000000000';
const refreshLifetimeSeconds = 90 * 24 * 3600;
export type ScopeRequest = { ok: true; resource: string; granted: string[] } | { ok: false; description: string };

/** One resource per request, as Entra requires; OIDC scopes alone mean Microsoft Graph's User.Read. */
export function parseScopes(scope: string): ScopeRequest {
    const requested = scope.split(' ').filter(Boolean);
    const resourceScopes = requested.filter((s) => !oidcScopes.has(s));
    const resources = new Set(
        resourceScopes.map((s) => (s.includes('/') ? s.slice(0, s.lastIndexOf('/')) : graph).replace(/\/+$/, '/')),
    );
    if (resources.size > 1) {
        return {
            ok: false,
            description: `The provided value for the input parameter 'scope' is not valid because it contains more than one resource. Scope ${scope} is not valid.`,
        };
    }
    const first = resourceScopes[0];
    const resource = first?.endsWith('/.default')
        ? audienceOfDefaultScope(first)
        : first?.includes('/')
          ? first.slice(0, first.lastIndexOf('/'))
          : graph;
    const granted = [
        ...requested.filter((s) => oidcScopes.has(s)),
        ...(resourceScopes.length ? resourceScopes : ['User.Read']),
    ];
    return { ok: true, resource, granted };
}

function b64url(value: unknown): string {
    return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function userClaims(em: Emulator, user: UserRecord, tenantId: string, lifetimeSeconds: number): TokenClaims {
    const membership = em.state.directory.membership(user, tenantId)!;
    const now = Math.floor(Date.now() / 1000);
    return {
        aud: '',
        iss: em.issuerFor(tenantId),
        iat: now - 60,
        nbf: now - 60,
        exp: now + lifetimeSeconds,
        oid: membership.objectId,
        sub: crypto.createHash('sha256').update(`${membership.objectId}`).digest('base64url').slice(0, 43),
        tid: tenantId,
        appid: '',
        name: user.displayName,
        rh: '0.emulator.',
        uti: crypto.randomBytes(16).toString('base64url'),
        ver: '2.0',
    };
}

export interface Issue {
    user: UserRecord;
    tenantId: string;
    clientId: string;
    scope: string;
    mfa: boolean;
    nonce?: string;
    clientInfo: boolean;
}

/** The token response: access token for the one resource, refresh token, ID token, client_info. */
export function issueUserTokens(em: Emulator, ctx: Ctx, issue: Issue): void {
    const scopes = parseScopes(issue.scope);
    if (!scopes.ok) {
        aadError(ctx, 400, 'invalid_scope', 28000, scopes.description);
        return;
    }
    const { user, tenantId, clientId } = issue;
    const lifetime = em.tunables.tokenLifetimeSeconds;
    const base = userClaims(em, user, tenantId, lifetime);
    const home = em.state.directory.membership(user, user.homeTenantId)!;
    const access: TokenClaims = {
        ...base,
        aud: scopes.resource,
        appid: clientId,
        appidacr: '0',
        acr: '1',
        amr: issue.mfa ? ['pwd', 'mfa'] : ['pwd'],
        idtyp: 'user',
        scp: 'user_impersonation',
        upn: user.userPrincipalName,
        unique_name: user.userPrincipalName,
        ipaddr: '127.0.0.1',
    };
    const requested = issue.scope.split(' ');
    const body: Record<string, unknown> = {
        token_type: 'Bearer',
        scope: scopes.granted.join(' '),
        expires_in: lifetime,
        ext_expires_in: lifetime,
        access_token: em.signer.sign(access),
    };
    if (requested.includes('offline_access')) {
        const refresh: TokenClaims = {
            ...userClaims(em, user, user.homeTenantId, refreshLifetimeSeconds),
            aud: clientId,
            appid: clientId,
            typ: 'refresh',
            upn: user.userPrincipalName,
            mfa: issue.mfa,
        };
        body.refresh_token = em.signer.sign(refresh);
        body.refresh_token_expires_in = refreshLifetimeSeconds;
    }
    if (requested.includes('openid')) {
        body.id_token = em.signer.sign({
            ...base,
            aud: clientId,
            appid: clientId,
            preferred_username: user.userPrincipalName,
            email: user.userPrincipalName,
            ...(issue.nonce ? { nonce: issue.nonce } : {}),
        });
    }
    if (issue.clientInfo) {
        body.client_info = b64url({ uid: home.objectId, utid: user.homeTenantId });
    }
    send(ctx, 200, body, noStore);
}

export function notMember(em: Emulator, user: UserRecord, tenantId: string, clientId: string): string {
    const tenant = em.state.directory.tenant(tenantId);
    const client = findPublicClient(clientId);
    return `User account '${user.userPrincipalName}' from identity provider '${em.issuerFor(user.homeTenantId)}' does not exist in tenant '${tenant?.displayName ?? tenantId}' and cannot access the application '${clientId}'(${client?.displayName ?? clientId}) in that tenant. The account needs to be added as an external user in the tenant first. Sign out and sign in again with a different Azure Active Directory user account.`;
}

/** The tenant a request is for: the named one, or the person's home tenant for `organizations` / `common`. */
export function targetTenant(em: Emulator, tenant: string, user: UserRecord): string {
    return multiTenantAliases.has(tenant.toLowerCase())
        ? user.homeTenantId
        : em.state.directory.resolveTenant(tenant)!.tenantId;
}
