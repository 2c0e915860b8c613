/**
 * Microsoft.KubernetesConfiguration/extensions on AKS (`managedClusters`) and Arc (`connectedClusters`) clusters, as
 * the extensions spec publishes them (specification/kubernetesconfiguration/.../extensions.json): PUT 201 (200 for an
 * existing one), PATCH 202 (200 when nothing changes), DELETE 202 (204 when absent; `forceDelete` removes at once),
 * each long-running through `Azure-AsyncOperation` (kubernetesConfigurationOperations.ts); GET and list. Protected
 * settings are kept but never returned (generic.ts `present` blanks their values, as the service does). RBAC:
 * `extensions/read|write|delete` on the extension, `extensions/operations/read` for the status.
 */

import * as crypto from 'crypto';
import { actionFor, authorize } from '../authorization';
import { sameId, type ArmPath } from '../armPath';
import type { Emulator } from '../emulator';
import { armError, isObject, parseJsonBody, queryParam, send, type Ctx } from '../http';
import type { ArmResource, Json } from '../model';
import { page } from '../paging';
import { present, requireContainers, requireSubscription, resourceNotFound, writeSystemData } from './generic';
import {
    clusterOfExtension,
    extensionOperationStatus,
    extensionType,
    operationUrl,
    runningOperation,
    settleExtensions,
    startExtensionOperation,
} from './kubernetesConfigurationOperations';
import { refusedBody, refusedVersion } from './kubernetesConfigurationRules';

export { settleExtensions } from './kubernetesConfigurationOperations';

const clusterPath =
    /\/providers\/(Microsoft\.ContainerService\/managedClusters|Microsoft\.Kubernetes\/connectedClusters)\/[^/]+\/providers\/Microsoft\.KubernetesConfiguration\/extensions(\/|$)/i;
const patchable = [
    'autoUpgradeMinorVersion',
    'releaseTrain',
    'version',
    'configurationSettings',
    'configurationProtectedSettings',
];

function bad(ctx: Ctx, message: string): void {
    armError(ctx, 400, 'BadRequest', message);
}

