/**
 * Entra's authorize and token endpoints, as the emulated Microsoft sign-in uses them: the browser step of the
 * authorization code flow done as one GET whose redirect is read instead of followed, then the code (PKCE) or a
 * refresh token redeemed at the token endpoint. Node's http(s) only, and only to a loopback authority.
 */

import * as crypto from 'crypto';
import * as http from 'http';
import * as https from 'https';

export const DEFAULT_CLIENT_ID = 'aebc6443-996d-45c2-90f0-388ff96faa56';
const DEFAULT_TENANT = 'organizations';
/** Sent with every request, as VS Code's Microsoft authentication does. */
export const OIDC_SCOPES = ['openid', 'profile', 'offline_access', 'email'];

/** What a list of scopes asks for: VS Code's `VSCODE_CLIENT_ID:` and `VSCODE_TENANT:` scopes taken out. */
export interface ScopeData {
    /** As requested: a session carries these (VS Code matches sessions by them). */
    original: readonly string[];
    clientId: string;
    tenant: string;
    /** The resource scopes plus the OIDC scopes. */
    toSend: string[];
    /** Client, tenant and resource scopes, whatever their order: one cached token per key. */
    key: string;
}

export function parseScopes(scopes: readonly string[]): ScopeData {
    const value = (prefix: string) => scopes.find((s) => s.startsWith(prefix))?.slice(prefix.length);
    const resources = [...new Set(scopes.filter((s) => !s.startsWith('VSCODE_') && !OIDC_SCOPES.includes(s)))].sort();
    const clientId = value('VSCODE_CLIENT_ID:') || DEFAULT_CLIENT_ID;
    const tenant = value('VSCODE_TENANT:') || DEFAULT_TENANT;
    return {
        original: [...scopes],
        clientId,
        tenant,
        toSend: [...resources, ...OIDC_SCOPES],
        key: [clientId, tenant, ...resources].join(' '),
    };
}

/** An OAuth error answer: `code` is Entra's `error`, the message its `error_description` (never a token). */
export class EntraError extends Error {
    constructor(
        readonly code: string,
        description: string,
    ) {
        super(description);
        this.name = 'EntraError';
    }
}

export interface TokenAnswer {
    accessToken: string;
    refreshToken?: string;
    expiresAt: number;
    /** `<uid>.<utid>` from client_info. */
    accountId?: string;
    homeTenantId?: string;
    /** From the ID token, lower case. */
    userName?: string;
    /** The ID token's nonce. */
    nonce?: string;
}

interface Answer {
    status: number;
    location?: string;
    body: string;
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function send(url: URL, form?: URLSearchParams): Promise<Answer> {
    if (!loopbackHosts.has(url.hostname) || !/^https?:$/.test(url.protocol)) {
        return Promise.reject(
            new Error(`The emulated Microsoft sign-in talks to loopback only, not to ${url.origin}.`),
        );
    }
    const body = form?.toString();
    const headers: Record<string, string | number> = { accept: 'application/json' };
    if (body !== undefined) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        headers['content-length'] = Buffer.byteLength(body);
    }
    const client = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
        const request = client.request(url, { method: body === undefined ? 'GET' : 'POST', headers }, (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (text += chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body: text }));
            res.on('error', reject);
        });
        request.setTimeout(30_000, () => request.destroy(new Error(`${url.origin} did not answer within 30 s`)));
        request.on('error', reject);
        request.end(body);
    });
}

function endpoint(authority: string, tenant: string, name: 'authorize' | 'token'): URL {
    const base = authority.endsWith('/') ? authority : `${authority}/`;
    return new URL(`${encodeURIComponent(tenant)}/oauth2/v2.0/${name}`, base);
}

const random = () => crypto.randomBytes(32).toString('base64url');

function decodeJson(part: string | undefined): Record<string, unknown> | undefined {
    try {
        return part
            ? (JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>)
            : undefined;
    } catch {
        return undefined;
    }
}

