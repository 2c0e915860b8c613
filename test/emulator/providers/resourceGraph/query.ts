/** Running a Resource Graph query over the tables, and keeping its rows for the following pages. */

import type { Emulator } from '../../emulator';
import type { Ctx } from '../../http';
import type { State } from '../../state';
import {
    compile,
    field,
    parseColumns,
    parseWhere,
    QueryError,
    splitStages,
    stageOf,
    tokenize,
    type Expr,
    type Row,
} from './kql';
import { authorizedRows, table } from './tables';

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

/** `distinct a, b`: the rows of those columns (as `project` gives them), each combination once. */
function distinct(rows: Row[], rest: string): Row[] {
    const seen = new Map<string, Row>();
    for (const r of projection('project', rest)(rows)) {
        seen.set(JSON.stringify(Object.values(r)), r);
    }
    return [...seen.values()];
}

/** Resource Graph takes at most this many `union` legs in a query. */
const maxUnionLegs = 3;

/** `union (T | ...), (T | ...)`: each parenthesized subquery. */
function unionLegs(rest: string): string[] {
    const legs: string[] = [];
    let depth = 0;
    let start = -1;
    let quote: string | undefined;
    for (let i = 0; i < rest.length; i++) {
        const ch = rest[i];
        if (quote) {
            quote = ch === quote ? undefined : quote;
        } else if (ch === "'" || ch === '"') {
            quote = ch;
        } else if (ch === '(') {
            if (depth++ === 0) {
                start = i + 1;
            }
        } else if (ch === ')' && --depth === 0) {
            legs.push(rest.slice(start, i).trim());
        } else if (depth === 0 && !/[\s,]/.test(ch)) {
            throw new QueryError(`union takes parenthesized subqueries, got '${rest.trim()}'`);
        }
    }
    if (legs.length === 0 || depth !== 0) {
        throw new QueryError(`union takes parenthesized subqueries, got '${rest.trim()}'`);
    }
    if (legs.length > maxUnionLegs) {
        throw new QueryError(`A query may have at most ${maxUnionLegs} union legs.`);
    }
    return legs;
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
        } else if (op === 'distinct') {
            rows = distinct(rows, rest);
        } else if (op === 'union') {
            for (const leg of unionLegs(rest)) {
                const other = runQuery(em, ctx, leg, subscriptions);
                rows = rows.concat(other.finish(other.rows));
            }
        } else {
            throw new QueryError(`Operator '${op}' is not supported by the emulator.`);
        }
    }
    return {
        rows: authorized ? rows : authorizedRows(em, ctx, rows),
        finish: (page) => trailing.reduce((r, apply) => apply(r), page),
    };
}

type QueryResult = ReturnType<typeof runQuery>;

/** Recent results per world, for the following pages of a query (`$skipToken`/`$skip`). */
const resultCaches = new WeakMap<State, Map<string, QueryResult & { version: number }>>();
const maxCachedResults = 16;

/**
 * The query's rows. A following page reuses the rows its first page computed while the world has not changed since
 * (`state.version`): the same rows, without running the query again for each page; a first page always runs it.
 */
export function queryResult(
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
