import * as assert from 'assert';
import { computeInstanceTypes } from '../../src/azure/instanceTypes';
import { toCompute } from '../../src/azure/mappers';
import {
    builtInDefaultInstanceType,
    validateInstanceType,
    withBuiltInDefault,
    type InstanceType,
    type InstanceTypeField,
} from '../../src/domain/instanceTypes';
import { instanceTypeYaml } from '../../src/domain/instanceTypeYaml';
import { kubectlApplyCommand, kubectlDeleteInstanceTypeCommand } from '../../src/domain/azCommands';
import { execFileSync } from 'child_process';

/** The doc's example (how-to-manage-kubernetes-instance-types, "Create a custom instance type"). */
const docExample: InstanceType = {
    name: 'myinstancetypename',
    nodeSelector: { mylabel: 'mylabelvalue' },
    requests: { cpu: '700m', memory: '1500Mi' },
    limits: { cpu: '1', memory: '2Gi', gpu: '1' },
    isDefault: false,
    source: 'cluster',
};

const type = (change: Partial<InstanceType>): InstanceType => ({ ...docExample, ...change });

describe('instance type rules', () => {
    it("the doc's example is valid", () => assert.deepStrictEqual(validateInstanceType(docExample), []));
    it('the built-in default is valid', () =>
        assert.deepStrictEqual(validateInstanceType(builtInDefaultInstanceType), []));

    const cases: [
        string,
        InstanceType,
        { extensionNodeSelector?: Record<string, string>; existingNames?: string[] },
        InstanceTypeField,
        RegExp,
    ][] = [
        [
            'no CPU request',
            type({ requests: { memory: '1Gi' } }),
            {},
            'requests.cpu',
            /Enter the CPU request \(required\)/,
        ],
        [
            'an empty memory request',
            type({ requests: { cpu: '1', memory: ' ' } }),
            {},
            'requests.memory',
            /memory request \(required\)/,
        ],
        ['no CPU limit', type({ limits: { memory: '2Gi' } }), {}, 'limits.cpu', /CPU limit \(required\)/],
        ['no memory limit', type({ limits: { cpu: '1' } }), {}, 'limits.memory', /memory limit \(required\)/],
        ['a zero CPU request', type({ requests: { cpu: '0', memory: '1Gi' } }), {}, 'requests.cpu', /cannot be zero/],
        [
            'a zero memory limit in Gi',
            type({ limits: { cpu: '1', memory: '0Gi' } }),
            {},
            'limits.memory',
            /cannot be zero/,
        ],
        [
            'a quantity with a space',
            type({ requests: { cpu: '1', memory: '2 Gi' } }),
            {},
            'requests.memory',
            /"2 Gi" is not a memory quantity: it has a space/,
        ],
        ['a negative CPU limit', type({ limits: { cpu: '-1', memory: '2Gi' } }), {}, 'limits.cpu', /negative/],
        [
            'a GPU under requests',
            type({ requests: { cpu: '1', memory: '1Gi', gpu: '1' } }),
            {},
            'requests.gpu',
            /under limits only/,
        ],
        [
            'a fractional GPU',
            type({ limits: { cpu: '1', memory: '2Gi', gpu: '0.5' } }),
            {},
            'limits.gpu',
            /whole number/,
        ],
        [
            'a CPU limit below its request',
            type({ requests: { cpu: '2', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi' } }),
            {},
            'limits.cpu',
            /CPU limit is below the CPU request/,
        ],
        [
            'a memory limit below its request',
            type({ requests: { cpu: '1', memory: '4Gi' }, limits: { cpu: '1', memory: '2Gi' } }),
            {},
            'limits.memory',
            /memory limit is below/,
        ],
        ['an uppercase name', type({ name: 'GpuLarge' }), {}, 'name', /not a Kubernetes name/],
        ['a name with an underscore', type({ name: 'gpu_large' }), {}, 'name', /not a Kubernetes name/],
        ['an empty name', type({ name: '' }), {}, 'name', /Enter a name/],
        [
            'a name taken on the cluster',
            type({ name: 'gpularge' }),
            { existingNames: ['gpularge'] },
            'name',
            /already has an instance type named "gpularge"/,
        ],
        [
            'a label key that is not one',
            type({ nodeSelector: { 'bad key': 'x' } }),
            {},
            'nodeSelector',
            /not a Kubernetes label key/,
        ],
        [
            "a nodeSelector outside the extension's",
            type({ nodeSelector: { agentpool: 'highmem' } }),
            { extensionNodeSelector: { agentpool: 'ml' } },
            'nodeSelector',
            /agentpool=highmem is not in the AzureML extension's nodeSelector \(agentpool=ml\)/,
        ],
    ];
    for (const [what, candidate, rules, field, reason] of cases) {
        it(`refuses ${what} (${field})`, () => {
            const problems = validateInstanceType(candidate, rules);
            const problem = problems.find((p) => p.field === field);
            assert.ok(problem, JSON.stringify(problems));
            assert.match(problem.reason, reason);
        });
    }

    it("a nodeSelector within the extension's is accepted; any is, when the extension has none", () => {
        const extension = { agentpool: 'ml', 'kubernetes.io/os': 'linux' };
        assert.deepStrictEqual(
            validateInstanceType(type({ nodeSelector: { agentpool: 'ml' } }), { extensionNodeSelector: extension }),
            [],
        );
        assert.deepStrictEqual(validateInstanceType(type({ nodeSelector: { agentpool: 'highmem' } })), []);
    });

    it('reports every problem, each under its own field', () => {
        const problems = validateInstanceType({ ...docExample, name: 'A', requests: { gpu: '1' }, limits: {} });
        assert.deepStrictEqual(problems.map((p) => p.field).sort(), [
            'limits.cpu',
            'limits.memory',
            'name',
            'requests.cpu',
            'requests.gpu',
            'requests.memory',
        ]);
    });

    it('the built-in default is listed unless a resource named defaultinstancetype replaces it', () => {
        const gpu = type({ name: 'gpu' });
        assert.deepStrictEqual(
            withBuiltInDefault([gpu]).map((t) => [t.name, t.source, t.isDefault]),
            [
                ['defaultinstancetype', 'built-in', true],
                ['gpu', 'cluster', false],
            ],
        );
        const own = type({ name: 'defaultinstancetype', requests: { cpu: '1', memory: '1Gi' } });
        const listed = withBuiltInDefault([gpu, own]);
        assert.deepStrictEqual(
            listed.map((t) => [t.name, t.source, t.isDefault, t.requests.cpu]),
            [
                ['defaultinstancetype', 'cluster', true, '1'],
                ['gpu', 'cluster', false, '700m'],
            ],
        );
    });
});

describe('instance type YAML for kubectl apply', () => {
    it("emits the doc's shape with every string quoted and the GPU count an integer", () => {
        assert.strictEqual(
            instanceTypeYaml(docExample),
            [
                'apiVersion: amlarc.azureml.com/v1alpha1',
                'kind: InstanceType',
                'metadata:',
                '  name: "myinstancetypename"',
                'spec:',
                '  nodeSelector:',
                '    "mylabel": "mylabelvalue"',
                '  resources:',
                '    requests:',
                '      cpu: "700m"',
                '      memory: "1500Mi"',
                '    limits:',
                '      cpu: "1"',
                '      memory: "2Gi"',
                '      nvidia.com/gpu: 1',
                '',
            ].join('\n'),
        );
    });

    it('leaves out an empty nodeSelector and a GPU under requests; escapes what YAML would read otherwise', () => {
        const yaml = instanceTypeYaml({
            name: 'cpu',
            nodeSelector: {},
            requests: { cpu: '1', memory: '1Gi', gpu: '1' },
            limits: { cpu: '1', memory: '1Gi' },
        });
        assert.ok(!yaml.includes('nodeSelector'));
        assert.ok(!yaml.includes('gpu'));
        const odd = instanceTypeYaml({ ...docExample, nodeSelector: { team: 'yes', note: 'a"b: é #c' } });
        assert.ok(odd.includes('    "team": "yes"'), odd);
        assert.ok(odd.includes('    "note": "a\\"b: \\u00e9 #c"'), odd);
    });
});

describe('kubectl commands to copy (Arc)', () => {
    it('the apply command hands kubectl the YAML unchanged through a quoted here-document', () => {
        const yaml = instanceTypeYaml({ ...docExample, nodeSelector: { team: '$HOME `id`' } });
        const command = kubectlApplyCommand(yaml);
        assert.ok(command.startsWith("kubectl apply -f - <<'EOF'\n"));
        // A stand-in kubectl that prints what it reads from stdin: the shell expanded nothing.
        const read = execFileSync('bash', ['-c', `kubectl() { cat; }\n${command}`], { encoding: 'utf8' });
        assert.strictEqual(read, yaml);
    });

    it('the delete command names the type', () => {
        assert.strictEqual(kubectlDeleteInstanceTypeCommand('gpu-small'), 'kubectl delete instancetype gpu-small');
    });
});

describe("the compute's instance types (ARM properties)", () => {
    const workspace = {
        id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws',
        name: 'ws',
        subscriptionId: 's',
        resourceGroup: 'rg',
    };
    it('maps defaultInstanceType and instanceTypes onto the compute', () => {
        const compute = toCompute(
            {
                id: `${workspace.id}/computes/k8s`,
                properties: {
                    computeType: 'Kubernetes',
                    properties: {
                        namespace: 'default',
                        defaultInstanceType: 'defaultinstancetype',
                        instanceTypes: {
                            defaultinstancetype: {
                                resources: {
                                    requests: { cpu: '100m', memory: '2Gi' },
                                    limits: { cpu: '2', memory: '2Gi' },
                                },
                            },
                            gpu: {
                                nodeSelector: { accelerator: 'nvidia' },
                                resources: {
                                    requests: { cpu: '4', memory: '16Gi' },
                                    limits: { cpu: '4', memory: '16Gi', 'nvidia.com/gpu': '1' },
                                },
                            },
                        },
                    },
                },
            },
            workspace,
        );
        assert.strictEqual(compute?.defaultInstanceType, 'defaultinstancetype');
        assert.deepStrictEqual(
            compute?.instanceTypes?.map((t) => [t.name, t.isDefault, t.source, t.nodeSelector, t.limits.gpu]),
            [
                ['defaultinstancetype', true, 'compute', {}, undefined],
                ['gpu', false, 'compute', { accelerator: 'nvidia' }, '1'],
            ],
        );
    });

    it('a compute without them has neither field', () => {
        const compute = toCompute(
            {
                id: `${workspace.id}/computes/k8s`,
                properties: { computeType: 'Kubernetes', properties: { namespace: 'x' } },
            },
            workspace,
        );
        assert.strictEqual(compute?.instanceTypes, undefined);
        assert.strictEqual(compute?.defaultInstanceType, undefined);
    });

    it('a compute that reports none runs jobs with the built-in default; a named default is marked and first', () => {
        assert.deepStrictEqual(computeInstanceTypes({}), [builtInDefaultInstanceType]);
        const gpu = { ...docExample, name: 'gpu', source: 'compute' as const };
        const small = { ...docExample, name: 'small', source: 'compute' as const };
        const listed = computeInstanceTypes({ defaultInstanceType: 'gpu', instanceTypes: [small, gpu] });
        assert.deepStrictEqual(
            listed.map((t) => [t.name, t.isDefault]),
            [
                ['gpu', true],
                ['small', false],
            ],
        );
    });
});
