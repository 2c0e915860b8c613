/**
 * Azure Resource Graph: POST /providers/Microsoft.ResourceGraph/resources with a small KQL subset —
 * `<Table> | where <field> =~ 'x' [or|and ...] | where type in~ ('a','b') | project a, b = properties.c | extend ... |
 * order by f [asc|desc] | limit N`, paged with `$top`/`$skip`/`$skipToken`, rows limited to what the caller may read.
 */

import { authorizationFailed, callerMay } from '../authorization';
import { classifyArmPath, typeOfId } from '../armPath';
import type { Emulator } from '../emulator';
import { armError, isObject, parseJsonBody, send, type Ctx } from '../http';
import { decodeSkipToken, encodeSkipToken } from '../paging';
import type { ArmResource, Json } from '../model';
import { roleAssignmentType } from '../rbac/assignmentIndex';
import type { ResourceMeta } from '../resourceStore';
import type { State } from '../state';
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

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

const pathParts = new Map<string, string[]>();

function field(row: Row, path: string): unknown {
    let parts = pathParts.get(path);
    if (!parts) {
        parts = path.split('.');
        pathParts.set(path, parts);
    }
    let value: unknown = row;
    for (const part of parts) {
        if (!isObject(value)) {
            return undefined;
        }
        const key = hasOwn(value, part) ? part : Object.keys(value).find((k) => k.toLowerCase() === part.toLowerCase());
        value = key === undefined ? undefined : value[key];
    }
    return value;
}

