/**
 * The Kubernetes nodes of a cluster (core/v1 Node), as `kubectl get nodes` shows them. AKS: one node per agent pool
 * member (`agentPoolProfiles`: count, vmSize, maxPods, nodeLabels, nodeTaints), with the labels AKS puts on its nodes
 * and the allocatable CPU and memory AKS leaves after its reservations (learn.microsoft.com/azure/aks/
 * node-resource-reservations); GPU sizes carry `nvidia.com/gpu` and `accelerator: nvidia`. Arc: `totalNodeCount` nodes
 * sharing `totalCoreCount` (Arc reports no memory: 4 GiB a core is assumed). A fixture's `nodes` (or
 * `admin.setNodes`) replaces what the cluster's properties give.
 */

import type { Emulator } from './emulator';
import { hash, rfc3339, uid } from './kubectlEvents';
import type { ArmResource, Json } from './model';
import { vmSize } from './vmSizes';

export type KubeNode = Json & { metadata: Json & { name: string; labels: Record<string, string> }; status: Json };

const fixtureDate = '2025-01-15T09:30:00Z';
const kiPerMi = 1024;
const kiPerGi = 1024 * 1024;

/** Kube-reserved CPU (millicores) by cores on the host, from the AKS table; between its points, linear. */
const cpuReservations: [number, number][] = [
    [1, 60],
    [2, 100],
    [4, 140],
    [8, 180],
    [16, 260],
    [32, 420],
    [64, 740],
];

function reservedCpuMillicores(cores: number): number {
    const [, first] = cpuReservations[0];
    if (cores <= 1) {
        return first;
    }
    for (let i = 1; i < cpuReservations.length; i++) {
        const [c0, m0] = cpuReservations[i - 1];
        const [c1, m1] = cpuReservations[i];
        if (cores <= c1) {
            return Math.round(m0 + ((m1 - m0) * (cores - c0)) / (c1 - c0));
        }
    }
    return 740 + (cores - 64) * 10;
}

function minorVersion(version: string): number {
    const [major, minor] = version.split('.').map(Number);
    return major === 1 && Number.isFinite(minor) ? minor : 99;
}

/**
 * Kube-reserved memory plus the eviction threshold, in KiB. AKS 1.29 and later: the lesser of 20 MB × max pods + 50 MB
 * and 25% of the memory, plus 100Mi; before: 25% of the first 4 GB, 20% of the next 4, 10% of the next 8, 6% of the
 * next 112, 2% above, plus 750Mi.
 */
function reservedMemoryKi(memoryKi: number, maxPods: number, version: string): number {
    if (minorVersion(version) >= 29) {
        return Math.min((20 * maxPods + 50) * kiPerMi, memoryKi * 0.25) + 100 * kiPerMi;
    }
    const tiers: [number, number][] = [
        [4, 0.25],
        [4, 0.2],
        [8, 0.1],
        [112, 0.06],
        [Infinity, 0.02],
    ];
    let left = memoryKi;
    let reserved = 0;
    for (const [gib, share] of tiers) {
        const part = Math.min(left, gib * kiPerGi);
        reserved += part * share;
        left -= part;
    }
    return reserved + 750 * kiPerMi;
}

const conditions = (since: string): Json[] =>
    [
        ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
        ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
        ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
        ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
    ].map(([type, status, reason, message]) => ({
        type,
        status,
        reason,
        message,
        lastHeartbeatTime: rfc3339(new Date().toISOString()),
        lastTransitionTime: since,
    }));

function taintsOf(pool: Json): Json[] | undefined {
    const taints = ((pool.nodeTaints ?? []) as string[]).map((t) => {
        const [kv, effect] = t.split(':');
        const [key, value] = kv.split('=');
        return { key, ...(value !== undefined ? { value } : {}), effect };
    });
    return taints.length ? taints : undefined;
}

/** The names AKS gives a pool's VMSS instances (`aks-<pool>-<8 digits>-vmss00000<n>`). */
function aksNodeName(clusterId: string, pool: string, index: number): string {
    const digits = hash(clusterId + pool, 8)
        .replace(/\D/g, '7')
        .padEnd(8, '1');
    return `aks-${pool}-${digits}-vmss${index.toString(36).padStart(6, '0')}`;
}

