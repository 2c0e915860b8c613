/**
 * Azure Resource Graph: POST /providers/Microsoft.ResourceGraph/resources with a small KQL subset —
 * `<Table> | where <field> =~ 'x' [or|and ...] | where type in~ ('a','b') | project a, b = properties.c | extend ... |
 * order by f [asc|desc] | limit N`, paged with `$top`/`$skip`/`$skipToken`, rows limited to what the caller may read.
 */

import { callerMay } from '../authorization';
import { classifyArmPath, typeOfId } from '../armPath';
import type { Emulator } from '../emulator';
import { armError, isObject, parseJsonBody, send, type Ctx } from '../http';
import { decodeSkipToken, encodeSkipToken } from '../paging';
import { roleAssignmentType, type Json } from '../state';
import { visibleSubscriptions } from './resources';

type Row = Record<string, unknown>;
type Expr =
    | { kind: 'cmp'; field: string; op: string; values: unknown[] }
    | { kind: 'and' | 'or'; left: Expr; right: Expr }
    | { kind: 'not'; inner: Expr };

class QueryError extends Error {}

function tokenize(text: string): string[] {
    const tokens: string[] = [];
    const re =
        /\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|!in~|in~|!in\b|!contains|!has|!startswith|=~|!~|==|!=|<=|>=|[(),=<>|]|[A-Za-z_][\w.]*|-?\d+(?:\.\d+)?)/gy;
    let m: RegExpExecArray | null;
    let last = 0;
    while ((m = re.exec(text))) {
        tokens.push(m[1]);
        last = re.lastIndex;
    }
    if (text.slice(last).trim()) {
        throw new QueryError(`Unexpected text at position ${last}: '${text.slice(last, last + 20)}'`);
    }
    return tokens;
}

