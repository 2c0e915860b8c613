/**
 * The YAML kubectl manifests use, read as kubectl reads them (YAML 1.1 scalars, as go-yaml resolves them): documents
 * separated by `---`, block mappings and sequences, flow `{...}` and `[...]`, plain, single- and double-quoted
 * scalars, comments. Block scalars (`|`, `>`), anchors and tags are refused. Errors read as kubectl's
 * (`yaml: line N: ...`).
 */

export class YamlError extends Error {
    constructor(line: number, reason: string) {
        super(`yaml: line ${line}: ${reason}`);
    }
}

interface Line {
    indent: number;
    text: string;
    line: number;
}

function stripComment(text: string): string {
    let quote = '';
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (quote) {
            quote = c === quote ? '' : quote;
        } else if (c === '"' || c === "'") {
            quote = c;
        } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
            return text.slice(0, i);
        }
    }
    return text;
}

function scalar(raw: string, line: number): unknown {
    const s = raw.trim();
    if (s.startsWith('"')) {
        if (!s.endsWith('"') || s.length < 2) {
            throw new YamlError(line, 'found unexpected end of stream');
        }
        try {
            return JSON.parse(s) as unknown;
        } catch {
            throw new YamlError(line, 'found unknown escape character while parsing a quoted scalar');
        }
    }
    if (s.startsWith("'")) {
        if (!s.endsWith("'") || s.length < 2) {
            throw new YamlError(line, 'found unexpected end of stream');
        }
        return s.slice(1, -1).replace(/''/g, "'");
    }
    if (/^[|>&*!]/.test(s)) {
        throw new YamlError(line, `the emulator's YAML reader does not support '${s[0]}'`);
    }
    if (s === '' || s === '~' || /^null$/i.test(s)) {
        return null;
    }
    if (/^(true|yes|on)$/i.test(s)) {
        return true;
    }
    if (/^(false|no|off)$/i.test(s)) {
        return false;
    }
    if (/^[-+]?(0|[1-9][0-9]*)$/.test(s) || /^[-+]?(\.[0-9]+|[0-9]+\.[0-9]*)([eE][-+]?[0-9]+)?$/.test(s)) {
        return Number(s);
    }
    return s;
}

/** Index of the `:` that ends a mapping key (followed by a space or the end), outside quotes; -1 when none. */
function keyColon(text: string): number {
    let quote = '';
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (quote) {
            quote = c === quote ? '' : quote;
        } else if ((c === '"' || c === "'") && i === 0) {
            quote = c;
        } else if (c === ':' && (i === text.length - 1 || text[i + 1] === ' ')) {
            return i;
        } else if ((c === '{' || c === '[') && i === 0) {
            return -1;
        }
    }
    return -1;
}

function flow(text: string, line: number): unknown {
    let i = 0;
    const ws = (): void => {
        while (i < text.length && /\s/.test(text[i])) {
            i++;
        }
    };
    const plain = (stops: string): string => {
        ws();
        const start = i;
        if (text[i] === '"' || text[i] === "'") {
            const q = text[i++];
            while (i < text.length && text[i] !== q) {
                i += text[i] === '\\' && q === '"' ? 2 : 1;
            }
            i++;
            return text.slice(start, i);
        }
        while (
            i < text.length &&
            !stops.includes(text[i]) &&
            !(text[i] === ':' && /[\s,}\]]/.test(text[i + 1] ?? ' '))
        ) {
            i++;
        }
        return text.slice(start, i);
    };
    const value = (): unknown => {
        ws();
        if (text[i] === '{') {
            i++;
            const out: Record<string, unknown> = {};
            for (ws(); text[i] !== '}'; ws()) {
                const key = String(scalar(plain(',}'), line));
                ws();
                if (text[i] !== ':') {
                    throw new YamlError(line, "did not find expected ',' or '}'");
                }
                i++;
                out[key] = value();
                ws();
                if (text[i] === ',') {
                    i++;
                } else if (text[i] !== '}') {
                    throw new YamlError(line, "did not find expected ',' or '}'");
                }
            }
            i++;
            return out;
        }
        if (text[i] === '[') {
            i++;
            const out: unknown[] = [];
            for (ws(); text[i] !== ']'; ws()) {
                out.push(value());
                ws();
                if (text[i] === ',') {
                    i++;
                } else if (text[i] !== ']') {
                    throw new YamlError(line, "did not find expected ',' or ']'");
                }
            }
            i++;
            return out;
        }
        return scalar(plain(',}]'), line);
    };
    const result = value();
    ws();
    if (i < text.length) {
        throw new YamlError(line, 'did not find expected <document start>');
    }
    return result;
}

