/** The Kubernetes Events (core/v1) about the AzureML extension's pods (kubectlPods.ts), and the ids both use. */

import * as crypto from 'crypto';
import type { Json, PodIssue } from './model';

export type Pod = Json & { metadata: Json & { name: string; namespace: string; uid: string }; status: Json };
export type KubeEvent = Json & { involvedObject: Json & { name: string } };

export interface ClusterWorkloads {
    pods: Pod[];
    events: KubeEvent[];
    /** Container log lines by pod name. */
    logs: Map<string, string[]>;
    /** The `arcml-healthcheck` ConfigMap (kubectlConfigMaps.ts). */
    healthCheck?: Json;
}

const kubeAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

export function hash(seed: string, length: number): string {
    const bytes = crypto.createHash('sha256').update(seed).digest();
    return Array.from(bytes.subarray(0, length), (b) => kubeAlphabet[b % kubeAlphabet.length]).join('');
}

export function uid(seed: string): string {
    const h = crypto.createHash('sha256').update(seed).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function rfc3339(iso: string): string {
    return new Date(Date.parse(iso) || Date.now()).toISOString().replace(/\.\d+Z$/, 'Z');
}

export function event(
    p: Pod,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    count: number,
    first: string,
    last: string,
): KubeEvent {
    const meta = p.metadata;
    const node = String(((p.spec ?? {}) as Json).nodeName ?? '');
    const scheduler = reason === 'Scheduled' || reason === 'FailedScheduling';
    const name = `${meta.name}.${crypto
        .createHash('sha256')
        .update(meta.uid + reason)
        .digest('hex')
        .slice(0, 16)}`;
    return {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace: meta.namespace, uid: uid(name), creationTimestamp: first },
        involvedObject: {
            apiVersion: 'v1',
            kind: 'Pod',
            name: meta.name,
            namespace: meta.namespace,
            uid: meta.uid,
            fieldPath: `spec.containers{${String(((meta.labels ?? {}) as Json).app)}}`,
        },
        reason,
        message,
        source: scheduler ? { component: 'default-scheduler' } : { component: 'kubelet', host: node },
        firstTimestamp: first,
        lastTimestamp: last,
        count,
        type,
        eventTime: null,
        reportingComponent: scheduler ? 'default-scheduler' : 'kubelet',
        reportingInstance: scheduler ? '' : node,
    };
}

export function issueEvents(p: Pod, issue: PodIssue, now: string): KubeEvent[] {
    const ref = `${p.metadata.name}_${p.metadata.namespace}(${p.metadata.uid})`;
    const given = (issue.events ?? []).map((e) =>
        event(
            p,
            'Warning',
            e.reason,
            e.message.replace('{pod}', ref),
            e.count ?? 1,
            p.metadata.creationTimestamp as string,
            now,
        ),
    );
    const standard: Record<PodIssue['reason'], [string, string]> = {
        CrashLoopBackOff: [
            'BackOff',
            `Back-off restarting failed container ${String(((p.metadata.labels ?? {}) as Json).app)} in pod ${ref}`,
        ],
        ImagePullBackOff: ['Failed', `Error: ${issue.reason}`],
        Pending: ['FailedScheduling', issue.message],
        ContainerCreating: ['FailedCreatePodSandBox', issue.message],
    };
    const [reason, message] = standard[issue.reason];
    return [
        ...given,
        event(
            p,
            'Warning',
            reason,
            message,
            Math.max(1, issue.restartCount ?? 1),
            p.metadata.creationTimestamp as string,
            now,
        ),
    ];
}

/** The azureml namespace's pods, events and logs on the cluster (empty when the extension is not installed). */
