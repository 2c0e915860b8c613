/**
 * kubectl over a cluster's InstanceType resources and nodes, in kubectl's shapes: `get instancetype[s] [name]`
 * (also `instancetypes.amlarc.azureml.com`), `get node[s]|no [name] [-l selector]`, each as the table, `-o json` (one
 * object by name, else a `v1` `List`, as kubectl wraps every listing: kubernetes/kubectl pkg/cmd/get/get.go) or
 * `-o name`; `get crd instancetypes.amlarc.azureml.com`; `delete instancetype <name>...`; `apply -f` in
 * kubectlApply.ts. Without the AzureML extension the CRD is absent and kubectl knows no such resource type.
 */

import type { KubeNode } from './clusterNodes';
import { runApply } from './kubectlApply';
import { age, flag, table, type KubectlResult, type ParsedArgs } from './kubectlWorkloads';
import type { InstanceTypeResource, Json } from './model';

/** What kubectl reaches in the cluster for these commands. */
export interface ClusterObjects {
    crdInstalled: boolean;
    instanceTypes(): InstanceTypeResource[];
    saveInstanceTypes(items: InstanceTypeResource[]): void;
    nodes(): KubeNode[];
    /** The files of the run-command context, by name. */
    files: Map<string, Buffer>;
}

export const crdName = 'instancetypes.amlarc.azureml.com';
const typeWords = ['instancetype', 'instancetypes', 'instancetype.amlarc.azureml.com', crdName];
const nodeWords = ['node', 'nodes', 'no'];
const ok = (logs: string): KubectlResult => ({ exitCode: 0, logs });
const fail = (logs: string): KubectlResult => ({ exitCode: 1, logs });
const json = (v: unknown): string => JSON.stringify(v, null, 4) + '\n';
const list = (items: unknown[]): string =>
    json({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } });
const noType = (word: string): KubectlResult => fail(`error: the server doesn't have a resource type "${word}"\n`);

function print(
    p: ParsedArgs,
    items: Json[],
    name: string | undefined,
    resource: string,
    kindPrefix: string,
    rows: (items: Json[]) => string[][],
): KubectlResult {
    const named = name ? items.filter((i) => (i.metadata as Json).name === name) : items;
    if (name && named.length === 0) {
        return fail(`Error from server (NotFound): ${resource} "${name}" not found\n`);
    }
    const output = flag(p, '-o', '--output');
    if (output === 'json') {
        return ok(name ? json(named[0]) : list(named));
    }
    if (output === 'name') {
        return ok(named.map((i) => `${kindPrefix}/${String((i.metadata as Json).name)}\n`).join(''));
    }
    if (output !== undefined && output !== 'wide') {
        return fail(`error: the emulator's kubectl prints -o json, -o name or the table (got -o ${output})\n`);
    }
    if (named.length === 0) {
        return ok('No resources found\n');
    }
    return ok(table(rows(named).slice(p.flags.has('--no-headers') ? 1 : 0)));
}

function matchesSelector(labels: Record<string, string>, selector: string): boolean {
    return selector
        .split(',')
        .filter(Boolean)
        .every((term) => {
            const [, key, op, value] = /^\s*(!?[^!=\s]+)\s*(==|=|!=)?\s*(\S*)\s*$/.exec(term) ?? [];
            if (!op) {
                return key?.startsWith('!') ? !(key.slice(1) in labels) : key in labels;
            }
            return op === '!=' ? labels[key] !== value : labels[key] === value;
        });
}

function roles(node: KubeNode): string {
    const found = Object.keys(node.metadata.labels)
        .filter((k) => k.startsWith('node-role.kubernetes.io/'))
        .map((k) => k.slice('node-role.kubernetes.io/'.length));
    return found.length ? found.join(',') : '<none>';
}

