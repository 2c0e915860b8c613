/**
 * Cloud endpoints from the `microsoft-sovereign-cloud.*` settings (the same settings VS Code's Microsoft
 * sign-in and the Azure extensions read). Pure: the caller passes the setting values in.
 */

export interface CloudEndpoints {
    readonly name: string;
    readonly resourceManagerEndpointUrl: string;
    readonly activeDirectoryEndpointUrl: string;
    readonly activeDirectoryResourceId: string;
    readonly portalUrl: string;
    /** Azure ML studio, when the cloud has a known one. */
    readonly studioUrl?: string;
    readonly isCustom: boolean;
}

export interface CustomEnvironmentSetting {
    name?: string;
    portalUrl?: string;
    managementEndpointUrl?: string;
    resourceManagerEndpointUrl?: string;
    activeDirectoryEndpointUrl?: string;
    activeDirectoryResourceId?: string;
}

const knownClouds: Record<string, CloudEndpoints> = {
    AzureCloud: {
        name: 'AzureCloud',
        resourceManagerEndpointUrl: 'https://management.azure.com/',
        activeDirectoryEndpointUrl: 'https://login.microsoftonline.com/',
        activeDirectoryResourceId: 'https://management.core.windows.net/',
        portalUrl: 'https://portal.azure.com',
        studioUrl: 'https://ml.azure.com',
        isCustom: false,
    },
    ChinaCloud: {
        name: 'AzureChinaCloud',
        resourceManagerEndpointUrl: 'https://management.chinacloudapi.cn/',
        activeDirectoryEndpointUrl: 'https://login.chinacloudapi.cn/',
        activeDirectoryResourceId: 'https://management.core.chinacloudapi.cn/',
        portalUrl: 'https://portal.azure.cn',
        studioUrl: 'https://studio.ml.azure.cn',
        isCustom: false,
    },
    USGovernment: {
        name: 'AzureUSGovernment',
        resourceManagerEndpointUrl: 'https://management.usgovcloudapi.net/',
        activeDirectoryEndpointUrl: 'https://login.microsoftonline.us/',
        activeDirectoryResourceId: 'https://management.core.usgovcloudapi.net/',
        portalUrl: 'https://portal.azure.us',
        studioUrl: 'https://ml.azure.us',
        isCustom: false,
    },
};

export class CloudConfigurationError extends Error {}

/**
 * @param environment value of `microsoft-sovereign-cloud.environment` (unset = public cloud)
 * @param custom value of `microsoft-sovereign-cloud.customEnvironment`, used when environment is `custom`
 * @param studioUrlOverride value of `azuremlK8s.studioUrl`, for clouds whose studio we do not know
 */
export function resolveCloud(
    environment: string | undefined,
    custom: CustomEnvironmentSetting | undefined,
    studioUrlOverride?: string,
): CloudEndpoints {
    const studioUrl = studioUrlOverride?.trim() ? trimSlash(studioUrlOverride.trim()) : undefined;
    if (!environment) {
        return withStudio(knownClouds.AzureCloud, studioUrl);
    }
    const known = knownClouds[environment];
    if (known) {
        return withStudio(known, studioUrl);
    }
    if (environment.toLowerCase() !== 'custom') {
        throw new CloudConfigurationError(
            `Unknown cloud "${environment}" in microsoft-sovereign-cloud.environment; use ChinaCloud, USGovernment or custom.`,
        );
    }
    const arm = custom?.resourceManagerEndpointUrl ?? custom?.managementEndpointUrl;
    const aad = custom?.activeDirectoryEndpointUrl;
    if (!arm || !aad || !isHttpsUrl(arm) || !isHttpsUrl(aad)) {
        throw new CloudConfigurationError(
            'microsoft-sovereign-cloud.customEnvironment needs https URLs in resourceManagerEndpointUrl and activeDirectoryEndpointUrl.',
        );
    }
    return {
        name: custom?.name || 'custom',
        resourceManagerEndpointUrl: withSlash(arm),
        activeDirectoryEndpointUrl: withSlash(aad),
        activeDirectoryResourceId: withSlash(custom?.activeDirectoryResourceId || arm),
        portalUrl: trimSlash(custom?.portalUrl || arm),
        studioUrl,
        isCustom: true,
    };
}

/**
 * The OAuth scope for ARM in this cloud. A custom cloud's tokens are for its audience (`activeDirectoryResourceId`,
 * the ARM endpoint unless set or read from the cloud's metadata), as az asks them for `active_directory_resource_id`:
 * on Azure Stack Hub the audience is not the ARM endpoint.
 */
export function armScope(cloud: CloudEndpoints): string {
    const resource = cloud.isCustom ? cloud.activeDirectoryResourceId : cloud.resourceManagerEndpointUrl;
    return `${trimSlash(resource)}/.default`;
}

export function portalResourceUrl(
    cloud: CloudEndpoints,
    tenantId: string | undefined,
    resourceId: string,
    blade = '',
): string {
    const tenant = tenantId ? `@${tenantId}` : '';
    return `${cloud.portalUrl}/#${tenant}/resource${resourceId}${blade ? `/${blade}` : ''}`;
}

export function studioWorkspaceUrl(
    cloud: CloudEndpoints,
    tenantId: string | undefined,
    workspaceId: string,
    computeName?: string,
): string | undefined {
    if (!cloud.studioUrl) {
        return undefined;
    }
    const query = `wsid=${encodeURIComponent(workspaceId)}${tenantId ? `&tid=${encodeURIComponent(tenantId)}` : ''}`;
    const path = computeName ? `/compute/${encodeURIComponent(computeName)}/details` : '/';
    return `${cloud.studioUrl}${path}?${query}`;
}

function withStudio(cloud: CloudEndpoints, studioUrl: string | undefined): CloudEndpoints {
    return studioUrl ? { ...cloud, studioUrl } : cloud;
}

function isHttpsUrl(value: string): boolean {
    try {
        return new URL(value).protocol === 'https:';
    } catch {
        return false;
    }
}

function withSlash(url: string): string {
    return url.endsWith('/') ? url : `${url}/`;
}

function trimSlash(url: string): string {
    return url.replace(/\/+$/, '');
}
