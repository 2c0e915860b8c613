/** api-versions accepted per provider namespace (the SDKs' versions first, then a few plausible others). */

import { armError, queryParam, type Ctx } from './http';

export const apiVersions: Record<string, readonly string[]> = {
    'microsoft.resources': ['2022-12-01', '2021-04-01', '2021-01-01', '2020-01-01', '2016-06-01', '2024-03-01'],
    'microsoft.machinelearningservices': [
        '2022-10-01',
        '2023-04-01',
        '2023-10-01',
        '2024-04-01',
        '2024-10-01',
        '2025-06-01',
    ],
    'microsoft.containerservice': [
        '2026-06-01',
        '2025-10-01',
        '2025-07-01',
        '2025-05-01',
        '2024-09-01',
        '2024-05-01',
        '2023-10-01',
    ],
    'microsoft.kubernetes': ['2021-10-01', '2022-10-01-preview', '2024-01-01', '2024-07-15-preview'],
    'microsoft.kubernetesconfiguration': ['2023-05-01', '2022-11-01', '2024-11-01'],
    'microsoft.managedidentity': ['2024-11-30', '2023-01-31', '2018-11-30'],
    'microsoft.authorization': [
        '2022-04-01',
        '2015-07-01',
        '2018-01-01-preview',
        '2020-04-01-preview',
        '2020-10-01',
        '2022-05-01-preview',
    ],
    'microsoft.resourcegraph': ['2024-04-01', '2022-10-01', '2021-03-01', '2019-04-01'],
    'microsoft.relay': ['2021-11-01', '2017-04-01', '2024-01-01'],
    'microsoft.storage': ['2023-05-01', '2023-01-01', '2022-09-01', '2024-01-01'],
    'microsoft.containerregistry': ['2023-07-01', '2023-11-01-preview', '2019-05-01', '2025-04-01'],
};

/** Checks `api-version` for `namespace`; answers 400 and returns false when missing or unsupported. */
export function checkApiVersion(
    ctx: Ctx,
    namespace: string | undefined,
    typeLabel: string,
    location = 'global',
): boolean {
    const version = queryParam(ctx, 'api-version');
    if (!version) {
        armError(
            ctx,
            400,
            'MissingApiVersionParameter',
            'The api-version query parameter (?api-version=) is required for all requests.',
        );
        return false;
    }
    const supported = namespace ? apiVersions[namespace.toLowerCase()] : undefined;
    if (!supported || supported.includes(version)) {
        return true;
    }
    if (namespace?.toLowerCase() === 'microsoft.resources') {
        armError(
            ctx,
            400,
            'InvalidApiVersionParameter',
            `The api-version '${version}' is invalid. The supported versions are '${supported.join(',')}'.`,
        );
        return false;
    }
    armError(
        ctx,
        400,
        'NoRegisteredProviderFound',
        `No registered resource provider found for location '${location}' and API version '${version}' for type '${typeLabel}'. The supported api-versions are '${supported.join(', ')}'. The supported locations are 'eastus, eastus2, westus2, westeurope, northeurope, uksouth'.`,
    );
    return false;
}
