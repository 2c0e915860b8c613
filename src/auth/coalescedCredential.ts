import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';

/**
 * A credential whose callers asking for the same token at the same time share one request. Each SDK client's pipeline
 * asks for its own token; when several clients start at once (the subscription list and an early workspace query on
 * a cold start), the credential's own cache is still empty for all of them and each would go to Entra.
 */
export function coalescedCredential(credential: TokenCredential): TokenCredential {
    const pending = new Map<string, Promise<AccessToken | null>>();
    return {
        getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
            // A claims challenge (continuous access evaluation) asks for a new token of its own.
            if (options?.claims) {
                return credential.getToken(scopes, options);
            }
            const key = `${[scopes].flat().join(' ')}|${options?.tenantId ?? ''}`;
            let request = pending.get(key);
            if (!request) {
                // Not the first caller's abort signal: the others wait on this request too.
                request = credential
                    .getToken(scopes, { ...options, abortSignal: undefined })
                    .finally(() => pending.delete(key));
                pending.set(key, request);
            }
            return request;
        },
    };
}
