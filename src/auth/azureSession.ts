import * as vscode from 'vscode';
import type { GraphScope } from '../azure/resourceGraph';
import type { SubscriptionContext } from '../azure/subscriptionContext';
import { CredentialSource } from './credentialSource';
import {
    affectsAuthentication,
    getAuthMode,
    getSelectedSubscriptionIds,
    loadConfiguredCloud,
    settingsSection,
} from './settings';
import type { SubscriptionListing, SubscriptionSource, TenantProblem } from './subscriptionSource';
import { VSCodeAccountSource } from './vscodeAccountSource';

export const signedInContextKey = 'azuremlK8s.signedIn';

/**
 * The signed-in state for the whole extension: which sign-in mode and cloud are configured, whether the user is
 * signed in, and the subscriptions (all, and the selected ones). Changes to the settings start over.
 */
export class AzureSession implements vscode.Disposable {
    /** The sign-in of the configured mode and cloud, made on first use (a custom cloud's metadata is read then). */
    private source: Promise<SubscriptionSource> | undefined;
    private listing: Promise<SubscriptionListing> | undefined;
    /** The listing that has answered (the one in `listing`, unless that was reset meanwhile). */
    private listed: Promise<SubscriptionListing> | undefined;
    /** VS Code's accounts as last seen (ids), to tell a sign-in or sign-out from a session renewed in place. */
    private accountIds: string | undefined;
    private accountsWatch: vscode.Disposable | undefined;
    private readonly changed = new vscode.EventEmitter<void>();
    private readonly disposables: vscode.Disposable[] = [this.changed];

    /** Fires when sign-in state, mode, cloud or the subscription selection changes. */
    readonly onDidChange = this.changed.event;

    /** `onGraphFailure`: Resource Graph could not list subscriptions and ARM's list was used (for the log). */
    constructor(private readonly onGraphFailure?: (error: unknown) => void) {
        this.disposables.push(
            vscode.workspace.onDidChangeConfiguration((e) => {
                if (affectsAuthentication(e)) {
                    this.reset();
                } else if (e.affectsConfiguration(`${settingsSection}.selectedSubscriptions`)) {
                    this.changed.fire();
                }
            }),
        );
    }

    private getSource(): Promise<SubscriptionSource> {
        if (!this.source) {
            const pending = loadConfiguredCloud().then((cloud) => {
                const mode = getAuthMode();
                if (mode !== 'vscode') {
                    return new CredentialSource(mode, cloud, process.env, this.onGraphFailure);
                }
                const source = new VSCodeAccountSource(cloud, this.onGraphFailure);
                void source.providerId().then((id) => this.watchAccounts(pending, id));
                return source;
            });
            this.source = pending;
            // A cloud that could not be read (its metadata unreachable, say) is read again on the next use.
            pending.catch(() => {
                if (this.source === pending) {
                    this.source = undefined;
                }
            });
        }
        return this.source;
    }

    /**
     * Signing in or out in VS Code's Accounts menu (or in another extension) changes what the views show: when the
     * set of accounts changes, everything is listed again. Sessions added for an account already known (a token for
     * another tenant, renewed tokens) change nothing.
     */
    private watchAccounts(pending: Promise<SubscriptionSource>, providerId: string): void {
        if (this.source !== pending) {
            return;
        }
        this.accountsWatch?.dispose();
        this.accountsWatch = vscode.authentication.onDidChangeSessions(async (e) => {
            if (e.provider.id !== providerId || this.source !== pending) {
                return;
            }
            const ids = await currentAccountIds(providerId);
            if (ids !== undefined && ids !== this.accountIds) {
                this.accountIds = ids;
                this.listing = undefined;
                this.changed.fire();
            }
        });
        void currentAccountIds(providerId).then((ids) => (this.accountIds ??= ids));
    }

    async isSignedIn(): Promise<boolean> {
        const signedIn = await (await this.getSource()).isSignedIn();
        // Not awaited: a round trip to the window that would delay every command and the first view load.
        void vscode.commands.executeCommand('setContext', signedInContextKey, signedIn);
        return signedIn;
    }

    async signIn(): Promise<boolean> {
        this.listing = undefined;
        const signedIn = await (await this.getSource()).signIn();
        this.changed.fire();
        return signedIn;
    }

    /** Signs in to one tenant that asked for it, then lists again. */
    async signInToTenant(problem: TenantProblem): Promise<boolean> {
        const source = await this.getSource();
        const signedIn = (await source.signInToTenant?.(problem)) ?? false;
        this.listing = undefined;
        this.changed.fire();
        return signedIn;
    }

    /** Every subscription the sign-in can see and the tenants it could not list; asked once unless reset. */
    getListing(): Promise<SubscriptionListing> {
        if (!this.listing) {
            const pending = this.getSource().then((source) => source.listSubscriptions());
            this.listing = pending;
            pending.then(
                () => (this.listed = pending),
                () => {
                    if (this.listing === pending) {
                        this.listing = undefined;
                    }
                },
            );
        }
        return this.listing;
    }

    /**
     * What Resource Graph can be asked over while the subscriptions are still to be listed (see
     * `InventoryService.listWorkspacesEarly`); undefined once they are, or where the sign-in mode cannot tell.
     */
    async graphScopesBeforeListing(): Promise<GraphScope[] | undefined> {
        if (this.listing && this.listing === this.listed) {
            return undefined;
        }
        return (await this.getSource()).graphScopesBeforeListing?.();
    }

    /** Every subscription the account can see. */
    async getAllSubscriptions(): Promise<SubscriptionContext[]> {
        return (await this.getListing()).subscriptions;
    }

    /** Tenants whose subscriptions could not be listed (sign-in needed, or a failure). */
    async getTenantProblems(): Promise<TenantProblem[]> {
        return (await this.getListing()).tenantProblems;
    }

    /** The subscriptions chosen with "Select Subscriptions...", or all when none were chosen. */
    async getSelectedSubscriptions(): Promise<SubscriptionContext[]> {
        const all = await this.getAllSubscriptions();
        const selected = getSelectedSubscriptionIds()?.map((id) => id.toLowerCase());
        if (!selected) {
            return all;
        }
        const chosen = all.filter((s) => selected.includes(s.subscriptionId.toLowerCase()));
        return chosen.length > 0 ? chosen : all;
    }

    async findSubscription(subscriptionId: string): Promise<SubscriptionContext | undefined> {
        const all = await this.getAllSubscriptions();
        return all.find((s) => s.subscriptionId.toLowerCase() === subscriptionId.toLowerCase());
    }

    /** Ask for the subscription list again on next use (e.g. after one was added in the portal). */
    forgetSubscriptions(): void {
        this.listing = undefined;
    }

    /** Forget the sign-in mode, cloud and subscriptions, and tell the views. */
    reset(): void {
        this.source = undefined;
        this.listing = undefined;
        this.accountsWatch?.dispose();
        this.accountsWatch = undefined;
        this.accountIds = undefined;
        this.changed.fire();
    }

    dispose(): void {
        this.accountsWatch?.dispose();
        vscode.Disposable.from(...this.disposables).dispose();
    }
}

async function currentAccountIds(providerId: string): Promise<string | undefined> {
    try {
        const accounts = await vscode.authentication.getAccounts(providerId);
        return accounts
            .map((a) => a.id)
            .sort()
            .join('\n');
    } catch {
        return undefined;
    }
}