function inline(text: string, line: number): unknown {
    return /^[{[]/.test(text.trim()) ? flow(text, line) : scalar(text, line);
}

class Parser {
    private i = 0;
    constructor(private readonly lines: Line[]) {}

    done(): boolean {
        return this.i >= this.lines.length;
    }

    node(indent: number): unknown {
        const l = this.lines[this.i];
        if (!l || l.indent < indent) {
            return null;
        }
        return l.text === '-' || l.text.startsWith('- ') ? this.sequence(l.indent) : this.mapping(l.indent);
    }

    private sequence(indent: number): unknown[] {
        const out: unknown[] = [];
        for (let l = this.lines[this.i]; l && l.indent === indent && /^-( |$)/.test(l.text); l = this.lines[this.i]) {
            const rest = l.text.slice(1).trimStart();
            if (!rest) {
                this.i++;
                out.push(this.node(indent + 1));
            } else if (keyColon(rest) > 0) {
                // `- key: value` opens a mapping indented where its first key stands.
                this.lines[this.i] = { indent: indent + l.text.length - rest.length, text: rest, line: l.line };
                out.push(this.node(indent + 1));
            } else {
                this.i++;
                out.push(inline(rest, l.line));
            }
        }
        return out;
    }

    private mapping(indent: number): Record<string, unknown> {
        const out: Record<string, unknown> = {};
        for (let l = this.lines[this.i]; l && l.indent >= indent; l = this.lines[this.i]) {
            const colon = keyColon(l.text);
            if (l.indent > indent || colon < 0 || /^-( |$)/.test(l.text)) {
                throw new YamlError(l.line, colon < 0 ? "could not find expected ':'" : 'did not find expected key');
            }
            const key = String(scalar(l.text.slice(0, colon), l.line));
            if (key in out) {
                throw new YamlError(l.line, `key ${JSON.stringify(key)} already set in map`);
            }
            const rest = l.text.slice(colon + 1).trim();
            this.i++;
            const next = this.lines[this.i];
            if (rest) {
                out[key] = inline(rest, l.line);
            } else if (next && (next.indent > indent || (next.indent === indent && /^-( |$)/.test(next.text)))) {
                out[key] = this.node(next.indent);
            } else {
                out[key] = null;
            }
        }
        return out;
    }
}

/** The documents of a YAML stream (empty ones left out). */
export function parseYamlDocuments(text: string): unknown[] {
    const docs: Line[][] = [[]];
    text.split(/\r?\n/).forEach((raw, n) => {
        if (/^(---|\.\.\.)(\s|$)/.test(raw)) {
            docs.push([]);
            return;
        }
        if (raw.includes('\t') && /^\s*\t/.test(raw)) {
            throw new YamlError(n + 1, 'found character that cannot start any token');
        }
        const body = stripComment(raw).trimEnd();
        if (body.trim()) {
            docs[docs.length - 1].push({
                indent: body.length - body.trimStart().length,
                text: body.trim(),
                line: n + 1,
            });
        }
    });
    return docs
        .filter((d) => d.length)
        .map((lines) => {
            if (/^[{[]/.test(lines[0].text)) {
                return flow(lines.map((l) => l.text).join(' '), lines[0].line);
            }
            if (lines.length === 1 && keyColon(lines[0].text) < 0) {
                return scalar(lines[0].text, lines[0].line);
            }
            const parser = new Parser(lines);
            const value = parser.node(lines[0].indent);
            if (!parser.done()) {
                throw new YamlError(lines[lines.length - 1].line, 'did not find expected <document start>');
            }
            return value;
        });
}
