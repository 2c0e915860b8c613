/**
 * kubectl's pod commands over a cluster's workloads (kubectlPods.ts), with kubectl's output shapes: `get pods|pod
 * [name] [-o json|name|wide]` (a `List` for several, a `Pod` for one, the table otherwise), `get events [-o json]
 * [--field-selector involvedObject.name=<pod>[,involvedObject.kind=Pod]]`, `describe pod <name>`, `logs <pod>
 * [--tail=N] [-p]`, each in `-n/--namespace` (default `default`) or `-A`.
 */

import { runConfigMapCommand } from './kubectlConfigMaps';
import type { ClusterWorkloads, KubeEvent, Pod } from './kubectlPods';
import type { Json } from './model';

export interface KubectlResult {
    exitCode: number;
    logs: string;
}

export interface ParsedArgs {
    words: string[];
    flags: Map<string, string>;
}

const valued = new Set([
    '-n',
    '--namespace',
    '-o',
    '--output',
    '--tail',
    '--field-selector',
    '-c',
    '--container',
    '-l',
    '--selector',
]);

/** Splits flags (`--x=v`, `--x v`, `-n v`) from words; boolean flags get ''. */
export function parseArgs(args: string[]): ParsedArgs {
    const words: string[] = [];
    const flags = new Map<string, string>();
    for (let i = 0; i < args.length; i++) {
        const a = args[i];
        if (!a.startsWith('-')) {
            words.push(a);
            continue;
        }
        const eq = a.indexOf('=');
        if (eq > 0) {
            flags.set(a.slice(0, eq), a.slice(eq + 1));
        } else if (valued.has(a)) {
            flags.set(a, args[++i] ?? '');
        } else {
            flags.set(a, '');
        }
    }
    return { words, flags };
}

export function flag(p: ParsedArgs, ...names: string[]): string | undefined {
    for (const n of names) {
        if (p.flags.has(n)) {
            return p.flags.get(n);
        }
    }
    return undefined;
}

const ok = (logs: string): KubectlResult => ({ exitCode: 0, logs });
const fail = (logs: string): KubectlResult => ({ exitCode: 1, logs });
const list = (items: unknown[]): string =>
    JSON.stringify({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } }, null, 4) + '\n';

export function age(since: unknown): string {
    const seconds = Math.max(0, Math.floor((Date.now() - Date.parse(String(since))) / 1000));
    if (seconds < 120) {
        return `${seconds}s`;
    }
    if (seconds < 7200) {
        return `${Math.floor(seconds / 60)}m`;
    }
    return seconds < 172800 ? `${Math.floor(seconds / 3600)}h` : `${Math.floor(seconds / 86400)}d`;
}

function containerStatus(p: Pod): Json {
    return ((p.status.containerStatuses as Json[] | undefined) ?? [])[0] ?? {};
}

function podStatus(p: Pod): string {
    const waiting = ((containerStatus(p).state ?? {}) as Json).waiting as Json | undefined;
    return waiting ? String(waiting.reason) : String(p.status.phase);
}

export function table(rows: string[][]): string {
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)) + 3);
    return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('')).join('\n') + '\n';
}

