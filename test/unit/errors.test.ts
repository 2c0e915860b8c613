import * as assert from 'assert';
import { describeAzureError, explainAzureError, formatErrorForLog } from '../../src/azure/errors';
import { parseRetryAfter, ThrottledError } from '../../src/azure/throttling';

function restError(status: number, body: unknown, headers: Record<string, string> = {}) {
    return {
        name: 'RestError',
        statusCode: status,
        message: 'raw message',
        response: {
            status,
            headers: { get: (name: string) => headers[name.toLowerCase()] },
            bodyAsText: JSON.stringify(body),
        },
    };
}

describe('describeAzureError', () => {
    it('reads the ARM error envelope and the request ids', () => {
        const info = describeAzureError(
            restError(
                403,
                { error: { code: 'AuthorizationFailed', message: 'The client has no access.\nMore.' } },
                {
                    'x-ms-request-id': 'req-1',
                    'x-ms-correlation-request-id': 'corr-1',
                },
            ),
        );
        assert.deepStrictEqual(info, {
            kind: 'forbidden',
            code: 'AuthorizationFailed',
            status: 403,
            message: 'The client has no access.',
            requestId: 'req-1',
            correlationId: 'corr-1',
            retryAfterSeconds: undefined,
        });
        assert.strictEqual(
            formatErrorForLog(info),
            'forbidden status=403 code=AuthorizationFailed x-ms-request-id=req-1 x-ms-correlation-request-id=corr-1: The client has no access.',
        );
    });

    it('classifies throttling with its Retry-After, server errors, and sign-in failures', () => {
        const throttled = describeAzureError(
            restError(429, { error: { code: 'TooManyRequests', message: 'slow down' } }, { 'retry-after': '7' }),
        );
        assert.strictEqual(throttled.kind, 'throttled');
        assert.strictEqual(throttled.retryAfterSeconds, 7);
        assert.strictEqual(describeAzureError(restError(503, {})).kind, 'server');
        assert.strictEqual(describeAzureError(restError(401, {})).kind, 'unauthenticated');
        assert.strictEqual(
            describeAzureError({ name: 'CredentialUnavailableError', message: 'no az' }).kind,
            'unauthenticated',
        );
    });

    it('recognises network failures and keeps unknown values readable', () => {
        assert.strictEqual(
            describeAzureError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }).kind,
            'network',
        );
        assert.deepStrictEqual(describeAzureError('boom'), { kind: 'unknown', message: 'boom' });
    });

    it('falls back to the error message when the body is not JSON', () => {
        const info = describeAzureError({
            statusCode: 500,
            message: 'Internal',
            response: { status: 500, bodyAsText: '<html>' },
        });
        assert.strictEqual(info.kind, 'server');
        assert.strictEqual(info.message, 'Internal');
    });
});

describe('credential errors (a revoked or expired client secret)', () => {
    const trace = 'ed8a09ca-0f6e-4644-8670-adf13307fa7a';
    const correlation = '85ae9895-8ce3-45c4-bf1d-92ade92e9a6d';
    const entra = `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app 'app-1'. Trace ID: ${trace} Correlation ID: ${correlation} Timestamp: 2026-11-22 05:43:59Z`;

    it('reads the AADSTS code, its sentence and the ids from what EnvironmentCredential throws', () => {
        const info = describeAzureError({
            name: 'AuthenticationError',
            statusCode: 400,
            message: `EnvironmentCredential authentication failed. To troubleshoot, visit https://aka.ms/azsdk/js/identity/environmentcredential/troubleshoot. Status code: 400\nMore details:\ninvalid_client: Error(s): 7000215 - Timestamp: 2026-11-22 05:43:59Z - Description: ${entra} - Correlation ID: ${correlation} - Trace ID: ${trace},`,
            errorResponse: {
                error: 'EnvironmentCredential authentication failed. To troubleshoot, visit https://aka.ms/azsdk/js/identity/environmentcredential/troubleshoot.',
                errorDescription: `invalid_client: Error(s): 7000215 - Timestamp: 2026-11-22 05:43:59Z - Description: ${entra} - Correlation ID: ${correlation} - Trace ID: ${trace}`,
            },
        });
        assert.deepStrictEqual(info, {
            kind: 'unauthenticated',
            code: 'AADSTS7000215',
            status: 400,
            message:
                "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app 'app-1'.",
            requestId: trace,
            correlationId: correlation,
        });
        assert.match(
            formatErrorForLog(info),
            new RegExp(
                `code=AADSTS7000215 x-ms-request-id=${trace} x-ms-correlation-request-id=${correlation}: Invalid client secret`,
            ),
        );
    });

    it('is a sign-in problem also when MSAL says AuthenticationRequiredError, and the user is told to sign in again', () => {
        const info = describeAzureError({
            name: 'AuthenticationRequiredError',
            message: `invalid_client: Error(s): 7000215 - Timestamp: 2026-11-22 05:43:59Z - Description: ${entra} - Correlation ID: ${correlation} - Trace ID: ${trace}`,
        });
        assert.strictEqual(info.kind, 'unauthenticated');
        assert.strictEqual(info.code, 'AADSTS7000215');
        const { short, detail } = explainAzureError(info, 'Could not list the workspaces of ML Platform Dev');
        assert.strictEqual(short, 'Sign-in needed');
        assert.strictEqual(
            detail,
            "Could not list the workspaces of ML Platform Dev: the sign-in was refused or has expired (Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app 'app-1'.). Sign in again.",
        );
    });

    it('an unavailable credential keeps its own first line', () => {
        const info = describeAzureError({
            name: 'CredentialUnavailableError',
            message:
                "AzureCliCredential: Please run 'az login' from a command prompt to authenticate before using this credential.\nMore",
        });
        assert.strictEqual(info.kind, 'unauthenticated');
        assert.strictEqual(
            info.message,
            "AzureCliCredential: Please run 'az login' from a command prompt to authenticate before using this credential.",
        );
    });
});

