/** Request context and response helpers shared by every emulator route. */

import type { ConnectionUse } from './connections';
import * as crypto from 'crypto';
import type { IncomingMessage, ServerResponse } from 'http';

export interface Caller {
    oid: string;
    appid: string;
    tid: string;
    /** How ARM names the caller in messages and systemData: a person's UPN, an application's id. */
    name: string;
    isUser: boolean;
}

export interface Ctx {
    readonly req: IncomingMessage;
    readonly res: ServerResponse;
    readonly method: string;
    /** Decoded path without trailing slash ('/' for the root). */
    readonly path: string;
    readonly query: URLSearchParams;
    readonly rawBody: string;
    /** Base URL of the emulator, no trailing slash. */
    readonly baseUrl: string;
    readonly requestId: string;
    readonly correlationId: string;
    readonly startedAt: number;
    caller?: Caller;
    /** The connection the request came on (connections.ts). */
    connection?: ConnectionUse;
    /** Status actually sent (for the request log); 0 when the connection was dropped. */
    status?: number;
    /** Name of the fault rule applied, if any. */
    fault?: string;
    /** Delay added by the fault config before handling (global latency plus latency rules). */
    injectedLatencyMs?: number;
    /** Handle the request but drop the connection instead of answering. */
    dropResponse?: boolean;
    /** Headers every response to this request carries (ARM's rate-limit headers). */
    responseHeaders?: Record<string, string>;
    /** Puts a successful response body in the request's api-version shape (versionShapes.ts). */
    reshapeResponse?: (body: unknown) => unknown;
    /** Reads a request body as the request's api-version defines it (versionShapes.ts). */
    reshapeRequest?: (body: unknown) => unknown;
}

export function newCtx(req: IncomingMessage, res: ServerResponse, rawBody: string, baseUrl: string): Ctx {
    // Collapse leading slashes first: '//subscriptions/..' (SDK `/{id}` templates given a '/'-prefixed id) is a path, not a host.
    const url = new URL((req.url ?? '/').replace(/^\/{2,}/, '/'), baseUrl);
    let path: string;
    try {
        path = decodeURIComponent(url.pathname);
    } catch {
        path = url.pathname;
    }
    path = path.replace(/\/{2,}/g, '/').replace(/\/+$/, '') || '/';
    const header = (name: string): string | undefined => {
        const v = req.headers[name];
        return Array.isArray(v) ? v[0] : v;
    };
    return {
        req,
        res,
        method: (req.method ?? 'GET').toUpperCase(),
        path,
        query: url.searchParams,
        rawBody,
        baseUrl,
        requestId: crypto.randomUUID(),
        correlationId: header('x-ms-correlation-request-id') ?? crypto.randomUUID(),
        startedAt: Date.now(),
    };
}

/** Case-insensitive query parameter lookup (ARM treats `$filter` and `$Filter` alike). */
export function queryParam(ctx: Ctx, name: string): string | undefined {
    const lower = name.toLowerCase();
    for (const [k, v] of ctx.query) {
        if (k.toLowerCase() === lower) {
            return v;
        }
    }
    return undefined;
}

export function send(ctx: Ctx, status: number, body?: unknown, headers: Record<string, string> = {}): void {
    if (ctx.res.headersSent || ctx.res.destroyed) {
        return;
    }
    ctx.status = status;
    if (ctx.dropResponse) {
        ctx.res.socket?.destroy();
        return;
    }
    const out: Record<string, string> = {
        'x-ms-request-id': ctx.requestId,
        'x-ms-correlation-request-id': ctx.correlationId,
        ...ctx.responseHeaders,
        ...headers,
    };
    const clientRequestId = ctx.req.headers['x-ms-client-request-id'];
    if (typeof clientRequestId === 'string') {
        out['x-ms-client-request-id'] = clientRequestId;
    }
    if (body === undefined) {
        ctx.res.writeHead(status, out);
        ctx.res.end();
        return;
    }
    const shaped = ctx.reshapeResponse && status < 300 && typeof body === 'object' ? ctx.reshapeResponse(body) : body;
    const text = typeof shaped === 'string' ? shaped : JSON.stringify(shaped);
    out['content-type'] ??= typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
    // Encoded once: large Resource Graph pages run to megabytes.
    const payload = Buffer.from(text, 'utf8');
    out['content-length'] = String(payload.length);
    ctx.res.writeHead(status, out);
    ctx.res.end(payload);
}

export function armError(
    ctx: Ctx,
    status: number,
    code: string,
    message: string,
    extra: Record<string, unknown> = {},
    headers: Record<string, string> = {},
): void {
    send(ctx, status, { error: { code, message, ...extra } }, headers);
}

export function parseJsonBody(ctx: Ctx): { ok: true; value: unknown } | { ok: false } {
    if (ctx.rawBody.trim() === '') {
        return { ok: true, value: undefined };
    }
    try {
        const value: unknown = JSON.parse(ctx.rawBody);
        return { ok: true, value: ctx.reshapeRequest ? ctx.reshapeRequest(value) : value };
    } catch {
        return { ok: false };
    }
}

export function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function nowIso(): string {
    return new Date().toISOString();
}
