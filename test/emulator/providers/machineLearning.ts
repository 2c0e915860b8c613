/**
 * Microsoft.MachineLearningServices computes: PUT (attach, long-running via Azure-AsyncOperation), PATCH (scale
 * settings only), DELETE (underlyingResourceAction required), the computeOperationsStatus poll endpoint, and the lazy,
 * time-based provisioning that decides Succeeded or Failed from the cluster's prerequisites.
 */

import * as crypto from 'crypto';
import { actionFor, authorize } from '../authorization';
import { classifyArmPath, sameId, typeOfId, type ArmPath } from '../armPath';
import { builtInRole } from '../builtinRoles';
import type { Emulator } from '../emulator';
import { armError, isObject, nowIso, parseJsonBody, queryParam, send, type Ctx } from '../http';
import type { ArmResource, Json, Operation } from '../model';
import { holdsOperationsOf, type RoleDefinition } from '../rbac/evaluate';
import { present, requireContainers, requireSubscription, resourceNotFound } from './generic';

export const computeType = 'Microsoft.MachineLearningServices/workspaces/computes';
const opStatusType = 'Microsoft.MachineLearningServices/locations/computeOperationsStatus';
const computeTypes = [
    'Kubernetes',
    'AKS',
    'AmlCompute',
    'ComputeInstance',
    'DataFactory',
    'VirtualMachine',
    'HDInsight',
    'Databricks',
    'DataLakeAnalytics',
    'SynapseSpark',
];
const clusterTypes = ['Microsoft.ContainerService/managedClusters', 'Microsoft.Kubernetes/connectedClusters'];
export const azureMlExtensionType = 'Microsoft.AzureML.Kubernetes';
const apiVersion = '2022-10-01';

function bad(ctx: Ctx, message: string, code = 'BadArgument'): void {
    armError(ctx, 400, code, message);
}

function normalizeLocation(location: string): string {
    return location.replace(/\s+/g, '').toLowerCase();
}

function operationUrls(em: Emulator, op: Operation): { asyncOperation: string; location: string } {
    const base = `${em.url}/subscriptions/${op.subscriptionId}/providers/Microsoft.MachineLearningServices/locations/${op.location}/computeOperationsStatus/${op.id}`;
    return {
        asyncOperation: `${base}?api-version=${apiVersion}&service=new`,
        location: `${base}?api-version=${apiVersion}&type=location`,
    };
}

