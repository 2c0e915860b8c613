/** What Entra's endpoints share: tenant lookup, the AADSTS error answer, the no-store headers. */

import { multiTenantAliases } from './directory';
import type { Emulator } from './emulator';
import { send, type Ctx } from './http';

/** A known tenant (by id or domain) or `common` / `organizations`. */
export function knownTenant(em: Emulator, tenant: string): boolean {
    return multiTenantAliases.has(tenant.toLowerCase()) || !!em.state.directory.resolveTenant(tenant);
}

function timestamp(): string {
    return new Date()
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, 'Z');
}

/** The `AADSTS<code>: <description> Trace ID: ...` text Entra puts in `error_description`. */
export function aadDescription(ctx: Ctx, code: number, description: string): string {
    return `AADSTS${code}: ${description} Trace ID: ${ctx.requestId} Correlation ID: ${ctx.correlationId} Timestamp: ${timestamp()}`;
}

export function aadError(
    ctx: Ctx,
    status: number,
    error: string,
    code: number,
    description: string,
    extra: Record<string, unknown> = {},
): void {
    send(ctx, status, {
        error,
        error_description: aadDescription(ctx, code, description),
        error_codes: [code],
        timestamp: timestamp(),
        trace_id: ctx.requestId,
        correlation_id: ctx.correlationId,
        error_uri: `${ctx.baseUrl}/error?code=${code}`,
        ...extra,
    });
}

export function tenantNotFound(tenant: string): string {
    return `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`;
}

/** The resource of a `<resource>/.default` scope, as the token's audience. */
export function audienceOfDefaultScope(scope: string): string {
    return scope.slice(0, -'/.default'.length);
}

export const noStore = { 'cache-control': 'no-store, no-cache', pragma: 'no-cache' };
