/**
 * The AzureML extension type's versions, as Microsoft.KubernetesConfiguration publishes them
 * (specification/kubernetesconfiguration/resource-manager/Microsoft.KubernetesConfiguration/extensionTypes):
 * - from 2023-05-01-preview, `ExtensionTypes_ClusterListVersions` on a cluster and `ExtensionTypes_ListVersions` on a
 *   location: one `ExtensionTypeVersionForReleaseTrain` per version, filtered by `releaseTrain` (stable when absent),
 *   `majorVersion` and `showLatest`, paged with `nextLink`; `.../versions/{version}` reads one;
 * - before, only the location route, answering `ExtensionVersionList`: one `{ releaseTrain, versions: [...] }` per
 *   train, under `value` in 2022-01-15-preview and under `versions` in 2021-05-01-preview to 2022-01-01-preview.
 * The spec's examples list versions oldest first; so does this. Type names contain dots ("microsoft.example" in the
 * 2022 example, Microsoft.AzureML.Kubernetes in the docs), so the name is matched case-insensitively, not by pattern.
 */

import { apiVersionTable } from '../apiVersionTable';
import { authorize } from '../authorization';
import type { Emulator } from '../emulator';
import { armError, queryParam, send, type Ctx } from '../http';
import type { Json } from '../model';
import { page } from '../paging';
import { subscriptionNotFound } from './generic';
import { azureMlExtensionType, azureMlVersions, releaseTrains } from './kubernetesConfigurationRules';

const clusterRoute =
    /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/(Microsoft\.ContainerService\/managedClusters|Microsoft\.Kubernetes\/connectedClusters)\/([^/]+)\/providers\/Microsoft\.KubernetesConfiguration\/extensionTypes\/([^/]+)\/versions(?:\/([^/]+))?$/i;
const locationRoute =
    /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.KubernetesConfiguration\/locations\/([^/]+)\/extensionTypes\/([^/]+)\/versions(?:\/([^/]+))?$/i;
/** The first api-version whose versions are one resource each, and which has the cluster route. */
const perVersionShapeSince = '2023-05-01-preview';
/** The first api-version whose train list is under `value` (before: under `versions`). */
const trainListAsValueSince = '2022-01-15-preview';
const readAction = 'Microsoft.KubernetesConfiguration/extensionTypes/read';

interface VersionsRequest {
    subscriptionId: string;
    scope: string;
    typeName: string;
    version?: string;
    clusterType?: 'managedCluster' | 'connectedCluster';
}

function parse(path: string): VersionsRequest | undefined {
    const cluster = clusterRoute.exec(path);
    if (cluster) {
        const [, sub, rg, rpType, name, typeName, version] = cluster;
        return {
            subscriptionId: sub,
            scope: `/subscriptions/${sub}/resourceGroups/${rg}/providers/${rpType}/${name}`,
            typeName: decodeURIComponent(typeName),
            version: version && decodeURIComponent(version),
            clusterType: /managedClusters/i.test(rpType) ? 'managedCluster' : 'connectedCluster',
        };
    }
    const location = locationRoute.exec(path);
    if (location) {
        const [, sub, , typeName, version] = location;
        return {
            subscriptionId: sub,
            scope: `/subscriptions/${sub}`,
            typeName: decodeURIComponent(typeName),
            version: version && decodeURIComponent(version),
        };
    }
    return undefined;
}

/** Versions of the extensionTypes spec files, newest first (the table's own entry, not the namespace's). */
function typeApiVersions(): string[] {
    const entry = apiVersionTable['microsoft.kubernetesconfiguration/extensiontypes'];
    return (entry?.versions ?? '').split(' ').filter((v) => v.length > 0);
}

function versionResource(scope: string, version: string): Json {
    return {
        id: `${scope}/providers/Microsoft.KubernetesConfiguration/extensionTypes/${azureMlExtensionType}/versions/${version}`,
        name: version,
        type: 'Microsoft.KubernetesConfiguration/extensionTypes/versions',
        properties: { version, supportedClusterTypes: ['managedCluster', 'connectedCluster'] },
    };
}

function oldestFirst(versions: readonly string[]): string[] {
    return [...versions].reverse();
}

function listPerVersion(em: Emulator, ctx: Ctx, request: VersionsRequest): void {
    const train = (queryParam(ctx, 'releaseTrain') ?? 'stable').toLowerCase();
    if (!releaseTrains.includes(train)) {
        armError(
            ctx,
            400,
            'InvalidReleaseTrain',
            `The release train '${train}' is not valid for extension type '${azureMlExtensionType}': use one of ${releaseTrains.join(', ')}.`,
        );
        return;
    }
    const major = queryParam(ctx, 'majorVersion');
    let versions = oldestFirst(azureMlVersions[train]).filter((v) => !major || v.split('.')[0] === major);
    if (String(queryParam(ctx, 'showLatest')).toLowerCase() === 'true') {
        versions = versions.slice(-1);
    }
    if (request.version) {
        if (!versions.includes(request.version)) {
            armError(
                ctx,
                404,
                'ResourceNotFound',
                `The version '${request.version}' of extension type '${request.typeName}' was not found in release train '${train}'.`,
            );
            return;
        }
        send(ctx, 200, versionResource(request.scope, request.version));
        return;
    }
    const items = versions.map((v) => versionResource(request.scope, v));
    send(ctx, 200, page(ctx, items, em.tunables.pageSize));
}

/** Handles the extension-type version routes; returns false for any other request. */
export function handleExtensionTypeVersions(em: Emulator, ctx: Ctx): boolean {
    const request = parse(ctx.path);
    if (!request) {
        return false;
    }
    const apiVersion = queryParam(ctx, 'api-version') ?? '';
    const published = typeApiVersions();
    if (!published.includes(apiVersion)) {
        armError(
            ctx,
            400,
            'NoRegisteredProviderFound',
            `No registered resource provider found for location 'global' and API version '${apiVersion}' for type 'extensionTypes'. The supported api-versions are '${published.join(', ')}'.`,
        );
        return true;
    }
    const perVersion = apiVersion >= perVersionShapeSince;
    if (ctx.method !== 'GET' || (!perVersion && (request.clusterType || request.version))) {
        armError(ctx, 404, 'NotFound', `The requested path '${ctx.path}' is not found.`);
        return true;
    }
    if (!em.state.subscription(request.subscriptionId)) {
        subscriptionNotFound(ctx, request.subscriptionId);
        return true;
    }
    if (request.clusterType && !em.state.get(request.scope)) {
        const [, , , , rg, , rp, kind, name] = request.scope.split('/');
        armError(
            ctx,
            404,
            'ResourceNotFound',
            `The Resource '${rp}/${kind}/${name}' under resource group '${rg}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
        );
        return true;
    }
    if (!authorize(em, ctx, readAction, request.scope)) {
        return true;
    }
    if (request.typeName.toLowerCase() !== azureMlExtensionType.toLowerCase()) {
        armError(ctx, 404, 'ResourceNotFound', `The extension type '${request.typeName}' was not found.`);
        return true;
    }
    if (perVersion) {
        listPerVersion(em, ctx, request);
    } else {
        const trains = releaseTrains.map((releaseTrain) => ({
            releaseTrain,
            versions: oldestFirst(azureMlVersions[releaseTrain]),
        }));
        send(ctx, 200, apiVersion >= trainListAsValueSince ? { value: trains } : { versions: trains });
    }
    return true;
}
