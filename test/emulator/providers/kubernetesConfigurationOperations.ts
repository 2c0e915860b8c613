/**
 * Long-running cluster extension operations, as the extensions spec publishes them (`final-state-via:
 * azure-async-operation`): PUT, PATCH and DELETE answer with an `Azure-AsyncOperation` URL,
 * `.../extensions/{name}/operations/{id}`, that answers `{ id, name, status, error }`. They settle lazily, by time,
 * before each ARM request, the way the compute operations do (machineLearning/operations.ts): Creating or Updating →
 * Succeeded, or Failed with the chart's health check error (kubernetesConfigurationRules.ts); Deleting → gone. The
 * release namespace is created on the cluster when the extension first installs and removed with it.
 */

import * as crypto from 'crypto';
import { classifyArmPath, sameId } from '../armPath';
import type { Emulator } from '../emulator';
import { armError, nowIso, queryParam, send, type Ctx } from '../http';
import type { ArmResource, ExtensionOperation, Json } from '../model';
import {
    healthCheckFailure,
    isAzureMl,
    podsNotReady,
    provisioningFailure,
    versionToInstall,
} from './kubernetesConfigurationRules';
import { relayProblem } from './relayKeys';

export const extensionType = 'Microsoft.KubernetesConfiguration/extensions';
const defaultNamespaces = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/** The cluster an extension id hangs under. */
export function clusterOfExtension(extensionId: string): string {
    return extensionId.replace(/\/providers\/Microsoft\.KubernetesConfiguration\/extensions\/[^/]+$/i, '');
}

export function operationUrl(em: Emulator, ctx: Ctx, op: ExtensionOperation): string {
    const version = queryParam(ctx, 'api-version') ?? '2023-05-01';
    return `${em.url}${op.extensionId}/operations/${op.id}?api-version=${version}`;
}

/** Starts an operation on the extension (superseding none: the caller refuses a second one while one runs). */
export function startExtensionOperation(
    em: Emulator,
    extension: ArmResource,
    kind: ExtensionOperation['kind'],
    protectedSettingsWritten = false,
): ExtensionOperation {
    const op: ExtensionOperation = {
        id: crypto.randomUUID(),
        kind,
        protectedSettingsWritten,
        extensionId: extension.id,
        status: 'InProgress',
        startTime: nowIso(),
        readyAt: Date.now() + em.tunables.provisioningDelayMs,
    };
    em.state.extensionOperations.set(op.id, op);
    return op;
}

/** The operation still running on the extension, if any. */
export function runningOperation(em: Emulator, extensionId: string): ExtensionOperation | undefined {
    for (const op of em.state.extensionOperations.values()) {
        if (op.status === 'InProgress' && sameId(op.extensionId, extensionId)) {
            return op;
        }
    }
    return undefined;
}

function releaseNamespace(extension: ArmResource): string | undefined {
    const scope = (((extension.properties ?? {}) as Json).scope ?? {}) as Json;
    const cluster = (scope.cluster ?? {}) as Json;
    return typeof cluster.releaseNamespace === 'string' ? cluster.releaseNamespace : undefined;
}

function setNamespace(em: Emulator, clusterId: string, name: string, present: boolean): void {
    const key = clusterId.toLowerCase();
    const list = em.state.namespaces.get(key) ?? [...defaultNamespaces];
    const has = list.includes(name);
    if (present && !has) {
        list.push(name);
    } else if (!present && has) {
        list.splice(list.indexOf(name), 1);
    }
    em.state.namespaces.set(key, list);
}

function finish(em: Emulator, op: ExtensionOperation): void {
    const extension = em.state.get(op.extensionId);
    const clusterId = clusterOfExtension(op.extensionId);
    op.endTime = new Date(op.readyAt).toISOString();
    em.state.touch();
    if (!extension) {
        op.status = op.kind === 'delete' ? 'Succeeded' : 'Failed';
        return;
    }
    const namespace = releaseNamespace(extension);
    if (op.kind === 'delete') {
        em.state.delete(extension.id);
        if (namespace && isAzureMl(extension)) {
            setNamespace(em, clusterId, namespace, false);
        }
        op.status = 'Succeeded';
        return;
    }
    const props = (extension.properties ?? {}) as Json;
    const cluster = em.state.get(clusterId);
    const operation = op.kind === 'create' ? 'Create' : 'Update';
    const health = isAzureMl(extension) && cluster ? healthCheckFailure(props, cluster) : undefined;
    const relay =
        !health && isAzureMl(extension) && /\/connectedClusters\//i.test(clusterId) && op.protectedSettingsWritten
            ? relayProblem(em, clusterId, props)
            : undefined;
    const failure = health
        ? provisioningFailure(extension.name, operation, health)
        : relay
          ? podsNotReady(operation, relay)
          : undefined;
    op.healthCheck = health;
    if (failure) {
        op.error = failure;
        if (namespace) {
            setNamespace(em, clusterId, namespace, true);
        }
        op.status = 'Failed';
        props.provisioningState = 'Failed';
        props.errorInfo = op.error;
        props.statuses = [
            {
                code: 'InstallationFailed',
                displayStatus: 'Failed',
                level: 'Error',
                message: op.error.message,
                time: op.endTime,
            },
        ];
        if (op.kind === 'create') {
            props.currentVersion = null;
        }
        return;
    }
    op.status = 'Succeeded';
    props.provisioningState = 'Succeeded';
    props.errorInfo = null;
    props.statuses = [];
    props.currentVersion = isAzureMl(extension) ? versionToInstall(props) : (props.version ?? '1.0.0');
    if (namespace) {
        setNamespace(em, clusterId, namespace, true);
    }
}

/** Completes every extension operation whose time has come (called before each ARM request). */
export function settleExtensions(em: Emulator, now = Date.now()): void {
    for (const op of em.state.extensionOperations.values()) {
        if (op.status === 'InProgress' && now >= op.readyAt) {
            finish(em, op);
        }
    }
}

/** GET `.../extensions/{name}/operations/{id}` (OperationStatus_Get); the extension may already be gone. */
export function extensionOperationStatus(em: Emulator, ctx: Ctx): void {
    const c = classifyArmPath(ctx.path);
    const extensionId = c?.parent.replace(/\/operations$/i, '') ?? '';
    const op = em.state.extensionOperations.get(c?.name ?? '');
    if (!op || !sameId(op.extensionId, extensionId)) {
        armError(ctx, 404, 'NotFound', `Operation '${c?.name ?? ''}' was not found.`);
        return;
    }
    const running = op.status === 'InProgress';
    send(
        ctx,
        200,
        {
            id: ctx.path,
            name: op.id,
            status: op.status,
            properties: {},
            error: op.error ?? null,
        },
        running ? { 'retry-after': String(em.tunables.retryAfterSeconds) } : {},
    );
}
