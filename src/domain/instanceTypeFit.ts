/**
 * Whether a job of an instance type can be scheduled on a cluster's nodes, judged as the Kubernetes scheduler's
 * filters judge a pod (kubernetes.io/docs/concepts/scheduling-eviction/kube-scheduler): the node matches the
 * nodeSelector, is Ready and schedulable, has no NoSchedule/NoExecute taint the pod does not tolerate, and its
 * allocatable CPU, memory and GPUs cover the pod's requests. Allocatable, not free: running pods are not counted.
 */
import { formatCpu, formatMemory, parseCpu, parseMemory, parseWholeCount, type QuantityReading } from './quantity';
import { limitsBelowRequests, pairs, type InstanceType } from './instanceTypes';

export interface NodeTaint {
    readonly key: string;
    readonly value?: string;
    readonly effect: string;
}

/** A node as `kubectl get nodes -o json` shows it, reduced to what scheduling reads. */
export interface ClusterNode {
    readonly name: string;
    readonly labels: Readonly<Record<string, string>>;
    /** `status.allocatable` quantities as written (`"3860m"`, `"12880000Ki"`, `nvidia.com/gpu` `"1"`). */
    readonly allocatable: { readonly cpu?: string; readonly memory?: string; readonly gpu?: string };
    readonly ready: boolean;
    /** `spec.unschedulable` (cordoned). */
    readonly unschedulable: boolean;
    readonly taints: readonly NodeTaint[];
}

/** Who submits the job: the amlarc resource-group, workspace and compute taints are tolerated only by their own. */
export interface WorkloadContext {
    readonly resourceGroup?: string;
    readonly workspaceName?: string;
    readonly computeName?: string;
    /** The AzureML extension's nodeSelector: the doc says a workload runs on nodes matching it and the type's. */
    readonly extensionNodeSelector?: Readonly<Record<string, string>>;
}

export interface NodeFit {
    readonly node: string;
    /** Undefined when the type fits this node. */
    readonly reason?: string;
}

export interface InstanceTypeFit {
    readonly fittingNodes: readonly string[];
    readonly nodeCount: number;
    /** Why no node fits; empty when one does. */
    readonly reasons: readonly string[];
    /** "fits on 2 of 3 nodes", or the reasons. */
    readonly summary: string;
    readonly perNode: readonly NodeFit[];
}

/**
 * reference-kubernetes.md, "Supported Azure Machine Learning taints and tolerations": machine learning workload pods
 * tolerate `ml.azure.com/amlarc` and `ml.azure.com/amlarc-workload` (true), and the resource-group, workspace and
 * compute taints naming their own; not `ml.azure.com/amlarc-system`, nor any other taint.
 */
function tolerated(taint: NodeTaint, context: WorkloadContext): boolean {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') {
        return true; // PreferNoSchedule only steers the scheduler.
    }
    const own = (expected: string | undefined) => expected === undefined || taint.value === expected;
    switch (taint.key) {
        case 'ml.azure.com/amlarc':
        case 'ml.azure.com/amlarc-workload':
            return taint.value === 'true';
        case 'ml.azure.com/resource-group':
            return own(context.resourceGroup);
        case 'ml.azure.com/workspace':
            return own(context.workspaceName);
        case 'ml.azure.com/compute':
            return own(context.computeName);
        default:
            return false;
    }
}

const taintText = (taint: NodeTaint) => `${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`;

interface Demand {
    readonly cpu: number;
    readonly memory: number;
    readonly gpus: number;
}

/** The pod's requests; GPUs from the limits (an extended resource's request is its limit). */
function demandOf(type: InstanceType): Demand | { readonly problem: string } {
    const cpu = parseCpu(type.requests.cpu ?? '');
    const memory = parseMemory(type.requests.memory ?? '');
    const gpus = type.limits.gpu ? parseWholeCount(type.limits.gpu) : { value: 0 };
    for (const reading of [cpu, memory, gpus]) {
        if ('problem' in reading) {
            return { problem: `the instance type is not valid: ${reading.problem}` };
        }
    }
    return { cpu: valueOf(cpu), memory: valueOf(memory), gpus: valueOf(gpus) };
}

const valueOf = (reading: QuantityReading): number => ('value' in reading ? reading.value : 0);

/** Parsed once per node read: a panel judges every type against the same nodes. */
const capacities = new WeakMap<ClusterNode, Demand>();

function capacityOf(node: ClusterNode): Demand {
    let capacity = capacities.get(node);
    if (!capacity) {
        capacity = {
            cpu: valueOf(parseCpu(node.allocatable.cpu ?? '0')),
            memory: valueOf(parseMemory(node.allocatable.memory ?? '0')),
            gpus: valueOf(parseWholeCount(node.allocatable.gpu ?? '0')),
        };
        capacities.set(node, capacity);
    }
    return capacity;
}

