/**
 * AKS Trusted Access, as the containerservice spec publishes it: role bindings under a managed cluster
 * (`.../managedClusters/{c}/trustedAccessRoleBindings/{name}`: PUT and DELETE long-running with Azure-AsyncOperation,
 * GET, list) and the roles a location offers (`.../locations/{l}/trustedAccessRoles`). A binding is Updating until the
 * provisioning delay has passed, then Succeeded; the operation status lives at `.../locations/{l}/operations/{id}`.
 */

import * as crypto from 'crypto';
import { actionFor, authorize } from '../authorization';
import { sameId, typeOfId, type ArmPath } from '../armPath';
import type { Emulator } from '../emulator';
import type { BindingOperation } from '../model';
import { armError, isObject, nowIso, parseJsonBody, queryParam, send, type Ctx } from '../http';
import type { ArmResource, Json } from '../model';
import { page } from '../paging';
import { present, requireContainers, requireSubscription, resourceNotFound } from './generic';
import { findTrustedAccessRole, trustedAccessRoleList } from './trustedAccessRoles';

export const bindingType = 'Microsoft.ContainerService/managedClusters/trustedAccessRoleBindings';
const rolesType = 'Microsoft.ContainerService/locations/trustedAccessRoles';
const operationType = 'Microsoft.ContainerService/locations/operations';
/** trustedAccessRoleBindingName in the spec: 1-24 characters, letters, digits and hyphens. */
const bindingName = /^[A-Za-z0-9-]{1,24}$/;

function operations(em: Emulator): Map<string, BindingOperation> {
    return em.state.bindingOperations;
}

/** Completes the binding operations whose time has come (lazily, before anything reads a binding). */
export function settleTrustedAccess(em: Emulator, now = Date.now()): void {
    for (const op of operations(em).values()) {
        if (op.done || now < op.readyAt) {
            continue;
        }
        op.done = true;
        const binding = em.state.get(op.bindingId);
        if (op.kind === 'delete') {
            em.state.delete(op.bindingId);
        } else if (binding) {
            (binding.properties as Json).provisioningState = 'Succeeded';
            em.state.touch();
        }
    }
}

/** The cluster's role bindings that have finished provisioning. */
export function succeededBindings(em: Emulator, clusterId: string): ArmResource[] {
    settleTrustedAccess(em);
    return em.state
        .inCollection(`${clusterId}/trustedAccessRoleBindings`)
        .filter((b) => String((b.properties ?? {}).provisioningState) === 'Succeeded');
}

function startOperation(em: Emulator, ctx: Ctx, binding: ArmResource, kind: BindingOperation['kind']): string {
    const cluster = em.state.get(binding.id.replace(/\/trustedAccessRoleBindings\/[^/]+$/i, ''));
    const location = String(cluster?.location ?? 'eastus');
    const subscriptionId = binding.id.split('/')[2] ?? '';
    for (const op of operations(em).values()) {
        if (!op.done && sameId(op.bindingId, binding.id)) {
            op.done = true; // superseded by this request
        }
    }
    const op: BindingOperation = {
        id: crypto.randomUUID(),
        bindingId: binding.id,
        subscriptionId,
        location,
        kind,
        startTime: nowIso(),
        readyAt: Date.now() + em.tunables.provisioningDelayMs,
        done: false,
    };
    operations(em).set(op.id, op);
    const version = queryParam(ctx, 'api-version') ?? '2026-06-01';
    return `${em.url}/subscriptions/${subscriptionId}/providers/Microsoft.ContainerService/locations/${location}/operations/${op.id}?api-version=${version}`;
}

function invalid(ctx: Ctx, message: string): void {
    armError(ctx, 400, 'InvalidParameter', message);
}

