/**
 * The authorize endpoint, the browser step of an interactive sign-in, done here without a browser: `login_hint`
 * names the person (without it, a page lists the directory's people as links), and completing it satisfies the
 * tenant's MFA. It redirects to the app with a code, or with Entra's error.
 */

import * as crypto from 'crypto';
import { findPublicClient, redirectUriAllowed } from './directory';
import type { Emulator } from './emulator';
import { aadDescription, knownTenant, tenantNotFound } from './entraResponses';
import { notMember, targetTenant } from './entraUserTokens';
import { send, type Ctx } from './http';

const codeLifetimeMs = 10 * 60 * 1000;

export interface CodeGrant {
    clientId: string;
    redirectUri: string;
    userPrincipalName: string;
    tenantId: string;
    scope: string;
    nonce?: string;
    codeChallenge?: string;
    codeChallengeMethod?: string;
    mfa: boolean;
    expiresAt: number;
    redeemed: boolean;
}

/** Codes handed out by the authorize endpoint, per emulator. */
const codes = new WeakMap<Emulator, Map<string, CodeGrant>>();

export function codesOf(em: Emulator): Map<string, CodeGrant> {
    let map = codes.get(em);
    if (!map) {
        map = new Map();
        codes.set(em, map);
    }
    return map;
}

function errorPage(ctx: Ctx, status: number, code: number, description: string): void {
    const text = aadDescription(ctx, code, description).replace(/[<>&"]/g, '');
    send(
        ctx,
        status,
        `<!doctype html><html><head><title>Sign in to your account</title></head><body><h1>Sorry, but we're having trouble signing you in.</h1><p id="error">${text}</p></body></html>`,
        {
            'content-type': 'text/html; charset=utf-8',
        },
    );
}

/** A page listing the directory's people, each a link that signs them in (what a browser would show). */
function accountPicker(em: Emulator, ctx: Ctx): void {
    const links = em.state.directory.users.map((u) => {
        const query = new URLSearchParams(ctx.query);
        query.set('login_hint', u.userPrincipalName);
        const label = `${u.displayName} (${u.userPrincipalName})`.replace(/[<>&"]/g, '');
        return `<li><a href="${ctx.path}?${query.toString().replace(/&/g, '&amp;').replace(/"/g, '%22')}">${label}</a></li>`;
    });
    send(
        ctx,
        200,
        `<!doctype html><html><head><title>Pick an account</title></head><body><h1>Pick an account (Azure emulator)</h1><ul>${links.join('')}</ul></body></html>`,
        {
            'content-type': 'text/html; charset=utf-8',
        },
    );
}

/** `GET /{tenant}/oauth2/v2.0/authorize`: signs `login_hint` in and redirects with a code (or an error). */
export function authorize(em: Emulator, ctx: Ctx, tenant: string): void {
    const q = ctx.query;
    if (!knownTenant(em, tenant)) {
        errorPage(ctx, 400, 90002, tenantNotFound(tenant));
        return;
    }
    const client = findPublicClient(q.get('client_id'));
    if (!client) {
        errorPage(
            ctx,
            400,
            700016,
            `Application with identifier '${q.get('client_id') ?? ''}' was not found in the directory '${tenant}'.`,
        );
        return;
    }
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!redirectUriAllowed(client, redirectUri)) {
        errorPage(
            ctx,
            400,
            50011,
            `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${client.clientId}'.`,
        );
        return;
    }
    const redirect = (params: Record<string, string>): void => {
        const target = new URL(redirectUri);
        for (const [k, v] of Object.entries({ ...params, ...(q.get('state') ? { state: q.get('state')! } : {}) })) {
            target.searchParams.set(k, v);
        }
        send(ctx, 302, undefined, { location: target.toString() });
    };
    const fail = (error: string, code: number, description: string): void =>
        redirect({ error, error_description: aadDescription(ctx, code, description) });
    if (q.get('response_type') !== 'code') {
        fail(
            'unsupported_response_type',
            700054,
            `response_type '${q.get('response_type') ?? ''}' is not supported; the emulator answers 'code'.`,
        );
        return;
    }
    const loginHint = q.get('login_hint');
    if (!loginHint) {
        if (q.get('prompt') === 'none') {
            fail('login_required', 50058, 'A silent sign-in request was sent but no user is signed in.');
        } else {
            accountPicker(em, ctx);
        }
        return;
    }
    const user = em.state.directory.userByName(loginHint);
    if (!user) {
        fail(
            'invalid_request',
            50034,
            `The user account ${loginHint} does not exist in the ${tenant} directory. To sign into this application, the account must be added to the directory.`,
        );
        return;
    }
    const tenantId = targetTenant(em, tenant, user);
    if (!em.state.directory.membership(user, tenantId)) {
        fail('invalid_request', 50020, notMember(em, user, tenantId, client.clientId));
        return;
    }
    const code = crypto.randomBytes(32).toString('base64url');
    codesOf(em).set(code, {
        clientId: client.clientId,
        redirectUri,
        userPrincipalName: user.userPrincipalName,
        tenantId,
        scope: q.get('scope') ?? '',
        nonce: q.get('nonce') ?? undefined,
        codeChallenge: q.get('code_challenge') ?? undefined,
        codeChallengeMethod: q.get('code_challenge_method') ?? undefined,
        // The person finished the sign-in in the browser, including any MFA the tenant asks for.
        mfa: em.state.directory.requiresMfa(tenantId),
        expiresAt: Date.now() + codeLifetimeMs,
        redeemed: false,
    });
    redirect({ code, session_state: crypto.randomUUID() });
}
