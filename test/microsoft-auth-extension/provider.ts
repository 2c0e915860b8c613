/**
 * One emulated Microsoft authentication provider, behaving towards extensions as VS Code's built-in one does:
 * createSession signs a person in (the account VS Code names, or one picked here), getSessions answers silently from
 * cached access tokens or the account's refresh token, removeSession signs the whole account out. Accounts and their
 * refresh tokens live in the extension's secret storage; access tokens in memory.
 */

import * as crypto from 'crypto';
import * as vscode from 'vscode';
import {
    EntraError,
    OIDC_SCOPES,
    parseScopes,
    redeem,
    signInInteractively,
    type ScopeData,
    type TokenAnswer,
} from './entra';

interface StoredAccount {
    /** `<uid>.<utid>` (home account id) */
    id: string;
    /** UPN, lower case */
    label: string;
    homeTenantId: string;
    /** client id → the latest (rotated) refresh token */
    refreshTokens: Record<string, string>;
}

interface Account {
    stored: StoredAccount;
    /** scope key → the latest session for it and when its access token expires */
    sessions: Map<string, { session: vscode.AuthenticationSession; expiresAt: number }>;
}

/** A cached access token is used while it has this much life left; then the refresh token gets a new one. */
const MARGIN_MS = 5 * 60_000;

function describe(error: unknown): string {
    if (error instanceof EntraError) {
        return `${error.code}: ${error.message}`;
    }
    return error instanceof Error ? error.message : String(error);
}

export class EmulatedMicrosoftProvider implements vscode.AuthenticationProvider, vscode.Disposable {
    private readonly changed =
        new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
    readonly onDidChangeSessions = this.changed.event;
    private readonly accounts: Promise<Map<string, Account>>;

    constructor(
        readonly id: string,
        readonly label: string,
        /** The authority host (Entra's, here the emulator's URL); throws when the settings name none. */
        private readonly authority: () => string,
        private readonly secrets: vscode.SecretStorage,
        private readonly log: vscode.LogOutputChannel,
    ) {
        this.accounts = this.load();
    }

    private get secretKey(): string {
        return `accounts:${this.id}`;
    }

    private async load(): Promise<Map<string, Account>> {
        const accounts = new Map<string, Account>();
        try {
            const stored = JSON.parse((await this.secrets.get(this.secretKey)) ?? '[]') as StoredAccount[];
            stored.forEach((a) => accounts.set(a.id, { stored: a, sessions: new Map() }));
        } catch (error) {
            this.log.error(`[${this.id}] could not read the stored accounts: ${describe(error)}`);
        }
        this.log.info(
            `[${this.id}] ${accounts.size} stored account(s): ${[...accounts.values()].map((a) => a.stored.label).join(', ')}`,
        );
        return accounts;
    }

    private async save(): Promise<void> {
        const accounts = [...(await this.accounts).values()].map((a) => a.stored);
        await this.secrets.store(this.secretKey, JSON.stringify(accounts));
    }

    async getSessions(
        scopes: readonly string[] | undefined,
        options: vscode.AuthenticationProviderSessionOptions = {},
    ): Promise<vscode.AuthenticationSession[]> {
        const what = scopes ? `[${scopes.join(' ')}]` : '[all]';
        try {
            const accounts = [...(await this.accounts).values()].filter(
                (a) => !options.account || a.stored.id === options.account.id,
            );
            const sessions: vscode.AuthenticationSession[] = [];
            for (const account of accounts) {
                if (!scopes && account.sessions.size > 0) {
                    sessions.push(...[...account.sessions.values()].map((s) => s.session));
                    continue;
                }
                // After a reload no session is known yet: one for the home tenant lists the account.
                const session = await this.silent(account, parseScopes(scopes ?? OIDC_SCOPES));
                if (session) {
                    sessions.push(session);
                }
            }
            this.log.info(
                `[${this.id}] [getSessions] ${what} ${options.account?.label ?? ''}: ${sessions.length} session(s)`,
            );
            return sessions;
        } catch (error) {
            this.log.error(`[${this.id}] [getSessions] ${what}: ${describe(error)}`);
            return [];
        }
    }

    /** A session without asking anyone: a cached access token, or the refresh token grant for that tenant. */
    private async silent(account: Account, scopes: ScopeData): Promise<vscode.AuthenticationSession | undefined> {
        const cached = account.sessions.get(scopes.key);
        if (cached && cached.expiresAt - Date.now() > MARGIN_MS) {
            return { ...cached.session, scopes: scopes.original };
        }
        const refreshToken = account.stored.refreshTokens[scopes.clientId];
        const where = `${account.stored.label} in ${scopes.tenant}`;
        if (!refreshToken) {
            this.log.warn(`[${this.id}] ${where}: no refresh token for client ${scopes.clientId}; sign in again`);
            return undefined;
        }
        try {
            const answer = await redeem(this.authority(), scopes, {
                grant_type: 'refresh_token',
                refresh_token: refreshToken,
            });
            if (answer.refreshToken && (await this.accounts).get(account.stored.id) === account) {
                account.stored.refreshTokens[scopes.clientId] = answer.refreshToken;
                await this.save();
            }
            return this.remember(account, scopes, answer).session;
        } catch (error) {
            // interaction_required (MFA), invalid_grant (not a member), ...: no session for this account.
            this.log.warn(`[${this.id}] ${where}: no session without signing in (${describe(error)})`);
            return undefined;
        }
    }

