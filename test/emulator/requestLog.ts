/** The request log: one JSON object per line in `<stateDir>/requests.jsonl`, secrets redacted. */

import * as fs from 'fs';
import * as path from 'path';

export interface RequestLogEntry {
    time: string;
    method: string;
    path: string;
    query: Record<string, string>;
    status: number;
    requestBody?: unknown;
    durationMs: number;
    requestId: string;
    /** The x-ms-correlation-request-id answered (the caller's, or one made up for the request). */
    correlationId?: string;
    fault?: string;
    /** Delay the fault config added before the request was handled. */
    injectedLatencyMs?: number;
    caller?: string;
    /** The connection it came on (connections.ts); `newConnection` when it was that connection's first, with its TLS set-up. */
    connection?: number;
    newConnection?: boolean;
}

const secretKeys =
    /^(client_secret|client_assertion|password|refresh_token|code|code_verifier|assertion|authorization|access_token|primaryKey|secondaryKey|primaryConnectionString|secondaryConnectionString)$/i;
/** Objects whose every value is a secret: an extension's protected settings (a relay connection string, SSL keys). */
const secretMaps = /^configurationProtectedSettings$/i;
/** A connection string with its key, wherever it appears (a setting's value, a free-text field). */
const sharedAccessKey = /(SharedAccessKey=)[^;"\s]+/gi;

/** Redacts secrets from a form-encoded or JSON request body. */
export function redactBody(rawBody: string, contentType: string | undefined): unknown {
    if (!rawBody) {
        return undefined;
    }
    if (contentType?.includes('application/x-www-form-urlencoded')) {
        const form = new URLSearchParams(rawBody);
        const result: Record<string, string> = {};
        for (const [k, v] of form) {
            result[k] = secretKeys.test(k) ? '***' : v;
        }
        return result;
    }
    try {
        return redactObject(JSON.parse(rawBody));
    } catch {
        const text = rawBody.replace(sharedAccessKey, '$1***');
        return text.length > 2000 ? text.slice(0, 2000) + '…' : text;
    }
}

function redactObject(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(redactObject);
    }
    if (typeof value === 'object' && value !== null) {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) {
            if (secretMaps.test(k) && typeof v === 'object' && v !== null) {
                out[k] = Object.fromEntries(Object.keys(v).map((name) => [name, '***']));
            } else {
                out[k] = secretKeys.test(k) ? '***' : redactObject(v);
            }
        }
        return out;
    }
    return typeof value === 'string' ? value.replace(sharedAccessKey, '$1***') : value;
}

export class RequestLog {
    readonly file: string;
    private entries: RequestLogEntry[] = [];

    constructor(stateDir: string) {
        fs.mkdirSync(stateDir, { recursive: true });
        this.file = path.join(stateDir, 'requests.jsonl');
    }

    add(entry: RequestLogEntry): void {
        this.entries.push(entry);
        if (this.entries.length > 10000) {
            this.entries.splice(0, this.entries.length - 10000);
        }
        fs.appendFileSync(this.file, JSON.stringify(entry) + '\n');
    }

    all(): RequestLogEntry[] {
        return [...this.entries];
    }

    clear(): void {
        this.entries = [];
    }
}
