/**
 * Microsoft.MachineLearningServices computes: PUT (attach, long-running via Azure-AsyncOperation: putCompute.ts),
 * PATCH (scale settings only), DELETE (underlyingResourceAction required), the computeOperationsStatus poll endpoint
 * and the lazy, time-based provisioning (operations.ts) that decides Succeeded or Failed from the cluster's
 * prerequisites (prerequisites.ts).
 */

import { actionFor, authorize } from '../../authorization';
import { sameId, type ArmPath } from '../../armPath';
import type { Emulator } from '../../emulator';
import { armError, isObject, nowIso, parseJsonBody, queryParam, send, type Ctx } from '../../http';
import type { Json } from '../../model';
import { genericGet, present, requireContainers, requireSubscription, resourceNotFound } from '../generic';
import { bad, computeType, opStatusType, recordWrite } from './common';
import { withClusterInstanceTypes } from './computeView';
import { operationStatus, operationUrls, startOperation } from './operations';
import { putCompute } from './putCompute';

export { settleOperations } from './operations';
export { kubernetesComputeDefaults } from './putCompute';

function patchCompute(em: Emulator, ctx: Ctx, c: ArmPath): void {
    const existing = em.state.get(ctx.path);
    if (!existing) {
        resourceNotFound(ctx, c, ctx.path);
        return;
    }
    const parsed = parseJsonBody(ctx);
    if (!parsed.ok || !isObject(parsed.value)) {
        armError(ctx, 400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.');
        return;
    }
    const body = parsed.value;
    const props = body.properties;
    const extraTop = Object.keys(body).filter((k) => k !== 'properties');
    const inner = isObject(props) ? props.properties : undefined;
    const extraProps = isObject(props) ? Object.keys(props).filter((k) => k !== 'properties') : [];
    const extraInner = isObject(inner) ? Object.keys(inner).filter((k) => k !== 'scaleSettings') : [];
    if (
        extraTop.length ||
        extraProps.length ||
        extraInner.length ||
        !isObject(inner) ||
        !isObject(inner.scaleSettings)
    ) {
        bad(
            ctx,
            `Only properties.properties.scaleSettings can be updated with PATCH (got ${[...extraTop, ...extraProps.map((k) => `properties.${k}`), ...extraInner.map((k) => `properties.properties.${k}`)].join(', ') || 'no scaleSettings'}). To change identity or other settings, PUT the whole compute.`,
        );
        return;
    }
    const existingProps = (existing.properties ?? {}) as Json;
    if (String(existingProps.computeType) !== 'AmlCompute') {
        bad(
            ctx,
            `Scale settings can only be updated for AmlCompute; compute '${existing.name}' is of type '${String(existingProps.computeType)}'.`,
        );
        return;
    }
    const current = (existingProps.properties ?? {}) as Json;
    existingProps.properties = {
        ...current,
        scaleSettings: { ...((current.scaleSettings ?? {}) as Json), ...inner.scaleSettings },
    };
    recordWrite(existing, ctx, nowIso());
    em.state.touch();
    send(ctx, 200, present(existing));
}

function deleteCompute(em: Emulator, ctx: Ctx): void {
    const action = queryParam(ctx, 'underlyingResourceAction');
    if (!action) {
        bad(ctx, "The query parameter 'underlyingResourceAction' is required: 'Detach' or 'Delete'.");
        return;
    }
    if (!['detach', 'delete'].includes(action.toLowerCase())) {
        bad(ctx, `Invalid underlyingResourceAction '${action}': expected 'Detach' or 'Delete'.`);
        return;
    }
    const existing = em.state.get(ctx.path);
    if (!existing) {
        send(ctx, 204);
        return;
    }
    if (em.state.pending.has(ctx.path.toLowerCase())) {
        const op = em.state.operations.get(em.state.pending.get(ctx.path.toLowerCase()) ?? '');
        if (op?.kind !== 'delete') {
            armError(
                ctx,
                409,
                'Conflict',
                `Compute '${existing.name}' has an operation in progress; retry when it has completed.`,
            );
            return;
        }
        const urls = operationUrls(em, op);
        send(ctx, 202, undefined, {
            'azure-asyncoperation': urls.asyncOperation,
            location: urls.location,
            'retry-after': String(em.tunables.retryAfterSeconds),
        });
        return;
    }
    (existing.properties as Json).provisioningState = 'Deleting';
    recordWrite(existing, ctx, nowIso());
    em.state.touch();
    const op = startOperation(em, 'delete', existing.id, String(existing.location ?? 'eastus'));
    const urls = operationUrls(em, op);
    send(ctx, 202, undefined, {
        'azure-asyncoperation': urls.asyncOperation,
        location: urls.location,
        'retry-after': String(em.tunables.retryAfterSeconds),
    });
}

/** Handles ML routes beyond generic reads; returns false when not one of them. */
export function handleMachineLearning(em: Emulator, ctx: Ctx, c: ArmPath): boolean {
    if (c.kind === 'item' && sameId(c.type, opStatusType) && ctx.method === 'GET') {
        operationStatus(em, ctx, c);
        return true;
    }
    if (ctx.method === 'GET' && sameId(c.type ?? '', computeType) && ['item', 'collection'].includes(c.kind)) {
        genericGet(em, ctx, c, (r) => withClusterInstanceTypes(em, r));
        return true;
    }
    if (c.kind !== 'item' || !sameId(c.type, computeType) || !['PUT', 'PATCH', 'DELETE'].includes(ctx.method)) {
        return false;
    }
    if (
        !requireSubscription(em, ctx, c) ||
        !authorize(em, ctx, actionFor(ctx.method, computeType), ctx.path) ||
        !requireContainers(em, ctx, c)
    ) {
        return true;
    }
    if (ctx.method === 'PUT') {
        putCompute(em, ctx, c);
    } else if (ctx.method === 'PATCH') {
        patchCompute(em, ctx, c);
    } else {
        deleteCompute(em, ctx);
    }
    return true;
}
