/** AKS runCommand (POST, 202 + Location) and commandResults polling, backed by the kubectl stand-in; Trusted Access. */

import * as crypto from 'crypto';
import { actionFor, authorize } from '../authorization';
import { sameId, type ArmPath } from '../armPath';
import type { Emulator } from '../emulator';
import { armError, isObject, parseJsonBody, queryParam, send, type Ctx } from '../http';
import { clusterNodes } from '../clusterNodes';
import { clusterInstanceTypes, instanceTypeCrdInstalled, setClusterInstanceTypes } from '../instanceTypes';
import { runKubectl } from '../kubectl';
import { clusterWorkloads } from '../kubectlPods';
import type { CommandRecord, Json } from '../model';
import { ContextError, unzipContext } from '../runCommandContext';
import { requireContainers, requireSubscription, resourceNotFound } from './generic';
import { handleTrustedAccess } from './trustedAccess';

const clusterType = 'Microsoft.ContainerService/managedClusters';

function resultLocation(em: Emulator, ctx: Ctx, clusterId: string, id: string): string {
    return `${em.url}${clusterId}/commandResults/${id}?api-version=${queryParam(ctx, 'api-version') ?? '2026-06-01'}`;
}

function runCommand(em: Emulator, ctx: Ctx, c: ArmPath): void {
    const clusterId = c.parent;
    if (
        !requireSubscription(em, ctx, c) ||
        !authorize(em, ctx, actionFor('POST', clusterType, 'runcommand'), clusterId) ||
        !requireContainers(em, ctx, c)
    ) {
        return;
    }
    const cluster = em.state.get(clusterId);
    if (!cluster) {
        resourceNotFound(ctx, { ...c, kind: 'item', type: clusterType, name: clusterId.split('/').pop() }, clusterId);
        return;
    }
    const parsed = parseJsonBody(ctx);
    if (
        !parsed.ok ||
        !isObject(parsed.value) ||
        typeof parsed.value.command !== 'string' ||
        !parsed.value.command.trim()
    ) {
        armError(
            ctx,
            400,
            'InvalidParameter',
            "The value of parameter 'command' is invalid: a non-empty command is required.",
        );
        return;
    }
    const power = (((cluster.properties ?? {}) as Json).powerState ?? {}) as Json;
    if (power.code && power.code !== 'Running') {
        armError(
            ctx,
            400,
            'BadRequest',
            `Cluster '${cluster.name}' is not running (power state '${String(power.code)}'); start it before running commands.`,
        );
        return;
    }
    const key = clusterId.toLowerCase();
    const namespaces = em.state.namespaces.get(key) ?? ['default', 'kube-node-lease', 'kube-public', 'kube-system'];
    em.state.namespaces.set(key, namespaces);
    let files: Map<string, Buffer>;
    try {
        files = unzipContext(typeof parsed.value.context === 'string' ? parsed.value.context : '');
    } catch (e) {
        const reason = e instanceof ContextError ? e.message : 'unreadable';
        armError(ctx, 400, 'InvalidParameter', `The value of parameter 'context' is invalid: ${reason}.`);
        return;
    }
    const result = runKubectl(parsed.value.command, namespaces, () => clusterWorkloads(em, cluster.id), {
        crdInstalled: instanceTypeCrdInstalled(em, cluster.id),
        instanceTypes: () => clusterInstanceTypes(em, cluster.id),
        saveInstanceTypes: (items) => setClusterInstanceTypes(em, cluster.id, items),
        nodes: () => clusterNodes(em, cluster.id),
        files,
    });
    const record: CommandRecord = {
        id: crypto.randomBytes(16).toString('hex'),
        clusterId: cluster.id,
        command: parsed.value.command,
        startedAt: new Date().toISOString(),
        readyAt: Date.now() + em.tunables.runCommandDelayMs,
        exitCode: result.exitCode,
        logs: result.logs,
    };
    em.state.commands.set(record.id, record);
    send(ctx, 202, undefined, {
        location: resultLocation(em, ctx, cluster.id, record.id),
        'retry-after': String(em.tunables.retryAfterSeconds),
    });
}

function commandResult(em: Emulator, ctx: Ctx, c: ArmPath): void {
    const clusterId = c.parent.replace(/\/commandResults$/i, '');
    if (
        !requireSubscription(em, ctx, c) ||
        !authorize(em, ctx, `${clusterType}/commandResults/read`, clusterId) ||
        !requireContainers(em, ctx, c)
    ) {
        return;
    }
    const record = em.state.commands.get(c.name ?? '');
    if (!record || !sameId(record.clusterId, clusterId)) {
        armError(ctx, 404, 'NotFound', `Command result '${c.name}' was not found.`);
        return;
    }
    if (Date.now() < record.readyAt) {
        send(
            ctx,
            202,
            { id: record.id, properties: { provisioningState: 'Running', startedAt: record.startedAt } },
            {
                location: resultLocation(em, ctx, record.clusterId, record.id),
                'retry-after': String(em.tunables.retryAfterSeconds),
            },
        );
        return;
    }
    send(ctx, 200, {
        id: record.id,
        properties: {
            provisioningState: 'Succeeded',
            exitCode: record.exitCode,
            startedAt: record.startedAt,
            finishedAt: new Date(record.readyAt).toISOString(),
            logs: record.logs,
            reason: null,
        },
    });
}

export function handleContainerService(em: Emulator, ctx: Ctx, c: ArmPath): boolean {
    if (handleTrustedAccess(em, ctx, c)) {
        return true;
    }
    if (ctx.method === 'POST' && c.kind === 'collection' && sameId(c.type, `${clusterType}/runCommand`)) {
        runCommand(em, ctx, c);
        return true;
    }
    if (ctx.method === 'GET' && c.kind === 'item' && sameId(c.type, `${clusterType}/commandResults`)) {
        commandResult(em, ctx, c);
        return true;
    }
    return false;
}
