/**
 * The JSON kubectl prints for `kubectl get instancetypes -o json` (an `InstanceTypeList`) and `kubectl get nodes -o
 * json` (a `v1` `List` of `Node`s), read into the domain models. Anything else is a problem, never an empty list.
 */
import type { ClusterNode, NodeTaint } from './instanceTypeFit';
import { instanceTypeFromSpec, type InstanceType, type InstanceTypeSchemaShape } from './instanceTypes';

export type ListReading<T> = { readonly items: T[] } | { readonly problem: string };

interface ObjectMeta {
    name?: unknown;
    creationTimestamp?: unknown;
    labels?: unknown;
}

interface InstanceTypeItem {
    kind?: unknown;
    metadata?: ObjectMeta;
    spec?: InstanceTypeSchemaShape;
}

interface NodeItem {
    kind?: unknown;
    metadata?: ObjectMeta;
    spec?: { unschedulable?: unknown; taints?: unknown };
    status?: { allocatable?: unknown; conditions?: unknown };
}

function listItems(output: string, what: string, kinds: readonly string[]): unknown[] | { problem: string } {
    let parsed: unknown;
    try {
        parsed = JSON.parse(output);
    } catch {
        return { problem: `kubectl did not print JSON for ${what}: ${output.trim().slice(0, 200) || '(nothing)'}` };
    }
    const list = parsed as { kind?: unknown; items?: unknown } | null;
    if (!list || typeof list !== 'object' || !kinds.includes(String(list.kind)) || !Array.isArray(list.items)) {
        return { problem: `kubectl printed something other than a list of ${what}.` };
    }
    return list.items;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function stringMap(value: unknown): Record<string, string> {
    if (!value || typeof value !== 'object') {
        return {};
    }
    return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).flatMap(([key, v]) =>
            typeof v === 'string' ? [[key, v]] : typeof v === 'number' ? [[key, String(v)]] : [],
        ),
    );
}

function dateOf(value: unknown): Date | undefined {
    const date = typeof value === 'string' ? new Date(value) : undefined;
    return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

/** The cluster's InstanceType resources (the built-in default is not among them; see withBuiltInDefault). */
export function parseInstanceTypeList(output: string): ListReading<InstanceType> {
    const items = listItems(output, 'instance types', ['InstanceTypeList', 'List']);
    if (!Array.isArray(items)) {
        return items;
    }
    const types: InstanceType[] = [];
    for (const item of items as InstanceTypeItem[]) {
        const name = text(item?.metadata?.name);
        if (name && (item.kind === undefined || item.kind === 'InstanceType')) {
            types.push(
                instanceTypeFromSpec(name, item.spec, 'cluster', false, dateOf(item.metadata?.creationTimestamp)),
            );
        }
    }
    return { items: types };
}

function taintsOf(value: unknown): NodeTaint[] {
    if (!Array.isArray(value)) {
        return [];
    }
    return value.flatMap((t: { key?: unknown; value?: unknown; effect?: unknown }) => {
        const key = text(t?.key);
        const effect = text(t?.effect);
        return key && effect ? [{ key, effect, ...(text(t.value) ? { value: text(t.value) } : {}) }] : [];
    });
}

function readyOf(conditions: unknown): boolean {
    return (
        Array.isArray(conditions) &&
        conditions.some((c: { type?: unknown; status?: unknown }) => c?.type === 'Ready' && c.status === 'True')
    );
}

export function parseNodeList(output: string): ListReading<ClusterNode> {
    const items = listItems(output, 'nodes', ['List', 'NodeList']);
    if (!Array.isArray(items)) {
        return items;
    }
    const nodes: ClusterNode[] = [];
    for (const item of items as NodeItem[]) {
        const name = text(item?.metadata?.name);
        if (!name || (item.kind !== undefined && item.kind !== 'Node')) {
            continue;
        }
        const allocatable = stringMap(item.status?.allocatable);
        nodes.push({
            name,
            labels: stringMap(item.metadata?.labels),
            allocatable: { cpu: allocatable.cpu, memory: allocatable.memory, gpu: allocatable['nvidia.com/gpu'] },
            ready: readyOf(item.status?.conditions),
            unschedulable: item.spec?.unschedulable === true,
            taints: taintsOf(item.spec?.taints),
        });
    }
    return { items: nodes };
}
