import type * as AzureAuth from '@microsoft/vscode-azext-azureauth';
import * as vscode from 'vscode';
import type { CloudEndpoints } from '../domain/cloud';
import { mapWithConcurrency } from '../azure/concurrency';
import { listSubscriptionsOf } from '../azure/subscriptionListing';
import type { SubscriptionContext } from '../azure/subscriptionContext';
import { ext } from '../extensionVariables';
import { sessionCredential } from './sessionCredential';
import {
    mergeListings,
    SignInRequiredError,
    type SubscriptionListing,
    type SubscriptionSource,
    type TenantProblem,
} from './subscriptionSource';

interface Loaded {
    auth: typeof AzureAuth;
    provider: AzureAuth.VSCodeAzureSubscriptionProvider;
}

type Account = vscode.AuthenticationSessionAccountInformation;
type Tenant = Awaited<ReturnType<AzureAuth.VSCodeAzureSubscriptionProvider['getTenants']>>[number];

/** Tenants of one account listed side by side. */
const tenantsAtOnce = 8;

/**
 * VS Code's Microsoft accounts, through @microsoft/vscode-azext-azureauth (which reads the same cloud settings): the
 * subscriptions of every tenant of every account, each tenant on its own, so a tenant that needs the user to sign in
 * again (MFA, Conditional Access) or fails to list becomes a problem of its own instead of missing subscriptions.
 */
export class VSCodeAccountSource implements SubscriptionSource {
    private loaded: Promise<Loaded> | undefined;

    constructor(
        private readonly cloud: CloudEndpoints,
        /** Resource Graph could not list a tenant's subscriptions, so ARM did (for the log). */
        private readonly onGraphFailure?: (error: unknown) => void,
    ) {}

    private load(): Promise<Loaded> {
        this.loaded ??= import('@microsoft/vscode-azext-azureauth').then((auth) => {
            const provider = new auth.VSCodeAzureSubscriptionProvider(ext.outputChannel);
            ext.context.subscriptions.push(provider);
            return { auth, provider };
        });
        return this.loaded;
    }

    /** The authentication provider the configured cloud signs in with (`microsoft` or `microsoft-sovereign-cloud`). */
    async providerId(): Promise<string> {
        return (await this.load()).auth.getConfiguredAuthProviderId();
    }

    async isSignedIn(): Promise<boolean> {
        return (await this.load()).provider.isSignedIn();
    }

    async signIn(): Promise<boolean> {
        return (await this.load()).provider.signIn();
    }

    async signInToTenant(problem: TenantProblem): Promise<boolean> {
        const { auth, provider } = await this.load();
        const accounts = await vscode.authentication.getAccounts(auth.getConfiguredAuthProviderId());
        return provider.signIn(
            problem.tenantId,
            accounts.find((a) => a.id === problem.accountId),
        );
    }

    async listSubscriptions(): Promise<SubscriptionListing> {
        const loaded = await this.load();
        if (!(await loaded.provider.isSignedIn())) {
            throw new SignInRequiredError();
        }
        const accounts = await vscode.authentication.getAccounts(loaded.auth.getConfiguredAuthProviderId());
        const listings = await Promise.all(accounts.map((account) => this.listAccount(loaded, account)));
        return mergeListings(listings);
    }

    private async listAccount(loaded: Loaded, account: Account): Promise<SubscriptionListing> {
        if (!(await loaded.provider.isSignedIn(undefined, account))) {
            return { subscriptions: [], tenantProblems: [] };
        }
        const tenants = await loaded.provider.getTenants(account);
        return mergeListings(
            await mapWithConcurrency(tenants, tenantsAtOnce, (tenant) => this.listTenant(loaded, account, tenant)),
        );
    }

    private async listTenant(loaded: Loaded, account: Account, tenant: Tenant): Promise<SubscriptionListing> {
        const tenantId = tenant.tenantId ?? '';
        const problem = (kind: TenantProblem['kind'], error?: unknown): SubscriptionListing => ({
            subscriptions: [],
            tenantProblems: [
                {
                    tenantId,
                    name: tenant.displayName ?? tenantId,
                    domain: tenant.defaultDomain,
                    accountId: account.id,
                    accountLabel: account.label,
                    kind,
                    error,
                },
            ],
        });
        if (!(await loaded.provider.isSignedIn(tenantId, account))) {
            return problem('signInRequired');
        }
        try {
            const credential = sessionCredential(loaded.auth, tenantId, account);
            const listed = await listSubscriptionsOf(credential, this.cloud, this.onGraphFailure);
            const subscriptions: SubscriptionContext[] = listed.map((s) => ({
                subscriptionId: s.subscriptionId,
                name: s.displayName,
                tenantId: s.tenantId ?? tenantId,
                tenantName: tenant.displayName,
                credential,
                cloud: this.cloud,
            }));
            return { subscriptions, tenantProblems: [] };
        } catch (error) {
            return problem(error instanceof SignInRequiredError ? 'signInRequired' : 'failed', error);
        }
    }
}
