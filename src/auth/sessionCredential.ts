import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import type * as AzureAuth from '@microsoft/vscode-azext-azureauth';
import type * as vscode from 'vscode';
import { SignInRequiredError } from './subscriptionSource';

/**
 * A credential for one tenant of one VS Code account: every token comes from VS Code's authentication provider
 * (silently: it never prompts), which renews it. The azureauth package's own credential hands out the token of the
 * session it was made from for ever, so requests would start failing once that token expired.
 */
export function sessionCredential(
    auth: typeof AzureAuth,
    tenantId: string,
    account: vscode.AuthenticationSessionAccountInformation,
): TokenCredential {
    return {
        async getToken(scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken> {
            const session = await auth.getSessionFromVSCode(scopes, tenantId, { silent: true, account });
            if (!session) {
                throw new SignInRequiredError(`Sign in again to use the subscriptions of tenant ${tenantId}.`);
            }
            return { token: session.accessToken, expiresOnTimestamp: tokenExpiry(session.accessToken) };
        },
    };
}

/**
 * When a JWT access token expires (ms), so the SDK pipeline reuses it until shortly before then. A token that is not a
 * JWT counts as expired: the pipeline then asks the provider for each request, which is correct, only slower.
 */
export function tokenExpiry(token: string): number {
    try {
        const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
            exp?: unknown;
        };
        return typeof payload.exp === 'number' ? payload.exp * 1000 : 0;
    } catch {
        return 0;
    }
}