function aksNodes(cluster: ArmResource, since: string): KubeNode[] {
    const props = (cluster.properties ?? {}) as Json;
    const version = String(props.currentKubernetesVersion ?? props.kubernetesVersion ?? '1.31.0');
    const nodeResourceGroup = String(props.nodeResourceGroup ?? `MC_${cluster.name}`);
    return ((props.agentPoolProfiles ?? []) as Json[]).flatMap((pool) => {
        const poolName = String(pool.name);
        const size = vmSize(String(pool.vmSize ?? ''));
        const maxPods = Number(pool.maxPods ?? 110);
        const memoryKi = size.memoryGiB * kiPerGi;
        const gpu = size.gpus ? { 'nvidia.com/gpu': String(size.gpus) } : {};
        const mode = String(pool.mode ?? 'User').toLowerCase();
        return Array.from({ length: Number(pool.count ?? 0) }, (_, i): KubeNode => {
            const name = aksNodeName(cluster.id, poolName, i);
            const labels: Record<string, string> = {
                agentpool: poolName,
                'kubernetes.azure.com/agentpool': poolName,
                'kubernetes.azure.com/cluster': nodeResourceGroup,
                'kubernetes.azure.com/mode': mode,
                'kubernetes.azure.com/role': 'agent',
                'kubernetes.io/arch': 'amd64',
                'kubernetes.io/hostname': name,
                'kubernetes.io/os': 'linux',
                'kubernetes.io/role': 'agent',
                'node-role.kubernetes.io/agent': '',
                'node.kubernetes.io/instance-type': String(pool.vmSize),
                'topology.kubernetes.io/region': String(cluster.location ?? 'eastus'),
                'topology.kubernetes.io/zone': '0',
                ...(size.gpus ? { accelerator: 'nvidia' } : {}),
                ...((pool.nodeLabels ?? {}) as Record<string, string>),
            };
            const taints = taintsOf(pool);
            return {
                apiVersion: 'v1',
                kind: 'Node',
                metadata: { name, uid: uid(cluster.id + name), creationTimestamp: since, labels },
                spec: {
                    providerID: `azure:///subscriptions/${cluster.id.split('/')[2]}/resourceGroups/${nodeResourceGroup}/providers/Microsoft.Compute/virtualMachineScaleSets/aks-${poolName}-vmss/virtualMachines/${i}`,
                    ...(taints ? { taints } : {}),
                },
                status: {
                    capacity: { cpu: String(size.vcpu), memory: `${memoryKi}Ki`, ...gpu, pods: String(maxPods) },
                    allocatable: {
                        cpu: `${size.vcpu * 1000 - reservedCpuMillicores(size.vcpu)}m`,
                        memory: `${Math.floor(memoryKi - reservedMemoryKi(memoryKi, maxPods, version))}Ki`,
                        ...gpu,
                        pods: String(maxPods),
                    },
                    conditions: conditions(since),
                    nodeInfo: {
                        kubeletVersion: `v${version}`,
                        osImage: 'Ubuntu 22.04.5 LTS',
                        operatingSystem: 'linux',
                        architecture: 'amd64',
                        containerRuntimeVersion: 'containerd://1.7.25-1',
                    },
                },
            };
        });
    });
}

function arcNodes(cluster: ArmResource, since: string): KubeNode[] {
    const props = (cluster.properties ?? {}) as Json;
    const count = Number(props.totalNodeCount ?? 0);
    const cores = count ? Math.max(1, Math.floor(Number(props.totalCoreCount ?? 0) / count)) : 0;
    const memoryKi = cores * 4 * kiPerGi;
    return Array.from({ length: count }, (_, i): KubeNode => {
        const name = `${cluster.name}-node-${i}`;
        return {
            apiVersion: 'v1',
            kind: 'Node',
            metadata: {
                name,
                uid: uid(cluster.id + name),
                creationTimestamp: since,
                labels: { 'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux' },
            },
            spec: {},
            status: {
                capacity: { cpu: String(cores), memory: `${memoryKi}Ki`, pods: '110' },
                allocatable: { cpu: String(cores), memory: `${memoryKi - 100 * kiPerMi}Ki`, pods: '110' },
                conditions: conditions(since),
                nodeInfo: {
                    kubeletVersion: `v${String(props.kubernetesVersion ?? '1.30.0')}`,
                    operatingSystem: 'linux',
                    architecture: 'amd64',
                },
            },
        };
    });
}

/** The cluster's nodes: those set for it (fixture `nodes`, `admin.setNodes`), else those its properties give. */
export function clusterNodes(em: Emulator, clusterId: string): KubeNode[] {
    const set = em.state.nodes.get(clusterId.toLowerCase());
    if (set) {
        return set;
    }
    const cluster = em.state.get(clusterId);
    if (!cluster) {
        return [];
    }
    const since = rfc3339(String(((cluster.systemData ?? {}) as Json).createdAt ?? fixtureDate));
    return /\/managedClusters\//i.test(cluster.id) ? aksNodes(cluster, since) : arcNodes(cluster, since);
}
