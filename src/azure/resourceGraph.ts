/**
 * Azure Resource Graph: one query over many subscriptions, every page followed. Subscriptions are grouped by tenant
 * (VS Code's sign-in hands each subscription its own credential object, all alike within a tenant), and each group
 * is queried with its first subscription's credential, in batches the service accepts.
 */
import type { TokenCredential } from '@azure/core-auth';
import type { CloudEndpoints } from '../domain/cloud';
import { createResourceGraphClient } from './clients';
import { groupBy } from './groupBy';
import type { SubscriptionContext } from './subscriptionContext';

/** Rows per page: the most Resource Graph returns. */
const pageSize = 1000;
/** Subscriptions per request. */
const subscriptionsPerRequest = 1000;

/**
 * What a query runs over: the selected subscriptions, or (`scopes`) everything some credentials can read, for a query
 * asked before the subscriptions are listed.
 */
export type GraphTarget = readonly SubscriptionContext[] | { readonly scopes: readonly GraphScope[] };

export async function queryResourceGraph<Row>(
    target: GraphTarget,
    query: string,
    abortSignal?: AbortSignal,
): Promise<Row[]> {
    const scopes = 'scopes' in target ? target.scopes : scopesOf(target);
    const results = await Promise.all(scopes.map((scope) => queryScope<Row>(scope, query, abortSignal)));
    return results.flat();
}

function scopesOf(subscriptions: readonly SubscriptionContext[]): GraphScope[] {
    const scopes: GraphScope[] = [];
    const byTenant = groupBy(subscriptions, (s) => `${s.tenantId.toLowerCase()}|${s.cloud.resourceManagerEndpointUrl}`);
    for (const group of byTenant.values()) {
        for (let i = 0; i < group.length; i += subscriptionsPerRequest) {
            const batch = group.slice(i, i + subscriptionsPerRequest);
            scopes.push({
                credential: batch[0].credential,
                cloud: batch[0].cloud,
                subscriptionIds: batch.map((s) => s.subscriptionId),
            });
        }
    }
    return scopes;
}

/** Who asks, where, and over which subscriptions: without `subscriptionIds`, every one the credential can read. */
export interface GraphScope {
    readonly credential: TokenCredential;
    readonly cloud: CloudEndpoints;
    readonly subscriptionIds?: readonly string[];
}

/**
 * The first page says how many rows there are; the rest are then asked for side by side with `$skip` (the rows
 * ordered by id, so pages neither overlap nor miss). Without a total, `$skipToken` is followed page by page.
 */
export async function queryScope<Row>(
    scope: GraphScope,
    query: string,
    abortSignal: AbortSignal | undefined,
): Promise<Row[]> {
    const client = await createResourceGraphClient(scope.credential, scope.cloud);
    const ordered = `${query} | order by id asc`;
    const page = (options: { skip?: number; skipToken?: string }) =>
        client.resources(
            {
                subscriptions: scope.subscriptionIds && [...scope.subscriptionIds],
                query: ordered,
                options: { resultFormat: 'objectArray', top: pageSize, ...options },
            },
            { abortSignal },
        );
    const first = await page({});
    const rows = [...((first.data ?? []) as Row[])];
    if (!first.skipToken) {
        return rows;
    }
    if (first.totalRecords !== undefined && first.totalRecords > rows.length) {
        const offsets: number[] = [];
        for (let skip = rows.length; skip < first.totalRecords; skip += pageSize) {
            offsets.push(skip);
        }
        const rest = await Promise.all(offsets.map((skip) => page({ skip })));
        return rows.concat(...rest.map((p) => (p.data ?? []) as Row[]));
    }
    let skipToken: string | undefined = first.skipToken;
    while (skipToken) {
        const next = await page({ skipToken });
        rows.push(...((next.data ?? []) as Row[]));
        skipToken = next.skipToken;
    }
    return rows;
}

/** A KQL string literal. */
export function kqlString(value: string): string {
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
