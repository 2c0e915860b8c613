/**
 * The AzureML extension's pods as `kubectl get pods -n azureml -o json` and `kubectl get events -n azureml -o json`
 * print them (Kubernetes core/v1 Pod and Event lists), reduced to what a person checks: is each pod Ready, and if
 * not, why (the reason Kubernetes gives) and its last events. Pure: the run-command calls are src/azure/clusterHealth.ts.
 */

/** The namespace the AzureML extension installs into (`scope.cluster.releaseNamespace`, `azureml` by default). */
export const azureMlNamespace = 'azureml';

export interface PodEvent {
    readonly type: string;
    readonly reason: string;
    readonly message: string;
    /** ISO 8601, when known. */
    readonly lastSeen?: string;
    readonly count: number;
}

export interface PodHealth {
    readonly name: string;
    readonly phase: string;
    /** Ready condition True, or a pod that ran to completion (phase Succeeded). */
    readonly healthy: boolean;
    /** e.g. `1/2` */
    readonly readyContainers: string;
    readonly restarts: number;
    /** Not healthy: why, e.g. `CrashLoopBackOff`, `ImagePullBackOff`, `Unschedulable`, `OOMKilled`. */
    readonly reason?: string;
    readonly message?: string;
    /** Not healthy: its last events, the newest first. */
    readonly lastEvents: readonly PodEvent[];
}

const eventsPerPod = 3;

interface ContainerStatusShape {
    readonly ready?: boolean;
    readonly restartCount?: number;
    readonly state?: {
        readonly waiting?: { readonly reason?: string; readonly message?: string };
        readonly terminated?: { readonly reason?: string; readonly message?: string; readonly exitCode?: number };
    };
}

interface ConditionShape {
    readonly type?: string;
    readonly status?: string;
    readonly reason?: string;
    readonly message?: string;
}

interface PodShape {
    readonly metadata?: { readonly name?: string };
    readonly status?: {
        readonly phase?: string;
        readonly reason?: string;
        readonly message?: string;
        readonly conditions?: readonly ConditionShape[];
        readonly containerStatuses?: readonly ContainerStatusShape[];
        readonly initContainerStatuses?: readonly ContainerStatusShape[];
    };
}

interface EventShape {
    readonly involvedObject?: { readonly kind?: string; readonly name?: string };
    readonly type?: string;
    readonly reason?: string;
    readonly message?: string;
    readonly lastTimestamp?: string | null;
    readonly eventTime?: string | null;
    readonly firstTimestamp?: string | null;
    readonly count?: number;
}

/** The items of a `kind: List` printed by kubectl; throws when the text is not such a list. */
function listItems<T>(json: string, what: string): readonly T[] {
    let parsed: unknown;
    try {
        parsed = JSON.parse(json);
    } catch {
        throw new Error(`kubectl did not print the ${what} as JSON: ${json.trim().slice(0, 200)}`);
    }
    const items = (parsed as { items?: unknown } | null)?.items;
    if (!Array.isArray(items)) {
        throw new Error(`kubectl printed no list of ${what}.`);
    }
    return items as readonly T[];
}

export function parseEvents(json: string): Map<string, PodEvent[]> {
    const byPod = new Map<string, PodEvent[]>();
    for (const e of listItems<EventShape>(json, 'events')) {
        const name = e.involvedObject?.name;
        if (!name || (e.involvedObject?.kind ?? 'Pod') !== 'Pod') {
            continue;
        }
        const events = byPod.get(name) ?? [];
        events.push({
            type: e.type ?? 'Normal',
            reason: e.reason ?? '',
            message: e.message ?? '',
            lastSeen: e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? undefined,
            count: e.count ?? 1,
        });
        byPod.set(name, events);
    }
    for (const events of byPod.values()) {
        events.sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''));
    }
    return byPod;
}

