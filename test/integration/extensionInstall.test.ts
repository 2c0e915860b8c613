/**
 * The product's AzureML extension code (src/azure/extensionOperations.ts, the settings rules, the follow loop) through
 * @azure/arm-kubernetesconfiguration against the emulator: the cluster facts the CLI reads, the permission check, an
 * install on the bare AKS cluster followed to Succeeded, a settings update, a cluster too small ending Failed with the
 * service's error in full, and the uninstall followed until the extension is gone.
 */

import * as assert from 'assert';
import {
    getAzureMlExtension,
    missingInstallPermissions,
    readClusterFacts,
    readExtension,
    startInstall,
    startSettingsUpdate,
    startUninstall,
} from '../../src/azure/extensionOperations';
import { getCluster } from '../../src/azure/inventory';
import { ensureRelay, relaySettings } from '../../src/azure/relaySetup';
import type { SubscriptionContext } from '../../src/azure/subscriptionContext';
import { choiceFromSettings, configurationSettings, type ExtensionChoice } from '../../src/domain/extensionSettings';
import { settingsPatch } from '../../src/domain/extensionUpdate';
import type { ClusterInfo } from '../../src/domain/models';
import { ExtensionFollower, type ExtensionOperation } from '../../src/follow/extensionFollower';
import { defaultWorld, type RunningEmulator } from '../emulator';
import { ids, spObjectId, startTestEmulator, sub1, subscriptionContext } from './helpers';

const inference: ExtensionChoice = {
    purpose: 'both',
    routerServiceType: 'LoadBalancer',
    allowInsecureConnections: true,
    internalLoadBalancer: false,
    sslSecret: undefined,
    sslCname: undefined,
    nodeSelector: {},
};

