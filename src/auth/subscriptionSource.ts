import type { SubscriptionContext } from '../azure/subscriptionContext';

/** Where subscriptions and credentials come from, for one sign-in mode. */
export interface SubscriptionSource {
    /** Cheap check, no prompt: does this mode have what it needs to try? */
    isSignedIn(): Promise<boolean>;
    /** Interactive where the mode allows it; resolves false when the user did not complete it. */
    signIn(): Promise<boolean>;
    listSubscriptions(): Promise<SubscriptionContext[]>;
}

export class SignInRequiredError extends Error {}
