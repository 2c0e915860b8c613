/**
 * A cluster's InstanceType custom resources (CRD `instancetypes.amlarc.azureml.com`, `amlarc.azureml.com/v1alpha1`,
 * cluster-scoped), which the AzureML extension installs, and the compute's view of them. From MicrosoftDocs
 * azure-ai-docs, articles/machine-learning/how-to-manage-kubernetes-instance-types.md: the built-in
 * `defaultinstancetype` (requests 100m / 2Gi, limits 2 / 2Gi) is no custom resource (`kubectl get instancetype` does
 * not list it) yet every client shows it; a custom resource of that name replaces it.
 */

import * as crypto from 'crypto';
import type { Emulator } from './emulator';
import type { InstanceTypeResource, Json } from './model';
import { isAzureMl } from './providers/kubernetesConfigurationRules';

export const instanceTypeApiVersion = 'amlarc.azureml.com/v1alpha1';
export const defaultInstanceTypeName = 'defaultinstancetype';

const builtInDefault: Json = {
    resources: { requests: { cpu: '100m', memory: '2Gi' }, limits: { cpu: '2', memory: '2Gi' } },
};

let resourceVersion = 1000;

/** An InstanceType as the API server stores it: the given metadata and spec with the server's own fields. */
export function storedInstanceType(raw: Json, when: string, previous?: InstanceTypeResource): InstanceTypeResource {
    const metadata = (raw.metadata ?? {}) as Json;
    const name = String(metadata.name);
    const specChanged = previous && JSON.stringify(previous.spec) !== JSON.stringify(raw.spec ?? {});
    return {
        apiVersion: instanceTypeApiVersion,
        kind: 'InstanceType',
        metadata: {
            ...metadata,
            name,
            creationTimestamp: String(previous?.metadata.creationTimestamp ?? metadata.creationTimestamp ?? when),
            generation: Number(previous?.metadata.generation ?? 0) + (previous && !specChanged ? 0 : 1),
            resourceVersion: String(++resourceVersion),
            uid: String(previous?.metadata.uid ?? crypto.randomUUID()),
        },
        spec: (raw.spec ?? {}) as Json,
    };
}

/** The CRD is there while the AzureML extension is installed (a failed install rolls its release back). */
export function instanceTypeCrdInstalled(em: Emulator, clusterId: string): boolean {
    const extension = em.state
        .inCollection(`${clusterId}/providers/Microsoft.KubernetesConfiguration/extensions`)
        .find(isAzureMl);
    const state = String(((extension?.properties ?? {}) as Json).provisioningState ?? '');
    return ['Succeeded', 'Updating', 'Deleting'].includes(state);
}

/** The cluster's InstanceType resources, by name (the order the API server lists them in). */
export function clusterInstanceTypes(em: Emulator, clusterId: string): InstanceTypeResource[] {
    return [...(em.state.instanceTypes.get(clusterId.toLowerCase()) ?? [])].sort((a, b) =>
        a.metadata.name.localeCompare(b.metadata.name),
    );
}

export function setClusterInstanceTypes(em: Emulator, clusterId: string, items: InstanceTypeResource[]): void {
    em.state.instanceTypes.set(clusterId.toLowerCase(), items);
    em.state.touch();
}

function quantities(map: unknown): Record<string, string> {
    return Object.fromEntries(Object.entries((map ?? {}) as Json).map(([k, v]) => [k, String(v)]));
}

/** One instance type as the compute's `instanceTypes` shows it (the published InstanceTypeSchema: strings). */
function armInstanceType(spec: Json): Json {
    const resources = (spec.resources ?? {}) as Json;
    const limits = quantities(resources.limits);
    return {
        nodeSelector: spec.nodeSelector ?? null,
        resources: {
            requests: quantities(resources.requests),
            limits: { ...limits, 'nvidia.com/gpu': limits['nvidia.com/gpu'] ?? null },
        },
    };
}

/**
 * The compute's `defaultInstanceType` and `instanceTypes`: the cluster's InstanceType resources, and the built-in
 * default unless one of them is named `defaultinstancetype`.
 */
export function computeInstanceTypes(em: Emulator, clusterId: string): Json {
    const items = clusterInstanceTypes(em, clusterId);
    const instanceTypes: Json = {};
    if (!items.some((i) => i.metadata.name === defaultInstanceTypeName)) {
        instanceTypes[defaultInstanceTypeName] = armInstanceType(builtInDefault);
    }
    for (const item of items) {
        instanceTypes[item.metadata.name] = armInstanceType(item.spec);
    }
    return { defaultInstanceType: defaultInstanceTypeName, instanceTypes };
}
