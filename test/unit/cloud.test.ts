import * as assert from 'assert';
import {
    armScope,
    CloudConfigurationError,
    portalResourceUrl,
    resolveCloud,
    studioWorkspaceUrl,
} from '../../src/domain/cloud';

describe('cloud settings', () => {
    it('uses the public cloud when no environment is set', () => {
        const cloud = resolveCloud(undefined, undefined);
        assert.strictEqual(cloud.resourceManagerEndpointUrl, 'https://management.azure.com/');
        assert.strictEqual(cloud.studioUrl, 'https://ml.azure.com');
        assert.strictEqual(armScope(cloud), 'https://management.azure.com/.default');
    });

    it('knows the sovereign clouds by their setting names', () => {
        assert.strictEqual(resolveCloud('USGovernment', undefined).portalUrl, 'https://portal.azure.us');
        assert.strictEqual(
            resolveCloud('ChinaCloud', undefined).activeDirectoryEndpointUrl,
            'https://login.chinacloudapi.cn/',
        );
    });

    it('reads a custom cloud, accepting managementEndpointUrl when resourceManagerEndpointUrl is absent', () => {
        const cloud = resolveCloud('custom', {
            name: 'Lab',
            managementEndpointUrl: 'https://127.0.0.1:10443',
            activeDirectoryEndpointUrl: 'https://127.0.0.1:10443',
            portalUrl: 'https://127.0.0.1:10443/portal/',
        });
        assert.strictEqual(cloud.resourceManagerEndpointUrl, 'https://127.0.0.1:10443/');
        assert.strictEqual(cloud.portalUrl, 'https://127.0.0.1:10443/portal');
        assert.strictEqual(cloud.isCustom, true);
        assert.strictEqual(cloud.studioUrl, undefined);
        assert.strictEqual(armScope(cloud), 'https://127.0.0.1:10443/.default');
    });

    it('rejects a custom cloud without https endpoints, and unknown cloud names', () => {
        assert.throws(
            () => resolveCloud('custom', { resourceManagerEndpointUrl: 'http://x' }),
            CloudConfigurationError,
        );
        assert.throws(() => resolveCloud('custom', undefined), CloudConfigurationError);
        assert.throws(() => resolveCloud('Mars', undefined), /Unknown cloud "Mars"/);
    });

    it('lets the studio address be set for any cloud', () => {
        assert.strictEqual(
            resolveCloud(undefined, undefined, ' https://studio.example/ ').studioUrl,
            'https://studio.example',
        );
    });

    it('builds portal and studio links', () => {
        const cloud = resolveCloud(undefined, undefined);
        const id = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws';
        assert.strictEqual(
            portalResourceUrl(cloud, 't1', id, 'overview'),
            `https://portal.azure.com/#@t1/resource${id}/overview`,
        );
        assert.strictEqual(
            studioWorkspaceUrl(cloud, 't1', id, 'k8s'),
            `https://ml.azure.com/compute/k8s/details?wsid=${encodeURIComponent(id)}&tid=t1`,
        );
        assert.strictEqual(
            studioWorkspaceUrl(
                resolveCloud('custom', {
                    resourceManagerEndpointUrl: 'https://a',
                    activeDirectoryEndpointUrl: 'https://b',
                }),
                't',
                id,
            ),
            undefined,
        );
    });
});
