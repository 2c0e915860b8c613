/**
 * A custom cloud configured with its ARM endpoint alone: the rest comes from the metadata ARM serves without
 * authentication, `GET <arm>/metadata/endpoints`, as `az cloud register --endpoint-resource-manager` does
 * (Azure/azure-cli `command_modules/cloud/custom.py` `_populate_from_metadata_endpoint`, mapped by
 * `azure/cli/core/cloud.py` `_arm_to_cli_mapper`: `authentication.loginEndpoint` is the Entra endpoint and
 * `authentication.audiences[0]` the token audience). Pure: the caller fetches and passes the body in.
 */

import type { CustomEnvironmentSetting } from './cloud';

export const cloudMetadataApiVersion = '2022-09-01';

/** What a cloud's metadata says about the endpoints a custom environment may leave out. */
export interface CloudMetadata {
    readonly name?: string;
    readonly loginEndpoint?: string;
    readonly audience?: string;
    readonly portal?: string;
}

/** The metadata address of an ARM endpoint. */
export function cloudMetadataUrl(resourceManagerEndpointUrl: string): string {
    return `${resourceManagerEndpointUrl.replace(/\/+$/, '')}/metadata/endpoints?api-version=${cloudMetadataApiVersion}`;
}

/**
 * Whether `microsoft-sovereign-cloud.customEnvironment` leaves out what the metadata can fill in: the Entra endpoint,
 * the audience or the portal. Only for an https ARM endpoint: anything else is refused by resolveCloud, unread.
 */
export function needsCloudMetadata(custom: CustomEnvironmentSetting | undefined): boolean {
    const arm = customArmEndpoint(custom);
    return (
        arm !== undefined &&
        isHttpsUrl(arm) &&
        (!custom?.activeDirectoryEndpointUrl || !custom.activeDirectoryResourceId || !custom.portalUrl)
    );
}

/** The ARM endpoint of a custom environment (`managementEndpointUrl` stands in, as resolveCloud accepts it). */
export function customArmEndpoint(custom: CustomEnvironmentSetting | undefined): string | undefined {
    return custom?.resourceManagerEndpointUrl || custom?.managementEndpointUrl || undefined;
}

/**
 * The cloud that a metadata answer describes for this ARM endpoint. Shapes: an array of clouds (api-version
 * 2022-09-01 and 2020-06-01 as the emulator serves them; the public cloud's 2019-05-01 lists every Azure cloud), where
 * the one whose `resourceManager` is this endpoint counts, or the only one; a single cloud object (2019-05-01); and
 * the early `{ portalEndpoint, authentication }` (2015-01-01, Azure Stack Hub). Undefined when none can be told apart.
 */
export function parseCloudMetadata(body: unknown, resourceManagerEndpointUrl: string): CloudMetadata | undefined {
    const candidates = Array.isArray(body) ? body.filter(isObject) : isObject(body) ? [body] : [];
    const wanted = sameEndpoint(resourceManagerEndpointUrl);
    const cloud =
        candidates.find((c) => typeof c.resourceManager === 'string' && wanted(c.resourceManager)) ??
        (candidates.length === 1 ? candidates[0] : undefined);
    if (!cloud) {
        return undefined;
    }
    const authentication = isObject(cloud.authentication) ? cloud.authentication : {};
    const audiences = Array.isArray(authentication.audiences) ? authentication.audiences : [];
    return {
        name: text(cloud.name),
        loginEndpoint: text(authentication.loginEndpoint),
        audience: text(audiences[0]),
        portal: text(cloud.portal) ?? text(cloud.portalEndpoint),
    };
}

/** The custom environment with what it left out taken from the metadata: what the user set always wins. */
export function completeCustomEnvironment(
    custom: CustomEnvironmentSetting,
    metadata: CloudMetadata,
): CustomEnvironmentSetting {
    const arm = customArmEndpoint(custom);
    return {
        ...custom,
        name: custom.name || metadata.name,
        portalUrl: custom.portalUrl || metadata.portal,
        resourceManagerEndpointUrl: arm,
        // As az does: the management endpoint is the audience. VS Code's sign-in asks its tokens for it.
        managementEndpointUrl: custom.managementEndpointUrl || metadata.audience || arm,
        activeDirectoryEndpointUrl: custom.activeDirectoryEndpointUrl || metadata.loginEndpoint,
        activeDirectoryResourceId: custom.activeDirectoryResourceId || metadata.audience,
    };
}

/**
 * The settings VS Code's Microsoft sign-in and @microsoft/vscode-azext-azureauth read themselves, from the same
 * `customEnvironment`: its `Environment` (@azure/ms-rest-azure-env) refuses one without any of these.
 */
export const vscodeSignInRequiredFields = [
    'name',
    'portalUrl',
    'managementEndpointUrl',
    'resourceManagerEndpointUrl',
    'activeDirectoryEndpointUrl',
    'activeDirectoryResourceId',
] as const;

export function missingVSCodeSignInFields(custom: CustomEnvironmentSetting | undefined): string[] {
    return vscodeSignInRequiredFields.filter((field) => !custom?.[field]);
}

function sameEndpoint(expected: string): (candidate: string) => boolean {
    const normalise = (url: string) => {
        try {
            const parsed = new URL(url);
            return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`.toLowerCase();
        } catch {
            return url.replace(/\/+$/, '').toLowerCase();
        }
    };
    const want = normalise(expected);
    return (candidate) => normalise(candidate) === want;
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
    return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function isHttpsUrl(value: string): boolean {
    try {
        return new URL(value).protocol === 'https:';
    } catch {
        return false;
    }
}
