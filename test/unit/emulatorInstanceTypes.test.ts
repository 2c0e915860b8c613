import * as assert from 'assert';
import { instanceTypeFieldErrors, quantityValue } from '../emulator/instanceTypeValidation';
import { ContextError, unzipContext } from '../emulator/runCommandContext';
import { parseYamlDocuments, YamlError } from '../emulator/yamlSubset';
import { contextOf } from '../integration/runCommandZip';

describe('emulator: the YAML kubectl reads for apply', () => {
    const cases: [string, string, unknown[]][] = [
        [
            "the doc's instance type",
            'apiVersion: amlarc.azureml.com/v1alpha1\nkind: InstanceType\nmetadata:\n  name: myinstancetypename\nspec:\n  nodeSelector:\n    mylabel: mylabelvalue\n  resources:\n    limits:\n      cpu: "1"\n      nvidia.com/gpu: 1\n      memory: "2Gi"\n    requests:\n      cpu: "700m"\n      memory: "1500Mi"\n',
            [
                {
                    apiVersion: 'amlarc.azureml.com/v1alpha1',
                    kind: 'InstanceType',
                    metadata: { name: 'myinstancetypename' },
                    spec: {
                        nodeSelector: { mylabel: 'mylabelvalue' },
                        resources: {
                            limits: { cpu: '1', 'nvidia.com/gpu': 1, memory: '2Gi' },
                            requests: { cpu: '700m', memory: '1500Mi' },
                        },
                    },
                },
            ],
        ],
        [
            'sequence items that open mappings, at the key or indented',
            'items:\n- metadata:\n    name: a\n  spec: {}\n-   name: b\n    n: 2\nother:\n  - x\n  - "y # not a comment"  # a comment\n',
            [
                {
                    items: [
                        { metadata: { name: 'a' }, spec: {} },
                        { name: 'b', n: 2 },
                    ],
                    other: ['x', 'y # not a comment'],
                },
            ],
        ],
        [
            'flow mappings and sequences, quoted keys, YAML 1.1 scalars (keys too)',
            'r: { cpu: "1", memory: 4Gi, nvidia.com/gpu: 0 }\nl: [a, "b, c", 3]\n"quoted.key/x": \'it\'\'s\'\nenabled: yes\non: off\nnothing: ~\nempty:\nf: 1.5\n',
            [
                {
                    r: { cpu: '1', memory: '4Gi', 'nvidia.com/gpu': 0 },
                    l: ['a', 'b, c', 3],
                    'quoted.key/x': "it's",
                    enabled: true,
                    // go-yaml reads YAML 1.1: the key `on` is the boolean true, so kubectl sends "true".
                    true: false,
                    nothing: null,
                    empty: null,
                    f: 1.5,
                },
            ],
        ],
        [
            'several documents, empty ones left out',
            '---\na: 1\n---\n# only a comment\n---\nb: 2\n...\n',
            [{ a: 1 }, { b: 2 }],
        ],
        [
            'a JSON document',
            '{\n  "kind": "InstanceType",\n  "spec": {"resources": {}}\n}\n',
            [{ kind: 'InstanceType', spec: { resources: {} } }],
        ],
    ];
    for (const [name, text, expected] of cases) {
        it(name, () => assert.deepStrictEqual(parseYamlDocuments(text), expected));
    }

    const errors: [string, string, RegExp][] = [
        ['a key indented deeper than its siblings', 'a: 1\n  b: 2\n', /^yaml: line 2: /],
        ['a line without a key', 'a: 1\njust words\n', /^yaml: line 2: could not find expected ':'/],
        ['a repeated key', 'a: 1\na: 2\n', /^yaml: line 2: key "a" already set in map/],
        ['an unterminated quote', 'a: "open\n', /^yaml: line 1: /],
        ['a tab for indentation', 'a:\n\tb: 1\n', /^yaml: line 2: found character that cannot start any token/],
        ['a block scalar', 'a: |\n  text\n', /^yaml: line 1: /],
    ];
    for (const [name, text, message] of errors) {
        it(`refuses ${name}`, () =>
            assert.throws(
                () => parseYamlDocuments(text),
                (e: Error) => e instanceof YamlError && message.test(e.message),
            ));
    }
});

