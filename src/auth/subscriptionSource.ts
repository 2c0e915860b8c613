import type { GraphScope } from '../azure/resourceGraph';
import type { SubscriptionContext } from '../azure/subscriptionContext';

/** A tenant (directory) of a signed-in account whose subscriptions could not be listed. */
export interface TenantProblem {
    readonly tenantId: string;
    /** The tenant's display name, or its id when it has none. */
    readonly name: string;
    readonly domain?: string;
    /** The account the tenant belongs to (VS Code's account id and label). */
    readonly accountId: string;
    readonly accountLabel: string;
    /**
     * `signInRequired`: the tenant refused a token without the user (MFA, Conditional Access, consent): signing in to
     * it lists its subscriptions. `failed`: listing failed; `error` says why.
     */
    readonly kind: 'signInRequired' | 'failed';
    readonly error?: unknown;
}

/** Every subscription the sign-in can list, and the tenants it could not list. */
export interface SubscriptionListing {
    readonly subscriptions: SubscriptionContext[];
    readonly tenantProblems: TenantProblem[];
}

/** Where subscriptions and credentials come from, for one sign-in mode. */
export interface SubscriptionSource {
    /** Cheap check, no prompt: does this mode have what it needs to try? */
    isSignedIn(): Promise<boolean>;
    /** Interactive where the mode allows it; resolves false when the user did not complete it. */
    signIn(): Promise<boolean>;
    listSubscriptions(): Promise<SubscriptionListing>;
    /** Interactive sign-in to one tenant of an account (a `signInRequired` problem); false when not completed. */
    signInToTenant?(problem: TenantProblem): Promise<boolean>;
    /**
     * What Resource Graph can be asked over before the subscriptions are listed: a mode with one credential for all
     * its subscriptions knows it at once; one that learns its tenants by listing them does not have this.
     */
    graphScopesBeforeListing?(): Promise<GraphScope[]>;
}

export class SignInRequiredError extends Error {}

/** One listing out of several: a subscription seen twice (two accounts, two tenants) once, sorted by name. */
export function mergeListings(listings: SubscriptionListing[]): SubscriptionListing {
    const byId = new Map<string, SubscriptionContext>();
    for (const s of listings.flatMap((l) => l.subscriptions)) {
        const key = s.subscriptionId.toLowerCase();
        if (!byId.has(key)) {
            byId.set(key, s);
        }
    }
    return {
        subscriptions: [...byId.values()].sort((a, b) => a.name.localeCompare(b.name)),
        tenantProblems: listings.flatMap((l) => l.tenantProblems),
    };
}
