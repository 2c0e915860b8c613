/** Microsoft.Resources: tenants, subscriptions (only those the caller has a role in) and resource groups. */

import { authorize } from '../authorization';
import type { ArmPath } from '../armPath';
import type { Emulator } from '../emulator';
import { armError, send, type Ctx } from '../http';
import { page } from '../paging';
import type { TenantRecord } from '../directory';
import type { SubscriptionRecord } from '../model';
import { isAtOrAbove } from '../rbac/scopes';
import { subscriptionNotFound } from './generic';

export function subscriptionView(em: Emulator, s: SubscriptionRecord): Record<string, unknown> {
    return {
        id: `/subscriptions/${s.subscriptionId}`,
        authorizationSource: 'RoleBased',
        managedByTenants: [],
        tags: s.tags ?? {},
        subscriptionId: s.subscriptionId,
        tenantId: em.state.tenantOf(s),
        displayName: s.displayName,
        state: s.state ?? 'Enabled',
        subscriptionPolicies: {
            locationPlacementId: 'Public_2014-09-01',
            quotaId: 'PayAsYouGo_2014-09-01',
            spendingLimit: 'Off',
        },
    };
}

/**
 * Subscriptions of the token's tenant where the caller holds some role assignment (at, above or below the
 * subscription): a token is good for one tenant, and so is the list.
 */
export function visibleSubscriptions(em: Emulator, ctx: Ctx): SubscriptionRecord[] {
    const tenant = (ctx.caller?.tid ?? '').toLowerCase();
    const ofTenant = em.state.subscriptions.filter((s) => em.state.tenantOf(s).toLowerCase() === tenant);
    const scopes = em.state.assignmentsOf(ctx.caller?.oid ?? '').map((a) => a.scope);
    if (scopes.includes('/')) {
        return ofTenant;
    }
    // A scope at or below `/subscriptions/{id}` names the subscription in its second segment.
    const ids = new Set<string>();
    for (const scope of scopes) {
        const m = /^\/subscriptions\/([^/]+)(?:\/|$)/i.exec(scope);
        if (m && isAtOrAbove(`/subscriptions/${m[1]}`, scope)) {
            ids.add(m[1].toLowerCase());
        }
    }
    return ofTenant.filter((s) => ids.has(s.subscriptionId.toLowerCase()));
}

function tenantView(t: TenantRecord): Record<string, unknown> {
    const domain = t.defaultDomain ?? 'emulator.onmicrosoft.com';
    return {
        id: `/tenants/${t.tenantId}`,
        tenantId: t.tenantId,
        tenantCategory: 'Home',
        country: 'United States',
        countryCode: 'US',
        displayName: t.displayName ?? 'Azure Emulator',
        domains: [domain],
        defaultDomain: domain,
        tenantType: 'AAD',
    };
}

/** The tenants the caller belongs to: every tenant of a person (whichever tenant the token is for), an app's own. */
function callerTenants(em: Emulator, ctx: Ctx): TenantRecord[] {
    const directory = em.state.directory;
    const person = directory.userByObjectId(ctx.caller?.oid ?? '');
    const ids = person ? person.user.memberships.map((m) => m.tenantId) : [ctx.caller?.tid ?? em.tenantId];
    return ids.map((id) => directory.tenant(id)).filter((t): t is TenantRecord => !!t);
}

export function handleResources(em: Emulator, ctx: Ctx, c: ArmPath | undefined): boolean {
    if (ctx.method !== 'GET') {
        return false;
    }
    if (/^\/tenants$/i.test(ctx.path)) {
        send(ctx, 200, page(ctx, callerTenants(em, ctx).map(tenantView), em.tunables.pageSize));
        return true;
    }
    if (/^\/subscriptions$/i.test(ctx.path)) {
        send(
            ctx,
            200,
            page(
                ctx,
                visibleSubscriptions(em, ctx).map((s) => subscriptionView(em, s)),
                em.tunables.pageSize,
            ),
        );
        return true;
    }
    if (!c || !['subscription', 'resourceGroups', 'resourceGroup'].includes(c.kind)) {
        return false;
    }
    const sub = em.state.subscription(c.subscriptionId);
    if (!sub) {
        subscriptionNotFound(ctx, c.subscriptionId ?? '');
        return true;
    }
    const subScope = `/subscriptions/${sub.subscriptionId}`;
    if (c.kind === 'subscription') {
        if (authorize(em, ctx, 'Microsoft.Resources/subscriptions/read', subScope)) {
            send(ctx, 200, subscriptionView(em, sub));
        }
        return true;
    }
    const groupView = (g: { subscriptionId: string; name: string; location: string }): Record<string, unknown> => ({
        id: `/subscriptions/${g.subscriptionId}/resourceGroups/${g.name}`,
        name: g.name,
        type: 'Microsoft.Resources/resourceGroups',
        location: g.location,
        properties: { provisioningState: 'Succeeded' },
    });
    if (c.kind === 'resourceGroups') {
        if (authorize(em, ctx, 'Microsoft.Resources/subscriptions/resourceGroups/read', subScope)) {
            const groups = [...em.state.resourceGroups.values()].filter(
                (g) => g.subscriptionId.toLowerCase() === sub.subscriptionId.toLowerCase(),
            );
            send(ctx, 200, page(ctx, groups.map(groupView), em.tunables.pageSize));
        }
        return true;
    }
    if (!authorize(em, ctx, 'Microsoft.Resources/subscriptions/resourceGroups/read', ctx.path)) {
        return true;
    }
    const group = em.state.resourceGroups.get(ctx.path.toLowerCase());
    if (!group) {
        armError(ctx, 404, 'ResourceGroupNotFound', `Resource group '${c.resourceGroup}' could not be found.`);
        return true;
    }
    send(ctx, 200, groupView(group));
    return true;
}
