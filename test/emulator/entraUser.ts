/**
 * The token endpoint's grants for people: the authorization code (from entraAuthorize.ts; PKCE when a challenge
 * was sent) and the refresh token, which gets tokens for any tenant the person belongs to without asking again,
 * unless that tenant asks for MFA the refresh token's sign-in did not have (AADSTS50076, `interaction_required`).
 */

import * as crypto from 'crypto';
import { findPublicClient } from './directory';
import type { Emulator } from './emulator';
import { codesOf, type CodeGrant } from './entraAuthorize';
import { aadError } from './entraResponses';
import { issueUserTokens, notMember, parseScopes, targetTenant } from './entraUserTokens';
import type { Ctx } from './http';

function redeemCode(em: Emulator, ctx: Ctx, tenant: string, form: URLSearchParams): void {
    const invalid = (code: number, description: string): void => aadError(ctx, 400, 'invalid_grant', code, description);
    const code = form.get('code') ?? '';
    const grant = codesOf(em).get(code);
    if (!grant) {
        invalid(70000, 'Provided grant is invalid or malformed.');
        return;
    }
    if (grant.redeemed) {
        invalid(
            54005,
            'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
        );
        return;
    }
    if (Date.now() > grant.expiresAt) {
        invalid(
            70008,
            'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
        );
        return;
    }
    if ((form.get('client_id') ?? '').toLowerCase() !== grant.clientId) {
        invalid(70000, 'Provided grant is invalid or malformed.');
        return;
    }
    if (form.get('redirect_uri') !== grant.redirectUri) {
        invalid(
            50011,
            `The redirect URI '${form.get('redirect_uri') ?? ''}' specified in the request does not match the redirect URI used to get the authorization code.`,
        );
        return;
    }
    if (grant.codeChallenge && !pkceMatches(grant, form.get('code_verifier'))) {
        invalid(501481, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.');
        return;
    }
    const user = em.state.directory.userByName(grant.userPrincipalName)!;
    if (targetTenant(em, tenant, user).toLowerCase() !== grant.tenantId.toLowerCase()) {
        invalid(70000, 'Provided grant is invalid or malformed. The authorization code was issued for another tenant.');
        return;
    }
    grant.redeemed = true;
    issueUserTokens(em, ctx, {
        user,
        tenantId: grant.tenantId,
        clientId: grant.clientId,
        scope: form.get('scope') ?? grant.scope,
        mfa: grant.mfa,
        nonce: grant.nonce,
        clientInfo: form.get('client_info') === '1',
    });
}

function pkceMatches(grant: CodeGrant, verifier: string | null): boolean {
    if (!verifier) {
        return false;
    }
    const computed =
        grant.codeChallengeMethod?.toUpperCase() === 'S256'
            ? crypto.createHash('sha256').update(verifier).digest('base64url')
            : verifier;
    return computed === grant.codeChallenge;
}

function redeemRefreshToken(em: Emulator, ctx: Ctx, tenant: string, form: URLSearchParams): void {
    const check = em.signer.verify(form.get('refresh_token') ?? '');
    const clientId = (form.get('client_id') ?? '').toLowerCase();
    if (!check.ok && check.reason === 'expired') {
        aadError(
            ctx,
            400,
            'invalid_grant',
            700082,
            'The refresh token has expired due to inactivity. The token was issued and was inactive for 90.00:00:00.',
        );
        return;
    }
    const claims = check.ok ? check.claims : undefined;
    const user = em.state.directory.userByName(typeof claims?.upn === 'string' ? claims.upn : undefined);
    if (!claims || claims.typ !== 'refresh' || !user || claims.appid !== clientId) {
        aadError(ctx, 400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.');
        return;
    }
    const tenantId = targetTenant(em, tenant, user);
    if (!em.state.directory.membership(user, tenantId)) {
        aadError(ctx, 400, 'invalid_grant', 50020, notMember(em, user, tenantId, clientId));
        return;
    }
    const mfa = claims.mfa === true;
    if (em.state.directory.requiresMfa(tenantId) && !mfa) {
        const scopes = parseScopes(form.get('scope') ?? '');
        aadError(
            ctx,
            400,
            'interaction_required',
            50076,
            `Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '${scopes.ok ? scopes.resource : ''}'.`,
            { suberror: 'basic_action', claims: '{"access_token":{"capolids":{"essential":true,"values":["mfa"]}}}' },
        );
        return;
    }
    issueUserTokens(em, ctx, {
        user,
        tenantId,
        clientId,
        scope: form.get('scope') ?? '',
        mfa,
        clientInfo: form.get('client_info') === '1',
    });
}

export function redeemUserGrant(
    em: Emulator,
    ctx: Ctx,
    tenant: string,
    form: URLSearchParams,
    grantType: 'authorization_code' | 'refresh_token',
): void {
    if (!findPublicClient(form.get('client_id'))) {
        aadError(
            ctx,
            400,
            'unauthorized_client',
            700016,
            `Application with identifier '${form.get('client_id') ?? ''}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
        );
        return;
    }
    if (grantType === 'authorization_code') {
        redeemCode(em, ctx, tenant, form);
    } else {
        redeemRefreshToken(em, ctx, tenant, form);
    }
}
