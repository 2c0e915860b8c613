/**
 * The AzureML extension's versions on a cluster, per release train: Microsoft.KubernetesConfiguration's
 * `ExtensionTypes_ClusterListVersions` (azure-rest-api-specs .../Microsoft.KubernetesConfiguration/extensionTypes,
 * stable 2026-04-01), what `az k8s-extension extension-types list-versions-by-cluster` asks. The SDK in use
 * (@azure/arm-kubernetesconfiguration 6.x) has no extension-type operations, so the request goes by path through that
 * SDK client's own pipeline: the same sign-in, retries, timeouts and user agent as every other call.
 */
import type { PipelineResponse } from '@azure/core-rest-pipeline';
import { newestFirst } from '../domain/extensionVersions';
import { azureMlExtensionType } from '../domain/models';
import { createKubernetesConfigurationClient } from './clients';
import { parseArmErrorBody } from './errors';
import type { SubscriptionContext } from './subscriptionContext';

export const extensionTypesApiVersion = '2026-04-01';

interface VersionsPage {
    value?: { properties?: { version?: unknown } }[];
    nextLink?: string | null;
}

async function failure(response: PipelineResponse): Promise<Error> {
    const { RestError } = await import('@azure/core-rest-pipeline');
    const body = parseArmErrorBody(response.bodyAsText);
    return new RestError(body?.message ?? `Azure answered HTTP ${response.status}.`, {
        code: body?.code,
        statusCode: response.status,
        response,
    });
}

/** Every version of `releaseTrain` the cluster may install, newest first. */
export async function listExtensionVersions(
    sub: SubscriptionContext,
    clusterId: string,
    releaseTrain: string,
    abortSignal?: AbortSignal,
): Promise<string[]> {
    const [client, { createPipelineRequest }] = await Promise.all([
        createKubernetesConfigurationClient(sub),
        import('@azure/core-rest-pipeline'),
    ]);
    const query = new URLSearchParams({ 'api-version': extensionTypesApiVersion, releaseTrain });
    const base = sub.cloud.resourceManagerEndpointUrl.replace(/\/+$/, '');
    let url: string | undefined =
        `${base}${clusterId}/providers/Microsoft.KubernetesConfiguration/extensionTypes/` +
        `${encodeURIComponent(azureMlExtensionType)}/versions?${query.toString()}`;
    const versions: string[] = [];
    while (url) {
        const response = await client.sendRequest(createPipelineRequest({ url, method: 'GET', abortSignal }));
        if (response.status !== 200) {
            throw await failure(response);
        }
        const page = JSON.parse(response.bodyAsText ?? '{}') as VersionsPage;
        for (const item of page.value ?? []) {
            if (typeof item.properties?.version === 'string') {
                versions.push(item.properties.version);
            }
        }
        url = page.nextLink ?? undefined;
    }
    return newestFirst(versions);
}
