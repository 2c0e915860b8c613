import * as assert from 'assert';
import { describeAzureError, formatErrorForLog } from '../../src/azure/errors';

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