function bodyProperties(ctx: Ctx): Json | undefined {
    const parsed = parseJsonBody(ctx);
    if (!parsed.ok || !isObject(parsed.value) || !isObject(parsed.value.properties ?? {})) {
        armError(ctx, 400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.');
        return undefined;
    }
    return { ...parsed.value, properties: (parsed.value.properties ?? {}) as Json };
}

function stringMap(value: unknown): Record<string, string> | undefined {
    if (value === undefined || value === null) {
        return {};
    }
    if (!isObject(value)) {
        return undefined;
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
}

function newIdentity(em: Emulator, clusterId: string): Json {
    const cluster = em.state.get(clusterId);
    const tenantId = String(((cluster?.identity ?? {}) as Json).tenantId ?? em.state.tenantId);
    const principalId = crypto.randomUUID();
    em.state.addPrincipal(principalId);
    return { type: 'SystemAssigned', principalId, tenantId };
}

function accepted(
    em: Emulator,
    ctx: Ctx,
    status: number,
    extension: ArmResource,
    kind: 'create' | 'update',
    protectedSettingsWritten: boolean,
): void {
    const op = startExtensionOperation(em, extension, kind, protectedSettingsWritten);
    send(ctx, status, present(extension), {
        'azure-asyncoperation': operationUrl(em, ctx, op),
        'retry-after': String(em.tunables.retryAfterSeconds),
    });
}

function inProgress(em: Emulator, ctx: Ctx, extension: ArmResource): boolean {
    if (!runningOperation(em, extension.id)) {
        return false;
    }
    armError(
        ctx,
        409,
        'Conflict',
        `The extension '${extension.name}' has an operation in progress (${String((extension.properties ?? {}).provisioningState)}); retry when it has completed.`,
    );
    return true;
}

function putExtension(em: Emulator, ctx: Ctx, c: ArmPath): void {
    const body = bodyProperties(ctx);
    if (!body) {
        return;
    }
    const props = body.properties as Json;
    const settings = stringMap(props.configurationSettings);
    const secrets = stringMap(props.configurationProtectedSettings);
    if (!settings || !secrets) {
        bad(ctx, 'configurationSettings and configurationProtectedSettings must be objects of name-value pairs.');
        return;
    }
    const clusterId = clusterOfExtension(ctx.path);
    const existing = em.state.get(ctx.path);
    const others = em.state.inCollection(c.parent).filter((e) => !sameId(e.id, ctx.path));
    const refusal = refusedBody(props, others);
    if (refusal) {
        bad(ctx, refusal);
        return;
    }
    const existingProps = (existing?.properties ?? {}) as Json;
    if (existing && String(existingProps.extensionType).toLowerCase() !== String(props.extensionType).toLowerCase()) {
        bad(
            ctx,
            `The extensionType of extension '${existing.name}' cannot be changed (it is '${String(existingProps.extensionType)}').`,
        );
        return;
    }
    if (existing && inProgress(em, ctx, existing)) {
        return;
    }
    // Over a failed install (helm removed its release) a PUT installs again.
    const upgrade = !!existing && !!existingProps.currentVersion;
    const isAks = /\/managedClusters\//i.test(ctx.path);
    const wantsIdentity = String(((body.identity ?? {}) as Json).type ?? '').toLowerCase() === 'systemassigned';
    const identity = existing?.identity ?? (!isAks && wantsIdentity ? newIdentity(em, clusterId) : undefined);
    const stored = em.state.upsert({
        id: existing?.id ?? ctx.path,
        name: c.name,
        type: extensionType,
        ...(identity ? { identity } : {}),
        systemData: writeSystemData(ctx, existing?.systemData as Json | undefined),
        properties: {
            extensionType: props.extensionType,
            autoUpgradeMinorVersion: props.autoUpgradeMinorVersion ?? true,
            releaseTrain: props.releaseTrain ?? 'Stable',
            version: props.version ?? null,
            scope: props.scope ?? { cluster: { releaseNamespace: c.name } },
            configurationSettings: settings,
            configurationProtectedSettings: secrets,
            provisioningState: upgrade ? 'Updating' : 'Creating',
            statuses: [],
            errorInfo: null,
            customLocationSettings: null,
            packageUri: null,
            aksAssignedIdentity: existingProps.aksAssignedIdentity ?? (isAks ? newIdentity(em, clusterId) : null),
            isSystemExtension: false,
            currentVersion: existingProps.currentVersion ?? null,
        },
    });
    accepted(em, ctx, existing ? 200 : 201, stored, upgrade ? 'update' : 'create', true);
}

function patchExtension(em: Emulator, ctx: Ctx, c: ArmPath): void {
    const existing = em.state.get(ctx.path);
    if (!existing) {
        resourceNotFound(ctx, c, ctx.path);
        return;
    }
    const body = bodyProperties(ctx);
    if (!body || inProgress(em, ctx, existing)) {
        return;
    }
    const patch = body.properties as Json;
    const current = existing.properties as Json;
    const merged: Json = { ...current };
    for (const key of patchable.slice(0, 3)) {
        if (key in patch) {
            merged[key] = patch[key];
        }
    }
    // Settings merge key by key (null removes one); protected settings, when given, replace the whole set: the CLI
    // warns that those left out "would be considered obsolete and deleted" (AzureMLKubernetes.py, Update).
    const settings = { ...((current.configurationSettings ?? {}) as Json) };
    for (const [k, v] of Object.entries(isObject(patch.configurationSettings) ? patch.configurationSettings : {})) {
        if (v === null) {
            delete settings[k];
        } else {
            settings[k] = String(v);
        }
    }
    merged.configurationSettings = settings;
    if (isObject(patch.configurationProtectedSettings)) {
        merged.configurationProtectedSettings = stringMap(patch.configurationProtectedSettings);
    }
    const refusal = refusedVersion(merged);
    if (refusal) {
        bad(ctx, refusal);
        return;
    }
    const changed = patchable.some((k) => JSON.stringify(merged[k] ?? null) !== JSON.stringify(current[k] ?? null));
    if (!changed) {
        send(ctx, 200, present(existing));
        return;
    }
    merged.provisioningState = 'Updating';
    existing.properties = merged;
    existing.systemData = writeSystemData(ctx, existing.systemData as Json | undefined);
    em.state.touch();
    accepted(em, ctx, 202, existing, 'update', isObject(patch.configurationProtectedSettings));
}

function deleteExtension(em: Emulator, ctx: Ctx): void {
    const existing = em.state.get(ctx.path);
    if (!existing) {
        send(ctx, 204);
        return;
    }
    if (queryParam(ctx, 'forceDelete')?.toLowerCase() === 'true') {
        em.state.delete(existing.id);
        send(ctx, 200);
        return;
    }
    const running = runningOperation(em, existing.id);
    if (running?.kind === 'delete') {
        const url = operationUrl(em, ctx, running);
        send(ctx, 202, undefined, { 'azure-asyncoperation': url, location: url });
        return;
    }
    if (running) {
        inProgress(em, ctx, existing);
        return;
    }
    (existing.properties as Json).provisioningState = 'Deleting';
    em.state.touch();
    const url = operationUrl(em, ctx, startExtensionOperation(em, existing, 'delete'));
    send(ctx, 202, undefined, {
        'azure-asyncoperation': url,
        location: url,
        'retry-after': String(em.tunables.retryAfterSeconds),
    });
}

/** Handles the extension routes on AKS and Arc clusters; returns false for any other request. */
export function handleKubernetesConfiguration(em: Emulator, ctx: Ctx, c: ArmPath): boolean {
    if (!clusterPath.test(ctx.path)) {
        return false;
    }
    const isOperation = c.kind === 'item' && sameId(c.type, `${extensionType}/operations`) && ctx.method === 'GET';
    const isItem = c.kind === 'item' && sameId(c.type, extensionType);
    const isList = c.kind === 'collection' && sameId(c.type, extensionType) && ctx.method === 'GET';
    if (!isOperation && !isItem && !isList) {
        return false;
    }
    if (!requireSubscription(em, ctx, c)) {
        return true;
    }
    settleExtensions(em);
    if (isOperation) {
        const extensionId = c.parent.replace(/\/operations$/i, '');
        if (authorize(em, ctx, `${extensionType}/operations/read`, extensionId)) {
            extensionOperationStatus(em, ctx);
        }
        return true;
    }
    const scope = isItem ? ctx.path : c.parent;
    if (!authorize(em, ctx, actionFor(ctx.method, extensionType), scope) || !requireContainers(em, ctx, c)) {
        return true;
    }
    if (isList) {
        send(ctx, 200, page(ctx, em.state.inCollection(ctx.path).map(present), em.tunables.pageSize));
    } else if (ctx.method === 'PUT') {
        putExtension(em, ctx, c);
    } else if (ctx.method === 'PATCH') {
        patchExtension(em, ctx, c);
    } else if (ctx.method === 'DELETE') {
        deleteExtension(em, ctx);
    } else if (ctx.method === 'GET') {
        const extension = em.state.get(ctx.path);
        if (extension) {
            send(ctx, 200, present(extension));
        } else {
            resourceNotFound(ctx, c, ctx.path);
        }
    } else {
        armError(ctx, 405, 'MethodNotAllowed', `The emulator does not support '${ctx.method}' on '${ctx.path}'.`);
    }
    return true;
}
