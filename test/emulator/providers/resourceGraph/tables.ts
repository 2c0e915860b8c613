/** The tables a Resource Graph query reads, and the rows of them the caller may read. */

import { callerMay } from '../../authorization';
import { classifyArmPath, typeOfId } from '../../armPath';
import type { Emulator } from '../../emulator';
import type { Ctx } from '../../http';
import type { ArmResource, Json } from '../../model';
import { roleAssignmentType } from '../../rbac/assignmentIndex';
import type { ResourceMeta } from '../../resourceStore';
import { withoutSecrets } from '../generic';
import { subscriptionView } from '../resources';
import { withClusterInstanceTypes } from '../machineLearning/computeView';
import { QueryError, type Row } from './kql';

function rowOf(
    em: Emulator,
    resource: Json & { id: string },
    meta?: { rowType: string; resourceGroup: string; subscriptionId: string },
): Row {
    // The graph indexes what ARM answers: a Kubernetes compute's instance types as its reads show them.
    const r = /\/computes\/[^/]+$/i.test(resource.id)
        ? (withClusterInstanceTypes(em, resource as ArmResource) as Json & { id: string })
        : resource;
    const c = meta ? undefined : classifyArmPath(r.id);
    return {
        id: r.id,
        name: r.name,
        type: meta ? meta.rowType : String(r.type ?? typeOfId(r.id) ?? '').toLowerCase(),
        tenantId: em.tenantId,
        kind: r.kind ?? '',
        location: r.location ?? '',
        resourceGroup: (meta ? meta.resourceGroup : (c?.resourceGroup ?? '')).toLowerCase(),
        subscriptionId: meta ? meta.subscriptionId : (c?.subscriptionId ?? ''),
        managedBy: r.managedBy ?? '',
        sku: r.sku ?? null,
        plan: r.plan ?? null,
        properties: withoutSecrets(r.properties as Json | undefined) ?? {},
        tags: r.tags ?? null,
        identity: r.identity ?? null,
        zones: r.zones ?? null,
        extendedLocation: r.extendedLocation ?? null,
    };
}

/**
 * The rows of a table in the requested subscriptions. `ResourceContainers` rows are already limited to what the caller
 * may read (`authorized`); the others are not yet: `runQuery` checks them after the leading `where` filters, which
 * gives the same rows as checking first (a filter commutes with a filter) without checking rows about to be dropped.
 * `typeFilter` (from those `where` stages) skips resources whose row could not pass them anyway.
 */
export function table(
    em: Emulator,
    ctx: Ctx,
    name: string,
    subscriptions: Set<string>,
    typeFilter: ((rowType: string) => boolean) | undefined,
): { rows: Row[]; authorized: boolean } {
    const lower = name.toLowerCase();
    const may = (type: string, id: string): boolean => callerMay(em, ctx, `${type}/read`, id);
    if (lower === 'resourcecontainers') {
        const subs = em.state.subscriptions
            .filter(
                (s) =>
                    subscriptions.has(s.subscriptionId.toLowerCase()) &&
                    may('Microsoft.Resources/subscriptions', `/subscriptions/${s.subscriptionId}`),
            )
            .map((s) => {
                // The graph's subscription row: the display name as `name`, the subscription's own tenant, and the
                // state and policies ARM's subscription read gives, under `properties`.
                const { state, subscriptionPolicies } = subscriptionView(em, s);
                return {
                    ...rowOf(em, {
                        id: `/subscriptions/${s.subscriptionId}`,
                        name: s.subscriptionId,
                        type: 'microsoft.resources/subscriptions',
                        properties: { state, subscriptionPolicies } as Json,
                        tags: (s.tags ?? {}) as Json,
                    }),
                    name: s.displayName,
                    tenantId: em.state.tenantOf(s),
                };
            });
        const groups = [...em.state.resourceGroups.values()]
            .filter((g) => subscriptions.has(g.subscriptionId.toLowerCase()))
            .map((g) => ({
                id: `/subscriptions/${g.subscriptionId}/resourceGroups/${g.name}`,
                name: g.name,
                type: 'microsoft.resources/subscriptions/resourcegroups',
                location: g.location,
            }))
            .filter((g) => may('Microsoft.Resources/subscriptions/resourceGroups', g.id))
            .map((g) => rowOf(em, g));
        return { rows: [...subs, ...groups], authorized: true };
    }
    const kinds: Record<string, (type: string) => boolean> = {
        resources: (t) =>
            !t.startsWith('microsoft.authorization/') && t !== 'microsoft.kubernetesconfiguration/extensions',
        kubernetesconfigurationresources: (t) => t === 'microsoft.kubernetesconfiguration/extensions',
        authorizationresources: (t) => t === roleAssignmentType.toLowerCase(),
    };
    const accept = kinds[lower];
    if (!accept) {
        throw new QueryError(
            `Table '${name}' is not supported by the emulator (Resources, ResourceContainers, KubernetesConfigurationResources, AuthorizationResources).`,
        );
    }
    const rows: Row[] = [];
    const add = (r: ArmResource, meta: ResourceMeta): void => {
        if (accept(meta.idType) && subscriptions.has(meta.subscriptionKey)) {
            const row = rowOf(em, r, meta);
            rowMeta.set(row, meta);
            rows.push(row);
        }
    };
    if (typeFilter) {
        em.state.scanTypes(typeFilter, add);
    } else {
        em.state.scan(add);
    }
    return { rows, authorized: false };
}

/** The index data of the resource behind a row of `table` (until a `project`/`extend` replaces the row). */
const rowMeta = new WeakMap<Row, ResourceMeta>();

/**
 * Rows (with their `id` untouched) the caller may read: `{type}/read` on the resource. In a subscription where the
 * caller has no role assignment below the subscription itself, every resource of a type gets the same answer, so it is
 * asked once per type and subscription.
 */
export function authorizedRows(em: Emulator, ctx: Ctx, rows: Row[]): Row[] {
    const principal = ctx.caller?.oid ?? '';
    const flat = new Map<string, boolean>();
    const decided = new Map<string, boolean>();
    return rows.filter((row) => {
        const id = String(row.id);
        const meta = rowMeta.get(row) ?? em.state.metaOf(id);
        const action = `${meta?.idType ?? ''}/read`;
        if (!meta) {
            return callerMay(em, ctx, action, id);
        }
        let isFlat = flat.get(meta.subscriptionKey);
        if (isFlat === undefined) {
            isFlat = !em.state.hasAssignmentsBelowSubscription(principal, meta.subscriptionKey);
            flat.set(meta.subscriptionKey, isFlat);
        }
        if (!isFlat) {
            return callerMay(em, ctx, action, id);
        }
        const key = `${meta.idType}\n${meta.subscriptionKey}`;
        let allowed = decided.get(key);
        if (allowed === undefined) {
            allowed = callerMay(em, ctx, action, id);
            decided.set(key, allowed);
        }
        return allowed;
    });
}
