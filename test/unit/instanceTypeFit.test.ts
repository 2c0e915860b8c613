import * as assert from 'assert';
import { builtInDefaultInstanceType, type InstanceType } from '../../src/domain/instanceTypes';
import { fitOnNodes, type ClusterNode, type NodeTaint } from '../../src/domain/instanceTypeFit';
import { parseInstanceTypeList, parseNodeList } from '../../src/domain/instanceTypeLists';

const node = (name: string, pool: string, allocatable: ClusterNode['allocatable'], more: Partial<ClusterNode> = {}) =>
    ({
        name,
        labels: { agentpool: pool },
        allocatable,
        ready: true,
        unschedulable: false,
        taints: [],
        ...more,
    }) as ClusterNode;

/** Two Standard_D4s_v3-like CPU nodes and one GPU node with a single GPU. */
const nodes: ClusterNode[] = [
    node('aks-cpu-1', 'cpu', { cpu: '3860m', memory: '12880000Ki' }),
    node('aks-cpu-2', 'cpu', { cpu: '3860m', memory: '12880000Ki' }),
    node(
        'aks-gpu-1',
        'gpu',
        { cpu: '5840m', memory: '52000000Ki', gpu: '1' },
        { labels: { agentpool: 'gpu', accelerator: 'nvidia' } },
    ),
];

const type = (
    name: string,
    requests: InstanceType['requests'],
    limits: InstanceType['limits'],
    nodeSelector = {},
): InstanceType => ({
    name,
    nodeSelector,
    requests,
    limits,
    isDefault: false,
    source: 'cluster',
});

const taint = (key: string, value: string | undefined, effect = 'NoSchedule'): NodeTaint => ({ key, value, effect });

