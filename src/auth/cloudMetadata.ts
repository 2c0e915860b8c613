import * as https from 'https';
import {
    CloudConfigurationError,
    resolveCloud,
    type CloudEndpoints,
    type CustomEnvironmentSetting,
} from '../domain/cloud';
import {
    cloudMetadataUrl,
    completeCustomEnvironment,
    customArmEndpoint,
    missingVSCodeSignInFields,
    needsCloudMetadata,
    parseCloudMetadata,
    type CloudMetadata,
} from '../domain/cloudMetadata';
import { formatOnly, type Localize } from '../azure/errors';
// Type only: this module stays free of vscode, so the integration tests run it as the extension does.
import type { AuthMode } from './settings';

/** The cloud settings as read (`microsoft-sovereign-cloud.*`, `azuremlK8s.studioUrl`, the sign-in method). */
export interface CloudSettings {
    readonly environment: string | undefined;
    readonly customEnvironment: CustomEnvironmentSetting | undefined;
    readonly studioUrl?: string;
    /** `vscode`: VS Code's Microsoft sign-in, which reads `customEnvironment` itself. */
    readonly authMode: AuthMode;
}

const metadataTimeoutMs = 10_000;

/**
 * The configured cloud. A custom environment that gives its ARM endpoint but leaves out the Entra endpoint, audience
 * or portal is completed from the cloud's metadata, read once here (the caller keeps the result for the session);
 * nothing is read otherwise. Throws CloudConfigurationError when the settings cannot be used, saying what to set.
 */
export async function loadCloud(settings: CloudSettings, t: Localize = formatOnly): Promise<CloudEndpoints> {
    const { environment, customEnvironment: custom, studioUrl } = settings;
    const arm = customArmEndpoint(custom);
    if (environment?.toLowerCase() !== 'custom' || !custom || !arm || !needsCloudMetadata(custom)) {
        return resolveCloud(environment, custom, studioUrl);
    }
    const url = cloudMetadataUrl(arm);
    let metadata: CloudMetadata | undefined;
    let failure: string;
    try {
        metadata = parseCloudMetadata(await getJson(url, t), arm);
        failure = metadata
            ? t('it names no authentication.loginEndpoint')
            : t('it names no cloud with this ARM endpoint');
    } catch (error) {
        failure = error instanceof Error ? error.message : String(error);
    }
    const completed = metadata ? completeCustomEnvironment(custom, metadata) : custom;
    if (!completed.activeDirectoryEndpointUrl) {
        throw new CloudConfigurationError(
            t(
                "microsoft-sovereign-cloud.customEnvironment has no activeDirectoryEndpointUrl, and the cloud's metadata gave none ({0}: {1}). Set activeDirectoryEndpointUrl (the Entra sign-in endpoint) and activeDirectoryResourceId (the token audience) in microsoft-sovereign-cloud.customEnvironment.",
                url,
                failure,
            ),
        );
    }
    const missingInSetting = missingVSCodeSignInFields(custom);
    if (settings.authMode === 'vscode' && missingInSetting.length > 0) {
        // VS Code's sign-in reads the setting itself, not this completed copy: the values must be in the setting.
        const stillMissing = missingVSCodeSignInFields(completed);
        throw new CloudConfigurationError(
            t(
                "VS Code's Microsoft sign-in reads microsoft-sovereign-cloud.customEnvironment itself and needs {0} in it. {1} Or sign in with the Azure CLI or a service principal (azuremlK8s.authentication), which need the ARM endpoint alone.",
                missingInSetting.join(', '),
                stillMissing.length === 0
                    ? t("The cloud's metadata ({0}) gives them: set the setting to {1}", url, JSON.stringify(completed))
                    : t(
                          "The cloud's metadata ({0}) does not give {1}: set them by hand.",
                          url,
                          stillMissing.join(', '),
                      ),
            ),
        );
    }
    return resolveCloud(environment, completed, studioUrl);
}

/**
 * One unauthenticated GET, answered as JSON. Node's https trusts NODE_EXTRA_CA_CERTS as the SDKs do, and in VS Code
 * goes through its proxy support. No token is sent: ARM serves this without one.
 */
function getJson(url: string, t: Localize): Promise<unknown> {
    return new Promise((resolve, reject) => {
        const request = https.get(
            url,
            { headers: { accept: 'application/json' }, timeout: metadataTimeoutMs },
            (res) => {
                const chunks: Buffer[] = [];
                res.on('data', (chunk: Buffer) => chunks.push(chunk));
                res.on('error', reject);
                res.on('end', () => {
                    const body = Buffer.concat(chunks).toString('utf8');
                    if (res.statusCode !== 200) {
                        reject(new Error(t('HTTP {0}', res.statusCode ?? '?')));
                        return;
                    }
                    try {
                        resolve(JSON.parse(body));
                    } catch {
                        reject(new Error(t('the answer is not JSON')));
                    }
                });
            },
        );
        request.on('timeout', () =>
            request.destroy(new Error(t('no answer within {0} s', Math.round(metadataTimeoutMs / 1000)))),
        );
        request.on('error', reject);
    });
}
