/**
 * Turns what the Azure SDKs throw (RestError, credential errors, socket errors) into one shape the UI can
 * explain and the log can record in full. Pure.
 */

import { parseRetryAfter, ThrottledError } from './throttling';

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
    /** Throttled for longer than a request waits (ThrottledError): nothing was retried; try after retryAfterSeconds. */
    readonly retryLater?: boolean;
}

interface RestErrorLike {
    name?: string;
    code?: string;
    statusCode?: number;
    message?: string;
    response?: { status?: number; headers?: { get?(name: string): string | undefined }; bodyAsText?: string | null };
    details?: unknown;
    /** @azure/identity's AuthenticationError. */
    errorResponse?: { error?: string; errorDescription?: string; correlationId?: string; traceId?: string };
}

/** What @azure/identity throws when it cannot get a token (sign-in refused, expired, revoked, unavailable). */
const credentialErrorNames = new Set([
    'AuthenticationError',
    'AuthenticationRequiredError',
    'AggregateAuthenticationError',
    'CredentialUnavailableError',
]);

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
    if (e.name && credentialErrorNames.has(e.name)) {
        return describeCredentialError(e);
    }
    if (error instanceof ThrottledError) {
        return {
            kind: 'throttled',
            code: error.code,
            status: error.statusCode,
            message: redactSecrets(firstLine(error.message)),
            requestId: error.requestId,
            correlationId: error.correlationId,
            retryAfterSeconds: error.retryAfterSeconds,
            retryLater: true,
        };
    }
    const status = e.statusCode ?? e.response?.status;
    const header = (name: string) => e.response?.headers?.get?.(name) ?? undefined;
    const body = parseArmErrorBody(e.response?.bodyAsText);
    const code = body?.code ?? e.code;
    const message = redactSecrets(firstLine(body?.message ?? e.message ?? 'Unknown error'));
    const retryAfter = parseRetryAfter(header('retry-after'));
    const info = {
        code,
        status,
        message,
        requestId: header('x-ms-request-id'),
        correlationId: header('x-ms-correlation-request-id'),
        retryAfterSeconds: retryAfter,
    };
    return { kind: classify(e, status, code), ...info };
}

function classify(e: RestErrorLike, status: number | undefined, code: string | undefined): AzureErrorKind {
    if (e.name === 'AbortError') {
        return 'cancelled';
    }
    if (status === 401) {
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

/**
 * A credential error carries Entra's answer in its text: `AADSTS7000215: Invalid client secret provided. ... Trace ID:
 * <id> Correlation ID: <id> Timestamp: ...`. The AADSTS code, that sentence and both ids are what support asks for.
 */
function describeCredentialError(e: RestErrorLike): AzureErrorInfo {
    const text = [e.errorResponse?.errorDescription, e.message].filter(Boolean).join('\n');
    const aadsts = /\bAADSTS(\d+):\s*(.*?)(?=\s+(?:Trace ID|Correlation ID|Timestamp):|\s+-\s|\r?\n|$)/.exec(text);
    const id = (label: string) =>
        new RegExp(`${label}:\\s*([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})`, 'i').exec(text)?.[1];
    return {
        kind: 'unauthenticated',
        code: aadsts ? `AADSTS${aadsts[1]}` : (e.errorResponse?.error?.split(/[\s.:]/)[0] ?? e.name),
        status: e.statusCode,
        message: redactSecrets(firstLine(aadsts?.[2] || e.message || 'The sign-in failed.')),
        requestId: e.errorResponse?.traceId ?? id('Trace ID'),
        correlationId: e.errorResponse?.correlationId ?? id('Correlation ID'),
    };
}

/** ARM's `{ error: { code, message } }` body. */
export function parseArmErrorBody(text: string | null | undefined): { code?: string; message?: string } | undefined {
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

/** Formats like `vscode.l10n.t`: `{0}`, `{1}`... replaced by the arguments. */
export type Localize = (message: string, ...args: (string | number | boolean)[]) => string;

export const formatOnly: Localize = (message, ...args) =>
    message.replace(/\{(\d+)\}/g, (match, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : match));

/**
 * What the user is told: `what` says what failed and on which resource (e.g. "Could not read compute gpu-1"), the
 * service's message says why, and the end says what to do. `short` fits a tree item's description. The UI passes
 * `vscode.l10n.t` as `t`.
 */
export function explainAzureError(
    info: AzureErrorInfo,
    what: string,
    t: Localize = formatOnly,
): { short: string; detail: string } {
    const code = info.code ? ` (${info.code})` : '';
    switch (info.kind) {
        case 'forbidden':
            return {
                short: t('Access denied{0}', code),
                detail: t(
                    '{0}: access denied. {1} Ask an owner of the subscription for a role that allows it (for example Reader), then retry.',
                    what,
                    info.message,
                ),
            };
        case 'throttled':
            return info.retryLater && info.retryAfterSeconds
                ? {
                      short: t('Throttled by Azure: try again in {0} s', info.retryAfterSeconds),
                      detail: t(
                          '{0}: Azure is throttling requests and asked to wait {1} s before the next one.',
                          what,
                          info.retryAfterSeconds,
                      ),
                  }
                : {
                      short: t('Throttled by Azure (429)'),
                      detail: t('{0}: Azure is throttling requests. Wait a few seconds, then retry.', what),
                  };
        case 'unauthenticated':
            return {
                short: t('Sign-in needed'),
                detail: t('{0}: the sign-in was refused or has expired ({1}). Sign in again.', what, info.message),
            };
        case 'network':
            return {
                short: t('Azure unreachable{0}', code),
                detail: t(
                    '{0}: Azure could not be reached ({1}). Check the network or proxy, then retry.',
                    what,
                    info.message,
                ),
            };
        case 'server':
            return {
                short: t('Azure error {0}{1}', info.status ?? '', code),
                detail: t('{0}: Azure answered with an error ({1}). Retry in a moment.', what, info.message),
            };
        case 'notFound':
            return {
                short: t('Not found'),
                detail: t('{0}: {1} It may have been deleted or moved: refresh the view.', what, info.message),
            };
        case 'conflict':
            return {
                short: t('Busy{0}', code),
                detail: t('{0}: {1} Wait until the operation in progress ends, then retry.', what, info.message),
            };
        case 'badRequest':
            return {
                short: t('Refused by Azure{0}', code),
                detail: t('{0}: Azure refused the request ({1}). Check the values, then retry.', what, info.message),
            };
        default:
            return { short: info.message, detail: t('{0}: {1}', what, info.message) };
    }
}
