/**
 * Azure Resource Graph: POST /providers/Microsoft.ResourceGraph/resources with a small KQL subset —
 * `<Table> | where <field> =~ 'x' [or|and ...] | where type in~ ('a','b') | project a, b = properties.c | extend ... |
 * order by f [asc|desc] | limit N`, paged with `$top`/`$skip`/`$skipToken`, rows limited to what the caller may read.
 * The query language is in kql.ts, the tables in tables.ts, running and paging in query.ts.
 */

import { authorizationFailed } from '../../authorization';
import type { Emulator } from '../../emulator';
import { armError, isObject, parseJsonBody, send, type Ctx } from '../../http';
import { decodeSkipToken, encodeSkipToken } from '../../paging';
import { visibleSubscriptions } from '../resources';
import { QueryError, type Row } from './kql';
import { queryResult } from './query';

/**
 * With `resourceGraph: 'absent'`, answers any request to the Microsoft.ResourceGraph namespace as ARM answers a
 * namespace it does not know (a custom cloud without Resource Graph): 404 InvalidResourceNamespace. Called after
 * authentication and before the api-version check, as ARM does.
 */
export function resourceGraphAbsent(em: Emulator, ctx: Ctx): boolean {
    if (em.tunables.resourceGraph !== 'absent' || !/\/providers\/Microsoft\.ResourceGraph(\/|$)/i.test(ctx.path)) {
        return false;
    }
    armError(ctx, 404, 'InvalidResourceNamespace', "The resource namespace 'Microsoft.ResourceGraph' is invalid.");
    return true;
}

export function handleResourceGraph(em: Emulator, ctx: Ctx): boolean {
    if (!/^\/providers\/Microsoft\.ResourceGraph\/resources$/i.test(ctx.path)) {
        return false;
    }
    if (ctx.method !== 'POST') {
        armError(ctx, 405, 'MethodNotAllowed', `The requested resource does not support http method '${ctx.method}'.`);
        return true;
    }
    if (em.tunables.resourceGraph === 'forbidden') {
        authorizationFailed(ctx, 'Microsoft.ResourceGraph/resources/read', ctx.path);
        return true;
    }
    const parsed = parseJsonBody(ctx);
    const body = parsed.ok && isObject(parsed.value) ? parsed.value : undefined;
    if (!body || typeof body.query !== 'string' || !body.query.trim()) {
        armError(ctx, 400, 'BadRequest', 'The request body must contain a non-empty "query".');
        return true;
    }
    const visible = new Set(visibleSubscriptions(em, ctx).map((s) => s.subscriptionId.toLowerCase()));
    const requested = Array.isArray(body.subscriptions)
        ? body.subscriptions.map((s) => String(s).toLowerCase())
        : [...visible];
    const subscriptions = new Set(requested.filter((s) => visible.has(s)));
    const options = isObject(body.options) ? body.options : {};
    const top = Math.min(1000, Math.max(1, Number(options.$top ?? 100) || 100));
    const offset =
        typeof options.$skipToken === 'string' ? decodeSkipToken(options.$skipToken) : Number(options.$skip ?? 0) || 0;
    let rows: Row[];
    let finish: (page: Row[]) => Row[];
    try {
        ({ rows, finish } = queryResult(em, ctx, body.query, subscriptions, offset > 0));
    } catch (e) {
        if (!(e instanceof QueryError)) {
            throw e;
        }
        armError(
            ctx,
            400,
            'BadRequest',
            `Please provide below info when asking for support: timestamp = ${new Date().toISOString()}, correlationId = ${ctx.correlationId}.`,
            {
                details: [
                    {
                        code: 'InvalidQuery',
                        message:
                            'Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the query before retrying.',
                    },
                    { code: 'ParserFailure', message: e.message },
                ],
            },
        );
        return true;
    }
    const data = finish(rows.slice(offset, offset + top));
    const more = offset + top < rows.length;
    const result: Record<string, unknown> = {
        totalRecords: rows.length,
        count: data.length,
        resultTruncated: 'false',
        facets: [],
        data,
    };
    if (options.resultFormat === 'table') {
        const columns = Object.keys(data[0] ?? {});
        result.data = {
            columns: columns.map((name) => ({ name, type: 'object' })),
            rows: data.map((r) => columns.map((c) => r[c])),
        };
    }
    if (more) {
        result.$skipToken = encodeSkipToken(offset + top);
    }
    send(ctx, 200, result);
    return true;
}
