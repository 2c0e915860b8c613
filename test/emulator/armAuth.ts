/** ARM's side of authentication: the bearer token of a request, and the tenant a subscription trusts. */

import type { ArmPath } from './armPath';
import type { Emulator } from './emulator';
import { armError, type Ctx } from './http';

function acceptedAudience(em: Emulator, aud: string): boolean {
    const norm = (s: string): string => s.replace(/\/+$/, '').toLowerCase();
    return [em.url, 'https://management.azure.com', 'https://management.core.windows.net']
        .map(norm)
        .includes(norm(aud));
}

function unauthorized(em: Emulator, ctx: Ctx, tenantId: string, code: string, message: string, why: string): false {
    armError(
        ctx,
        401,
        code,
        message,
        {},
        {
            'www-authenticate': `Bearer authorization_uri="${em.url}/${tenantId}", error="invalid_token", error_description="${why}"`,
        },
    );
    return false;
}

/** Validates the bearer token of an ARM request; sets `ctx.caller` or answers 401 and returns false. */
export function authenticateArm(em: Emulator, ctx: Ctx): boolean {
    const fail = (code: string, message: string, why: string): false =>
        unauthorized(em, ctx, em.tenantId, code, message, why);
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
    const tenant = em.state.directory.tenant(claims.tid);
    if (!tenant || claims.iss !== em.issuerFor(tenant.tenantId)) {
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
    const isUser = claims.idtyp === 'user';
    ctx.caller = {
        oid: claims.oid,
        appid: claims.appid,
        tid: tenant.tenantId,
        name: isUser && typeof claims.upn === 'string' ? claims.upn : claims.appid,
        isUser,
    };
    return true;
}

/**
 * A subscription answers only tokens of the tenant it trusts: another tenant's token gets ARM's 401
 * InvalidAuthenticationTokenTenant, which names the authority to use. An unknown subscription is left to the
 * provider (404 SubscriptionNotFound).
 */
export function checkSubscriptionTenant(em: Emulator, ctx: Ctx, path: ArmPath | undefined): boolean {
    const subscription = em.state.subscription(path?.subscriptionId);
    const caller = ctx.caller;
    if (!subscription || !caller) {
        return true;
    }
    const trusted = em.state.tenantOf(subscription);
    if (trusted.toLowerCase() === caller.tid.toLowerCase()) {
        return true;
    }
    return unauthorized(
        em,
        ctx,
        trusted,
        'InvalidAuthenticationTokenTenant',
        `The access token is from the wrong issuer '${em.issuerFor(caller.tid)}'. It must match the tenant '${em.issuerFor(trusted)}' associated with this subscription. Please use the authority (URL) '${em.url}/${trusted}' to get the token. Note, if the subscription is transferred to another tenant there is no impact to the services, but information about new tenant could take time to propagate (up to an hour). If you just transferred your subscription and see this error message, please try back later.`,
        'The access token is from the wrong issuer.',
    );
}