/** Why the node cannot take the pod before resources are counted, if it cannot. */
function exclusion(node: ClusterNode, selector: Readonly<Record<string, string>>, context: WorkloadContext) {
    if (Object.entries(selector).some(([key, value]) => node.labels[key] !== value)) {
        return { stage: 'selector', reason: `does not match nodeSelector ${pairs(selector)}` } as const;
    }
    if (!node.ready) {
        return { stage: 'node', reason: 'is not Ready' } as const;
    }
    if (node.unschedulable) {
        return { stage: 'node', reason: 'is cordoned (unschedulable)' } as const;
    }
    const taint = node.taints.find((t) => !tolerated(t, context));
    return taint
        ? ({ stage: 'node', reason: `has the taint ${taintText(taint)}, which AzureML jobs do not tolerate` } as const)
        : undefined;
}

function shortfall(demand: Demand, capacity: Demand): string | undefined {
    const missing = [
        demand.cpu > capacity.cpu ? `${formatCpu(capacity.cpu)} allocatable` : undefined,
        demand.memory > capacity.memory ? `${formatMemory(capacity.memory)} of memory allocatable` : undefined,
        demand.gpus > capacity.gpus ? `${capacity.gpus} GPU${capacity.gpus === 1 ? '' : 's'}` : undefined,
    ].filter((part): part is string => part !== undefined);
    return missing.length ? `has only ${missing.join(', ')}` : undefined;
}

/** The instance type against the nodes: how many can take its jobs, or why none can. */
export function fitOnNodes(
    type: InstanceType,
    nodes: readonly ClusterNode[],
    context: WorkloadContext = {},
): InstanceTypeFit {
    const selector = { ...context.extensionNodeSelector, ...type.nodeSelector };
    const demand = demandOf(type);
    const perNode: NodeFit[] = nodes.map((node) => {
        const excluded = exclusion(node, selector, context);
        const reason = excluded?.reason ?? ('problem' in demand ? demand.problem : shortfall(demand, capacityOf(node)));
        return reason ? { node: node.name, reason } : { node: node.name };
    });
    const fittingNodes = perNode.filter((fit) => fit.reason === undefined).map((fit) => fit.node);
    const reasons = limitsBelowRequests(type) ? ['limits below requests'] : [];
    if (fittingNodes.length === 0) {
        reasons.push(...noFitReasons(nodes, selector, context, demand));
    }
    const summary = reasons.length
        ? reasons.join('; ')
        : `fits on ${fittingNodes.length} of ${nodes.length} node${nodes.length === 1 ? '' : 's'}`;
    return { fittingNodes, nodeCount: nodes.length, reasons, summary, perNode };
}

function noFitReasons(
    nodes: readonly ClusterNode[],
    selector: Readonly<Record<string, string>>,
    context: WorkloadContext,
    demand: Demand | { readonly problem: string },
): string[] {
    if ('problem' in demand) {
        return [demand.problem];
    }
    if (nodes.length === 0) {
        return ['the cluster has no nodes'];
    }
    const matching = nodes.filter((node) => exclusion(node, selector, context)?.stage !== 'selector');
    if (matching.length === 0) {
        return [`no node matches nodeSelector ${pairs(selector)}`];
    }
    const open = matching.filter((node) => exclusion(node, selector, context) === undefined);
    if (open.length === 0) {
        return grouped(matching.map((node) => [node.name, exclusion(node, selector, context)?.reason ?? '']));
    }
    const openCapacities = open.map(capacityOf);
    const most = (pick: (c: Demand) => number) => Math.max(...openCapacities.map(pick));
    const where = open.length === nodes.length ? 'any node' : 'any node that can take AzureML jobs';
    const reasons: string[] = [];
    if (demand.gpus > most((c) => c.gpus)) {
        reasons.push(`no node has ${demand.gpus} GPU${demand.gpus === 1 ? '' : 's'} (most: ${most((c) => c.gpus)})`);
    }
    if (demand.cpu > most((c) => c.cpu)) {
        reasons.push(`requests more CPU than ${where} has (most: ${formatCpu(most((c) => c.cpu))})`);
    }
    if (demand.memory > most((c) => c.memory)) {
        reasons.push(`requests more memory than ${where} has (most: ${formatMemory(most((c) => c.memory))})`);
    }
    if (reasons.length === 0) {
        const asked = [formatCpu(demand.cpu), formatMemory(demand.memory)];
        if (demand.gpus) {
            asked.push(`${demand.gpus} GPU${demand.gpus === 1 ? '' : 's'}`);
        }
        reasons.push(`no single node has ${asked.join(', ')} at once`);
    }
    return reasons;
}

/** "node a is not Ready", or "3 nodes (a, b, c) are not Ready": one reason per cause, a few names each. */
function grouped(reasons: readonly (readonly [string, string])[]): string[] {
    const byReason = new Map<string, string[]>();
    for (const [node, reason] of reasons) {
        byReason.set(reason, [...(byReason.get(reason) ?? []), node]);
    }
    return [...byReason].map(([reason, names]) => {
        if (names.length === 1) {
            return `node ${names[0]} ${reason}`;
        }
        const shown =
            names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
        return `${names.length} nodes (${shown}) ${reason.replace(/^is /, 'are ').replace(/^has /, 'have ')}`;
    });
}
