/**
 * A tiny kubectl stand-in for AKS runCommand: namespaces (get one/all, create) here; the AzureML extension's pods,
 * events, describe and logs in kubectlWorkloads.ts; instance types, nodes and apply in kubectlInstanceTypes.ts.
 */

import { runClusterObjectCommand, type ClusterObjects } from './kubectlInstanceTypes';
import type { ClusterWorkloads } from './kubectlPods';
import { parseArgs, runWorkloadCommand, type KubectlResult } from './kubectlWorkloads';

export type { KubectlResult } from './kubectlWorkloads';

function split(command: string): string[] {
    const out: string[] = [];
    const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(command))) {
        out.push(m[1] ?? m[2] ?? m[3]);
    }
    return out;
}

const nsWords = ['namespace', 'namespaces', 'ns'];
const dns1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function namespaceJson(name: string): Record<string, unknown> {
    return {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name, labels: { 'kubernetes.io/metadata.name': name }, creationTimestamp: '2025-01-15T09:30:00Z' },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
    };
}

function table(names: string[], noHeaders: boolean): string {
    const width = Math.max(4, ...names.map((n) => n.length)) + 3;
    const rows = names.map((n) => `${n.padEnd(width)}Active   120d`);
    return [...(noHeaders ? [] : [`${'NAME'.padEnd(width)}STATUS   AGE`]), ...rows].join('\n') + '\n';
}

const noWorkloads = (): ClusterWorkloads => ({ pods: [], events: [], logs: new Map() });
const noObjects: ClusterObjects = {
    crdInstalled: false,
    instanceTypes: () => [],
    saveInstanceTypes: () => undefined,
    nodes: () => [],
    files: new Map(),
};

/** Runs `command` against the cluster's namespace list (mutated by `create`), its workloads and its objects. */
export function runKubectl(
    command: string,
    namespaces: string[],
    workloads: () => ClusterWorkloads = noWorkloads,
    objects: ClusterObjects = noObjects,
): KubectlResult {
    const args = split(command.trim());
    if (args[0] !== 'kubectl') {
        return {
            exitCode: 127,
            logs: `/bin/sh: ${args[0] ?? ''}: not found (the emulator runs kubectl commands only)\n`,
        };
    }
    const parsed = parseArgs(args);
    const workloadResult = runWorkloadCommand(parsed, workloads) ?? runClusterObjectCommand(args, parsed, objects);
    if (workloadResult) {
        return workloadResult;
    }
    const flags = args.filter((a) => a.startsWith('-'));
    const words = args.filter(
        (a, i) => !a.startsWith('-') && !(i > 0 && ['-o', '--output', '-n', '--namespace'].includes(args[i - 1])),
    );
    const output = (() => {
        const i = args.findIndex((a) => a === '-o' || a === '--output');
        if (i >= 0) {
            return args[i + 1];
        }
        const eq = flags.find((f) => f.startsWith('-o=') || f.startsWith('--output='));
        return eq?.split('=')[1];
    })();
    const [, verb, kind, name] = words;
    if (verb === 'get' && nsWords.includes(kind ?? '')) {
        const selected = name ? namespaces.filter((n) => n === name) : [...namespaces];
        if (name && selected.length === 0) {
            if (flags.includes('--ignore-not-found')) {
                return { exitCode: 0, logs: '' };
            }
            return { exitCode: 1, logs: `Error from server (NotFound): namespaces "${name}" not found\n` };
        }
        if (output === 'name') {
            return { exitCode: 0, logs: selected.map((n) => `namespace/${n}`).join('\n') + '\n' };
        }
        if (output === 'json') {
            const body = name
                ? namespaceJson(name)
                : {
                      apiVersion: 'v1',
                      kind: 'List',
                      items: selected.map(namespaceJson),
                      metadata: { resourceVersion: '' },
                  };
            return { exitCode: 0, logs: JSON.stringify(body, null, 4) + '\n' };
        }
        return { exitCode: 0, logs: table(selected, flags.includes('--no-headers')) };
    }
    if (verb === 'create' && nsWords.includes(kind ?? '') && kind !== 'namespaces') {
        if (!name) {
            return { exitCode: 1, logs: 'error: exactly one NAME is required, got 0\n' };
        }
        if (!dns1123.test(name) || name.length > 63) {
            return {
                exitCode: 1,
                logs: `The Namespace "${name}" is invalid: metadata.name: Invalid value: "${name}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')\n`,
            };
        }
        if (namespaces.includes(name)) {
            return { exitCode: 1, logs: `Error from server (AlreadyExists): namespaces "${name}" already exists\n` };
        }
        namespaces.push(name);
        return { exitCode: 0, logs: `namespace/${name} created\n` };
    }
    return {
        exitCode: 1,
        logs: `error: the emulator supports only 'kubectl get namespace[s]|pods|events|configmap|instancetypes|nodes', 'kubectl create namespace', 'kubectl apply -f', 'kubectl delete instancetype', 'kubectl describe pod|configmap' and 'kubectl logs' (got: ${command})\n`,
    };
}
