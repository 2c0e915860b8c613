import * as vscode from 'vscode';
import type { SubscriptionContext } from '../azure/subscriptionContext';
import { CredentialSource } from './credentialSource';
import { affectsAuthentication, getAuthMode, getCloud, getSelectedSubscriptionIds, settingsSection } from './settings';
import type { SubscriptionSource } from './subscriptionSource';
import { VSCodeAccountSource } from './vscodeAccountSource';

export const signedInContextKey = 'azuremlK8s.signedIn';

/**
 * The signed-in state for the whole extension: which sign-in mode and cloud are configured, whether the user is
 * signed in, and the subscriptions (all, and the selected ones). Changes to the settings start over.
 */
export class AzureSession implements vscode.Disposable {
    private source: SubscriptionSource | undefined;
    private subscriptions: Promise<SubscriptionContext[]> | undefined;
    private readonly changed = new vscode.EventEmitter<void>();
    private readonly disposables: vscode.Disposable[] = [this.changed];

    /** Fires when sign-in state, mode, cloud or the subscription selection changes. */
    readonly onDidChange = this.changed.event;

    constructor() {
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

    private getSource(): SubscriptionSource {
        if (!this.source) {
            const cloud = getCloud();
            const mode = getAuthMode();
            this.source = mode === 'vscode' ? new VSCodeAccountSource(cloud) : new CredentialSource(mode, cloud);
        }
        return this.source;
    }

    async isSignedIn(): Promise<boolean> {
        const signedIn = await this.getSource().isSignedIn();
        // Not awaited: a round trip to the window that would delay every command and the first view load.
        void vscode.commands.executeCommand('setContext', signedInContextKey, signedIn);
        return signedIn;
    }

    async signIn(): Promise<boolean> {
        this.subscriptions = undefined;
        const signedIn = await this.getSource().signIn();
        this.changed.fire();
        return signedIn;
    }

    /** Every subscription the account can see; asked once per session unless reset. */
    getAllSubscriptions(): Promise<SubscriptionContext[]> {
        if (!this.subscriptions) {
            const pending = this.getSource().listSubscriptions();
            this.subscriptions = pending;
            pending.catch(() => {
                if (this.subscriptions === pending) {
                    this.subscriptions = undefined;
                }
            });
        }
        return this.subscriptions;
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
        this.subscriptions = undefined;
    }

    /** Forget the sign-in mode, cloud and subscriptions, and tell the views. */
    reset(): void {
        this.source = undefined;
        this.subscriptions = undefined;
        this.changed.fire();
    }

    dispose(): void {
        vscode.Disposable.from(...this.disposables).dispose();
    }
}