describe('emulator: Kubernetes quantities and the InstanceType rules', () => {
    const quantities: [unknown, number | undefined][] = [
        ['100m', 0.1],
        ['2', 2],
        [2, 2],
        ['1500Mi', 1500 * 2 ** 20],
        ['2Gi', 2 * 2 ** 30],
        ['1G', 1e9],
        ['1e3', 1000],
        ['.5', 0.5],
        ['0', 0],
        ['2 Gi', undefined],
        ['two', undefined],
        ['1gi', undefined],
        ['', undefined],
        [null, undefined],
    ];
    for (const [q, value] of quantities) {
        it(`${JSON.stringify(q)} is ${String(value)}`, () => assert.strictEqual(quantityValue(q), value));
    }

    const valid = { resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: 2, memory: '2Gi' } } };
    const withResources = (requests: object, limits: object) => ({ resources: { requests, limits } });
    const rules: [string, string, unknown, string[]][] = [
        ['a complete type', 'ok', valid, []],
        [
            'limits below requests (no documented error)',
            'ok',
            withResources({ cpu: '4', memory: '8Gi' }, { cpu: '1', memory: '1Gi' }),
            [],
        ],
        [
            'no spec at all',
            'bare',
            undefined,
            ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'].map(
                (f) => `spec.resources.${f}: Required value`,
            ),
        ],
        [
            'a zero and an empty quantity',
            'zero',
            withResources({ cpu: '0', memory: '' }, { cpu: '1', memory: '1Gi' }),
            [
                'spec.resources.requests.cpu: Invalid value: "0": must be greater than zero',
                'spec.resources.requests.memory: Required value',
            ],
        ],
        [
            'GPUs under requests, and a fractional GPU limit',
            'gpu',
            withResources(
                { cpu: '1', memory: '1Gi', 'nvidia.com/gpu': 1 },
                { cpu: '1', memory: '1Gi', 'nvidia.com/gpu': '1.5' },
            ),
            [
                'spec.resources.requests.nvidia.com/gpu: Forbidden: nvidia.com/gpu may be specified only under limits',
                'spec.resources.limits.nvidia.com/gpu: Invalid value: "1.5": must be an integer',
            ],
        ],
        [
            'a nodeSelector value that is no string',
            'selector',
            { ...valid, nodeSelector: { gpus: 4 } },
            [
                'spec.nodeSelector.gpus: Invalid value: "integer": spec.nodeSelector.gpus in body must be of type string: "integer"',
            ],
        ],
    ];
    for (const [name, typeName, spec, expected] of rules) {
        it(name, () => assert.deepStrictEqual(instanceTypeFieldErrors(typeName, spec), expected));
    }

    it('a name that is no DNS-1123 subdomain', () =>
        assert.match(
            instanceTypeFieldErrors('GPU_Small', valid)[0] ?? '',
            /^metadata.name: Invalid value: "GPU_Small": a lowercase RFC 1123 subdomain/,
        ));
});

describe('emulator: the run-command context', () => {
    it('reads stored and deflated entries, base64 wrapped in lines', () => {
        for (const method of [0, 8] as const) {
            const files = unzipContext(
                contextOf({ 'instancetype.yaml': 'kind: InstanceType\n', 'b.txt': 'x'.repeat(500) }, method),
            );
            assert.deepStrictEqual([...files.keys()], ['instancetype.yaml', 'b.txt']);
            assert.strictEqual(files.get('b.txt')?.toString(), 'x'.repeat(500));
        }
    });

    it('no context is no files; one that is no zip is refused', () => {
        assert.strictEqual(unzipContext('').size, 0);
        assert.throws(
            () => unzipContext(Buffer.from('not a zip archive at all, just text').toString('base64')),
            ContextError,
        );
    });
});
