import * as assert from 'assert';
import {
    cautions,
    choiceFromSettings,
    configurationSettings,
    parseNodeSelector,
    refusals,
    type ClusterFacts,
    type ExtensionChoice,
} from '../../src/domain/extensionSettings';
import { settingsPatch, updateWarning } from '../../src/domain/extensionUpdate';

const aks: ClusterFacts = {
    id: '/subscriptions/11111111-1111-4111-8111-111111111111/resourceGroups/rg-aks-dev/providers/Microsoft.ContainerService/managedClusters/aks-cpu-noext',
    name: 'aks-cpu-noext',
    kind: 'aks',
    location: 'EastUS',
    nodeCount: 3,
};
const arc: ClusterFacts = {
    id: '/subscriptions/11111111-1111-4111-8111-111111111111/resourceGroups/rg-arc-dev/providers/Microsoft.Kubernetes/connectedClusters/arc-edge-lab',
    name: 'arc-edge-lab',
    kind: 'arc',
    location: 'westeurope',
    nodeCount: 1,
    distribution: 'OpenShift',
};
const inference: ExtensionChoice = {
    purpose: 'inference',
    routerServiceType: 'LoadBalancer',
    allowInsecureConnections: true,
};
const refusedSettings = (choice: ExtensionChoice) => refusals(choice).map((r) => r.setting);

describe('AzureML extension settings: the CLI validator’s rules', () => {
    it('refuses an extension that enables neither training nor inference, and accepts training alone', () => {
        assert.deepStrictEqual(refusedSettings({}), ['purpose']);
        assert.match(refusals({})[0].message, /training, inference or both/);
        assert.match(refusals({})[0].source, /AzureMLKubernetes\.py/);
        assert.deepStrictEqual(refusals({ purpose: 'training' }), []);
    });

    it('inference needs a router service type', () => {
        assert.deepStrictEqual(refusedSettings({ purpose: 'both', allowInsecureConnections: true }), [
            'routerServiceType',
        ]);
        assert.deepStrictEqual(refusals(inference), []);
    });

    it('inference needs HTTPS (sslSecret with sslCname) or allowInsecureConnections', () => {
        const https = { purpose: 'inference', routerServiceType: 'ClusterIP' } as const;
        assert.deepStrictEqual(refusedSettings(https), ['allowInsecureConnections']);
        assert.deepStrictEqual(refusedSettings({ ...https, sslSecret: 'azureml-fe-tls' }), ['sslCname']);
        assert.deepStrictEqual(refusals({ ...https, sslSecret: 'azureml-fe-tls', sslCname: 'ml.contoso.com' }), []);
    });

    it('NodePort and an internal load balancer exclude each other, and say why', () => {
        const choice: ExtensionChoice = { ...inference, routerServiceType: 'NodePort', internalLoadBalancer: true };
        assert.deepStrictEqual(refusedSettings(choice), ['internalLoadBalancer']);
        assert.match(refusals(choice)[0].message, /NodePort router is reached on the nodes/);
        assert.deepStrictEqual(refusals({ ...choice, routerServiceType: 'LoadBalancer' }), []);
    });

    it('training ignores the inference settings', () => {
        assert.deepStrictEqual(
            refusals({ purpose: 'training', routerServiceType: 'NodePort', internalLoadBalancer: true }),
            [],
        );
    });

    it('checks node selector labels as Kubernetes does', () => {
        assert.deepStrictEqual(parseNodeSelector('agentpool=gpu, kubernetes.io/os=linux'), {
            selector: { agentpool: 'gpu', 'kubernetes.io/os': 'linux' },
        });
        assert.match((parseNodeSelector('gpu') as { problem: string }).problem, /not key=value/);
        assert.match((parseNodeSelector('-bad=x') as { problem: string }).problem, /not a Kubernetes label key/);
        assert.match((parseNodeSelector('pool=-gpu') as { problem: string }).problem, /label value/);
        assert.deepStrictEqual(refusedSettings({ purpose: 'training', nodeSelector: { 'a/b/c': 'x' } }), [
            'nodeSelector',
        ]);
    });

    it('cautions where the CLI warns: internal load balancer on Arc, plain HTTP', () => {
        assert.deepStrictEqual(cautions({ ...inference, internalLoadBalancer: true }, 'arc').length, 2);
        assert.deepStrictEqual(cautions({ purpose: 'training' }, 'arc'), []);
    });
});

