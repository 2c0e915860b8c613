/**
 * The pods and events of a cluster's AzureML extension, as the Kubernetes API shows them (core/v1 Pod and Event), for
 * the kubectl stand-in. They follow from the extension: none until it has installed (a failed install leaves none:
 * helm's atomic install removes its release), the components its settings turn on (the extension's components as the
 * docs list them: MicrosoftDocs azure-ai-docs, articles/machine-learning/how-to-deploy-kubernetes-extension.md), all
 * Running and Ready, except those the fixture's `podIssues` (or `admin.setPodIssues`) make unhealthy.
 */

import * as crypto from 'crypto';
import { clusterNodes } from './clusterNodes';
import type { Emulator } from './emulator';
import { healthCheckConfigMap } from './kubectlConfigMaps';
import { event, hash, issueEvents, rfc3339, uid, type ClusterWorkloads, type Pod } from './kubectlEvents';
import type { ArmResource, Json, PodIssue } from './model';
import { isAzureMl, versionToInstall } from './providers/kubernetesConfigurationRules';

export type { ClusterWorkloads, KubeEvent, Pod } from './kubectlEvents';

function on(settings: Json, key: string, byDefault: boolean): boolean {
    const value = settings[key];
    return value === undefined ? byDefault : String(value).toLowerCase() === 'true';
}

/** The extension's components (deployment name → replicas) for its settings and cluster kind. */
function components(extension: ArmResource, isArc: boolean): [string, number][] {
    const settings = ((extension.properties ?? {}) as Json).configurationSettings as Json;
    const list: [string, number][] = [
        ['amlarc-identity-controller', 1],
        ['amlarc-identity-proxy', 1],
        ['metrics-controller-manager', 1],
        ['gateway', 1],
    ];
    if (on(settings, 'installPromOp', true)) {
        list.push(['prometheus-prom-prometheus', 1]);
    }
    if (on(settings, 'enableTraining', false)) {
        list.push(['aml-operator', 1]);
        if (on(settings, 'installVolcano', true)) {
            list.push(['volcano-admission', 1], ['volcano-controllers', 1], ['volcano-scheduler', 1]);
        }
    }
    if (on(settings, 'enableInference', false)) {
        const devTest = String(settings.clusterPurpose ?? '').toLowerCase() === 'devtest';
        list.push(['azureml-fe-v2', devTest ? 1 : 3], ['inference-operator-controller-manager', 1]);
    }
    if (isArc && on(settings, 'relayserver.enabled', true)) {
        list.push(['relayserver', 2]);
    }
    if (on(settings, 'installDcgmExporter', false)) {
        list.push(['dcgm-exporter', 1]);
    }
    return list;
}

function imageOf(component: string, version: string): string {
    return `mcr.microsoft.com/azureml/amlarc/docker/${component}:${version}`;
}

function healthyLogs(component: string, started: string): string[] {
    return [
        `${started} INFO ${component} starting (AzureML extension)`,
        `${started} INFO ${component} configuration loaded from /etc/azureml/config.yaml`,
        `${started} INFO ${component} ready`,
    ];
}

function container(
    component: string,
    version: string,
    started: string,
    issue: PodIssue | undefined,
    podRef: string,
): Json {
    const base = {
        name: component,
        image: imageOf(component, version),
        imageID: `mcr.microsoft.com/azureml/amlarc/docker/${component}@sha256:${crypto
            .createHash('sha256')
            .update(component + version)
            .digest('hex')}`,
        containerID: `containerd://${crypto.createHash('sha256').update(podRef).digest('hex')}`,
    };
    if (!issue) {
        return {
            ...base,
            ready: true,
            started: true,
            restartCount: 0,
            state: { running: { startedAt: started } },
            lastState: {},
        };
    }
    const waiting = { reason: issue.reason, message: issue.message };
    const lastState =
        issue.reason === 'CrashLoopBackOff'
            ? {
                  terminated: {
                      exitCode: 1,
                      reason: 'Error',
                      startedAt: started,
                      finishedAt: started,
                      containerID: base.containerID,
                  },
              }
            : {};
    return {
        ...base,
        ready: false,
        started: false,
        restartCount: issue.restartCount ?? 0,
        state: { waiting },
        lastState,
    };
}

function condition(type: string, ok: boolean, time: string, reason?: string, message?: string): Json {
    return {
        type,
        status: ok ? 'True' : 'False',
        lastProbeTime: null,
        lastTransitionTime: time,
        ...(reason ? { reason } : {}),
        ...(message ? { message } : {}),
    };
}