function podTable(pods: Pod[], withNamespace: boolean): string {
    const head = [...(withNamespace ? ['NAMESPACE'] : []), 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'];
    return table([
        head,
        ...pods.map((p) => {
            const cs = containerStatus(p);
            return [
                ...(withNamespace ? [p.metadata.namespace] : []),
                p.metadata.name,
                `${cs.ready ? 1 : 0}/1`,
                podStatus(p),
                String(cs.restartCount ?? 0),
                age(p.metadata.creationTimestamp),
            ];
        }),
    ]);
}

function inNamespace(p: ParsedArgs): string | undefined {
    return p.flags.has('-A') || p.flags.has('--all-namespaces')
        ? undefined
        : (flag(p, '-n', '--namespace') ?? 'default');
}

function getPods(w: ClusterWorkloads, p: ParsedArgs, name: string | undefined): KubectlResult {
    const ns = inNamespace(p);
    const pods = w.pods.filter(
        (x) => (ns === undefined || x.metadata.namespace === ns) && (!name || x.metadata.name === name),
    );
    const output = flag(p, '-o', '--output');
    if (name && pods.length === 0) {
        return fail(`Error from server (NotFound): pods "${name}" not found\n`);
    }
    if (output === 'json') {
        return ok(name ? JSON.stringify(pods[0], null, 4) + '\n' : list(pods));
    }
    if (output === 'name') {
        return ok(pods.map((x) => `pod/${x.metadata.name}\n`).join(''));
    }
    if (pods.length === 0) {
        return ok(ns === undefined ? 'No resources found\n' : `No resources found in ${ns} namespace.\n`);
    }
    return ok(podTable(pods, ns === undefined));
}

function matchesFieldSelector(e: KubeEvent, selector: string): boolean | string {
    for (const part of selector.split(',').filter(Boolean)) {
        const [key, value] = part.split(/!?==?/);
        const field = key.trim();
        const actual = field.startsWith('involvedObject.')
            ? e.involvedObject[field.slice(15)]
            : field === 'type'
              ? e.type
              : field === 'reason'
                ? e.reason
                : Symbol('unsupported');
        if (typeof actual === 'symbol') {
            return field;
        }
        const equal = String(actual) === (value ?? '').trim();
        if (part.includes('!=') ? equal : !equal) {
            return false;
        }
    }
    return true;
}

function getEvents(w: ClusterWorkloads, p: ParsedArgs): KubectlResult {
    const ns = inNamespace(p);
    const selector = flag(p, '--field-selector') ?? '';
    const events: KubeEvent[] = [];
    for (const e of w.events.filter((x) => ns === undefined || (x.metadata as Json).namespace === ns)) {
        const m = matchesFieldSelector(e, selector);
        if (typeof m === 'string') {
            return fail(
                `Error from server (BadRequest): Unable to find "/v1, Resource=events" that match label selector "", field selector "${selector}": field label not supported: ${m}\n`,
            );
        }
        if (m) {
            events.push(e);
        }
    }
    if (flag(p, '-o', '--output') === 'json') {
        return ok(list(events));
    }
    if (events.length === 0) {
        return ok(ns === undefined ? 'No resources found\n' : `No resources found in ${ns} namespace.\n`);
    }
    return ok(
        table([
            ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
            ...events.map((e) => [
                age(e.lastTimestamp),
                String(e.type),
                String(e.reason),
                `pod/${e.involvedObject.name}`,
                String(e.message),
            ]),
        ]),
    );
}

function describePod(w: ClusterWorkloads, p: ParsedArgs, name: string | undefined): KubectlResult {
    const ns = inNamespace(p) ?? 'default';
    const pod = w.pods.find((x) => x.metadata.name === name && x.metadata.namespace === ns);
    if (!name || !pod) {
        return fail(`Error from server (NotFound): pods "${name ?? ''}" not found\n`);
    }
    const cs = containerStatus(pod);
    const state = (cs.state ?? {}) as Json;
    const waiting = state.waiting as Json | undefined;
    const terminated = ((cs.lastState ?? {}) as Json).terminated as Json | undefined;
    const labels = Object.entries((pod.metadata.labels ?? {}) as Json).map(([k, v]) => `${k}=${String(v)}`);
    const owner = (((pod.metadata.ownerReferences ?? []) as Json[])[0] ?? {}) as Json;
    const events = w.events.filter((e) => e.involvedObject.name === name);
    const lines = [
        `Name:             ${pod.metadata.name}`,
        `Namespace:        ${ns}`,
        `Service Account:  ${String(((pod.spec ?? {}) as Json).serviceAccountName)}`,
        `Node:             ${String(((pod.spec ?? {}) as Json).nodeName ?? '<none>')}`,
        `Start Time:       ${String(pod.status.startTime ?? '<none>')}`,
        `Labels:           ${labels.join('\n                  ')}`,
        `Status:           ${String(pod.status.phase)}`,
        `IP:               ${String(pod.status.podIP ?? '')}`,
        `Controlled By:    ${String(owner.kind)}/${String(owner.name)}`,
        'Containers:',
        `  ${String(cs.name ?? ((pod.metadata.labels ?? {}) as Json).app)}:`,
        `    Image:          ${String(cs.image ?? '')}`,
        waiting
            ? `    State:          Waiting\n      Reason:       ${String(waiting.reason)}`
            : `    State:          Running\n      Started:      ${String(((state.running ?? {}) as Json).startedAt ?? '')}`,
        ...(terminated
            ? [
                  `    Last State:     Terminated\n      Reason:       ${String(terminated.reason)}\n      Exit Code:    ${String(terminated.exitCode)}`,
              ]
            : []),
        `    Ready:          ${cs.ready ? 'True' : 'False'}`,
        `    Restart Count:  ${String(cs.restartCount ?? 0)}`,
        'Conditions:',
        '  Type              Status',
        ...((pod.status.conditions ?? []) as Json[]).map((c) => `  ${String(c.type).padEnd(18)}${String(c.status)}`),
        events.length
            ? 'Events:\n  Type     Reason     Age    From     Message\n  ----     ------     ----   ----     -------'
            : 'Events:            <none>',
        ...events.map(
            (e) =>
                `  ${String(e.type).padEnd(9)}${String(e.reason).padEnd(11)}${age(e.lastTimestamp).padEnd(7)}${String((e.source as Json).component).padEnd(9)}${String(e.message)}`,
        ),
    ];
    return ok(lines.join('\n') + '\n');
}

function podLogs(w: ClusterWorkloads, p: ParsedArgs, name: string | undefined): KubectlResult {
    const ns = inNamespace(p) ?? 'default';
    const pod = w.pods.find((x) => x.metadata.name === name && x.metadata.namespace === ns);
    if (!name || !pod) {
        return fail(`error: error from server (NotFound): pods "${name ?? ''}" not found in namespace "${ns}"\n`);
    }
    const lines = w.logs.get(name) ?? [];
    const tail = Number(flag(p, '--tail') ?? -1);
    const shown = tail >= 0 ? lines.slice(Math.max(0, lines.length - tail)) : lines;
    return ok(shown.map((l) => l + '\n').join(''));
}

/** Runs a pod or event command; undefined when `words` is not one (namespaces and the rest stay in kubectl.ts). */
export function runWorkloadCommand(p: ParsedArgs, workloads: () => ClusterWorkloads): KubectlResult | undefined {
    const [, verb, kind, name] = p.words;
    const pods = ['pod', 'pods', 'po'].includes(kind ?? '');
    if (verb === 'get' && pods) {
        return getPods(workloads(), p, name);
    }
    if (verb === 'get' && ['event', 'events', 'ev'].includes(kind ?? '')) {
        return getEvents(workloads(), p);
    }
    if (verb === 'describe' && pods) {
        return describePod(workloads(), p, name);
    }
    const configMaps = runConfigMapCommand(p, () => workloads().healthCheck);
    if (configMaps) {
        return configMaps;
    }
    if (verb === 'logs') {
        return podLogs(workloads(), p, kind?.replace(/^pods?\//, ''));
    }
    return undefined;
}
