/**
 * Azure Resource Graph: one query over many subscriptions, every page followed. Subscriptions are grouped by
 * credential (one group per tenant account), and each group is queried in batches the service accepts.
 */
import { createResourceGraphClient } from './clients';
import type { SubscriptionContext } from './subscriptionContext';

/** Rows per page: the most Resource Graph returns. */
const pageSize = 1000;
/** Subscriptions per request. */
const subscriptionsPerRequest = 1000;

export async function queryResourceGraph<Row>(
    subscriptions: readonly SubscriptionContext[],
    query: string,
    abortSignal?: AbortSignal,
): Promise<Row[]> {
    const batches: SubscriptionContext[][] = [];
    for (const group of groupByCredential(subscriptions)) {
        for (let i = 0; i < group.length; i += subscriptionsPerRequest) {
            batches.push(group.slice(i, i + subscriptionsPerRequest));
        }
    }
    const results = await Promise.all(batches.map((batch) => queryBatch<Row>(batch, query, abortSignal)));
    return results.flat();
}

async function queryBatch<Row>(
    batch: readonly SubscriptionContext[],
    query: string,
    abortSignal: AbortSignal | undefined,
): Promise<Row[]> {
    const client = await createResourceGraphClient(batch[0].credential, batch[0].cloud);
    const rows: Row[] = [];
    let skipToken: string | undefined;
    do {
        const page = await client.resources(
            {
                subscriptions: batch.map((s) => s.subscriptionId),
                query,
                options: { resultFormat: 'objectArray', top: pageSize, skipToken },
            },
            { abortSignal },
        );
        rows.push(...((page.data ?? []) as Row[]));
        skipToken = page.skipToken;
    } while (skipToken);
    return rows;
}

function groupByCredential(subscriptions: readonly SubscriptionContext[]): SubscriptionContext[][] {
    const groups = new Map<unknown, SubscriptionContext[]>();
    for (const sub of subscriptions) {
        const group = groups.get(sub.credential);
        if (group) {
            group.push(sub);
        } else {
            groups.set(sub.credential, [sub]);
        }
    }
    return [...groups.values()];
}

/** A KQL string literal. */
export function kqlString(value: string): string {
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
