/**
 * Turns what the Azure SDKs throw (RestError, credential errors, socket errors) into one shape the UI can
 * explain and the log can record in full. Pure.
 */

export type AzureErrorKind =
    | 'unauthenticated'
    | 'forbidden'
    | 'notFound'
    | 'conflict'
    | 'badRequest'
    | 'throttled'
    | 'server'
    | 'network'
    | 'cancelled'
    | 'unknown';

export interface AzureErrorInfo {
    readonly kind: AzureErrorKind;
    /** ARM error code, e.g. `AuthorizationFailed`, or the socket error code. */
    readonly code?: string;
    readonly status?: number;
    /** The service's own message, first line only. */
    readonly message: string;
    readonly requestId?: string;
    readonly correlationId?: string;
    readonly retryAfterSeconds?: number;
}

interface RestErrorLike {
    name?: string;
    code?: string;
    statusCode?: number;
    message?: string;
    response?: { status?: number; headers?: { get?(name: string): string | undefined }; bodyAsText?: string | null };
    details?: unknown;
}

const networkCodes = new Set([
    'ECONNREFUSED',
    'ECONNRESET',
    'ETIMEDOUT',
    'ENOTFOUND',
    'EAI_AGAIN',
    'EPIPE',
    'REQUEST_SEND_ERROR',
]);

export function describeAzureError(error: unknown): AzureErrorInfo {
    if (typeof error !== 'object' || error === null) {
        return { kind: 'unknown', message: String(error) };
    }
    const e = error as RestErrorLike;
    const status = e.statusCode ?? e.response?.status;
    const header = (name: string) => e.response?.headers?.get?.(name) ?? undefined;
    const body = parseArmErrorBody(e.response?.bodyAsText);
    const code = body?.code ?? e.code;
    const message = redactSecrets(firstLine(body?.message ?? e.message ?? 'Unknown error'));
    const retryAfter = Number(header('retry-after'));
    const info = {
        code,
        status,
        message,
        requestId: header('x-ms-request-id'),
        correlationId: header('x-ms-correlation-request-id'),
        retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    };
    return { kind: classify(e, status, code), ...info };
}

function classify(e: RestErrorLike, status: number | undefined, code: string | undefined): AzureErrorKind {
    if (e.name === 'AbortError') {
        return 'cancelled';
    }
    if (e.name === 'AuthenticationError' || e.name === 'CredentialUnavailableError' || status === 401) {
        return 'unauthenticated';
    }
    switch (status) {
        case 403:
            return 'forbidden';
        case 404:
            return 'notFound';
        case 409:
            return 'conflict';
        case 400:
            return 'badRequest';
        case 429:
            return 'throttled';
    }
    if (status !== undefined && status >= 500) {
        return 'server';
    }
    if (code && networkCodes.has(code)) {
        return 'network';
    }
    return 'unknown';
}

function parseArmErrorBody(text: string | null | undefined): { code?: string; message?: string } | undefined {
    if (!text) {
        return undefined;
    }
    try {
        const parsed = JSON.parse(text) as { error?: { code?: string; message?: string } };
        return parsed.error;
    } catch {
        return undefined;
    }
}

const secretPatterns: readonly [RegExp, string][] = [
    [/\bBearer\s+[\w.~+/=-]+/gi, 'Bearer ***'],
    [/\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g, '***'],
    [
        /\b(SharedAccessKey|SharedAccessSignature|AccountKey|client_secret|client_assertion|password|access_token|refresh_token|sig)=[^;&\s"',]+/gi,
        '$1=***',
    ],
    [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, '***'],
];

/**
 * Removes what must never reach a log, a notification or the panel: bearer tokens and other JWTs, connection-string
 * keys (relay, service bus, storage), SAS signatures, client secrets and private keys. A service message may echo
 * them (e.g. a connection string it could not use).
 */
export function redactSecrets(text: string): string {
    return secretPatterns.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text);
}

function firstLine(text: string): string {
    const line = text.split(/\r?\n/)[0].trim();
    return line.length > 500 ? `${line.slice(0, 500)}…` : line;
}

/** One line for the log with everything support would ask for. */
export function formatErrorForLog(info: AzureErrorInfo): string {
    const parts = [`${info.kind}`];
    if (info.status !== undefined) {
        parts.push(`status=${info.status}`);
    }
    if (info.code) {
        parts.push(`code=${info.code}`);
    }
    if (info.requestId) {
        parts.push(`x-ms-request-id=${info.requestId}`);
    }
    if (info.correlationId) {
        parts.push(`x-ms-correlation-request-id=${info.correlationId}`);
    }
    return `${parts.join(' ')}: ${info.message}`;
}