function getNodes(p: ParsedArgs, cluster: ClusterObjects, name: string | undefined): KubectlResult {
    const selector = flag(p, '-l', '--selector') ?? '';
    const nodes = cluster.nodes().filter((n) => matchesSelector(n.metadata.labels, selector));
    return print(p, nodes, name, 'nodes', 'node', (items) => [
        ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
        ...(items as KubeNode[]).map((n) => {
            const ready = ((n.status.conditions ?? []) as Json[]).find((c) => c.type === 'Ready');
            return [
                n.metadata.name,
                ready?.status === 'True' ? 'Ready' : 'NotReady',
                roles(n),
                age(n.metadata.creationTimestamp),
                String(((n.status.nodeInfo ?? {}) as Json).kubeletVersion ?? ''),
            ];
        }),
    ]);
}

function getCrd(p: ParsedArgs, cluster: ClusterObjects, name: string | undefined): KubectlResult {
    if (name !== crdName) {
        return fail(`error: the emulator's kubectl knows the CRD ${crdName} only (got ${name ?? 'none'})\n`);
    }
    if (!cluster.crdInstalled) {
        return fail(
            `Error from server (NotFound): customresourcedefinitions.apiextensions.k8s.io "${name}" not found\n`,
        );
    }
    const crd = {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: crdName, creationTimestamp: '2025-01-15T09:30:00Z' },
        spec: {
            group: 'amlarc.azureml.com',
            names: {
                kind: 'InstanceType',
                listKind: 'InstanceTypeList',
                plural: 'instancetypes',
                singular: 'instancetype',
            },
            scope: 'Cluster',
            versions: [{ name: 'v1alpha1', served: true, storage: true }],
        },
    };
    if (flag(p, '-o', '--output') === 'json') {
        return ok(json(crd));
    }
    return ok(
        table([
            ['NAME', 'CREATED AT'],
            [crdName, crd.metadata.creationTimestamp],
        ]),
    );
}

function deleteInstanceTypes(p: ParsedArgs, cluster: ClusterObjects, kind: string, names: string[]): KubectlResult {
    if (!cluster.crdInstalled) {
        return noType(kind);
    }
    if (names.length === 0) {
        return fail('error: resource(s) were provided, but no name was specified\n');
    }
    let items = cluster.instanceTypes();
    const out: string[] = [];
    const errors: string[] = [];
    for (const name of names) {
        if (!items.some((i) => i.metadata.name === name)) {
            if (!p.flags.has('--ignore-not-found')) {
                errors.push(`Error from server (NotFound): ${crdName} "${name}" not found`);
            }
            continue;
        }
        items = items.filter((i) => i.metadata.name !== name);
        out.push(`instancetype.amlarc.azureml.com "${name}" deleted`);
    }
    cluster.saveInstanceTypes(items);
    const logs = [...out, ...errors].map((l) => l + '\n').join('');
    return { exitCode: errors.length ? 1 : 0, logs };
}

/** Runs an instance type, node or apply command; undefined when the words are none of them. */
export function runClusterObjectCommand(
    args: string[],
    p: ParsedArgs,
    cluster: ClusterObjects,
): KubectlResult | undefined {
    const [, verb, kind, name] = p.words;
    if (verb === 'apply') {
        return runApply(args, cluster);
    }
    if (verb === 'get' && nodeWords.includes(kind ?? '')) {
        return getNodes(p, cluster, name);
    }
    if (
        verb === 'get' &&
        ['crd', 'crds', 'customresourcedefinition', 'customresourcedefinitions'].includes(kind ?? '')
    ) {
        return getCrd(p, cluster, name);
    }
    if (!typeWords.includes(kind ?? '')) {
        return undefined;
    }
    if (verb === 'get') {
        if (!cluster.crdInstalled) {
            return noType(kind ?? '');
        }
        return print(p, cluster.instanceTypes(), name, crdName, 'instancetype.amlarc.azureml.com', (items) => [
            ['NAME', 'AGE'],
            ...items.map((i) => [String((i.metadata as Json).name), age((i.metadata as Json).creationTimestamp)]),
        ]);
    }
    if (verb === 'delete') {
        return deleteInstanceTypes(p, cluster, kind ?? '', p.words.slice(3));
    }
    return undefined;
}
