import type { TokenCredential } from '@azure/core-auth';
import type { CloudEndpoints } from '../domain/cloud';
import { createSubscriptionClient } from './clients';
import { listAll } from './concurrency';
import { describeAzureError } from './errors';
import { queryScope } from './resourceGraph';

/** A subscription as a sign-in lists it. */
export interface ListedSubscription {
    readonly subscriptionId: string;
    readonly displayName: string;
    readonly tenantId?: string;
}

interface SubscriptionRow {
    subscriptionId?: string;
    name?: string;
    tenantId?: string;
}

/**
 * Every subscription the credential can read. Resource Graph answers with up to 1,000 a page in one request, where
 * ARM's list comes page after page (each page a round trip before the next can be asked), so the graph is asked
 * first. ARM's list is the answer where the graph fails or is absent (custom clouds), and where it lists none: the
 * graph shows a subscription row only to a caller who may read the subscription itself, and ARM also lists those
 * where every role the caller holds is on a resource group or a resource.
 */
export async function listSubscriptionsOf(
    credential: TokenCredential,
    cloud: CloudEndpoints,
    onGraphFailure?: (error: unknown) => void,
): Promise<ListedSubscription[]> {
    const fromGraph = await graphSubscriptions(credential, cloud, onGraphFailure);
    if (fromGraph && fromGraph.length > 0) {
        return fromGraph;
    }
    const client = await createSubscriptionClient(credential, cloud);
    return (await listAll(client.subscriptions.list()))
        .filter((s) => s.subscriptionId)
        .map((s) => ({
            subscriptionId: s.subscriptionId!,
            displayName: s.displayName ?? s.subscriptionId!,
            tenantId: s.tenantId,
        }));
}

async function graphSubscriptions(
    credential: TokenCredential,
    cloud: CloudEndpoints,
    onGraphFailure: ((error: unknown) => void) | undefined,
): Promise<ListedSubscription[] | undefined> {
    try {
        const rows = await queryScope<SubscriptionRow>(
            { credential, cloud },
            `ResourceContainers | where type =~ 'microsoft.resources/subscriptions' | project id, subscriptionId, name, tenantId`,
            undefined,
        );
        return rows
            .filter((r) => r.subscriptionId)
            .map((r) => ({
                subscriptionId: r.subscriptionId!,
                displayName: r.name || r.subscriptionId!,
                tenantId: r.tenantId,
            }));
    } catch (error) {
        // The graph answered with an error of its own (refused, absent, throttled, failing): ARM may still answer.
        // A sign-in that failed, a network down or a cancel would fail ARM's list the same way.
        const { status, kind } = describeAzureError(error);
        if (status === undefined || kind === 'unauthenticated') {
            throw error;
        }
        onGraphFailure?.(error);
        return undefined;
    }
}
