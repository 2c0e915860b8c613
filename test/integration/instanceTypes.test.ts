/**
 * Instance types through the product's code (src/azure/instanceTypes.ts): kubectl through AKS run-command with the
 * real @azure/arm-containerservice client, the compute's view through @azure/arm-machinelearning, each checked against
 * the emulator's state: aks-gpu-dev's types and nodes, the type no node fits, a GPU type created, a new default.
 */
import * as assert from 'assert';
import {
    applyInstanceType,
    computeInstanceTypes,
    deleteInstanceType,
    KubectlError,
    readClusterInstanceTypes,
    readInstanceTypeFits,
    readNodes,
    setDefaultInstanceType,
} from '../../src/azure/instanceTypes';
import { getCompute } from '../../src/azure/inventory';
import type { SubscriptionContext } from '../../src/azure/subscriptionContext';
import { fitOnNodes } from '../../src/domain/instanceTypeFit';
import { validateInstanceType, type InstanceType } from '../../src/domain/instanceTypes';
import type { RunningEmulator } from '../emulator/server';
import { ids, startTestEmulator, sub1, subscriptionContext } from './helpers';

const gpuMedium: InstanceType = {
    name: 'gpu-medium',
    nodeSelector: { accelerator: 'nvidia' },
    requests: { cpu: '3', memory: '24Gi' },
    limits: { cpu: '4', memory: '24Gi', gpu: '1' },
    isDefault: false,
    source: 'cluster',
};

interface StoredType {
    metadata: { name: string };
    spec: { nodeSelector?: Record<string, string>; resources: { requests: object; limits: object } };
}

