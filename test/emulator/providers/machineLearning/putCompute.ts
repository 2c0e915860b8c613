/** PUT of a compute: attach (or replace) a Kubernetes or other compute, with its identity; long-running. */

import * as crypto from 'crypto';
import { classifyArmPath, sameId, typeOfId, type ArmPath } from '../../armPath';
import type { Emulator } from '../../emulator';
import { armError, isObject, nowIso, parseJsonBody, send, type Ctx } from '../../http';
import { computeInstanceTypes } from '../../instanceTypes';
import type { Json } from '../../model';
import { present } from '../generic';
import { bad, computeType, connectedClusterType } from './common';
import { documentedLimitError } from './documentedLimits';
import { operationUrls, startOperation } from './operations';
import { azureMlExtension } from './prerequisites';

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
const clusterTypes = ['Microsoft.ContainerService/managedClusters', connectedClusterType];

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

/**
 * The inner `properties` of a Kubernetes compute the service returns when the attach sets nothing else, on a cluster
 * without InstanceType resources (an attach takes the cluster's: computeInstanceTypes).
 */
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
    const inner: Json = { ...kubernetesComputeDefaults(), ...(raw ?? {}), ...computeInstanceTypes(em, clusterId) };
    if (sameId(typeOfId(clusterId), connectedClusterType) && !inner.relayConnectionString) {
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

export function putCompute(em: Emulator, ctx: Ctx, c: ArmPath): void {
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
    op.error = kind === 'Kubernetes' ? documentedLimitError(em, stored) : undefined;
    const urls = operationUrls(em, op);
    send(ctx, existing ? 200 : 201, present(stored), {
        'azure-asyncoperation': urls.asyncOperation,
        'retry-after': String(em.tunables.retryAfterSeconds),
    });
}
