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
    /** `/subscriptions/<id>` on a subscription's own row; the bare id on a "holds a resource group" row. */
    id?: string;
    subscriptionId?: string;
    name?: string;
    tenantId?: string;
}

/**
 * The subscription rows, and once each the subscriptions holding a resource group the caller can see, with the bare
 * subscription id as their `id` (distinct from the subscription rows', so paging in `id` order stays stable).
 */
const subscriptionsQuery =
    "ResourceContainers | where type =~ 'microsoft.resources/subscriptions' | project id, subscriptionId, name, tenantId " +
    "| union (ResourceContainers | where type =~ 'microsoft.resources/subscriptions/resourcegroups' " +
    '| distinct subscriptionId | project id = subscriptionId, subscriptionId)';

const isSubscriptionRow = (r: SubscriptionRow) => !!r.id?.toLowerCase().startsWith('/subscriptions/');

/**
 * Every subscription the credential can read. Resource Graph answers with up to 1,000 a page in one request, where
 * ARM's list comes page after page (each page a round trip before the next can be asked), so the graph is asked
 * first. ARM's list is the answer where the graph fails or is absent (custom clouds), and where the graph's answer is
 * incomplete: it shows a subscription row only to a caller who may read the subscription itself, while ARM also
 * lists those where every role the caller holds is on a resource group or a resource. The same query asks which
 * subscriptions hold a resource group the caller can see, so a subscription seen only that way sends the listing to
 * ARM too (one with roles on single resources alone is seen by neither query: ARM's list is then asked only when the
 * graph shows no subscription at all).
 */
export async function listSubscriptionsOf(
    credential: TokenCredential,
    cloud: CloudEndpoints,
    onGraphFailure?: (error: unknown) => void,
): Promise<ListedSubscription[]> {
    const fromGraph = await graphSubscriptions(credential, cloud, onGraphFailure);
    if (fromGraph && fromGraph.subscriptions.length > 0 && !fromGraph.someOnlyThroughGroups) {
        return fromGraph.subscriptions;
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
): Promise<{ subscriptions: ListedSubscription[]; someOnlyThroughGroups: boolean } | undefined> {
    try {
        const rows = await queryScope<SubscriptionRow>({ credential, cloud }, subscriptionsQuery, undefined);
        const subscriptions = rows
            .filter((r) => isSubscriptionRow(r) && r.subscriptionId)
            .map((r) => ({
                subscriptionId: r.subscriptionId!,
                displayName: r.name || r.subscriptionId!,
                tenantId: r.tenantId,
            }));
        const listed = new Set(subscriptions.map((s) => s.subscriptionId.toLowerCase()));
        const someOnlyThroughGroups = rows.some(
            (r) => !isSubscriptionRow(r) && r.subscriptionId && !listed.has(r.subscriptionId.toLowerCase()),
        );
        return { subscriptions, someOnlyThroughGroups };
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
