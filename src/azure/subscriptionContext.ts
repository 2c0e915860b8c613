import type { TokenCredential } from '@azure/core-auth';
import type { CloudEndpoints } from '../domain/cloud';
import type { SubscriptionRef } from '../domain/models';

/** Everything needed to call ARM for one subscription: who, where, and with which credential. */
export interface SubscriptionContext extends SubscriptionRef {
    readonly credential: TokenCredential;
    /** The tenant's display name, where the sign-in knows it (VS Code's accounts, which can span tenants). */
    readonly tenantName?: string;
    readonly cloud: CloudEndpoints;
}
