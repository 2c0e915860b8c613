import * as assert from 'assert';
import { armScope, resolveCloud } from '../../src/domain/cloud';
import {
    cloudMetadataUrl,
    completeCustomEnvironment,
    missingVSCodeSignInFields,
    needsCloudMetadata,
    parseCloudMetadata,
} from '../../src/domain/cloudMetadata';

const arm = 'https://management.lab.example/';

/** One cloud as ARM's metadata describes it (the fields the extension reads, and a few it ignores). */
function cloud(name: string, resourceManager: string, login: string, audience: string, portal: string) {
    return {
        name,
        portal,
        authentication: { loginEndpoint: login, audiences: [audience, 'https://other.audience/'], tenant: 'common' },
        resourceManager,
        suffixes: { storage: 'core.lab.example' },
    };
}

const lab = cloud(
    'LabCloud',
    arm,
    'https://login.lab.example',
    'https://management.core.lab.example/',
    'https://portal.lab.example',
);

describe('a custom cloud from its ARM endpoint alone', () => {
    it('reads the metadata of the ARM endpoint given, at api-version 2022-09-01', () => {
        assert.strictEqual(
            cloudMetadataUrl('https://management.lab.example//'),
            'https://management.lab.example/metadata/endpoints?api-version=2022-09-01',
        );
    });

    it('reads metadata only when the setting leaves out the Entra endpoint, the audience or the portal', () => {
        assert.strictEqual(needsCloudMetadata({ resourceManagerEndpointUrl: arm }), true);
        assert.strictEqual(needsCloudMetadata({ managementEndpointUrl: arm }), true);
        const complete = {
            resourceManagerEndpointUrl: arm,
            activeDirectoryEndpointUrl: 'https://login.lab.example/',
            activeDirectoryResourceId: arm,
            portalUrl: 'https://portal.lab.example',
        };
        assert.strictEqual(needsCloudMetadata(complete), false);
        assert.strictEqual(needsCloudMetadata({ ...complete, portalUrl: undefined }), true);
        assert.strictEqual(needsCloudMetadata({ resourceManagerEndpointUrl: 'http://insecure.example' }), false);
        assert.strictEqual(needsCloudMetadata(undefined), false);
    });

    it('picks, from the array shape, the cloud whose resourceManager is the endpoint given', () => {
        const body = [
            cloud('AzureCloud', 'https://management.azure.com/', 'https://login.microsoftonline.com/', 'a', 'p'),
            lab,
        ];
        // The trailing slash and the case of the host do not matter.
        assert.deepStrictEqual(parseCloudMetadata(body, 'https://MANAGEMENT.lab.example'), {
            name: 'LabCloud',
            loginEndpoint: 'https://login.lab.example',
            audience: 'https://management.core.lab.example/',
            portal: 'https://portal.lab.example',
        });
        assert.strictEqual(parseCloudMetadata(body, 'https://management.elsewhere.example/'), undefined);
    });

    it('takes the only cloud of an array, the 2019-05-01 single object, and the early 2015-01-01 shape', () => {
        const behindProxy = cloud('Lab', 'https://arm.internal/', 'https://login.lab.example', 'aud', 'portal');
        assert.strictEqual(parseCloudMetadata([behindProxy], arm)?.name, 'Lab');
        assert.strictEqual(parseCloudMetadata(lab, arm)?.loginEndpoint, 'https://login.lab.example');
        const stackHub = {
            galleryEndpoint: 'https://portal.local.azurestack.external:30015/',
            graphEndpoint: 'https://graph.windows.net/',
            portalEndpoint: 'https://portal.local.azurestack.external/',
            authentication: {
                loginEndpoint: 'https://login.windows.net/',
                audiences: ['https://management.contoso.onmicrosoft.com/3cc5febd-e4b7-4a85-a2ed-1d730e2f5928'],
            },
        };
        assert.deepStrictEqual(parseCloudMetadata(stackHub, 'https://management.local.azurestack.external/'), {
            name: undefined,
            loginEndpoint: 'https://login.windows.net/',
            audience: 'https://management.contoso.onmicrosoft.com/3cc5febd-e4b7-4a85-a2ed-1d730e2f5928',
            portal: 'https://portal.local.azurestack.external/',
        });
        assert.strictEqual(parseCloudMetadata('<html>', arm), undefined);
        assert.strictEqual(parseCloudMetadata([], arm), undefined);
    });

    it('fills in what the setting left out, and resolves to the metadata’s Entra endpoint, audience and portal', () => {
        const completed = completeCustomEnvironment({ resourceManagerEndpointUrl: arm }, parseCloudMetadata(lab, arm)!);
        assert.deepStrictEqual(missingVSCodeSignInFields(completed), []);
        const resolved = resolveCloud('custom', completed);
        assert.strictEqual(resolved.name, 'LabCloud');
        assert.strictEqual(resolved.resourceManagerEndpointUrl, arm);
        assert.strictEqual(resolved.activeDirectoryEndpointUrl, 'https://login.lab.example/');
        assert.strictEqual(resolved.activeDirectoryResourceId, 'https://management.core.lab.example/');
        assert.strictEqual(resolved.portalUrl, 'https://portal.lab.example');
        // Tokens are asked for the cloud's audience, as az does.
        assert.strictEqual(armScope(resolved), 'https://management.core.lab.example/.default');
    });

    it('keeps every value the user set over the metadata', () => {
        const mine = {
            name: 'Mine',
            resourceManagerEndpointUrl: arm,
            activeDirectoryEndpointUrl: 'https://login.mine.example/',
            portalUrl: 'https://portal.mine.example',
        };
        const completed = completeCustomEnvironment(mine, parseCloudMetadata(lab, arm)!);
        assert.deepStrictEqual(
            { ...completed },
            {
                ...mine,
                managementEndpointUrl: lab.authentication.audiences[0],
                activeDirectoryResourceId: lab.authentication.audiences[0],
            },
        );
    });

    it('leaves the Entra endpoint unset when the metadata names none, so resolving says what to set', () => {
        const noLogin = { ...lab, authentication: { audiences: ['https://aud/'] } };
        const completed = completeCustomEnvironment(
            { resourceManagerEndpointUrl: arm },
            parseCloudMetadata(noLogin, arm)!,
        );
        assert.strictEqual(completed.activeDirectoryEndpointUrl, undefined);
        assert.throws(() => resolveCloud('custom', completed), /activeDirectoryEndpointUrl/);
    });

    it('names the fields VS Code’s own sign-in needs in the setting', () => {
        assert.deepStrictEqual(missingVSCodeSignInFields({ resourceManagerEndpointUrl: arm }), [
            'name',
            'portalUrl',
            'managementEndpointUrl',
            'activeDirectoryEndpointUrl',
            'activeDirectoryResourceId',
        ]);
    });
});