describe('instance types against the nodes', () => {
    const cases: [string, InstanceType, ClusterNode[], string][] = [
        ['the built-in default', builtInDefaultInstanceType, nodes, 'fits on 3 of 3 nodes'],
        [
            'a GPU type',
            type('gpu', { cpu: '4', memory: '16Gi' }, { cpu: '4', memory: '16Gi', gpu: '1' }),
            nodes,
            'fits on 1 of 3 nodes',
        ],
        [
            'four GPUs',
            type('gpu4', { cpu: '4', memory: '16Gi' }, { cpu: '4', memory: '16Gi', gpu: '4' }),
            nodes,
            'no node has 4 GPUs (most: 1)',
        ],
        [
            'a selector no node has',
            type('highmem', { cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' }, { agentpool: 'highmem' }),
            nodes,
            'no node matches nodeSelector agentpool=highmem',
        ],
        [
            'more memory than any node',
            type('big', { cpu: '1', memory: '64Gi' }, { cpu: '1', memory: '64Gi' }),
            nodes,
            'requests more memory than any node has (most: 49.6 GiB)',
        ],
        [
            'more CPU than the matching nodes',
            type('cpu8', { cpu: '8', memory: '1Gi' }, { cpu: '8', memory: '1Gi' }, { agentpool: 'cpu' }),
            nodes,
            'requests more CPU than any node that can take AzureML jobs has (most: 3.86 CPU)',
        ],
        [
            'limits below requests',
            type('odd', { cpu: '2', memory: '1Gi' }, { cpu: '1', memory: '1Gi' }),
            nodes,
            'limits below requests',
        ],
        [
            'an unreadable request',
            type('bad', { cpu: '1 CPU', memory: '1Gi' }, { cpu: '1', memory: '1Gi' }),
            nodes,
            'the instance type is not valid: "1 CPU" is not a CPU quantity: it has a space (Kubernetes quantities have none).',
        ],
        ['no nodes at all', builtInDefaultInstanceType, [], 'the cluster has no nodes'],
        [
            'CPU on one node and memory on another, never both',
            type('both', { cpu: '6', memory: '40Gi' }, { cpu: '6', memory: '40Gi' }),
            [
                node('fat-cpu', 'a', { cpu: '7820m', memory: '8Gi' }),
                node('fat-memory', 'b', { cpu: '2', memory: '60Gi' }),
            ],
            'no single node has 6 CPU, 40 GiB at once',
        ],
    ];
    for (const [what, candidate, on, summary] of cases) {
        it(`${what}: "${summary}"`, () => assert.strictEqual(fitOnNodes(candidate, on).summary, summary));
    }

    it('names the nodes that fit and why each other one does not', () => {
        const fit = fitOnNodes(
            type('gpu', { cpu: '4', memory: '16Gi' }, { cpu: '4', memory: '16Gi', gpu: '1' }),
            nodes,
        );
        assert.deepStrictEqual(fit.fittingNodes, ['aks-gpu-1']);
        assert.deepStrictEqual(fit.perNode, [
            { node: 'aks-cpu-1', reason: 'has only 3.86 CPU allocatable, 12.3 GiB of memory allocatable, 0 GPUs' },
            { node: 'aks-cpu-2', reason: 'has only 3.86 CPU allocatable, 12.3 GiB of memory allocatable, 0 GPUs' },
            { node: 'aks-gpu-1' },
        ]);
    });

    it('a node that is not Ready or is cordoned takes no job', () => {
        const down = [{ ...nodes[0]!, ready: false }, { ...nodes[1]!, unschedulable: true }, nodes[2]!];
        assert.strictEqual(fitOnNodes(builtInDefaultInstanceType, down).summary, 'fits on 1 of 3 nodes');
        const cpuOnly = fitOnNodes(
            type('c', { cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' }, { agentpool: 'cpu' }),
            down,
        );
        assert.deepStrictEqual(cpuOnly.reasons, [
            'node aks-cpu-1 is not Ready',
            'node aks-cpu-2 is cordoned (unschedulable)',
        ]);
    });

    it('nodes kept out for the same cause are said once, with a few of their names', () => {
        const cordoned = ['a', 'b', 'c', 'd', 'e'].map((name) =>
            node(name, 'cpu', { cpu: '4', memory: '16Gi' }, { unschedulable: true }),
        );
        const tainted = node('t', 'cpu', { cpu: '4', memory: '16Gi' }, { taints: [taint('sku', 'gpu')] });
        assert.deepStrictEqual(fitOnNodes(builtInDefaultInstanceType, [...cordoned, tainted]).reasons, [
            '5 nodes (a, b, c and 2 more) are cordoned (unschedulable)',
            'node t has the taint sku=gpu:NoSchedule, which AzureML jobs do not tolerate',
        ]);
        const twoTainted = [tainted, { ...tainted, name: 'u' }];
        assert.deepStrictEqual(fitOnNodes(builtInDefaultInstanceType, twoTainted).reasons, [
            '2 nodes (t, u) have the taint sku=gpu:NoSchedule, which AzureML jobs do not tolerate',
        ]);
    });

    it('the documented amlarc taints are tolerated by a workload of their own, other NoSchedule taints are not', () => {
        const gpuType = type(
            'gpu',
            { cpu: '4', memory: '16Gi' },
            { cpu: '4', memory: '16Gi', gpu: '1' },
            { accelerator: 'nvidia' },
        );
        const tainted = (...taints: NodeTaint[]) => [{ ...nodes[2]!, taints }];
        const context = { resourceGroup: 'rg-ml', workspaceName: 'ws-a', computeName: 'k8s-a' };
        const fits = (taints: NodeTaint[], ctx = context) => fitOnNodes(gpuType, tainted(...taints), ctx).summary;
        assert.strictEqual(
            fits([taint('ml.azure.com/amlarc', 'true'), taint('ml.azure.com/amlarc-workload', 'true', 'NoExecute')]),
            'fits on 1 of 1 node',
        );
        assert.strictEqual(
            fits([
                taint('ml.azure.com/workspace', 'ws-a'),
                taint('ml.azure.com/compute', 'k8s-a'),
                taint('ml.azure.com/resource-group', 'rg-ml'),
            ]),
            'fits on 1 of 1 node',
        );
        assert.strictEqual(fits([taint('sku', 'gpu', 'PreferNoSchedule')]), 'fits on 1 of 1 node');
        assert.strictEqual(
            fits([taint('sku', 'gpu')]),
            'node aks-gpu-1 has the taint sku=gpu:NoSchedule, which AzureML jobs do not tolerate',
        );
        assert.strictEqual(
            fits([taint('ml.azure.com/amlarc-system', 'true')]),
            'node aks-gpu-1 has the taint ml.azure.com/amlarc-system=true:NoSchedule, which AzureML jobs do not tolerate',
        );
        assert.match(fits([taint('ml.azure.com/workspace', 'ws-b')]), /ml\.azure\.com\/workspace=ws-b:NoSchedule/);
    });

    it("a job runs only on nodes that match the extension's nodeSelector as well as the type's", () => {
        const fit = fitOnNodes(builtInDefaultInstanceType, nodes, { extensionNodeSelector: { agentpool: 'cpu' } });
        assert.deepStrictEqual(fit.fittingNodes, ['aks-cpu-1', 'aks-cpu-2']);
        const gpu = type(
            'gpu',
            { cpu: '1', memory: '1Gi' },
            { cpu: '1', memory: '1Gi', gpu: '1' },
            { accelerator: 'nvidia' },
        );
        assert.strictEqual(
            fitOnNodes(gpu, nodes, { extensionNodeSelector: { agentpool: 'cpu' } }).summary,
            'no node matches nodeSelector agentpool=cpu,accelerator=nvidia',
        );
    });
});

describe('kubectl -o json lists', () => {
    it('reads an InstanceTypeList as kubectl prints it', () => {
        const output = JSON.stringify({
            apiVersion: 'v1',
            kind: 'List',
            items: [
                {
                    apiVersion: 'amlarc.azureml.com/v1alpha1',
                    kind: 'InstanceType',
                    metadata: { name: 'gpu', creationTimestamp: '2026-11-02T09:00:00Z' },
                    spec: {
                        nodeSelector: { accelerator: 'nvidia' },
                        resources: {
                            requests: { cpu: '4', memory: '16Gi' },
                            limits: { cpu: '4', memory: '16Gi', 'nvidia.com/gpu': 1 },
                        },
                    },
                },
            ],
            metadata: { resourceVersion: '' },
        });
        const reading = parseInstanceTypeList(output);
        assert.ok('items' in reading);
        assert.deepStrictEqual(reading.items, [
            {
                name: 'gpu',
                nodeSelector: { accelerator: 'nvidia' },
                requests: { cpu: '4', memory: '16Gi' },
                limits: { cpu: '4', memory: '16Gi', gpu: '1' },
                isDefault: false,
                source: 'cluster',
                createdOn: new Date('2026-11-02T09:00:00Z'),
            },
        ]);
    });

    it('reads nodes: allocatable, labels, taints, Ready and cordoned', () => {
        const output = JSON.stringify({
            apiVersion: 'v1',
            kind: 'List',
            items: [
                {
                    apiVersion: 'v1',
                    kind: 'Node',
                    metadata: { name: 'aks-gpu-1', labels: { agentpool: 'gpu', accelerator: 'nvidia' } },
                    spec: { taints: [{ key: 'sku', value: 'gpu', effect: 'NoSchedule' }], unschedulable: true },
                    status: {
                        allocatable: { cpu: '5840m', memory: '52000000Ki', 'nvidia.com/gpu': '1', pods: '110' },
                        conditions: [
                            { type: 'MemoryPressure', status: 'False' },
                            { type: 'Ready', status: 'True' },
                        ],
                    },
                },
                {
                    kind: 'Node',
                    metadata: { name: 'aks-cpu-9' },
                    status: { conditions: [{ type: 'Ready', status: 'Unknown' }] },
                },
            ],
        });
        const reading = parseNodeList(output);
        assert.ok('items' in reading);
        assert.deepStrictEqual(reading.items[0], {
            name: 'aks-gpu-1',
            labels: { agentpool: 'gpu', accelerator: 'nvidia' },
            allocatable: { cpu: '5840m', memory: '52000000Ki', gpu: '1' },
            ready: true,
            unschedulable: true,
            taints: [{ key: 'sku', value: 'gpu', effect: 'NoSchedule' }],
        });
        assert.strictEqual(reading.items[1]?.ready, false);
    });

    it('what is not a list is a problem, never an empty list', () => {
        assert.match(
            (parseNodeList('error: You must be logged in') as { problem: string }).problem,
            /did not print JSON for nodes: error: You must be logged in/,
        );
        assert.match(
            (parseInstanceTypeList('{"kind":"Status"}') as { problem: string }).problem,
            /other than a list of instance types/,
        );
    });
});