function pod(
    clusterId: string,
    component: string,
    index: number,
    node: string,
    version: string,
    created: string,
    issue: PodIssue | undefined,
): Pod {
    const stateful = component === 'prometheus-prom-prometheus';
    const replicaSet = `${component}-${hash(clusterId + component, 10)}`;
    const name = stateful ? `${component}-${index}` : `${replicaSet}-${hash(`${clusterId}${component}${index}`, 5)}`;
    const podUid = uid(`${clusterId}/${name}`);
    if (issue) {
        issue = { ...issue, message: issue.message.replace('{pod}', `${name}_azureml(${podUid})`) };
    }
    const pending = issue?.reason === 'Pending';
    const ready = !issue;
    const conditions = pending
        ? [condition('PodScheduled', false, created, 'Unschedulable', issue?.message)]
        : [
              condition('Initialized', true, created),
              condition(
                  'Ready',
                  ready,
                  created,
                  ready ? undefined : 'ContainersNotReady',
                  ready ? undefined : `containers with unready status: [${component}]`,
              ),
              condition(
                  'ContainersReady',
                  ready,
                  created,
                  ready ? undefined : 'ContainersNotReady',
                  ready ? undefined : `containers with unready status: [${component}]`,
              ),
              condition('PodScheduled', true, created),
          ];
    const ownerKind = stateful ? 'StatefulSet' : 'ReplicaSet';
    return {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
            name,
            namespace: 'azureml',
            uid: podUid,
            creationTimestamp: created,
            labels: {
                app: component,
                'app.kubernetes.io/managed-by': 'Helm',
                ...(stateful ? {} : { 'pod-template-hash': replicaSet.slice(component.length + 1) }),
            },
            ownerReferences: [
                {
                    apiVersion: 'apps/v1',
                    kind: ownerKind,
                    name: stateful ? component : replicaSet,
                    uid: uid(`${clusterId}/${ownerKind}/${component}`),
                    controller: true,
                    blockOwnerDeletion: true,
                },
            ],
        },
        spec: {
            containers: [{ name: component, image: imageOf(component, version) }],
            ...(pending ? {} : { nodeName: node }),
            restartPolicy: 'Always',
            serviceAccountName: component,
        },
        status: {
            phase:
                pending || issue?.reason === 'ImagePullBackOff' || issue?.reason === 'ContainerCreating'
                    ? 'Pending'
                    : 'Running',
            conditions,
            ...(pending
                ? {}
                : {
                      hostIP: '10.224.0.4',
                      podIP: `10.244.${index}.${(podUid.charCodeAt(0) % 200) + 10}`,
                      startTime: created,
                  }),
            ...(pending
                ? {}
                : { containerStatuses: [container(component, version, created, issue, `${clusterId}/${name}`)] }),
            qosClass: 'Burstable',
        },
    };
}

export function clusterWorkloads(em: Emulator, clusterId: string): ClusterWorkloads {
    const extension = em.state
        .inCollection(`${clusterId}/providers/Microsoft.KubernetesConfiguration/extensions`)
        .find(isAzureMl);
    const props = (extension?.properties ?? {}) as Json;
    const out: ClusterWorkloads = {
        pods: [],
        events: [],
        logs: new Map(),
        healthCheck: healthCheckConfigMap(em, clusterId),
    };
    const state = String(props.provisioningState);
    // While it installs, the release's pods are being created; a failed install leaves none.
    const installing = state === 'Creating';
    if (
        !extension ||
        (!installing && (!props.currentVersion || !['Succeeded', 'Updating', 'Deleting'].includes(state)))
    ) {
        return out;
    }
    const version = String(props.currentVersion ?? versionToInstall(props));
    const names = clusterNodes(em, clusterId).map((node) => node.metadata.name);
    const nodes = names.length ? names : ['node-0', 'node-1', 'node-2'];
    const sys = (extension.systemData ?? {}) as Json;
    const created = rfc3339(String(sys.lastModifiedAt ?? sys.createdAt ?? new Date().toISOString()));
    const now = rfc3339(new Date().toISOString());
    const issues = em.state.podIssues.get(clusterId.toLowerCase()) ?? [];
    const recent = Date.now() - Date.parse(created) < 3600_000;
    let n = 0;
    for (const [component, replicas] of components(extension, /connectedClusters/i.test(clusterId))) {
        for (let i = 0; i < replicas; i++) {
            const issue = installing
                ? { component, reason: 'ContainerCreating' as const, message: '' }
                : i === 0
                  ? issues.find((x) => x.component === component)
                  : undefined;
            const p = pod(clusterId, component, i, nodes[n++ % nodes.length], version, created, issue);
            out.pods.push(p);
            out.logs.set(p.metadata.name, installing ? [] : (issue?.logs ?? healthyLogs(component, created)));
            if (issue && !installing) {
                out.events.push(...issueEvents(p, issue, now));
            } else if (recent) {
                // Events live an hour in a cluster: only a fresh install still shows its pods' start.
                out.events.push(
                    event(
                        p,
                        'Normal',
                        'Scheduled',
                        `Successfully assigned azureml/${p.metadata.name} to ${String(((p.spec ?? {}) as Json).nodeName)}`,
                        1,
                        created,
                        created,
                    ),
                    installing
                        ? event(p, 'Normal', 'Pulling', `Pulling image "${imageOf(component, version)}"`, 1, now, now)
                        : event(p, 'Normal', 'Started', `Started container ${component}`, 1, created, created),
                );
            }
        }
    }
    return out;
}
