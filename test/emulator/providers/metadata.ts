/**
 * `GET /metadata/endpoints`: the cloud metadata ARM serves without authentication, naming the emulator's own
 * endpoints (Entra on the same host, the emulator's audience, its portal stand-in) so that a client given only the ARM
 * endpoint can find the rest, as `az cloud register --endpoint-resource-manager` does.
 * Shapes, by api-version: 2022-09-01 and 2020-06-01 answer an array of clouds; 2019-05-01 one cloud object with the
 * same fields; 2015-01-01 the early `{ galleryEndpoint, graphEndpoint, portalEndpoint, authentication }`.
 */

import type { Emulator } from '../emulator';
import { armError, queryParam, send, type Ctx } from '../http';

export const metadataApiVersions = ['2022-09-01', '2020-06-01', '2019-05-01', '2015-01-01'];

/** The public cloud's data-plane suffixes: the fixture's storage accounts and registries use them. */
const suffixes = {
    acrLoginServer: 'azurecr.io',
    keyVaultDns: 'vault.azure.net',
    storage: 'core.windows.net',
    sqlServerHostname: 'database.windows.net',
    mhsmDns: 'managedhsm.azure.net',
};

function cloud(em: Emulator): Record<string, unknown> {
    const url = em.url;
    return {
        name: 'AzureEmulator',
        portal: `${url}/portal`,
        authentication: {
            loginEndpoint: url,
            audiences: [`${url}/`, 'https://management.core.windows.net/', 'https://management.azure.com/'],
            tenant: 'common',
            identityProvider: 'AAD',
        },
        resourceManager: `${url}/`,
        gallery: `${url}/gallery/`,
        graph: `${url}/graph/`,
        graphAudience: `${url}/graph/`,
        microsoftGraphResourceId: `${url}/graph/`,
        media: `${url}/media/`,
        batch: `${url}/batch/`,
        sqlManagement: `${url}/sql/`,
        activeDirectoryDataLake: `${url}/datalake/`,
        suffixes,
    };
}

export function handleMetadata(em: Emulator, ctx: Ctx): boolean {
    if (!/^\/metadata\/endpoints$/i.test(ctx.path)) {
        return false;
    }
    if (ctx.method !== 'GET') {
        armError(ctx, 405, 'MethodNotAllowed', `The emulator does not support '${ctx.method}' on '${ctx.path}'.`);
        return true;
    }
    const version = queryParam(ctx, 'api-version');
    if (!version || !metadataApiVersions.includes(version)) {
        armError(
            ctx,
            400,
            version ? 'InvalidApiVersionParameter' : 'MissingApiVersionParameter',
            version
                ? `The api-version '${version}' is invalid. The supported versions are '${metadataApiVersions.join(',')}'.`
                : 'The api-version query parameter (?api-version=) is required for all requests.',
        );
        return true;
    }
    const current = cloud(em);
    if (version === '2015-01-01') {
        send(ctx, 200, {
            galleryEndpoint: current.gallery,
            graphEndpoint: current.graph,
            portalEndpoint: current.portal,
            authentication: current.authentication,
        });
    } else if (version === '2019-05-01') {
        send(ctx, 200, current);
    } else {
        send(ctx, 200, [current]);
    }
    return true;
}
