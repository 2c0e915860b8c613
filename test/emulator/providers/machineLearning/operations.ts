/**
 * Long-running compute operations: started by PUT and DELETE, polled at the computeOperationsStatus endpoint
 * (Azure-AsyncOperation and Location styles), and settled lazily, by time, before each ARM request: Succeeded, or
 * Failed with the provisioning error the cluster's prerequisites give (prerequisites.ts).
 */

import * as crypto from 'crypto';
import { authorize } from '../../authorization';
import { classifyArmPath, sameId, type ArmPath } from '../../armPath';
import type { Emulator } from '../../emulator';
import { armError, nowIso, queryParam, send, type Ctx } from '../../http';
import type { Json, Operation } from '../../model';
import { requireSubscription } from '../generic';
import { settleExtensions } from '../kubernetesConfigurationOperations';
import { apiVersion, opStatusType } from './common';
import { kubernetesPrerequisiteError } from './prerequisites';

function normalizeLocation(location: string): string {
    return location.replace(/\s+/g, '').toLowerCase();
}

export function operationUrls(em: Emulator, op: Operation): { asyncOperation: string; location: string } {
    const base = `${em.url}/subscriptions/${op.subscriptionId}/providers/Microsoft.MachineLearningServices/locations/${op.location}/computeOperationsStatus/${op.id}`;
    return {
        asyncOperation: `${base}?api-version=${apiVersion}&service=new`,
        location: `${base}?api-version=${apiVersion}&type=location`,
    };
}

export function startOperation(em: Emulator, kind: Operation['kind'], resourceId: string, location: string): Operation {
    const c = classifyArmPath(resourceId);
    const op: Operation = {
        id: crypto.randomUUID(),
        kind,
        resourceId,
        subscriptionId: c?.subscriptionId ?? '',
        location: normalizeLocation(location),
        status: 'InProgress',
        startTime: nowIso(),
        readyAt: Date.now() + em.tunables.provisioningDelayMs,
    };
    em.state.operations.set(op.id, op);
    em.state.pending.set(resourceId.toLowerCase(), op.id);
    return op;
}

/** Completes every operation whose time has come (lazy provisioning; called before each ARM request). */
export function settleOperations(em: Emulator, now = Date.now()): void {
    for (const op of em.state.operations.values()) {
        if (op.status !== 'InProgress' || now < op.readyAt) {
            continue;
        }
        // The cluster's extension as it stood when this operation completed (its own operation may have ended first).
        settleExtensions(em, op.readyAt);
        const compute = em.state.get(op.resourceId);
        em.state.pending.delete(op.resourceId.toLowerCase());
        em.state.touch();
        op.endTime = new Date(op.readyAt).toISOString();
        if (op.kind === 'delete') {
            em.state.delete(op.resourceId);
            op.status = 'Succeeded';
            continue;
        }
        if (!compute) {
            op.status = 'Canceled';
            continue;
        }
        const props = (compute.properties ?? {}) as Json;
        // An error decided at attach time (documentedLimits.ts) stands; the prerequisites are judged now.
        const error =
            op.error ??
            (String(props.computeType).toLowerCase() === 'kubernetes'
                ? kubernetesPrerequisiteError(em, compute)
                : undefined);
        props.modifiedOn = op.endTime;
        if (error) {
            props.provisioningState = 'Failed';
            props.provisioningErrors = [{ error: { code: error.code, message: error.message } }];
            op.status = 'Failed';
            op.error = error;
        } else {
            props.provisioningState = 'Succeeded';
            props.provisioningErrors = null;
            op.status = 'Succeeded';
        }
    }
}

export function operationStatus(em: Emulator, ctx: Ctx, c: ArmPath): void {
    if (
        !requireSubscription(em, ctx, c) ||
        !authorize(em, ctx, `${opStatusType}/read`, `/subscriptions/${c.subscriptionId}`)
    ) {
        return;
    }
    const op = em.state.operations.get(c.name ?? '');
    if (!op || !sameId(op.subscriptionId, c.subscriptionId)) {
        armError(ctx, 404, 'NotFound', `Operation '${c.name}' was not found.`);
        return;
    }
    const urls = operationUrls(em, op);
    const running = op.status === 'InProgress';
    const headers: Record<string, string> = running ? { 'retry-after': String(em.tunables.retryAfterSeconds) } : {};
    if (queryParam(ctx, 'type') === 'location') {
        if (running) {
            send(ctx, 202, undefined, { ...headers, location: urls.location });
        } else if (op.status === 'Failed') {
            armError(ctx, 400, op.error?.code ?? 'Failed', op.error?.message ?? 'The operation failed.');
        } else {
            send(ctx, 204);
        }
        return;
    }
    send(
        ctx,
        200,
        {
            id: ctx.path,
            name: op.id,
            status: op.status,
            startTime: op.startTime,
            endTime: op.endTime ?? null,
            error: op.error ?? null,
        },
        headers,
    );
}