/** The text of an HTML error page (Entra's "Sorry, but we're having trouble signing you in"), briefly. */
function pageText(html: string): string {
    const text = (/<p id="error">([^<]*)<\/p>/.exec(html)?.[1] ?? html.replace(/<[^>]*>/g, ' '))
        .replace(/\s+/g, ' ')
        .trim();
    return text.length > 300 ? `${text.slice(0, 300)}...` : text;
}

/** The authorization code flow for `loginHint`: authorize (redirect read, not followed), then the code redeemed. */
export async function signInInteractively(
    authority: string,
    scopes: ScopeData,
    loginHint: string,
): Promise<TokenAnswer> {
    const verifier = random();
    const state = random();
    const nonce = random();
    // Nothing listens there: the redirect is read from the Location header, as a browser would be sent to it.
    const redirectUri = `http://127.0.0.1:${crypto.randomInt(49152, 65535)}/`;
    const url = endpoint(authority, scopes.tenant, 'authorize');
    url.search = new URLSearchParams({
        client_id: scopes.clientId,
        response_type: 'code',
        redirect_uri: redirectUri,
        scope: scopes.toSend.join(' '),
        state,
        nonce,
        code_challenge: crypto.createHash('sha256').update(verifier).digest('base64url'),
        code_challenge_method: 'S256',
        login_hint: loginHint,
    }).toString();
    const answer = await send(url);
    if (answer.status !== 302 || !answer.location) {
        const text = pageText(answer.body);
        throw new Error(`The sign-in page answered ${answer.status} instead of a redirect${text ? `: ${text}` : ''}`);
    }
    const back = new URL(answer.location);
    if (`${back.origin}${back.pathname}` !== redirectUri || back.searchParams.get('state') !== state) {
        throw new Error('The sign-in page redirected elsewhere than asked, or with another state.');
    }
    const error = back.searchParams.get('error');
    if (error) {
        throw new EntraError(error, back.searchParams.get('error_description') || error);
    }
    const code = back.searchParams.get('code');
    if (!code) {
        throw new Error('The sign-in page redirected without a code.');
    }
    const tokens = await redeem(authority, scopes, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        code_verifier: verifier,
    });
    if (tokens.nonce !== nonce) {
        throw new Error('The ID token does not carry the nonce of the sign-in.');
    }
    return tokens;
}

/** The token endpoint of `scopes.tenant`: an authorization code or a refresh token for an access token. */
export async function redeem(
    authority: string,
    scopes: ScopeData,
    grant: Record<string, string>,
): Promise<TokenAnswer> {
    const form = new URLSearchParams({ client_id: scopes.clientId, scope: scopes.toSend.join(' '), client_info: '1' });
    Object.entries(grant).forEach(([name, value]) => form.set(name, value));
    const answer = await send(endpoint(authority, scopes.tenant, 'token'), form);
    let body: Record<string, unknown>;
    try {
        body = JSON.parse(answer.body) as Record<string, unknown>;
    } catch {
        throw new Error(`The token endpoint answered ${answer.status} without JSON.`);
    }
    if (answer.status !== 200 || typeof body.access_token !== 'string') {
        const code = typeof body.error === 'string' ? body.error : `status ${answer.status}`;
        throw new EntraError(code, typeof body.error_description === 'string' ? body.error_description : code);
    }
    const info = decodeJson(typeof body.client_info === 'string' ? body.client_info : undefined);
    const claims = decodeJson(typeof body.id_token === 'string' ? body.id_token.split('.')[1] : undefined);
    const userName = claims?.preferred_username ?? claims?.upn;
    return {
        accessToken: body.access_token,
        refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : undefined,
        expiresAt: Date.now() + Number(body.expires_in ?? 3600) * 1000,
        accountId: info?.uid && info.utid ? `${String(info.uid)}.${String(info.utid)}` : undefined,
        homeTenantId: info?.utid ? String(info.utid) : undefined,
        userName: typeof userName === 'string' ? userName.toLowerCase() : undefined,
        nonce: typeof claims?.nonce === 'string' ? claims.nonce : undefined,
    };
}
