import * as assert from 'assert';
import { defaultWorld } from '../emulator';
import type { RunningEmulator } from '../emulator/server';
import { clients, ids, startTestEmulator, sub4 } from './helpers';
import { contextOf } from './runCommandZip';

interface ArmInstanceType {
    nodeSelector: Record<string, string> | null;
    resources: { requests: Record<string, string>; limits: Record<string, string | null> };
}

interface NodeJson {
    metadata: { name: string; labels: Record<string, string> };
    status: { allocatable: Record<string, string>; conditions: { type: string; status: string }[] };
}

const gpuMedium = (memory: string) => `apiVersion: amlarc.azureml.com/v1alpha1
kind: InstanceType
metadata:
  name: gpu-medium   # one V100
spec:
  nodeSelector:
    accelerator: nvidia
  resources:
    requests:
      cpu: "3"
      memory: "${memory}"
    limits:
      cpu: 4
      memory: "${memory}"
      nvidia.com/gpu: 1
`;

describe('Instance types and nodes (AKS runCommand kubectl, the compute view)', () => {
    let em: RunningEmulator;
    before(async () => {
        em = await startTestEmulator();
        em.admin.setFaults({});
    });
    after(async () => em.stop());
    afterEach(() => em.admin.reset());

    const run = (command: string, files?: Record<string, string>, method: 0 | 8 = 0) =>
        clients(em).aks.managedClusters.runCommand('rg-aks-dev', 'aks-gpu-dev', {
            command,
            ...(files ? { context: contextOf(files, method) } : {}),
        });
    const gpuCompute = async () => {
        const c = await clients(em).ml.computeOperations.get('rg-ml-dev', 'ws-vision', 'k8s-gpu');
        return (
            c.properties as {
                properties: { defaultInstanceType: string; instanceTypes: Record<string, ArmInstanceType> };
            }
        ).properties;
    };
    const names = (logs: string | undefined) =>
        (JSON.parse(logs ?? '') as { items: { metadata: { name: string } }[] }).items.map((i) => i.metadata.name);

    it("lists aks-gpu-dev's InstanceType resources as kubectl does: the table, a v1 List, one by name", async () => {
        const table = await run('kubectl get instancetypes');
        assert.strictEqual(table.exitCode, 0);
        assert.deepStrictEqual(
            (table.logs ?? '').split('\n').map((l) => l.split(/\s+/)[0]),
            ['NAME', 'defaultinstancetype', 'gpu-quad', 'gpu-small', 'highmem-pool', ''],
        );
        const bare = await run('kubectl get instancetype --no-headers');
        assert.match(bare.logs ?? '', /^defaultinstancetype\s+\d+d\ngpu-quad\s/);
        const list = await run('kubectl get instancetypes.amlarc.azureml.com -o json');
        const body = JSON.parse(list.logs ?? '');
        assert.strictEqual(body.kind, 'List');
        assert.deepStrictEqual(names(list.logs), ['defaultinstancetype', 'gpu-quad', 'gpu-small', 'highmem-pool']);
        const quad = await run(`kubectl get instancetype ${defaultWorld.instanceTypes.gpuQuad.name} -o json`);
        const item = JSON.parse(quad.logs ?? '');
        assert.strictEqual(item.apiVersion, 'amlarc.azureml.com/v1alpha1');
        assert.strictEqual(item.kind, 'InstanceType');
        assert.deepStrictEqual(item.spec.nodeSelector, { accelerator: 'nvidia' });
        assert.strictEqual(item.spec.resources.limits['nvidia.com/gpu'], 4);
        const missing = await run('kubectl get instancetype gpu-octo');
        assert.strictEqual(missing.exitCode, 1);
        assert.strictEqual(
            missing.logs,
            'Error from server (NotFound): instancetypes.amlarc.azureml.com "gpu-octo" not found\n',
        );
    });

    it("lists the nodes the cluster's agent pools give, with AKS's allocatable after reservations", async () => {
        const cluster = await clients(em).aks.managedClusters.get('rg-aks-dev', 'aks-gpu-dev');
        const result = await run('kubectl get nodes -o json');
        const nodes = (JSON.parse(result.logs ?? '') as { items: NodeJson[] }).items;
        const pools = cluster.agentPoolProfiles ?? [];
        assert.strictEqual(
            nodes.length,
            pools.reduce((n, p) => n + (p.count ?? 0), 0),
        );
        const gpu = nodes.filter((n) => n.metadata.labels.accelerator === 'nvidia');
        assert.deepStrictEqual(
            gpu.map((n) => [n.metadata.labels.agentpool, n.metadata.labels['node.kubernetes.io/instance-type']]),
            [
                ['gpu', 'Standard_NC6s_v3'],
                ['gpu', 'Standard_NC6s_v3'],
            ],
        );
        // 6 vCPU less 160m; 112 GiB less min(20 MiB x 110 pods + 50 MiB, 25%) and the 100Mi eviction threshold.
        assert.deepStrictEqual(gpu[0].status.allocatable, {
            cpu: '5840m',
            memory: `${112 * 1024 * 1024 - 2250 * 1024 - 100 * 1024}Ki`,
            'nvidia.com/gpu': '1',
            pods: '110',
        });
        const system = nodes.find((n) => n.metadata.labels.agentpool === 'system');
        assert.strictEqual(system?.status.allocatable.cpu, '3860m');
        assert.strictEqual(system?.status.allocatable['nvidia.com/gpu'], undefined);
        assert.strictEqual(system?.metadata.labels['kubernetes.io/hostname'], system?.metadata.name);
        assert.ok(system?.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True'));
        const table = await run('kubectl get nodes -l accelerator=nvidia');
        assert.match(
            table.logs ?? '',
            /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\naks-gpu-\d{8}-vmss000000\s+Ready\s+agent\s/,
        );
        assert.strictEqual((table.logs ?? '').trim().split('\n').length, 3);
        assert.deepStrictEqual(
            em.admin.nodes(ids.aksGpuDev).map((n) => n.metadata.name),
            nodes.map((n) => n.metadata.name),
        );
    });

    it("the compute's view is the cluster's types, its defaultinstancetype replacing the built-in one", async () => {
        const view = await gpuCompute();
        assert.strictEqual(view.defaultInstanceType, 'defaultinstancetype');
        assert.deepStrictEqual(Object.keys(view.instanceTypes).sort(), [
            'defaultinstancetype',
            'gpu-quad',
            'gpu-small',
            'highmem-pool',
        ]);
        assert.deepStrictEqual(view.instanceTypes.defaultinstancetype.resources.requests, { cpu: '1', memory: '4Gi' });
        assert.deepStrictEqual(view.instanceTypes['gpu-small'], {
            nodeSelector: { accelerator: 'nvidia' },
            resources: {
                requests: { cpu: '4', memory: '32Gi' },
                limits: { cpu: '5', memory: '64Gi', 'nvidia.com/gpu': '1' },
            },
        });
        const arc = await clients(em).ml.computeOperations.get('rg-ml-dev', 'ws-nlp', 'arc-nlp');
        const arcView = (arc.properties as { properties: { instanceTypes: Record<string, ArmInstanceType> } })
            .properties;
        assert.deepStrictEqual(Object.keys(arcView.instanceTypes), ['defaultinstancetype']);
        assert.deepStrictEqual(arcView.instanceTypes.defaultinstancetype.resources, {
            requests: { cpu: '100m', memory: '2Gi' },
            limits: { cpu: '2', memory: '2Gi', 'nvidia.com/gpu': null },
        });
    });

    it('apply creates from the context file, then answers unchanged, then configured; the compute follows', async () => {
        const created = await run('kubectl apply -f instancetype.yaml', { 'instancetype.yaml': gpuMedium('24Gi') });
        assert.deepStrictEqual(
            [created.exitCode, created.logs],
            [0, 'instancetype.amlarc.azureml.com/gpu-medium created\n'],
        );
        assert.deepStrictEqual((await gpuCompute()).instanceTypes['gpu-medium'].resources.limits, {
            cpu: '4',
            memory: '24Gi',
            'nvidia.com/gpu': '1',
        });
        const again = await run('kubectl apply -f instancetype.yaml', { 'instancetype.yaml': gpuMedium('24Gi') });
        assert.strictEqual(again.logs, 'instancetype.amlarc.azureml.com/gpu-medium unchanged\n');
        const changed = await run('kubectl apply -f instancetype.yaml', { 'instancetype.yaml': gpuMedium('48Gi') }, 8);
        assert.deepStrictEqual(
            [changed.exitCode, changed.logs],
            [0, 'instancetype.amlarc.azureml.com/gpu-medium configured\n'],
        );
        assert.strictEqual((await gpuCompute()).instanceTypes['gpu-medium'].resources.requests.memory, '48Gi');
        const stored = em.admin.instanceTypes(ids.aksGpuDev).find((i) => i.metadata.name === 'gpu-medium');
        assert.strictEqual((stored?.spec as Pick<ArmInstanceType, 'resources'>).resources.requests.memory, '48Gi');
        assert.strictEqual(stored?.metadata.generation, 2);
    });

    it("applies the doc's InstanceTypeList, whose items take the list's kind", async () => {
        const list = `apiVersion: amlarc.azureml.com/v1alpha1
kind: InstanceTypeList
items:
  - metadata:
      name: cpusmall
    spec:
      resources:
        requests: { cpu: "100m", memory: "100Mi" }
        limits: { cpu: "1", nvidia.com/gpu: 0, memory: "1Gi" }
  - metadata:
      name: defaultinstancetype
    spec:
      resources:
        requests: { cpu: "1", memory: "1Gi" }
        limits: { cpu: "1", nvidia.com/gpu: 0, memory: "1Gi" }
`;
        const result = await run('kubectl apply -f types.yaml', { 'types.yaml': list });
        assert.deepStrictEqual(
            [result.exitCode, result.logs],
            [
                0,
                'instancetype.amlarc.azureml.com/cpusmall created\ninstancetype.amlarc.azureml.com/defaultinstancetype configured\n',
            ],
        );
        assert.deepStrictEqual((await gpuCompute()).instanceTypes.defaultinstancetype.resources.limits, {
            cpu: '1',
            'nvidia.com/gpu': '0',
            memory: '1Gi',
        });
    });

    it("refuses what the CRD's rules refuse, with the API server's message, and keeps nothing", async () => {
        const bad = `apiVersion: amlarc.azureml.com/v1alpha1
kind: InstanceType
metadata:
  name: broken
spec:
  resources:
    requests:
      memory: 0
      nvidia.com/gpu: 1
    limits:
      cpu: two
      memory: 2Gi
`;
        const result = await run('kubectl apply -f instancetype.yaml', { 'instancetype.yaml': bad });
        assert.strictEqual(result.exitCode, 1);
        assert.strictEqual(
            result.logs,
            `The InstanceType "broken" is invalid: [spec.resources.requests.cpu: Required value, spec.resources.requests.memory: Invalid value: 0: must be greater than zero, spec.resources.limits.cpu: Invalid value: "two": spec.resources.limits.cpu in body should match '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$', spec.resources.requests.nvidia.com/gpu: Forbidden: nvidia.com/gpu may be specified only under limits]\n`,
        );
        const missingCpu = bad
            .replace(/requests:\n {6}memory: 0\n {6}nvidia.com\/gpu: 1\n/, 'requests:\n      memory: 1Gi\n')
            .replace('cpu: two', 'cpu: "2"');
        const one = await run('kubectl apply -f instancetype.yaml', { 'instancetype.yaml': missingCpu });
        assert.deepStrictEqual(
            [one.exitCode, one.logs],
            [1, 'The InstanceType "broken" is invalid: spec.resources.requests.cpu: Required value\n'],
        );
        assert.ok(!em.admin.instanceTypes(ids.aksGpuDev).some((i) => i.metadata.name === 'broken'));
        const noFile = await run('kubectl apply -f instancetype.yaml');
        assert.deepStrictEqual(
            [noFile.exitCode, noFile.logs],
            [1, 'error: the path "instancetype.yaml" does not exist\n'],
        );
    });

    it('delete removes a type (NotFound the second time); deleting the override brings the built-in default back', async () => {
        const deleted = await run('kubectl delete instancetype gpu-quad');
        assert.deepStrictEqual(
            [deleted.exitCode, deleted.logs],
            [0, 'instancetype.amlarc.azureml.com "gpu-quad" deleted\n'],
        );
        const again = await run('kubectl delete instancetype gpu-quad');
        assert.deepStrictEqual(
            [again.exitCode, again.logs],
            [1, 'Error from server (NotFound): instancetypes.amlarc.azureml.com "gpu-quad" not found\n'],
        );
        await run('kubectl delete instancetype defaultinstancetype');
        const view = await gpuCompute();
        assert.ok(!('gpu-quad' in view.instanceTypes));
        assert.deepStrictEqual(view.instanceTypes.defaultinstancetype.resources.requests, {
            cpu: '100m',
            memory: '2Gi',
        });
        assert.deepStrictEqual(names((await run('kubectl get instancetypes -o json')).logs), [
            'gpu-small',
            'highmem-pool',
        ]);
    });

    it('other clusters: none on aks-research; no InstanceType resource type where the AzureML extension is missing', async () => {
        const research = await clients(em, sub4).aks.managedClusters.runCommand('rg-research', 'aks-research', {
            command: 'kubectl get instancetypes',
        });
        assert.deepStrictEqual([research.exitCode, research.logs], [0, 'No resources found\n']);
        const noExt = await clients(em).aks.managedClusters.runCommand('rg-aks-dev', 'aks-cpu-noext', {
            command: 'kubectl get instancetypes -o json',
        });
        assert.deepStrictEqual(
            [noExt.exitCode, noExt.logs],
            [1, 'error: the server doesn\'t have a resource type "instancetypes"\n'],
        );
    });
});