function startOperation(em: Emulator, kind: Operation['kind'], resourceId: string, location: string): Operation {
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

/** The AzureML cluster extension on a cluster, if installed. */
export function azureMlExtension(em: Emulator, clusterId: string): ArmResource | undefined {
    return em.state
        .inCollection(`${clusterId}/providers/Microsoft.KubernetesConfiguration/extensions`)
        .find(
            (r) =>
                String((r.properties ?? {}).extensionType ?? '').toLowerCase() === azureMlExtensionType.toLowerCase(),
        );
}

/**
 * Does the principal hold, at `scope`, every control-plane operation of `role` (through that role or others, such as
 * Owner or Contributor)? The service acts on the cluster and the relay through ARM, so data actions do not count.
 */
function holds(em: Emulator, principalId: string, scope: string, role: RoleDefinition): boolean {
    return holdsOperationsOf({
        assignments: em.state.assignmentsCovering(principalId, scope),
        definitions: em.state.roleDefinitions(),
        principalId,
        scope,
        role,
    });
}

/** Why provisioning a Kubernetes compute fails, or undefined when every prerequisite holds. */
function kubernetesPrerequisiteError(
    em: Emulator,
    compute: ArmResource,
): { code: string; message: string } | undefined {
    const props = (compute.properties ?? {}) as Json;
    const clusterId = String(props.resourceId ?? '');
    if (!em.state.get(clusterId)) {
        return { code: 'ClusterNotFound', message: `The Kubernetes cluster '${clusterId}' was not found.` };
    }
    const extension = azureMlExtension(em, clusterId);
    if (!extension) {
        return {
            code: 'AzureMLExtensionNotInstalled',
            message: `The AzureML extension (extension type '${azureMlExtensionType}') is not installed on cluster '${clusterId}'. Deploy the AzureML extension to the cluster, then attach it again.`,
        };
    }
    const extensionProps = (extension.properties ?? {}) as Json;
    const extState = String(extensionProps.provisioningState ?? 'Unknown');
    if (extState.toLowerCase() !== 'succeeded') {
        return {
            code: 'AzureMLExtensionNotReady',
            message: `The AzureML extension '${extension.name}' on cluster '${clusterId}' is in provisioning state '${extState}'; it must be 'Succeeded' before the cluster can be attached.`,
        };
    }
    const workspaceId = classifyArmPath(classifyArmPath(compute.id)?.parent ?? '')?.parent ?? '';
    const workspace = em.state.get(workspaceId);
    const identity = (workspace?.identity ?? {}) as Json;
    if (
        !String(identity.type ?? '')
            .toLowerCase()
            .includes('userassigned')
    ) {
        return undefined;
    }
    const uais = (identity.userAssignedIdentities ?? {}) as Record<string, Json>;
    const primary = String(
        ((workspace?.properties ?? {}) as Json).primaryUserAssignedIdentity ?? Object.keys(uais)[0] ?? '',
    );
    const uai = em.state.get(primary);
    const principalId = String(
        ((uai?.properties ?? {}) as Json).principalId ??
            Object.entries(uais).find(([k]) => sameId(k, primary))?.[1]?.principalId ??
            '',
    );
    if (!holds(em, principalId, clusterId, builtInRole('Reader'))) {
        return {
            code: 'UserAssignedIdentityMissingRole',
            message: `The workspace's user-assigned identity '${primary}' (principal '${principalId}') does not have the 'Reader' role on cluster '${clusterId}'. Grant it Reader on the cluster, then attach again.`,
        };
    }
    if (sameId(typeOfId(clusterId), 'Microsoft.Kubernetes/connectedClusters')) {
        const settings = (extensionProps.configurationSettings ?? {}) as Record<string, unknown>;
        const relayKey = Object.keys(settings).find(
            (k) => k.toLowerCase() === 'relayserver.hybridconnectionresourceid',
        );
        const relayId = relayKey ? String(settings[relayKey]) : '';
        if (relayId && !holds(em, principalId, relayId, builtInRole('Azure Relay Owner'))) {
            return {
                code: 'UserAssignedIdentityMissingRole',
                message: `The workspace's user-assigned identity '${primary}' (principal '${principalId}') does not have the 'Azure Relay Owner' role on the Azure Relay '${relayId}' used by the AzureML extension of cluster '${clusterId}'.`,
            };
        }
    }
    return undefined;
}

/** Completes every operation whose time has come (lazy provisioning; called before each ARM request). */
export function settleOperations(em: Emulator, now = Date.now()): void {
    for (const op of em.state.operations.values()) {
        if (op.status !== 'InProgress' || now < op.readyAt) {
            continue;
        }
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
        const error =
            String(props.computeType).toLowerCase() === 'kubernetes'
                ? kubernetesPrerequisiteError(em, compute)
                : undefined;
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

function operationStatus(em: Emulator, ctx: Ctx, c: ArmPath): void {
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

function validateIdentity(em: Emulator, ctx: Ctx, raw: unknown, existing: Json | undefined): Json | null | undefined {
    if (raw === undefined || raw === null) {
        return null;
    }
    if (!isObject(raw) || typeof raw.type !== 'string') {
        bad(
            ctx,
            "identity.type must be one of 'None', 'SystemAssigned', 'UserAssigned', 'SystemAssigned,UserAssigned'.",
        );
        return undefined;
    }
    const type = raw.type.replace(/\s+/g, '');
    const lower = type.toLowerCase();
    if (!['none', 'systemassigned', 'userassigned', 'systemassigned,userassigned'].includes(lower)) {
        bad(ctx, `Unsupported identity type '${raw.type}'.`);
        return undefined;
    }
    if (lower === 'none') {
        return { type: 'None' };
    }
    const result: Json = {
        type:
            lower === 'systemassigned'
                ? 'SystemAssigned'
                : lower === 'userassigned'
                  ? 'UserAssigned'
                  : 'SystemAssigned,UserAssigned',
    };
    if (lower.includes('systemassigned')) {
        const previous =
            existing &&
            String(existing.type ?? '')
                .toLowerCase()
                .includes('systemassigned')
                ? existing.principalId
                : undefined;
        result.principalId = previous ?? crypto.randomUUID();
        result.tenantId = em.tenantId;
    }
    if (lower.includes('userassigned')) {
        const uais = isObject(raw.userAssignedIdentities) ? raw.userAssignedIdentities : {};
        const ids = Object.keys(uais);
        if (ids.length === 0) {
            bad(
                ctx,
                "identity.userAssignedIdentities must name at least one user-assigned identity when identity.type is 'UserAssigned'.",
            );
            return undefined;
        }
        const echoed: Json = {};
        for (const id of ids) {
            const uai = em.state.get(id);
            if (!uai || !sameId(typeOfId(id), 'Microsoft.ManagedIdentity/userAssignedIdentities')) {
                bad(ctx, `The user-assigned identity '${id}' was not found.`, 'InvalidUserAssignedIdentity');
                return undefined;
            }
            const p = (uai.properties ?? {}) as Json;
            echoed[uai.id] = { principalId: p.principalId, clientId: p.clientId };
        }
        result.userAssignedIdentities = echoed;
    }
    return result;
}

/** The inner `properties` of a Kubernetes compute the service returns when the attach sets nothing else. */
export function kubernetesComputeDefaults(): Json {
    return {
        namespace: 'default',
        defaultInstanceType: 'defaultinstancetype',
        instanceTypes: {
            defaultinstancetype: {
                nodeSelector: null,
                resources: {
                    requests: { cpu: '100m', memory: '2Gi' },
                    limits: { cpu: '2', memory: '2Gi', 'nvidia.com/gpu': null },
                },
            },
        },
        extensionInstanceReleaseTrain: 'stable',
        extensionPrincipalId: null,
        vcName: null,
        relayConnectionString: null,
        serviceBusConnectionString: null,
    };
}

function kubernetesProperties(em: Emulator, raw: Json | undefined, clusterId: string, computeName: string): Json {
    const inner: Json = { ...kubernetesComputeDefaults(), ...(raw ?? {}) };
    if (sameId(typeOfId(clusterId), 'Microsoft.Kubernetes/connectedClusters') && !inner.relayConnectionString) {
        const settings = (((azureMlExtension(em, clusterId)?.properties ?? {}) as Json).configurationSettings ??
            {}) as Json;
        const relay = String(settings['relayserver.hybridConnectionResourceID'] ?? '');
        const parts = relay.split('/');
        const ns = parts[parts.indexOf('namespaces') + 1] ?? 'azmlrly';
        const hc = parts[parts.length - 1] || computeName;
        inner.relayConnectionString = `Endpoint=sb://${ns}.servicebus.windows.net/;SharedAccessKeyName=${computeName}-listen;SharedAccessKey=${crypto.randomBytes(32).toString('base64')};EntityPath=${hc}`;
    }
    return inner;
}

function putCompute(em: Emulator, ctx: Ctx, c: ArmPath): void {
    const parsed = parseJsonBody(ctx);
    if (!parsed.ok || !isObject(parsed.value)) {
        armError(ctx, 400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.');
        return;
    }
    const body = parsed.value;
    const name = c.name ?? '';
    if (!/^[A-Za-z][A-Za-z0-9-]{1,31}$/.test(name) || name.endsWith('-')) {
        bad(
            ctx,
            `Compute name '${name}' is invalid. It must be 2 to 32 characters long, start with a letter, contain only letters, digits and hyphens, and not end with a hyphen.`,
        );
        return;
    }
    const workspace = em.state.get(classifyArmPath(c.parent)?.parent ?? '');
    const existing = em.state.get(ctx.path);
    if (em.state.pending.has(ctx.path.toLowerCase())) {
        armError(ctx, 409, 'Conflict', `Compute '${name}' has an operation in progress; retry when it has completed.`);
        return;
    }
    const props = body.properties;
    if (!isObject(props) || typeof props.computeType !== 'string') {
        bad(ctx, "properties.computeType is required (for example 'Kubernetes').");
        return;
    }
    const kind = computeTypes.find((t) => t.toLowerCase() === String(props.computeType).toLowerCase());
    if (!kind) {
        bad(ctx, `Unsupported compute type '${props.computeType}'. Supported types: ${computeTypes.join(', ')}.`);
        return;
    }
    let inner = isObject(props.properties) ? props.properties : undefined;
    const clusterId = typeof props.resourceId === 'string' ? props.resourceId : '';
    if (kind === 'Kubernetes') {
        if (!clusterId) {
            bad(
                ctx,
                'properties.resourceId is required for compute type Kubernetes: the ARM id of a Microsoft.ContainerService/managedClusters or Microsoft.Kubernetes/connectedClusters resource.',
            );
            return;
        }
        const clusterType = typeOfId(clusterId);
        if (!clusterType || !clusterTypes.some((t) => sameId(t, clusterType))) {
            bad(
                ctx,
                `properties.resourceId '${clusterId}' is not the id of a Microsoft.ContainerService/managedClusters or Microsoft.Kubernetes/connectedClusters resource.`,
                'InvalidResourceId',
            );
            return;
        }
        if (!em.state.get(clusterId)) {
            bad(
                ctx,
                `The Kubernetes cluster '${clusterId}' referenced by properties.resourceId was not found.`,
                'ResourceNotFound',
            );
            return;
        }
        const namespace = inner?.namespace;
        if (
            namespace !== undefined &&
            (typeof namespace !== 'string' ||
                !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(namespace) ||
                namespace.length > 63)
        ) {
            bad(
                ctx,
                `Kubernetes namespace '${String(namespace)}' is invalid: it must be a DNS-1123 label (lowercase letters, digits, '-', at most 63 characters).`,
            );
            return;
        }
        inner = kubernetesProperties(em, inner, clusterId, name);
    }
    const identity = validateIdentity(em, ctx, body.identity, existing?.identity);
    if (identity === undefined) {
        return;
    }
    const location = String(body.location ?? props.computeLocation ?? workspace?.location ?? 'eastus');
    const now = nowIso();
    const resource: Json = {
        id: existing?.id ?? ctx.path,
        name,
        type: computeType,
        location,
        tags: isObject(body.tags) ? body.tags : {},
        sku: body.sku ?? null,
        systemData: {
            createdAt: (existing?.systemData as Json | undefined)?.createdAt ?? now,
            createdBy: (existing?.systemData as Json | undefined)?.createdBy ?? ctx.caller?.name,
            createdByType:
                (existing?.systemData as Json | undefined)?.createdByType ??
                (ctx.caller?.isUser ? 'User' : 'Application'),
            lastModifiedAt: now,
            lastModifiedBy: ctx.caller?.name,
            lastModifiedByType: ctx.caller?.isUser ? 'User' : 'Application',
        },
        properties: {
            computeType: kind,
            computeLocation: props.computeLocation ?? location,
            description: props.description ?? null,
            resourceId: clusterId || (props.resourceId ?? null),
            disableLocalAuth: props.disableLocalAuth ?? kind === 'Kubernetes',
            provisioningState: existing ? 'Updating' : 'Creating',
            provisioningErrors: null,
            createdOn: ((existing?.properties ?? {}) as Json).createdOn ?? now,
            modifiedOn: now,
            isAttachedCompute: kind !== 'AmlCompute' && kind !== 'ComputeInstance',
            properties: inner ?? null,
        },
    };
    if (identity) {
        resource.identity = identity;
    }
    const stored = em.state.upsert(resource);
    const op = startOperation(em, existing ? 'update' : 'create', stored.id, location);
    const urls = operationUrls(em, op);
    send(ctx, existing ? 200 : 201, present(stored), {
        'azure-asyncoperation': urls.asyncOperation,
        'retry-after': String(em.tunables.retryAfterSeconds),
    });
}

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
    existingProps.modifiedOn = nowIso();
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