describe('Install, update and uninstall the AzureML extension through the product code', () => {
    let em: RunningEmulator;
    let dev: SubscriptionContext;
    let cluster: ClusterInfo;
    before(async () => {
        em = await startTestEmulator({ provisioningDelayMs: 150 });
        em.admin.setFaults({});
        dev = subscriptionContext(em, sub1, 'Dev');
    });
    after(async () => em.stop());
    beforeEach(async () => {
        em.admin.reset();
        cluster = (await getCluster(dev, ids.aksCpuNoExt))!;
    });

    const follow = (operation: ExtensionOperation, name = 'azureml') =>
        new ExtensionFollower<string>({ read: () => readExtension(dev, cluster, name), intervalMs: () => 50 }).follow({
            key: cluster.id.toLowerCase(),
            operation,
            context: name,
        });

    it('installs on the bare AKS cluster with the settings the CLI would send, followed to Succeeded', async () => {
        const facts = await readClusterFacts(dev, cluster);
        assert.deepStrictEqual([facts.kind, facts.nodeCount, facts.location], ['aks', 3, 'eastus']);
        assert.deepStrictEqual(await missingInstallPermissions(dev, cluster), []);
        assert.strictEqual(await getAzureMlExtension(dev, cluster), undefined);
        await startInstall(dev, cluster, {
            name: 'azureml',
            releaseTrain: 'stable',
            configurationSettings: configurationSettings(inference, facts),
            configurationProtectedSettings: {},
        });
        assert.strictEqual((await readExtension(dev, cluster, 'azureml'))?.provisioningState, 'Creating');
        const end = await follow('install');
        assert.strictEqual(end.kind, 'succeeded');
        const installed = (await getAzureMlExtension(dev, cluster))!;
        assert.strictEqual(installed.provisioningState, 'Succeeded');
        assert.strictEqual(installed.autoUpgradeMinorVersion, true);
        assert.ok(installed.currentVersion, 'the service reports the version it installed');
        assert.deepStrictEqual(choiceFromSettings(installed.configurationSettings), inference);
        assert.strictEqual(installed.configurationSettings['relayserver.enabled'], 'false');

        // Update Settings: inference off, a node selector added; only the changes are sent.
        const patch = settingsPatch(
            installed.configurationSettings,
            { purpose: 'training', nodeSelector: { agentpool: 'cpu' } },
            facts,
        );
        assert.strictEqual(patch.refusal, undefined);
        await startSettingsUpdate(dev, cluster, installed.name, patch.configurationSettings);
        assert.strictEqual((await follow('update')).kind, 'succeeded');
        const updated = (await getAzureMlExtension(dev, cluster))!;
        assert.strictEqual(updated.configurationSettings.enableInference, 'False');
        assert.strictEqual(updated.configurationSettings['nodeSelector.agentpool'], 'cpu');

        await startUninstall(dev, cluster, installed.name);
        assert.strictEqual((await follow('uninstall')).kind, 'succeeded');
        assert.strictEqual(await getAzureMlExtension(dev, cluster), undefined);
    });

    it('a cluster too small ends Failed, and the follower hands over the service’s error in full', async () => {
        const resource = em.admin.getResource(ids.aksCpuNoExt)!;
        const props = resource.properties as { agentPoolProfiles: { count: number; vmSize: string }[] };
        props.agentPoolProfiles = props.agentPoolProfiles.map((p) => ({ ...p, count: 1, vmSize: 'Standard_B2s' }));
        em.admin.upsertResource(resource);
        const facts = await readClusterFacts(dev, cluster);
        assert.strictEqual(facts.nodeCount, 1);
        const settings = configurationSettings({ purpose: 'training' }, facts);
        assert.deepStrictEqual([settings.clusterPurpose, settings.inferenceRouterHA], ['DevTest', 'false']);
        await startInstall(dev, cluster, {
            name: 'azureml',
            releaseTrain: 'stable',
            configurationSettings: settings,
            configurationProtectedSettings: {},
        });
        const end = await follow('install');
        assert.strictEqual(end.kind, 'failed');
        assert.match(
            end.kind === 'failed' ? (end.extension.error ?? '') : '',
            /vCPU.*needs at least 4 vCPU and 14 GB/s,
        );
    });

    it('names the missing permission for a caller with Reader only', async () => {
        const assignments = em.admin.state().resources as {
            id: string;
            properties?: { principalId?: string; scope?: string };
        }[];
        const owner = assignments.find(
            (r) => r.properties?.principalId === spObjectId && r.properties?.scope === `/subscriptions/${sub1}`,
        );
        em.admin.deleteResource(owner!.id);
        em.admin.upsertResource({
            id: `/subscriptions/${sub1}/providers/Microsoft.Authorization/roleAssignments/9d1f0000-0000-4000-8000-0000000000aa`,
            name: '9d1f0000-0000-4000-8000-0000000000aa',
            type: 'Microsoft.Authorization/roleAssignments',
            properties: {
                roleDefinitionId: `/subscriptions/${sub1}/providers/Microsoft.Authorization/roleDefinitions/${defaultWorld.roles.reader.id}`,
                principalId: spObjectId,
                principalType: 'ServicePrincipal',
                scope: `/subscriptions/${sub1}`,
            },
        });
        const reader = subscriptionContext(em, sub1, 'Dev');
        assert.deepStrictEqual(await missingInstallPermissions(reader, cluster), [
            { action: 'Microsoft.KubernetesConfiguration/extensions/write', scope: cluster.id },
        ]);
    });

    it('Arc: creates the relay as the CLI does (then reuses it) and passes its connection string as a protected setting only', async () => {
        const arcId = defaultWorld.clusters.arcEdgeLab.id;
        em.admin.deleteResource(`${arcId}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`);
        const arc = (await getCluster(dev, arcId))!;
        const facts = await readClusterFacts(dev, arc);
        assert.deepStrictEqual([facts.kind, facts.nodeCount], ['arc', 1]);
        const steps: string[] = [];
        const relay = await ensureRelay(dev, facts, (step) => steps.push(step));
        assert.deepStrictEqual(steps, ['namespace', 'hybridConnection', 'authorizationRule', 'keys']);
        assert.strictEqual(relay.created, true);
        assert.match(
            relay.hybridConnectionId,
            /\/resourceGroups\/rg-arc-dev\/providers\/Microsoft\.Relay\/namespaces\/arcedgelab.*\/hybridConnections\/arc-edge-lab$/i,
        );
        assert.match(relay.connectionString, /SharedAccessKeyName=azureml_rw;SharedAccessKey=/);
        const again = await ensureRelay(dev, facts);
        assert.deepStrictEqual([again.created, again.connectionString], [false, relay.connectionString]);

        const { settings, protectedSettings } = relaySettings(relay);
        await startInstall(dev, arc, {
            name: 'azureml',
            releaseTrain: 'stable',
            configurationSettings: { ...configurationSettings({ purpose: 'training' }, facts), ...settings },
            configurationProtectedSettings: protectedSettings,
        });
        const end = await new ExtensionFollower<string>({
            read: () => readExtension(dev, arc, 'azureml'),
            intervalMs: () => 50,
        }).follow({ key: arcId.toLowerCase(), operation: 'install', context: 'azureml' });
        assert.strictEqual(end.kind, 'succeeded');
        const read = (await getAzureMlExtension(dev, arc))!;
        assert.ok(!JSON.stringify(read).includes('SharedAccessKey'), 'the read-back carries no secret');
        assert.ok(read.protectedSettingNames.includes('relayServerConnectionString'));
        assert.strictEqual(read.configurationSettings['relayserver.enabled'], 'true');
        const stored = em.admin.getResource(`${arcId}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`);
        const secret = (stored?.properties as { configurationProtectedSettings: Record<string, string> })
            .configurationProtectedSettings.relayServerConnectionString;
        assert.strictEqual(secret, relay.connectionString, 'the service got the connection string');
        const logged = JSON.stringify(em.admin.requests());
        assert.ok(!logged.includes(relay.connectionString), 'not even the emulator’s request log holds it');
    });

    it('repairs the fixture’s Failed Arc extension with a PUT over it, under its own name', async () => {
        const arcId = defaultWorld.clusters.arcEdgeLab.id;
        const arc = (await getCluster(dev, arcId))!;
        const failed = (await getAzureMlExtension(dev, arc))!;
        assert.strictEqual(failed.provisioningState, 'Failed');
        assert.ok(failed.error, 'the Failed extension carries the service’s error');
        const facts = await readClusterFacts(dev, arc);
        const { settings, protectedSettings } = relaySettings(await ensureRelay(dev, facts));
        em.admin.clearRequests();
        await startInstall(dev, arc, {
            name: failed.name,
            releaseTrain: 'stable',
            configurationSettings: { ...configurationSettings({ purpose: 'training' }, facts), ...settings },
            configurationProtectedSettings: protectedSettings,
        });
        const put = em.admin.requests().find((r) => r.method === 'PUT' && r.path.includes('/extensions/'));
        assert.strictEqual(put?.status, 200, 'a PUT over an existing extension answers 200');
        const end = await new ExtensionFollower<string>({
            read: () => readExtension(dev, arc, failed.name),
            intervalMs: () => 50,
        }).follow({ key: arcId.toLowerCase(), operation: 'install', context: failed.name });
        assert.strictEqual(end.kind, 'succeeded');
        assert.strictEqual((await getAzureMlExtension(dev, arc))?.error, undefined);
    });
});
