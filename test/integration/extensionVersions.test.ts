/**
 * The AzureML extension's versions: the product's listing (src/azure/extensionVersions.ts, through the
 * @azure/arm-kubernetesconfiguration client's pipeline) against the emulator, and the emulator's extension-type
 * version routes in each published shape, as any other client of the spec calls them.
 */

import * as assert from 'assert';
import {
    getAzureMlExtension,
    readClusterFacts,
    readExtension,
    startInstall,
} from '../../src/azure/extensionOperations';
import { listExtensionVersions } from '../../src/azure/extensionVersions';
import { describeAzureError } from '../../src/azure/errors';
import { getCluster } from '../../src/azure/inventory';
import { configurationSettings } from '../../src/domain/extensionSettings';
import { ExtensionFollower } from '../../src/follow/extensionFollower';
import type { RunningEmulator } from '../emulator';
import { armToken, ids, raw, startTestEmulator, sub1, subscriptionContext } from './helpers';

const typePath = 'providers/Microsoft.KubernetesConfiguration/extensionTypes/microsoft.azureml.kubernetes/versions';
const locationPath = `/subscriptions/${sub1}/providers/Microsoft.KubernetesConfiguration/locations/eastus/extensionTypes/Microsoft.AzureML.Kubernetes/versions`;

describe('AzureML extension versions', () => {
    let em: RunningEmulator;
    let token: string;
    before(async () => {
        em = await startTestEmulator({ provisioningDelayMs: 100 });
        em.admin.setFaults({});
        token = await armToken(em);
    });
    after(async () => em.stop());
    afterEach(() => em.admin.reset());

    it('lists every stable version on the bare AKS cluster, newest first, across pages', async () => {
        em.admin.setOptions({ pageSize: 4 });
        em.admin.clearRequests();
        const dev = subscriptionContext(em, sub1, 'Dev');
        const versions = await listExtensionVersions(dev, ids.aksCpuNoExt, 'stable');
        assert.strictEqual(versions[0], '1.1.39', 'the newest of the release notes comes first');
        assert.ok(versions.includes('1.1.5') && versions.length >= 17, `all of them: ${versions.join(', ')}`);
        assert.deepStrictEqual(
            versions.slice(0, 4),
            ['1.1.39', '1.1.37', '1.1.35', '1.1.34'],
            'in version order, not as the service lists them',
        );
        const pages = em.admin.requests().filter((r) => r.path.endsWith('/versions'));
        assert.ok(pages.length >= 5, `followed nextLink over ${pages.length} pages`);
        assert.ok(pages.every((r) => r.query['api-version'] === '2026-04-01' && r.query.releaseTrain === 'stable'));
    });

    it('a version picked from the list installs pinned, and the service installs exactly it', async () => {
        const dev = subscriptionContext(em, sub1, 'Dev');
        const cluster = (await getCluster(dev, ids.aksCpuNoExt))!;
        const pinned = (await listExtensionVersions(dev, cluster.id, 'stable'))[2];
        await startInstall(dev, cluster, {
            name: 'azureml',
            releaseTrain: 'stable',
            version: pinned,
            configurationSettings: configurationSettings(
                { purpose: 'training', nodeSelector: {} },
                await readClusterFacts(dev, cluster),
            ),
            configurationProtectedSettings: {},
        });
        const end = await new ExtensionFollower<string>({
            read: () => readExtension(dev, cluster, 'azureml'),
            intervalMs: () => 30,
        }).follow({ key: cluster.id.toLowerCase(), operation: 'install', context: 'azureml' });
        assert.strictEqual(end.kind, 'succeeded');
        const installed = (await getAzureMlExtension(dev, cluster))!;
        assert.deepStrictEqual([installed.currentVersion, installed.autoUpgradeMinorVersion], [pinned, false]);
    });

    it('explains a cluster that is gone, in the words the product shows', async () => {
        const dev = subscriptionContext(em, sub1, 'Dev');
        const gone = ids.aksCpuNoExt.replace(/aks-cpu-noext$/, 'aks-was-deleted');
        const error = await listExtensionVersions(dev, gone, 'stable').then(
            () => undefined,
            (e: unknown) => e,
        );
        const info = describeAzureError(error);
        assert.deepStrictEqual([info.status, info.code], [404, 'ResourceNotFound']);
        assert.match(info.message, /managedClusters\/aks-was-deleted' under resource group/);
    });

    it('answers each api-version in its own shape, as the extensionTypes spec files publish them', async () => {
        const cluster = `${ids.aksCpuNoExt}/${typePath}`;
        const perVersion = await raw(em, 'GET', `${cluster}?api-version=2023-05-01-preview&showLatest=true`, { token });
        assert.strictEqual(perVersion.status, 200);
        assert.deepStrictEqual(
            perVersion.body.value.map((v: { name: string; properties: { version: string } }) => v.properties.version),
            ['1.1.39'],
        );
        const one = await raw(em, 'GET', `${cluster}/1.1.35?api-version=2024-11-01-preview`, { token });
        assert.strictEqual(one.body.properties.version, '1.1.35');
        const grouped = await raw(em, 'GET', `${locationPath}?api-version=2022-01-15-preview`, { token });
        assert.deepStrictEqual(
            grouped.body.value.map((t: { releaseTrain: string }) => t.releaseTrain),
            ['stable', 'preview'],
        );
        assert.strictEqual(grouped.body.value[0].versions.at(-1), '1.1.39', 'oldest first, as the spec example');
        const older = await raw(em, 'GET', `${locationPath}?api-version=2021-05-01-preview`, { token });
        assert.ok(Array.isArray(older.body.versions) && older.body.value === undefined, 'under "versions" then');
        const noClusterRoute = await raw(em, 'GET', `${cluster}?api-version=2022-01-15-preview`, { token });
        assert.strictEqual(noClusterRoute.status, 404, 'the cluster route came with 2023-05-01-preview');
        const unpublished = await raw(em, 'GET', `${cluster}?api-version=2022-03-01`, { token });
        assert.strictEqual(unpublished.status, 400);
        assert.strictEqual(unpublished.body.error.code, 'NoRegisteredProviderFound');
        assert.match(unpublished.body.error.message, /2026-05-01.*2021-05-01-preview/);
        const badTrain = await raw(em, 'GET', `${cluster}?api-version=2026-04-01&releaseTrain=nightly`, { token });
        assert.strictEqual(badTrain.status, 400);
    });
});
