/**
 * api-versions accepted per provider namespace, or per resource type where the spec files differ (Microsoft.Resources
 * subscriptions vs resources; Microsoft.Authorization role assignments vs definitions vs permissions). The lists are
 * generated into `apiVersionTable.ts` from the Azure/azure-rest-api-specs folders (tools/api-versions).
 */

import { apiVersionTable } from './apiVersionTable';
import { armError, queryParam, type Ctx } from './http';

const words = (s: string): string[] => s.split(' ').filter((w) => w.length > 0);

function versionsOf(key: string): string[] {
    const entry = apiVersionTable[key];
    return entry ? [...words(entry.versions), ...words(entry.unlisted)] : [];
}

const newestFirst = (versions: Iterable<string>): string[] => [...new Set(versions)].sort().reverse();

/** Every version a namespace accepts for some type, newest first (the benchmark picks the first). */
export const apiVersions: Record<string, readonly string[]> = (() => {
    const byNamespace: Record<string, string[]> = {};
    for (const key of Object.keys(apiVersionTable)) {
        const ns = key.split('/')[0];
        byNamespace[ns] = newestFirst([...(byNamespace[ns] ?? []), ...versionsOf(key)]);
    }
    return byNamespace;
})();

/**
 * The versions a request for `type` (e.g. `Microsoft.Authorization/roleAssignments`, or `Microsoft.Resources/subscriptions`)
 * may use: the type's own list where the table has one, else its namespace's; undefined when the namespace is unknown.
 */
export function supportedVersions(namespace: string, type?: string): string[] | undefined {
    const ns = namespace.toLowerCase();
    const firstType = type?.split('/')[1]?.toLowerCase();
    const own = firstType ? versionsOf(`${ns}/${firstType}`) : [];
    if (own.length > 0) {
        return newestFirst([...own, ...versionsOf(ns)]);
    }
    return apiVersions[ns] ? [...apiVersions[ns]] : undefined;
}

/** Checks `api-version` for the type; answers ARM's 400 and returns false when missing or unpublished. */
export function checkApiVersion(
    ctx: Ctx,
    namespace: string | undefined,
    type: string | undefined,
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
    const supported = namespace ? supportedVersions(namespace, type) : undefined;
    if (!supported || supported.includes(version)) {
        return true;
    }
    // Microsoft.Resources answers InvalidApiVersionParameter with a comma-joined list; other providers answer through
    // ARM's provider registry, naming the type without its namespace and the locations.
    if (namespace?.toLowerCase() === 'microsoft.resources') {
        armError(
            ctx,
            400,
            'InvalidApiVersionParameter',
            `The api-version '${version}' is invalid. The supported versions are '${supported.join(',')}'.`,
        );
        return false;
    }
    const typeLabel = type?.split('/').slice(1).join('/') || namespace;
    armError(
        ctx,
        400,
        'NoRegisteredProviderFound',
        `No registered resource provider found for location '${location}' and API version '${version}' for type '${typeLabel}'. The supported api-versions are '${supported.join(', ')}'. The supported locations are 'eastus, eastus2, westus2, westeurope, northeurope, uksouth'.`,
    );
    return false;
}
