/** ARM list paging: `{ value, nextLink }` with an absolute nextLink carrying an opaque `$skipToken`. */

import { queryParam, type Ctx } from './http';

export function encodeSkipToken(offset: number): string {
    return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

export function decodeSkipToken(token: string | undefined): number {
    if (!token) {
        return 0;
    }
    if (/^\d+$/.test(token)) {
        return Number(token);
    }
    try {
        const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: unknown };
        return typeof parsed.offset === 'number' && parsed.offset >= 0 ? parsed.offset : 0;
    } catch {
        return 0;
    }
}

/** One page of `items`, starting at the request's `$skipToken` (or `$skip`). */
export function page<T>(ctx: Ctx, items: readonly T[], pageSize: number): { value: T[]; nextLink?: string } {
    const offset = decodeSkipToken(queryParam(ctx, '$skipToken') ?? queryParam(ctx, '$skip'));
    const size = Math.max(1, pageSize);
    const value = items.slice(offset, offset + size);
    if (offset + size >= items.length) {
        return { value };
    }
    const next = new URLSearchParams();
    for (const [k, v] of ctx.query) {
        if (!['$skiptoken', '$skip'].includes(k.toLowerCase())) {
            next.append(k, v);
        }
    }
    next.set('$skipToken', encodeSkipToken(offset + size));
    const path = ctx.path.split('/').map(encodeURIComponent).join('/');
    return { value, nextLink: `${ctx.baseUrl}${path}?${next.toString()}` };
}
