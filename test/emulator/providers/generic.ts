/**
 * Generic ARM resource reads: GET an item by id, GET a collection (resource group, subscription-wide, child or
 * extension resources), with ARM's existence errors (SubscriptionNotFound, ResourceGroupNotFound, ParentResourceNotFound,
 * ResourceNotFound) and authorization by `{type}/read`.
 */

import { actionFor, authorize } from '../authorization';
import { classifyArmPath, type ArmPath } from '../armPath';
import type { Emulator } from '../emulator';
import { armError, nowIso, send, type Ctx } from '../http';
import { page } from '../paging';
import type { ArmResource, Json } from '../model';

/** Properties as any read shows them: protected settings keep their names, never their values (ARM, Resource Graph). */
export function withoutSecrets(props: Json | undefined): Json | undefined {
    if (!props || !('configurationProtectedSettings' in props)) {
        return props;
    }
    const protectedSettings = (props.configurationProtectedSettings ?? {}) as Json;
    return {
        ...props,
        configurationProtectedSettings: Object.fromEntries(Object.keys(protectedSettings).map((k) => [k, ''])),
    };
}

/** What a stored resource looks like on the wire (secrets that ARM never returns are blanked). */
export function present(resource: ArmResource): ArmResource {
    const copy = JSON.parse(JSON.stringify(resource)) as ArmResource;
    copy.properties = withoutSecrets(copy.properties);
    return copy;
}

export function subscriptionNotFound(ctx: Ctx, subscriptionId: string): void {
    armError(ctx, 404, 'SubscriptionNotFound', `The subscription '${subscriptionId}' could not be found.`);
}

export function resourceNotFound(ctx: Ctx, c: ArmPath, id: string): void {
    const label = `${c.type}/${c.name}`;
    armError(
        ctx,
        404,
        'ResourceNotFound',
        c.resourceGroup
            ? `The Resource '${label}' under resource group '${c.resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`
            : `The Resource '${label}' was not found (id '${id}'). For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
    );
}

/** Checks the subscription exists (404 otherwise). */
export function requireSubscription(em: Emulator, ctx: Ctx, c: ArmPath): boolean {
    if (c.subscriptionId && !em.state.subscription(c.subscriptionId)) {
        subscriptionNotFound(ctx, c.subscriptionId);
        return false;
    }
    return true;
}

/** Checks the resource group and the parent resource (for child/extension resources) exist. */
export function requireContainers(em: Emulator, ctx: Ctx, c: ArmPath): boolean {
    if (c.subscriptionId && c.resourceGroup && !em.state.resourceGroupExists(c.subscriptionId, c.resourceGroup)) {
        armError(ctx, 404, 'ResourceGroupNotFound', `Resource group '${c.resourceGroup}' could not be found.`);
        return false;
    }
    const owner = c.kind === 'item' ? classifyArmPath(c.parent)?.parent : c.parent;
    const ownerPath = owner ? classifyArmPath(owner) : undefined;
    if (owner && ownerPath?.kind === 'item' && !em.state.get(owner)) {
        armError(
            ctx,
            404,
            'ParentResourceNotFound',
            `Can not perform requested operation on nested resource. Parent resource '${owner.split('/').slice(-1)[0]}' not found.`,
        );
        return false;
    }
    return true;
}

/** The items of a collection path. */
export function collectionItems(em: Emulator, c: ArmPath, path: string): ArmResource[] {
    if (c.subscriptionWide) {
        return em.state.ofTypeInSubscription(c.type ?? '', c.subscriptionId);
    }
    return em.state.inCollection(path);
}

/** GET of any stored resource or collection; `view` shows a resource as the provider computes it at read time. */
export function genericGet(
    em: Emulator,
    ctx: Ctx,
    c: ArmPath,
    view: (resource: ArmResource) => ArmResource = (r) => r,
): void {
    if (!requireSubscription(em, ctx, c)) {
        return;
    }
    const scope = c.kind === 'item' ? ctx.path : c.parent;
    if (!authorize(em, ctx, actionFor('GET', c.type ?? ''), scope)) {
        return;
    }
    if (!requireContainers(em, ctx, c)) {
        return;
    }
    if (c.kind === 'item') {
        const resource = em.state.get(ctx.path);
        if (!resource) {
            resourceNotFound(ctx, c, ctx.path);
            return;
        }
        send(ctx, 200, present(view(resource)));
        return;
    }
    const items = collectionItems(em, c, ctx.path).map((r) => present(view(r)));
    send(ctx, 200, page(ctx, items, em.tunables.pageSize));
}

/** ARM's systemData after a write by the caller, keeping who created the resource and when. */
export function writeSystemData(ctx: Ctx, previous: Json | undefined): Json {
    const now = nowIso();
    const byType = ctx.caller?.isUser ? 'User' : 'Application';
    return {
        createdAt: previous?.createdAt ?? now,
        createdBy: previous?.createdBy ?? ctx.caller?.name,
        createdByType: previous?.createdByType ?? byType,
        lastModifiedAt: now,
        lastModifiedBy: ctx.caller?.name,
        lastModifiedByType: byType,
    };
}