describe('Instance types through the product (AKS run-command kubectl, the compute view)', () => {
    let em: RunningEmulator;
    let dev: SubscriptionContext;
    before(async () => {
        em = await startTestEmulator({ runCommandDelayMs: 0 });
        em.admin.setFaults({});
        dev = subscriptionContext(em, sub1, 'ML Platform Dev');
    });
    after(async () => em.stop());
    afterEach(() => em.admin.reset());

    const stored = (name: string) =>
        (em.admin.instanceTypes(ids.aksGpuDev) as unknown as StoredType[]).find((t) => t.metadata.name === name);
    const vision = { id: ids.wsVision, name: 'ws-vision', subscriptionId: sub1, resourceGroup: 'rg-ml-dev' };

    it("reads aks-gpu-dev's types (its defaultinstancetype replacing the built-in) and its nodes", async () => {
        const types = await readClusterInstanceTypes(dev, ids.aksGpuDev);
        assert.deepStrictEqual(
            types.map((t) => [t.name, t.source, t.isDefault]),
            [
                ['defaultinstancetype', 'cluster', true],
                ['gpu-quad', 'cluster', false],
                ['gpu-small', 'cluster', false],
                ['highmem-pool', 'cluster', false],
            ],
        );
        const nodes = await readNodes(dev, ids.aksGpuDev);
        assert.deepStrictEqual(
            nodes.map((n) => n.name),
            em.admin.nodes(ids.aksGpuDev).map((n) => n.metadata.name),
        );
        assert.ok(nodes.every((n) => n.ready));
        assert.deepStrictEqual(
            nodes.filter((n) => n.allocatable.gpu === '1').map((n) => n.labels.accelerator),
            ['nvidia', 'nvidia'],
        );
    });

    it('says which types fit the nodes and why the others never will', async () => {
        const [types, nodes] = await Promise.all([
            readClusterInstanceTypes(dev, ids.aksGpuDev),
            readNodes(dev, ids.aksGpuDev),
        ]);
        const summary = (name: string) =>
            fitOnNodes(
                types.find((t) => t.name === name)!,
                nodes,
            ).summary;
        assert.strictEqual(summary('gpu-small'), `fits on 2 of ${nodes.length} nodes`);
        assert.strictEqual(summary('gpu-quad'), 'no node has 4 GPUs (most: 1)');
        assert.strictEqual(summary('highmem-pool'), 'no node matches nodeSelector agentpool=highmem');
        assert.strictEqual(summary('defaultinstancetype'), `fits on ${nodes.length} of ${nodes.length} nodes`);
    });

    it('GPU nodes tainted sku=gpu keep AzureML jobs out; the documented amlarc taint does not', async () => {
        const context = { resourceGroup: 'rg-ml-dev', workspaceName: 'ws-vision', computeName: 'k8s-gpu' };
        const withTaint = (key: string, value: string) =>
            em.admin.setNodes(
                ids.aksGpuDev,
                em.admin
                    .nodes(ids.aksGpuDev)
                    .map((n) =>
                        n.metadata.labels.accelerator === 'nvidia'
                            ? { ...n, spec: { ...(n.spec as object), taints: [{ key, value, effect: 'NoSchedule' }] } }
                            : n,
                    ),
            );
        withTaint('sku', 'gpu');
        const tainted = await readInstanceTypeFits(dev, ids.aksGpuDev, context);
        const gpuNodes = tainted.nodes.filter((n) => n.labels.accelerator === 'nvidia').map((n) => n.name);
        assert.strictEqual(
            tainted.fits.get('gpu-small')?.summary,
            `2 nodes (${gpuNodes.join(', ')}) have the taint sku=gpu:NoSchedule, which AzureML jobs do not tolerate`,
        );
        withTaint('ml.azure.com/amlarc', 'true');
        const dedicated = await readInstanceTypeFits(dev, ids.aksGpuDev, context);
        assert.deepStrictEqual(dedicated.fits.get('gpu-small')?.fittingNodes, gpuNodes);
        withTaint('ml.azure.com/workspace', 'ws-nlp');
        const otherWorkspace = await readInstanceTypeFits(dev, ids.aksGpuDev, context);
        assert.match(
            otherWorkspace.fits.get('gpu-small')?.summary ?? '',
            /ml\.azure\.com\/workspace=ws-nlp:NoSchedule/,
        );
    });

    it('creates a GPU type from the YAML it emits; applying it again is unchanged; the compute shows it', async () => {
        assert.deepStrictEqual(validateInstanceType(gpuMedium), []);
        assert.strictEqual(await applyInstanceType(dev, ids.aksGpuDev, gpuMedium), 'created');
        assert.deepStrictEqual(stored('gpu-medium')?.spec, {
            nodeSelector: { accelerator: 'nvidia' },
            resources: {
                requests: { cpu: '3', memory: '24Gi' },
                limits: { cpu: '4', memory: '24Gi', 'nvidia.com/gpu': 1 },
            },
        });
        assert.strictEqual(await applyInstanceType(dev, ids.aksGpuDev, gpuMedium), 'unchanged');
        const changed = { ...gpuMedium, requests: { cpu: '3', memory: '20Gi' } };
        assert.strictEqual(await applyInstanceType(dev, ids.aksGpuDev, changed), 'configured');
        const compute = await getCompute(dev, vision, 'k8s-gpu');
        const shown = computeInstanceTypes(compute!).find((t) => t.name === 'gpu-medium');
        assert.deepStrictEqual(
            [shown?.source, shown?.requests, shown?.limits],
            ['compute', { cpu: '3', memory: '20Gi' }, { cpu: '4', memory: '24Gi', gpu: '1' }],
        );
        const nodes = await readNodes(dev, ids.aksGpuDev);
        assert.strictEqual(fitOnNodes(shown!, nodes).summary, `fits on 2 of ${nodes.length} nodes`);
    });

    it('sets a new default as defaultinstancetype, which the cluster and the compute then report', async () => {
        const bigger = {
            ...gpuMedium,
            nodeSelector: {},
            requests: { cpu: '500m', memory: '4Gi' },
            limits: { cpu: '2', memory: '8Gi' },
        };
        assert.strictEqual(await setDefaultInstanceType(dev, ids.aksGpuDev, bigger), 'configured');
        assert.deepStrictEqual(stored('defaultinstancetype')?.spec.resources, {
            requests: { cpu: '500m', memory: '4Gi' },
            limits: { cpu: '2', memory: '8Gi' },
        });
        const types = await readClusterInstanceTypes(dev, ids.aksGpuDev);
        assert.deepStrictEqual(types[0]?.requests, { cpu: '500m', memory: '4Gi' });
        assert.strictEqual(types.filter((t) => t.isDefault).length, 1);
        const compute = await getCompute(dev, vision, 'k8s-gpu');
        assert.strictEqual(compute?.defaultInstanceType, 'defaultinstancetype');
        const shownDefault = computeInstanceTypes(compute!)[0];
        assert.deepStrictEqual(
            [shownDefault?.name, shownDefault?.isDefault, shownDefault?.requests],
            ['defaultinstancetype', true, { cpu: '500m', memory: '4Gi' }],
        );
    });

    it('deletes a type, then says it is not found; deleting the override brings the built-in default back', async () => {
        assert.strictEqual(await deleteInstanceType(dev, ids.aksGpuDev, 'gpu-quad'), 'deleted');
        assert.strictEqual(stored('gpu-quad'), undefined);
        assert.strictEqual(await deleteInstanceType(dev, ids.aksGpuDev, 'gpu-quad'), 'notFound');
        await deleteInstanceType(dev, ids.aksGpuDev, 'defaultinstancetype');
        const types = await readClusterInstanceTypes(dev, ids.aksGpuDev);
        assert.deepStrictEqual(
            types.map((t) => [t.name, t.source]),
            [
                ['defaultinstancetype', 'built-in'],
                ['gpu-small', 'cluster'],
                ['highmem-pool', 'cluster'],
            ],
        );
    });

    it("what the API server refuses comes back in kubectl's words", async () => {
        const noCpuRequest = { ...gpuMedium, name: 'broken', requests: { memory: '1Gi' } };
        await assert.rejects(applyInstanceType(dev, ids.aksGpuDev, noCpuRequest), (error: unknown) => {
            assert.ok(error instanceof KubectlError);
            assert.strictEqual(
                error.message,
                'The InstanceType "broken" is invalid: spec.resources.requests.cpu: Required value',
            );
            return true;
        });
        assert.strictEqual(stored('broken'), undefined);
    });

    it('a cluster without the AzureML extension has no InstanceType resources; Arc is not reached', async () => {
        await assert.rejects(
            readClusterInstanceTypes(dev, ids.aksCpuNoExt),
            /no instancetypes\.amlarc\.azureml\.com resources: the AzureML extension installs them\. kubectl said: error: the server doesn't have a resource type "instancetypes"/,
        );
        await assert.rejects(readNodes(dev, ids.arcOnprem), /only on AKS clusters/);
    });
});