/** Each pod of the list, not-healthy ones first, with the reason and (for those) their last events. */
export function podHealth(podsJson: string, eventsJson?: string): PodHealth[] {
    const events = eventsJson ? parseEvents(eventsJson) : new Map<string, PodEvent[]>();
    const pods = listItems<PodShape>(podsJson, 'pods').map((pod) => onePod(pod, events));
    return pods.sort((a, b) => Number(a.healthy) - Number(b.healthy) || a.name.localeCompare(b.name));
}

function onePod(pod: PodShape, events: ReadonlyMap<string, PodEvent[]>): PodHealth {
    const name = pod.metadata?.name ?? '?';
    const status = pod.status ?? {};
    const phase = status.phase ?? 'Unknown';
    const containers = status.containerStatuses ?? [];
    const ready = status.conditions?.find((c) => c.type === 'Ready');
    const healthy = phase === 'Succeeded' || (phase === 'Running' && ready?.status === 'True');
    const why = healthy ? undefined : notReadyReason(status, ready);
    return {
        name,
        phase,
        healthy,
        readyContainers: `${containers.filter((c) => c.ready).length}/${containers.length}`,
        restarts: containers.reduce((sum, c) => sum + (c.restartCount ?? 0), 0),
        reason: why?.reason,
        message: why?.message,
        lastEvents: healthy ? [] : (events.get(name) ?? []).slice(0, eventsPerPod),
    };
}

/**
 * The most telling reason first: a container's (waiting: CrashLoopBackOff, ImagePullBackOff; terminated: Error,
 * OOMKilled), an init container's, the pod's own (Evicted), scheduling (Unschedulable), then the Ready condition's.
 */
function notReadyReason(
    status: NonNullable<PodShape['status']>,
    ready: ConditionShape | undefined,
): { reason: string; message?: string } {
    for (const c of [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])]) {
        if (c.ready) {
            continue;
        }
        const waiting = c.state?.waiting;
        if (waiting?.reason && waiting.reason !== 'PodInitializing') {
            return { reason: waiting.reason, message: waiting.message };
        }
        const terminated = c.state?.terminated;
        if (terminated?.reason && terminated.reason !== 'Completed') {
            const exit = terminated.exitCode !== undefined ? ` (exit code ${terminated.exitCode})` : '';
            return { reason: `${terminated.reason}${exit}`, message: terminated.message };
        }
    }
    if (status.reason) {
        return { reason: status.reason, message: status.message };
    }
    const scheduled = status.conditions?.find((c) => c.type === 'PodScheduled');
    if (scheduled?.status === 'False') {
        return { reason: scheduled.reason ?? 'NotScheduled', message: scheduled.message };
    }
    if (ready?.reason) {
        return { reason: ready.reason, message: ready.message };
    }
    return { reason: status.phase ?? 'Unknown' };
}

/**
 * The commands "Collect diagnostics" runs (and, on Arc, the user copies): the pods, the events, `describe` of each
 * pod that is not healthy and the last lines of its logs. Pod names come from the cluster: only DNS-1123 names are
 * put into a command.
 */
export function diagnosticCommands(unhealthyPods: readonly string[], namespace = azureMlNamespace): string[] {
    const pods = unhealthyPods.filter((p) => /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(p) && p.length <= 253);
    return [
        `kubectl get pods -n ${namespace} -o wide`,
        `kubectl get events -n ${namespace} --sort-by=.lastTimestamp`,
        ...pods.flatMap((p) => [
            `kubectl describe pod ${p} -n ${namespace}`,
            `kubectl logs ${p} -n ${namespace} --all-containers --tail=200`,
        ]),
    ];
}

/** The commands for a person to run, e.g. on an Arc cluster (no run-command there), with the pod JSON ones first. */
export function healthCommands(namespace = azureMlNamespace): string[] {
    return [
        `kubectl get pods -n ${namespace} -o json`,
        `kubectl get events -n ${namespace} -o json`,
        `kubectl describe pods -n ${namespace}`,
        `kubectl logs <pod> -n ${namespace} --all-containers --tail=200`,
    ];
}