/** The predicate of a `where` expression, built once per query (no work per row beyond the comparison). */
function compile(e: Expr): (row: Row) => boolean {
    switch (e.kind) {
        case 'and': {
            const left = compile(e.left);
            const right = compile(e.right);
            return (row) => left(row) && right(row);
        }
        case 'or': {
            const left = compile(e.left);
            const right = compile(e.right);
            return (row) => left(row) || right(row);
        }
        case 'not': {
            const inner = compile(e.inner);
            return (row) => !inner(row);
        }
        case 'cmp': {
            const path = e.field;
            const text = (row: Row): string => {
                const v = field(row, path);
                return v === undefined || v === null ? '' : String(v);
            };
            const values = e.values.map(String);
            const lower = values.map((v) => v.toLowerCase());
            const [first] = values;
            const [firstLower] = lower;
            switch (e.op) {
                case '==':
                    return (row) => text(row) === first;
                case '!=':
                    return (row) => text(row) !== first;
                case '=~':
                    return (row) => text(row).toLowerCase() === firstLower;
                case '!~':
                    return (row) => text(row).toLowerCase() !== firstLower;
                case 'in':
                    return (row) => values.includes(text(row));
                case '!in':
                    return (row) => !values.includes(text(row));
                case 'in~':
                    return (row) => lower.includes(text(row).toLowerCase());
                case '!in~':
                    return (row) => !lower.includes(text(row).toLowerCase());
                case 'contains':
                case 'has':
                    return (row) => text(row).toLowerCase().includes(firstLower);
                case '!contains':
                case '!has':
                    return (row) => !text(row).toLowerCase().includes(firstLower);
                case 'startswith':
                    return (row) => text(row).toLowerCase().startsWith(firstLower);
                case 'endswith':
                    return (row) => text(row).toLowerCase().endsWith(firstLower);
            }
            return () => false;
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

function rowOf(
    em: Emulator,
    r: Json & { id: string },
    meta?: { rowType: string; resourceGroup: string; subscriptionId: string },
): Row {
    const c = meta ? undefined : classifyArmPath(r.id);
    return {
        id: r.id,
        name: r.name,
        type: meta ? meta.rowType : String(r.type ?? typeOfId(r.id) ?? '').toLowerCase(),
        tenantId: em.tenantId,
        kind: r.kind ?? '',
        location: r.location ?? '',
        resourceGroup: (meta ? meta.resourceGroup : (c?.resourceGroup ?? '')).toLowerCase(),
        subscriptionId: meta ? meta.subscriptionId : (c?.subscriptionId ?? ''),
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

/**
 * The rows of a table in the requested subscriptions. `ResourceContainers` rows are already limited to what the caller
 * may read (`authorized`); the others are not yet: `runQuery` checks them after the leading `where` filters, which
 * gives the same rows as checking first (a filter commutes with a filter) without checking rows about to be dropped.
 * `typeFilter` (from those `where` stages) skips resources whose row could not pass them anyway.
 */
function table(
    em: Emulator,
    ctx: Ctx,
    name: string,
    subscriptions: Set<string>,
    typeFilter: ((rowType: string) => boolean) | undefined,
): { rows: Row[]; authorized: boolean } {
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
        return { rows: [...subs, ...groups], authorized: true };
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
    const rows: Row[] = [];
    const add = (r: ArmResource, meta: ResourceMeta): void => {
        if (accept(meta.idType) && subscriptions.has(meta.subscriptionKey)) {
            const row = rowOf(em, r, meta);
            rowMeta.set(row, meta);
            rows.push(row);
        }
    };
    if (typeFilter) {
        em.state.scanTypes(typeFilter, add);
    } else {
        em.state.scan(add);
    }
    return { rows, authorized: false };
}

/** The index data of the resource behind a row of `table` (until a `project`/`extend` replaces the row). */
const rowMeta = new WeakMap<Row, ResourceMeta>();

/**
 * Rows (with their `id` untouched) the caller may read: `{type}/read` on the resource. In a subscription where the
 * caller has no role assignment below the subscription itself, every resource of a type gets the same answer, so it is
 * asked once per type and subscription.
 */
function authorizedRows(em: Emulator, ctx: Ctx, rows: Row[]): Row[] {
    const principal = ctx.caller?.oid ?? '';
    const flat = new Map<string, boolean>();
    const decided = new Map<string, boolean>();
    return rows.filter((row) => {
        const id = String(row.id);
        const meta = rowMeta.get(row) ?? em.state.metaOf(id);
        const action = `${meta?.idType ?? ''}/read`;
        if (!meta) {
            return callerMay(em, ctx, action, id);
        }
        let isFlat = flat.get(meta.subscriptionKey);
        if (isFlat === undefined) {
            isFlat = !em.state.hasAssignmentsBelowSubscription(principal, meta.subscriptionKey);
            flat.set(meta.subscriptionKey, isFlat);
        }
        if (!isFlat) {
            return callerMay(em, ctx, action, id);
        }
        const key = `${meta.idType}\n${meta.subscriptionKey}`;
        let allowed = decided.get(key);
        if (allowed === undefined) {
            allowed = callerMay(em, ctx, action, id);
            decided.set(key, allowed);
        }
        return allowed;
    });
}

function stageOf(stage: string): { op: string; rest: string } {
    const m = /^(\w+(?:-\w+)?)(?:\s+by)?\s*([\s\S]*)$/i.exec(stage);
    return { op: m?.[1].toLowerCase() ?? '', rest: m?.[2] ?? '' };
}

function onlyType(e: Expr): boolean {
    switch (e.kind) {
        case 'cmp':
            return e.field.toLowerCase() === 'type';
        case 'not':
            return onlyType(e.inner);
        default:
            return onlyType(e.left) && onlyType(e.right);
    }
}

/** A test on the row's `type` alone that every row passing `e` passes too (undefined: none found). */
function typeTest(e: Expr): ((rowType: string) => boolean) | undefined {
    if (onlyType(e)) {
        const test = compile(e);
        return (t) => test({ type: t });
    }
    if (e.kind === 'and') {
        const left = typeTest(e.left);
        const right = typeTest(e.right);
        return left && right ? (t) => left(t) && right(t) : (left ?? right);
    }
    return undefined;
}

/** The type test implied by the query's leading `where` stages. */
function leadingTypeFilter(stages: string[]): ((rowType: string) => boolean) | undefined {
    const tests: ((rowType: string) => boolean)[] = [];
    for (const stage of stages) {
        const { op, rest } = stageOf(stage);
        if (op !== 'where') {
            break;
        }
        let expr: Expr;
        try {
            expr = parseWhere(tokenize(rest));
        } catch {
            break;
        }
        const test = typeTest(expr);
        if (test) {
            tests.push(test);
        }
    }
    return tests.length === 0 ? undefined : (t) => tests.every((test) => test(t));
}

/** `project`/`extend`: one row in, one row out. */
function projection(op: string, rest: string): (rows: Row[]) => Row[] {
    const columns = parseColumns(rest);
    return (rows) =>
        rows.map((r) => {
            const projected: Row = op === 'extend' ? { ...r } : {};
            for (const c of columns) {
                projected[c.name] = field(r, c.path) ?? null;
            }
            return projected;
        });
}

/**
 * Runs the query up to its trailing `project`/`extend` stages and returns those as `finish`, to apply to the page that
 * is sent only (they map row by row, so slicing first gives the same page; the row count does not change).
 */
function runQuery(
    em: Emulator,
    ctx: Ctx,
    query: string,
    subscriptions: Set<string>,
): { rows: Row[]; finish: (page: Row[]) => Row[] } {
    const [source, ...stages] = splitStages(query);
    if (!/^[A-Za-z]+$/.test(source)) {
        throw new QueryError(`Expected a table name, got '${source}'`);
    }
    let tail = stages.length;
    while (tail > 0 && ['project', 'extend'].includes(stageOf(stages[tail - 1]).op)) {
        tail--;
    }
    const trailing = stages.slice(tail).map((stage) => {
        const { op, rest } = stageOf(stage);
        return projection(op, rest);
    });
    let { rows, authorized } = table(em, ctx, source, subscriptions, leadingTypeFilter(stages));
    for (const stage of stages.slice(0, tail)) {
        const { op, rest } = stageOf(stage);
        if (!authorized && op !== 'where') {
            rows = authorizedRows(em, ctx, rows);
            authorized = true;
        }
        if (op === 'where') {
            rows = rows.filter(compile(parseWhere(tokenize(rest))));
        } else if (op === 'project' || op === 'extend') {
            rows = projection(op, rest)(rows);
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
    return {
        rows: authorized ? rows : authorizedRows(em, ctx, rows),
        finish: (page) => trailing.reduce((r, apply) => apply(r), page),
    };
}

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

type QueryResult = ReturnType<typeof runQuery>;

/** Recent results per world, for the following pages of a query (`$skipToken`/`$skip`). */
const resultCaches = new WeakMap<State, Map<string, QueryResult & { version: number }>>();
const maxCachedResults = 16;

/**
 * The query's rows. A following page reuses the rows its first page computed while the world has not changed since
 * (`state.version`): the same rows, without running the query again for each page; a first page always runs it.
 */
function queryResult(
    em: Emulator,
    ctx: Ctx,
    query: string,
    subscriptions: Set<string>,
    followingPage: boolean,
): QueryResult {
    let cache = resultCaches.get(em.state);
    if (!cache) {
        cache = new Map();
        resultCaches.set(em.state, cache);
    }
    const key = `${ctx.caller?.oid.toLowerCase() ?? ''}\n${[...subscriptions].sort().join(',')}\n${query}`;
    const cached = cache.get(key);
    if (followingPage && cached?.version === em.state.version) {
        return cached;
    }
    const result = runQuery(em, ctx, query, subscriptions);
    cache.delete(key);
    cache.set(key, { ...result, version: em.state.version });
    if (cache.size > maxCachedResults) {
        cache.delete(cache.keys().next().value ?? '');
    }
    return result;
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
