/**
 * The emulator's small KQL subset for Azure Resource Graph: `<Table> | where <field> =~ 'x' [or|and ...] | where type
 * in~ ('a','b') | project a, b = properties.c | extend ... | order by f [asc|desc] | limit N`. Parsing only: tokens,
 * `where` expressions compiled to row predicates, `project`/`extend` columns, the query's stages.
 */

import { isObject } from '../../http';

export type Row = Record<string, unknown>;
export type Expr =
    | { kind: 'cmp'; field: string; op: string; values: unknown[] }
    | { kind: 'and' | 'or'; left: Expr; right: Expr }
    | { kind: 'not'; inner: Expr };

export class QueryError extends Error {}

export function tokenize(text: string): string[] {
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

export function parseWhere(tokens: string[]): Expr {
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

export function field(row: Row, path: string): unknown {
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
export function compile(e: Expr): (row: Row) => boolean {
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

export function parseColumns(text: string): { name: string; path: string }[] {
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

export function splitStages(query: string): string[] {
    const stages: string[] = [];
    let current = '';
    let quote: string | undefined;
    // A `|` inside parentheses belongs to a subquery (`union (T | where ...)`).
    let depth = 0;
    for (const ch of query) {
        if (quote) {
            if (ch === quote) {
                quote = undefined;
            }
        } else if (ch === "'" || ch === '"') {
            quote = ch;
        } else if (ch === '(') {
            depth++;
        } else if (ch === ')') {
            depth--;
        } else if (ch === '|' && depth === 0) {
            stages.push(current.trim());
            current = '';
            continue;
        }
        current += ch;
    }
    stages.push(current.trim());
    return stages;
}

export function stageOf(stage: string): { op: string; rest: string } {
    const m = /^(\w+(?:-\w+)?)(?:\s+by)?\s*([\s\S]*)$/i.exec(stage);
    return { op: m?.[1].toLowerCase() ?? '', rest: m?.[2] ?? '' };
}