function literal(token: string | undefined): unknown {
    if (token === undefined) {
        throw new QueryError('Unexpected end of query');
    }
    if (/^['"]/.test(token)) {
        return token.slice(1, -1).replace(/\\(.)/g, '$1');
    }
    if (/^-?\d/.test(token)) {
        return Number(token);
    }
    if (token === 'true' || token === 'false') {
        return token === 'true';
    }
    throw new QueryError(`Expected a literal, got '${token}'`);
}

const comparisons = [
    '=~',
    '==',
    '!=',
    '!~',
    'in~',
    'in',
    '!in',
    '!in~',
    'contains',
    'has',
    'startswith',
    'endswith',
    '!contains',
    '!has',
];

function parseWhere(tokens: string[]): Expr {
    let i = 0;
    const peek = (): string | undefined => tokens[i];
    const next = (): string | undefined => tokens[i++];
    const expect = (t: string): void => {
        if (next() !== t) {
            throw new QueryError(`Expected '${t}'`);
        }
    };
    const primary = (): Expr => {
        if (peek() === '(') {
            next();
            const e = or();
            expect(')');
            return e;
        }
        if (peek()?.toLowerCase() === 'not') {
            next();
            expect('(');
            const e = or();
            expect(')');
            return { kind: 'not', inner: e };
        }
        const field = next();
        if (!field || !/^[A-Za-z_][\w.]*$/.test(field)) {
            throw new QueryError(`Expected a column name, got '${field ?? ''}'`);
        }
        const op = next()?.toLowerCase() ?? '';
        if (!comparisons.includes(op)) {
            throw new QueryError(`Unsupported operator '${op}'`);
        }
        if (['in', 'in~', '!in', '!in~'].includes(op)) {
            expect('(');
            const values: unknown[] = [];
            while (peek() !== ')') {
                values.push(literal(next()));
                if (peek() === ',') {
                    next();
                }
            }
            expect(')');
            return { kind: 'cmp', field, op, values };
        }
        return { kind: 'cmp', field, op, values: [literal(next())] };
    };
    const and = (): Expr => {
        let left = primary();
        while (peek()?.toLowerCase() === 'and') {
            next();
            left = { kind: 'and', left, right: primary() };
        }
        return left;
    };
    const or = (): Expr => {
        let left = and();
        while (peek()?.toLowerCase() === 'or') {
            next();
            left = { kind: 'or', left, right: and() };
        }
        return left;
    };
    const e = or();
    if (i !== tokens.length) {
        throw new QueryError(`Unexpected token '${tokens[i]}'`);
    }
    return e;
}

function field(row: Row, path: string): unknown {
    let value: unknown = row;
    for (const part of path.split('.')) {
        if (!isObject(value)) {
            return undefined;
        }
        const key =
            Object.keys(value).find((k) => k === part) ??
            Object.keys(value).find((k) => k.toLowerCase() === part.toLowerCase());
        value = key === undefined ? undefined : value[key];
    }
    return value;
}

function evaluate(e: Expr, row: Row): boolean {
    switch (e.kind) {
        case 'and':
            return evaluate(e.left, row) && evaluate(e.right, row);
        case 'or':
            return evaluate(e.left, row) || evaluate(e.right, row);
        case 'not':
            return !evaluate(e.inner, row);
        case 'cmp': {
            const v = field(row, e.field);
            const s = v === undefined || v === null ? '' : String(v);
            const values = e.values.map(String);
            const ci = (a: string): string => a.toLowerCase();
            switch (e.op) {
                case '==':
                    return s === values[0];
                case '!=':
                    return s !== values[0];
                case '=~':
                    return ci(s) === ci(values[0]);
                case '!~':
                    return ci(s) !== ci(values[0]);
                case 'in':
                    return values.includes(s);
                case '!in':
                    return !values.includes(s);
                case 'in~':
                    return values.map(ci).includes(ci(s));
                case '!in~':
                    return !values.map(ci).includes(ci(s));
                case 'contains':
                case 'has':
                    return ci(s).includes(ci(values[0]));
                case '!contains':
                case '!has':
                    return !ci(s).includes(ci(values[0]));
                case 'startswith':
                    return ci(s).startsWith(ci(values[0]));
                case 'endswith':
                    return ci(s).endsWith(ci(values[0]));
            }
            return false;
        }
    }
}

function parseColumns(text: string): { name: string; path: string }[] {
    return text
        .split(',')
        .map((c) => c.trim())
        .filter((c) => c.length > 0)
        .map((c) => {
            const m = /^([A-Za-z_]\w*)\s*=\s*(?:tostring\(|tolower\()?\s*([A-Za-z_][\w.]*)\s*\)?$/.exec(c);
            if (m) {
                return { name: m[1], path: m[2] };
            }
            if (!/^[A-Za-z_][\w.]*$/.test(c)) {
                throw new QueryError(`Unsupported column expression '${c}'`);
            }
            return { name: c.replace(/\./g, '_'), path: c };
        });
}

function splitStages(query: string): string[] {
    const stages: string[] = [];
    let current = '';
    let quote: string | undefined;
    for (const ch of query) {
        if (quote) {
            if (ch === quote) {
                quote = undefined;
            }
        } else if (ch === "'" || ch === '"') {
            quote = ch;
        } else if (ch === '|') {
            stages.push(current.trim());
            current = '';
            continue;
        }
        current += ch;
    }
    stages.push(current.trim());
    return stages;
}

function rowOf(em: Emulator, r: Json & { id: string }): Row {
    const c = classifyArmPath(r.id);
    return {
        id: r.id,
        name: r.name,
        type: String(r.type ?? typeOfId(r.id) ?? '').toLowerCase(),
        tenantId: em.tenantId,
        kind: r.kind ?? '',
        location: r.location ?? '',
        resourceGroup: (c?.resourceGroup ?? '').toLowerCase(),
        subscriptionId: c?.subscriptionId ?? '',
        managedBy: r.managedBy ?? '',
        sku: r.sku ?? null,
        plan: r.plan ?? null,
        properties: r.properties ?? {},
        tags: r.tags ?? null,
        identity: r.identity ?? null,
        zones: r.zones ?? null,
        extendedLocation: r.extendedLocation ?? null,
    };
}

function table(em: Emulator, ctx: Ctx, name: string, subscriptions: Set<string>): Row[] {
    const lower = name.toLowerCase();
    const may = (type: string, id: string): boolean => callerMay(em, ctx, `${type}/read`, id);
    if (lower === 'resourcecontainers') {
        const subs = em.state.subscriptions
            .filter(
                (s) =>
                    subscriptions.has(s.subscriptionId.toLowerCase()) &&
                    may('Microsoft.Resources/subscriptions', `/subscriptions/${s.subscriptionId}`),
            )
            .map((s) => ({
                ...rowOf(em, {
                    id: `/subscriptions/${s.subscriptionId}`,
                    name: s.subscriptionId,
                    type: 'microsoft.resources/subscriptions',
                    properties: { displayName: s.displayName },
                }),
                name: s.displayName,
            }));
        const groups = [...em.state.resourceGroups.values()]
            .filter((g) => subscriptions.has(g.subscriptionId.toLowerCase()))
            .map((g) => ({
                id: `/subscriptions/${g.subscriptionId}/resourceGroups/${g.name}`,
                name: g.name,
                type: 'microsoft.resources/subscriptions/resourcegroups',
                location: g.location,
            }))
            .filter((g) => may('Microsoft.Resources/subscriptions/resourceGroups', g.id))
            .map((g) => rowOf(em, g));
        return [...subs, ...groups];
    }
    const kinds: Record<string, (type: string) => boolean> = {
        resources: (t) =>
            !t.startsWith('microsoft.authorization/') && t !== 'microsoft.kubernetesconfiguration/extensions',
        kubernetesconfigurationresources: (t) => t === 'microsoft.kubernetesconfiguration/extensions',
        authorizationresources: (t) => t === roleAssignmentType.toLowerCase(),
    };
    const accept = kinds[lower];
    if (!accept) {
        throw new QueryError(
            `Table '${name}' is not supported by the emulator (Resources, ResourceContainers, KubernetesConfigurationResources, AuthorizationResources).`,
        );
    }
    return [...em.state.resources.values()]
        .filter((r) => {
            const type = (typeOfId(r.id) ?? '').toLowerCase();
            const sub = classifyArmPath(r.id)?.subscriptionId?.toLowerCase() ?? '';
            return accept(type) && subscriptions.has(sub) && may(typeOfId(r.id) ?? '', r.id);
        })
        .map((r) => rowOf(em, r));
}

function runQuery(em: Emulator, ctx: Ctx, query: string, subscriptions: Set<string>): Row[] {
    const [source, ...stages] = splitStages(query);
    if (!/^[A-Za-z]+$/.test(source)) {
        throw new QueryError(`Expected a table name, got '${source}'`);
    }
    let rows = table(em, ctx, source, subscriptions);
    for (const stage of stages) {
        const m = /^(\w+(?:-\w+)?)(?:\s+by)?\s*([\s\S]*)$/i.exec(stage);
        const op = m?.[1].toLowerCase() ?? '';
        const rest = m?.[2] ?? '';
        if (op === 'where') {
            const expr = parseWhere(tokenize(rest));
            rows = rows.filter((r) => evaluate(expr, r));
        } else if (op === 'project' || op === 'extend') {
            const columns = parseColumns(rest);
            rows = rows.map((r) => {
                const projected: Row = op === 'extend' ? { ...r } : {};
                for (const c of columns) {
                    projected[c.name] = field(r, c.path) ?? null;
                }
                return projected;
            });
        } else if (op === 'order' || op === 'sort') {
            const [col, dir] = rest.trim().split(/\s+/);
            const sign = dir?.toLowerCase() === 'asc' ? 1 : -1;
            rows = [...rows].sort(
                (a, b) => sign * String(field(a, col) ?? '').localeCompare(String(field(b, col) ?? '')),
            );
        } else if (op === 'limit' || op === 'take') {
            rows = rows.slice(0, Number(rest.trim()) || 0);
        } else {
            throw new QueryError(`Operator '${op}' is not supported by the emulator.`);
        }
    }
    return rows;
}

export function handleResourceGraph(em: Emulator, ctx: Ctx): boolean {
    if (!/^\/providers\/Microsoft\.ResourceGraph\/resources$/i.test(ctx.path)) {
        return false;
    }
    if (ctx.method !== 'POST') {
        armError(ctx, 405, 'MethodNotAllowed', `The requested resource does not support http method '${ctx.method}'.`);
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
    let rows: Row[];
    try {
        rows = runQuery(em, ctx, body.query, subscriptions);
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
    const top = Math.min(1000, Math.max(1, Number(options.$top ?? 100) || 100));
    const offset =
        typeof options.$skipToken === 'string' ? decodeSkipToken(options.$skipToken) : Number(options.$skip ?? 0) || 0;
    const data = rows.slice(offset, offset + top);
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