    private remember(account: Account, scopes: ScopeData, answer: TokenAnswer) {
        const hash = crypto.createHash('sha256').update(scopes.key).digest('hex').slice(0, 16);
        const session: vscode.AuthenticationSession = {
            id: `${account.stored.id}/${hash}`,
            accessToken: answer.accessToken,
            account: { id: account.stored.id, label: account.stored.label },
            scopes: scopes.original,
        };
        const known = account.sessions.has(scopes.key);
        account.sessions.set(scopes.key, { session, expiresAt: answer.expiresAt });
        return { session, known };
    }

    async createSession(
        scopes: readonly string[],
        options: vscode.AuthenticationProviderSessionOptions = {},
    ): Promise<vscode.AuthenticationSession> {
        const data = parseScopes(scopes);
        const loginHint = options.account?.label ?? (await this.pickAccount());
        this.log.info(`[${this.id}] [createSession] ${loginHint} in ${data.tenant} for [${data.toSend.join(' ')}]`);
        let answer: TokenAnswer;
        try {
            answer = await signInInteractively(this.authority(), data, loginHint);
        } catch (error) {
            this.log.error(`[${this.id}] [createSession] ${loginHint}: ${describe(error)}`);
            throw error;
        }
        if (!answer.accountId || !answer.homeTenantId) {
            throw new Error('The token endpoint answered without client_info: no account to remember.');
        }
        const accounts = await this.accounts;
        let account = accounts.get(answer.accountId);
        if (!account) {
            const label = answer.userName ?? loginHint.toLowerCase();
            const stored = { id: answer.accountId, label, homeTenantId: answer.homeTenantId, refreshTokens: {} };
            account = { stored, sessions: new Map() };
            accounts.set(stored.id, account);
        }
        if (answer.refreshToken) {
            account.stored.refreshTokens[data.clientId] = answer.refreshToken;
        }
        await this.save();
        const { session, known } = this.remember(account, data, answer);
        this.log.info(`[${this.id}] [createSession] signed ${account.stored.label} in (${data.tenant})`);
        this.changed.fire({ added: known ? [] : [session], removed: [], changed: known ? [session] : [] });
        return session;
    }

    /** The account picker a browser would show: the configured people, or another email address. */
    private async pickAccount(): Promise<string> {
        const title = `Sign in to ${this.label} (emulated)`;
        const signedIn = new Set([...(await this.accounts).values()].map((a) => a.stored.label));
        const configured = vscode.workspace.getConfiguration('azuremlK8sEmulatedAuth').get<string[]>('accounts') ?? [];
        const other: vscode.QuickPickItem = { label: 'Use another account...', alwaysShow: true };
        const items = configured.map((upn) => ({
            label: upn,
            description: signedIn.has(upn.toLowerCase()) ? 'signed in' : undefined,
        }));
        const picked = await vscode.window.showQuickPick([...items, other], {
            title,
            placeHolder: 'Pick an account',
            ignoreFocusOut: true,
        });
        if (picked && picked !== other) {
            return picked.label;
        }
        const typed = picked
            ? await vscode.window.showInputBox({
                  title,
                  prompt: 'Email address of the account',
                  placeHolder: 'someone@contoso.onmicrosoft.com',
                  ignoreFocusOut: true,
                  validateInput: (value) =>
                      /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value.trim()) ? undefined : 'Type an email address.',
              })
            : undefined;
        if (!typed) {
            // As VS Code's provider does when the person closes the sign-in.
            throw new vscode.CancellationError();
        }
        return typed.trim();
    }

    /** Signs the whole account out, as the real provider does: every session of it goes. */
    async removeSession(sessionId: string): Promise<void> {
        const accounts = await this.accounts;
        const account = [...accounts.values()].find(
            (a) => sessionId === a.stored.id || sessionId.startsWith(`${a.stored.id}/`),
        );
        if (!account) {
            this.log.info(`[${this.id}] [removeSession] ${sessionId}: no such account (signed out already)`);
            return;
        }
        accounts.delete(account.stored.id);
        await this.save();
        const removed = [...account.sessions.values()].map((s) => s.session);
        if (removed.length === 0) {
            const { id, label } = account.stored;
            removed.push({ id, accessToken: '', account: { id, label }, scopes: [] });
        }
        this.log.info(`[${this.id}] [removeSession] signed ${account.stored.label} out`);
        this.changed.fire({ added: [], removed, changed: [] });
    }

    dispose(): void {
        this.changed.dispose();
    }
}