describe('AzureML extension settings: what the CLI sets on the client', () => {
    it('an AKS cluster of 3 nodes: relay off, nginx on, no DevTest, the cluster named', () => {
        const settings = configurationSettings({ purpose: 'training' }, aks);
        assert.strictEqual(settings.enableTraining, 'True');
        assert.strictEqual(settings.enableInference, 'False');
        assert.strictEqual(settings['relayserver.enabled'], 'false');
        assert.strictEqual(settings['nginxIngress.enabled'], 'true');
        assert.strictEqual(settings['servicebus.enabled'], 'false');
        assert.strictEqual(settings.clusterPurpose, undefined);
        assert.strictEqual(settings.cluster_name, aks.id);
        assert.strictEqual(settings.clusterId, aks.id);
        assert.strictEqual(settings.location, 'eastus');
        assert.strictEqual(settings.domain, 'eastus.cloudapp.azure.com');
        assert.strictEqual(settings.cluster_name_friendly, 'aks-cpu-noext');
        assert.strictEqual(settings.inferenceRouterServiceType, undefined);
    });

    it('an Arc cluster under 3 nodes: relay on, DevTest without router HA, openshift', () => {
        const settings = configurationSettings({ ...inference, nodeSelector: { pool: 'ml' } }, arc);
        assert.strictEqual(settings['relayserver.enabled'], 'true');
        assert.strictEqual(settings['nginxIngress.enabled'], 'false');
        assert.strictEqual(settings.clusterPurpose, 'DevTest');
        assert.strictEqual(settings.inferenceRouterHA, 'false');
        assert.strictEqual(settings.openshift, 'true');
        assert.strictEqual(settings.inferenceRouterServiceType, 'LoadBalancer');
        assert.strictEqual(settings.allowInsecureConnections, 'True');
        assert.strictEqual(settings['nodeSelector.pool'], 'ml');
    });

    it('sets the router flags the CLI derives (NodePort, internal load balancer)', () => {
        const nodePort = configurationSettings({ ...inference, routerServiceType: 'NodePort' }, aks);
        assert.strictEqual(nodePort['scoringFe.serviceType.nodePort'], 'True');
        const ilb = configurationSettings({ ...inference, internalLoadBalancer: true }, aks);
        assert.strictEqual(ilb.internalLoadBalancerProvider, 'azure');
        assert.strictEqual(ilb['scoringFe.serviceType.internalLoadBalancer'], 'True');
    });

    it('reads an installed extension’s settings back as the choice that made them', () => {
        const choice: ExtensionChoice = {
            ...inference,
            purpose: 'both',
            internalLoadBalancer: true,
            nodeSelector: { pool: 'ml' },
        };
        assert.deepStrictEqual(choiceFromSettings(configurationSettings(choice, aks)), {
            ...choice,
            sslSecret: undefined,
            sslCname: undefined,
        });
    });
});

describe('AzureML extension update: the patch and the CLI’s warnings', () => {
    const installed = configurationSettings({ purpose: 'training', nodeSelector: { pool: 'ml' } }, aks);

    it('turning on inference sends only what changes, and warns for online endpoints', () => {
        const patch = settingsPatch(installed, { ...inference, purpose: 'both', nodeSelector: { pool: 'ml' } }, aks);
        assert.deepStrictEqual(patch.configurationSettings, {
            enableInference: 'True',
            inferenceRouterServiceType: 'LoadBalancer',
            allowInsecureConnections: 'True',
        });
        assert.strictEqual(patch.refusal, undefined);
        assert.deepStrictEqual(updateWarning(patch.configurationSettings)?.impacts, [
            'online endpoints and deployments',
        ]);
    });

    it('switching training off warns for jobs; no change warns of nothing', () => {
        const both = configurationSettings({ ...inference, purpose: 'both', nodeSelector: { pool: 'ml' } }, aks);
        const patch = settingsPatch(both, { ...inference, nodeSelector: { pool: 'ml' } }, aks);
        assert.deepStrictEqual(patch.configurationSettings, { enableTraining: 'False' });
        assert.deepStrictEqual(updateWarning(patch.configurationSettings), {
            impacts: ['jobs'],
            changes: ['enableTraining from True to False'],
        });
        assert.strictEqual(
            updateWarning(settingsPatch(both, choiceFromSettings(both), aks).configurationSettings),
            undefined,
        );
    });

    it('leaving NodePort switches its flag off; a node selector change warns for both', () => {
        const nodePort = configurationSettings({ ...inference, routerServiceType: 'NodePort' }, aks);
        const patch = settingsPatch(nodePort, { ...inference, nodeSelector: { zone: 'a' } }, aks);
        assert.strictEqual(patch.configurationSettings['scoringFe.serviceType.nodePort'], 'False');
        assert.strictEqual(patch.configurationSettings.inferenceRouterServiceType, 'LoadBalancer');
        assert.deepStrictEqual(updateWarning(patch.configurationSettings)?.impacts, [
            'jobs',
            'online endpoints and deployments',
        ]);
    });

    it('turning inference off sends only enableInference, leaving the router settings as they were', () => {
        const both = configurationSettings({ ...inference, purpose: 'both' }, aks);
        const patch = settingsPatch(both, { purpose: 'training' }, aks);
        assert.deepStrictEqual(patch.configurationSettings, { enableInference: 'False' });
        assert.deepStrictEqual(updateWarning(patch.configurationSettings)?.impacts, [
            'online endpoints and deployments',
        ]);
    });

    it('refuses removing a node selector the extension has, as the CLI says it cannot', () => {
        const patch = settingsPatch(installed, { purpose: 'training' }, aks);
        assert.match(patch.refusal ?? '', /cannot remove a node selector .*\(pool\)/);
    });
});