/** The body's sourceResourceId and roles, checked against the world and the published roles; undefined after a 400. */
function validBinding(em: Emulator, ctx: Ctx): { sourceResourceId: string; roles: string[] } | undefined {
    const parsed = parseJsonBody(ctx);
    const props = parsed.ok && isObject(parsed.value) ? parsed.value.properties : undefined;
    if (!isObject(props)) {
        armError(ctx, 400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.');
        return undefined;
    }
    const { sourceResourceId, roles } = props;
    if (typeof sourceResourceId !== 'string' || !sourceResourceId) {
        invalid(ctx, "The value of parameter 'properties.sourceResourceId' is invalid: a resource id is required.");
        return undefined;
    }
    if (!Array.isArray(roles) || roles.length === 0 || !roles.every((r) => typeof r === 'string' && r)) {
        invalid(ctx, "The value of parameter 'properties.roles' is invalid: at least one role is required.");
        return undefined;
    }
    const source = em.state.get(sourceResourceId);
    if (!source) {
        invalid(ctx, `The source resource '${sourceResourceId}' of the trusted access role binding was not found.`);
        return undefined;
    }
    const sourceType = typeOfId(source.id) ?? '';
    for (const name of roles as string[]) {
        const role = findTrustedAccessRole(name);
        if (!role) {
            invalid(
                ctx,
                `The trusted access role '${name}' does not exist. List the supported roles with 'az aks trustedaccess role list'.`,
            );
            return undefined;
        }
        if (!sameId(role.sourceResourceType, sourceType)) {
            invalid(
                ctx,
                `The trusted access role '${name}' can only be bound to a resource of type '${role.sourceResourceType}', but source resource '${sourceResourceId}' is of type '${sourceType}'.`,
            );
            return undefined;
        }
    }
    return { sourceResourceId: source.id, roles: roles as string[] };
}

function putBinding(em: Emulator, ctx: Ctx, c: ArmPath): void {
    const name = c.name ?? '';
    if (!bindingName.test(name)) {
        invalid(
            ctx,
            `The value of parameter 'trustedAccessRoleBindingName' is invalid: '${name}' must be 1 to 24 letters, digits or hyphens.`,
        );
        return;
    }
    const body = validBinding(em, ctx);
    if (!body) {
        return;
    }
    const existing = em.state.get(ctx.path);
    const now = nowIso();
    const systemData = (existing?.systemData ?? {}) as Json;
    const byType = ctx.caller?.isUser ? 'User' : 'Application';
    const stored = em.state.upsert({
        id: existing?.id ?? ctx.path,
        name,
        type: bindingType,
        systemData: {
            createdAt: systemData.createdAt ?? now,
            createdBy: systemData.createdBy ?? ctx.caller?.name,
            createdByType: systemData.createdByType ?? byType,
            lastModifiedAt: now,
            lastModifiedBy: ctx.caller?.name,
            lastModifiedByType: byType,
        },
        properties: { provisioningState: 'Updating', ...body },
    });
    const asyncOperation = startOperation(em, ctx, stored, 'write');
    send(ctx, existing ? 200 : 201, present(stored), {
        'azure-asyncoperation': asyncOperation,
        'retry-after': String(em.tunables.retryAfterSeconds),
    });
}

function deleteBinding(em: Emulator, ctx: Ctx): void {
    const existing = em.state.get(ctx.path);
    if (!existing) {
        send(ctx, 204);
        return;
    }
    (existing.properties as Json).provisioningState = 'Deleting';
    em.state.touch();
    const asyncOperation = startOperation(em, ctx, existing, 'delete');
    send(ctx, 202, undefined, {
        'azure-asyncoperation': asyncOperation,
        location: asyncOperation,
        'retry-after': String(em.tunables.retryAfterSeconds),
    });
}

function operationStatus(em: Emulator, ctx: Ctx, c: ArmPath): void {
    if (!authorize(em, ctx, `${operationType}/read`, `/subscriptions/${c.subscriptionId}`)) {
        return;
    }
    const op = operations(em).get(c.name ?? '');
    if (!op || !sameId(op.subscriptionId, c.subscriptionId)) {
        armError(ctx, 404, 'NotFound', `Operation '${c.name}' was not found.`);
        return;
    }
    const done = op.done || Date.now() >= op.readyAt;
    send(
        ctx,
        200,
        {
            id: ctx.path,
            name: op.id,
            status: done ? 'Succeeded' : 'InProgress',
            startTime: op.startTime,
            ...(done ? { endTime: new Date(op.readyAt).toISOString() } : {}),
        },
        done ? {} : { 'retry-after': String(em.tunables.retryAfterSeconds) },
    );
}

function isBindingRoute(c: ArmPath): boolean {
    return sameId(c.type, bindingType) && (c.kind === 'item' || c.kind === 'collection');
}

/** Handles the Trusted Access routes; returns false when the request is not one of them. */
export function handleTrustedAccess(em: Emulator, ctx: Ctx, c: ArmPath): boolean {
    const isRoles = ctx.method === 'GET' && c.kind === 'collection' && sameId(c.type, rolesType);
    const isOperation = ctx.method === 'GET' && c.kind === 'item' && sameId(c.type, operationType);
    const isBinding =
        isBindingRoute(c) && (c.kind === 'item' ? ['GET', 'PUT', 'DELETE'] : ['GET']).includes(ctx.method);
    if (!isRoles && !isOperation && !isBinding) {
        return false;
    }
    if (!requireSubscription(em, ctx, c)) {
        return true;
    }
    settleTrustedAccess(em);
    if (isRoles) {
        if (authorize(em, ctx, `${rolesType}/read`, `/subscriptions/${c.subscriptionId}`)) {
            send(ctx, 200, { value: trustedAccessRoleList() });
        }
        return true;
    }
    if (isOperation) {
        operationStatus(em, ctx, c);
        return true;
    }
    const scope = c.kind === 'item' ? ctx.path : c.parent;
    if (!authorize(em, ctx, actionFor(ctx.method, bindingType), scope) || !requireContainers(em, ctx, c)) {
        return true;
    }
    if (c.kind === 'collection') {
        send(ctx, 200, page(ctx, em.state.inCollection(ctx.path).map(present), em.tunables.pageSize));
    } else if (ctx.method === 'PUT') {
        putBinding(em, ctx, c);
    } else if (ctx.method === 'DELETE') {
        deleteBinding(em, ctx);
    } else {
        const binding = em.state.get(ctx.path);
        if (binding) {
            send(ctx, 200, present(binding));
        } else {
            resourceNotFound(ctx, c, ctx.path);
        }
    }
    return true;
}