describe('explainAzureError: what failed, on which resource, what to do', () => {
    const what = 'Could not attach aks-gpu-dev to workspace ws-vision as compute gpu-1';
    const cases: [Parameters<typeof explainAzureError>[0], RegExp][] = [
        [
            { kind: 'forbidden', code: 'AuthorizationFailed', message: 'No access.' },
            /access denied\. No access\. Ask an owner .* then retry\.$/,
        ],
        [{ kind: 'throttled', message: 'slow down' }, /throttling requests\. Wait a few seconds, then retry\.$/],
        [{ kind: 'unauthenticated', message: 'expired' }, /\(expired\)\. Sign in again\.$/],
        [
            { kind: 'network', code: 'ECONNRESET', message: 'socket hang up' },
            /could not be reached \(socket hang up\)\. Check the network or proxy, then retry\.$/,
        ],
        [{ kind: 'server', status: 503, message: 'busy' }, /answered with an error \(busy\)\. Retry in a moment\.$/],
        [{ kind: 'notFound', message: 'gone.' }, /gone\. It may have been deleted or moved: refresh the view\.$/],
        [
            { kind: 'conflict', message: 'Operation in progress.' },
            /Operation in progress\. Wait until the operation in progress ends, then retry\.$/,
        ],
        [
            { kind: 'badRequest', message: 'Bad namespace.' },
            /refused the request \(Bad namespace\.\)\. Check the values, then retry\.$/,
        ],
    ];
    for (const [info, advice] of cases) {
        it(`${info.kind}`, () => {
            const { detail } = explainAzureError(info, what);
            assert.ok(detail.startsWith(`${what}: `), detail);
            assert.match(detail, advice);
        });
    }

    it('formats with the given localizer', () => {
        const t = (message: string, ...args: (string | number | boolean)[]) => `[${message}|${args.join('|')}]`;
        assert.strictEqual(
            explainAzureError({ kind: 'throttled', message: 'x' }, 'W', t).short,
            '[Throttled by Azure (429)|]',
        );
    });
});

describe('long throttling (ThrottledError, Retry-After)', () => {
    it('reads Retry-After as seconds or as an HTTP date', () => {
        const now = Date.parse('2026-12-01T10:00:00Z');
        assert.strictEqual(parseRetryAfter('30', now), 30);
        assert.strictEqual(parseRetryAfter('Tue, 01 Dec 2026 10:00:45 GMT', now), 45);
        assert.strictEqual(parseRetryAfter('Tue, 01 Dec 2026 09:59:00 GMT', now), undefined);
        assert.strictEqual(parseRetryAfter('0', now), undefined);
        assert.strictEqual(parseRetryAfter('soon', now), undefined);
        assert.strictEqual(parseRetryAfter(undefined, now), undefined);
    });

    it('a ThrottledError is a throttled error that says when to try again', () => {
        const info = describeAzureError(new ThrottledError('Too many requests.', 429, 30, 'TooManyRequests', 'req-1'));
        assert.strictEqual(info.kind, 'throttled');
        assert.strictEqual(info.retryAfterSeconds, 30);
        assert.strictEqual(info.requestId, 'req-1');
        const explained = explainAzureError(info, 'Could not list the workspaces of Dev');
        assert.strictEqual(explained.short, 'Throttled by Azure: try again in 30 s');
        assert.match(explained.detail, /asked to wait 30 s/);
    });
});
