/**
 * `GET /subscriptions/{id}/resources` and `.../resourceGroups/{rg}/resources` (Resources_List,
 * Resources_ListByResourceGroup in the Microsoft.Resources resources spec): the top-level resources the caller may
 * read, with `$filter` on `resourceType`, `resourceGroup` and `name` (`eq`, joined by `and`), `$top` and nextLink paging.
 */

import { callerMay } from '../authorization';
import { classifyArmPath } from '../armPath';
import type { Emulator } from '../emulator';
import { armError, queryParam, send, type Ctx } from '../http';
import { page } from '../paging';
import type { ArmResource } from '../model';
import { subscriptionNotFound } from './generic';

const listPath = /^\/subscriptions\/([^/]+)(?:\/resourceGroups\/([^/]+))?\/resources$/i;

export function isResourcesListPath(path: string): boolean {
    return listPath.test(path);
}

type Filter = { field: 'resourcetype' | 'resourcegroup' | 'name'; value: string }[];

/** Parses `resourceType eq 'X' and name eq 'y'`; undefined when the filter says something else. */
function parseFilter(text: string | undefined): Filter | undefined {
    if (!text?.trim()) {
        return [];
    }
    const clauses = text.split(/\s+and\s+/i);
    const filter: Filter = [];
    for (const clause of clauses) {
        const m = /^\s*(resourceType|resourceGroup|name)\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(clause);
        if (!m) {
            return undefined;
        }
        filter.push({ field: m[1].toLowerCase() as Filter[number]['field'], value: m[2].replace(/''/g, "'") });
    }
    return filter;
}

/** GenericResourceExpanded: the envelope only, as ARM lists resources of every provider. */
function genericView(r: ArmResource, type: string): Record<string, unknown> {
    const view: Record<string, unknown> = { id: r.id, name: r.name, type, location: r.location };
    for (const key of ['kind', 'managedBy', 'sku', 'plan', 'identity', 'extendedLocation', 'tags'] as const) {
        if (r[key] !== undefined) {
            view[key] = r[key];
        }
    }
    return view;
}

export function handleResourcesList(em: Emulator, ctx: Ctx): boolean {
    const m = listPath.exec(ctx.path);
    if (!m || ctx.method !== 'GET') {
        return false;
    }
    const [, subscriptionId, resourceGroup] = m;
    const sub = em.state.subscription(subscriptionId);
    if (!sub) {
        subscriptionNotFound(ctx, subscriptionId);
        return true;
    }
    if (resourceGroup && !em.state.resourceGroupExists(sub.subscriptionId, resourceGroup)) {
        armError(ctx, 404, 'ResourceGroupNotFound', `Resource group '${resourceGroup}' could not be found.`);
        return true;
    }
    const filterText = queryParam(ctx, '$filter');
    const filter = parseFilter(filterText);
    if (!filter) {
        armError(
            ctx,
            400,
            'InvalidFilterInQueryString',
            `Invalid $filter '${filterText}' specified in the query string.`,
        );
        return true;
    }
    const topText = queryParam(ctx, '$top');
    const top = topText === undefined ? undefined : Number(topText);
    if (top !== undefined && !(Number.isInteger(top) && top > 0)) {
        armError(ctx, 400, 'InvalidTopInQueryString', `Invalid $top '${topText}' specified in the query string.`);
        return true;
    }
    const wanted = (field: Filter[number]['field'], actual: string): boolean =>
        filter.every((f) => f.field !== field || f.value.toLowerCase() === actual.toLowerCase());
    const rows: Record<string, unknown>[] = [];
    em.state.scan((r, meta) => {
        const c = classifyArmPath(r.id);
        const topLevel =
            c?.kind === 'item' && c.type?.split('/').length === 2 && r.id.split('/providers/').length === 2;
        if (!topLevel || meta.subscriptionKey !== sub.subscriptionId.toLowerCase()) {
            return;
        }
        const type = c.type ?? '';
        if (resourceGroup && meta.resourceGroup.toLowerCase() !== resourceGroup.toLowerCase()) {
            return;
        }
        if (!wanted('resourcetype', type) || !wanted('resourcegroup', meta.resourceGroup) || !wanted('name', r.name)) {
            return;
        }
        if (callerMay(em, ctx, `${type}/read`, r.id)) {
            rows.push(genericView(r, typeof r.type === 'string' ? r.type : type));
        }
    });
    send(ctx, 200, page(ctx, top === undefined ? rows : rows.slice(0, top), em.tunables.pageSize));
    return true;
}
