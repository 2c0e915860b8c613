/**
 * Instance types of a cluster through Azure: on AKS, kubectl through run-command reads the InstanceType resources and
 * the nodes and applies or deletes resources (`kubectl apply -f instancetype.yaml` with the file in the request's
 * context, as `az aks command invoke --file` sends it); a compute's own view comes from its ARM properties.
 */
import {
    builtInDefaultInstanceType,
    defaultInstanceTypeName,
    instanceTypeResource,
    withBuiltInDefault,
    type InstanceType,
} from '../domain/instanceTypes';
import { fitOnNodes, type ClusterNode, type InstanceTypeFit, type WorkloadContext } from '../domain/instanceTypeFit';
import { parseInstanceTypeList, parseNodeList, type ListReading } from '../domain/instanceTypeLists';
import { instanceTypeYaml } from '../domain/instanceTypeYaml';
import type { ComputeInfo } from '../domain/models';
import { redactSecrets } from './errors';
import { runKubectl, type KubectlResult } from './kubectl';
import type { SubscriptionContext } from './subscriptionContext';

export const getInstanceTypesCommand = 'kubectl get instancetypes -o json';
export const getNodesCommand = 'kubectl get nodes -o json';
export const instanceTypeFileName = 'instancetype.yaml';
export const applyInstanceTypeCommand = `kubectl apply -f ${instanceTypeFileName}`;

export function deleteInstanceTypeCommand(name: string): string {
    assertObjectName(name);
    return `kubectl delete instancetype ${name}`;
}

/** kubectl ran and said no: its own words, redacted, are the message. */
export class KubectlError extends Error {
    constructor(
        readonly command: string,
        readonly result: KubectlResult,
    ) {
        super(redactSecrets(result.logs.trim()) || `${command} exited with ${result.exitCode}`);
        this.name = 'KubectlError';
    }
}

async function kubectlOk(
    sub: SubscriptionContext,
    clusterId: string,
    command: string,
    files: Parameters<typeof runKubectl>[3] = [],
): Promise<string> {
    const result = await runKubectl(sub, clusterId, command, files);
    if (result.exitCode !== 0) {
        throw new KubectlError(command, result);
    }
    return result.logs;
}

function itemsOrThrow<T>(reading: ListReading<T>): T[] {
    if ('problem' in reading) {
        throw new Error(reading.problem);
    }
    return reading.items;
}

/**
 * What a job may use on the cluster: its InstanceType resources, and the built-in default unless a resource named
 * `defaultinstancetype` replaces it (the doc: the default "doesn't appear" in `kubectl get instancetype`).
 */
export async function readClusterInstanceTypes(sub: SubscriptionContext, clusterId: string): Promise<InstanceType[]> {
    try {
        return withBuiltInDefault(
            itemsOrThrow(parseInstanceTypeList(await kubectlOk(sub, clusterId, getInstanceTypesCommand))),
        );
    } catch (error) {
        // Without the AzureML extension the CRD is not there: kubectl says `the server doesn't have a resource type`.
        if (error instanceof KubectlError && /doesn't have a resource type/i.test(error.message)) {
            throw new Error(
                `The cluster has no ${instanceTypeResource} resources: the AzureML extension installs them. kubectl said: ${error.message}`,
            );
        }
        throw error;
    }
}

export async function readNodes(sub: SubscriptionContext, clusterId: string): Promise<ClusterNode[]> {
    return itemsOrThrow(parseNodeList(await kubectlOk(sub, clusterId, getNodesCommand)));
}

export interface ClusterInstanceTypes {
    readonly types: readonly InstanceType[];
    readonly nodes: readonly ClusterNode[];
    /** Each type against the nodes, by type name. */
    readonly fits: ReadonlyMap<string, InstanceTypeFit>;
}

/** The types and the nodes read together (two run-commands at once), each type judged against the nodes. */
export async function readInstanceTypeFits(
    sub: SubscriptionContext,
    clusterId: string,
    context: WorkloadContext = {},
): Promise<ClusterInstanceTypes> {
    const [types, nodes] = await Promise.all([readClusterInstanceTypes(sub, clusterId), readNodes(sub, clusterId)]);
    return { types, nodes, fits: new Map(types.map((type) => [type.name, fitOnNodes(type, nodes, context)])) };
}

export type ApplyOutcome = 'created' | 'configured' | 'unchanged';

/** `kubectl apply` of the emitted YAML; kubectl's refusal (the API server's validation message) is thrown as it said it. */
export async function applyInstanceType(
    sub: SubscriptionContext,
    clusterId: string,
    type: Pick<InstanceType, 'name' | 'nodeSelector' | 'requests' | 'limits'>,
): Promise<ApplyOutcome> {
    assertObjectName(type.name);
    const logs = await kubectlOk(sub, clusterId, applyInstanceTypeCommand, [
        { name: instanceTypeFileName, content: instanceTypeYaml(type) },
    ]);
    // kubectl apply prints `instancetype.amlarc.azureml.com/<name> created|configured|unchanged`.
    const outcome = /\s(created|configured|unchanged)\s*$/.exec(logs.trim())?.[1] as ApplyOutcome | undefined;
    return outcome ?? 'configured';
}

/** Makes the type the cluster's default: the same spec as a resource named `defaultinstancetype`. */
export async function setDefaultInstanceType(
    sub: SubscriptionContext,
    clusterId: string,
    type: Pick<InstanceType, 'nodeSelector' | 'requests' | 'limits'>,
): Promise<ApplyOutcome> {
    return applyInstanceType(sub, clusterId, { ...type, name: defaultInstanceTypeName });
}

/** `'notFound'` when the cluster had no such resource (kubectl's NotFound, exit 1). */
export async function deleteInstanceType(
    sub: SubscriptionContext,
    clusterId: string,
    name: string,
): Promise<'deleted' | 'notFound'> {
    const command = deleteInstanceTypeCommand(name);
    const result = await runKubectl(sub, clusterId, command);
    if (result.exitCode === 0) {
        return 'deleted';
    }
    if (/\(NotFound\)/.test(result.logs)) {
        return 'notFound';
    }
    throw new KubectlError(command, result);
}

/**
 * The compute's own view (`properties.properties.instanceTypes` and `defaultInstanceType`), default first. A compute
 * that reports none still runs jobs with the built-in default (the doc: it "does appear in all clients").
 */
export function computeInstanceTypes(
    compute: Pick<ComputeInfo, 'instanceTypes' | 'defaultInstanceType'>,
): InstanceType[] {
    const types = [...(compute.instanceTypes ?? [])];
    const defaultName = compute.defaultInstanceType ?? defaultInstanceTypeName;
    if (!types.some((type) => type.name === defaultName) && defaultName === defaultInstanceTypeName) {
        types.push(builtInDefaultInstanceType);
    }
    return types
        .map((type) => ({ ...type, isDefault: type.name === defaultName }))
        .sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name));
}

/** The name goes into a shell command in the cluster: only DNS-1123 subdomains get that far. */
function assertObjectName(name: string): void {
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(name) || name.length > 253) {
        throw new Error(`"${name}" is not a valid Kubernetes object name.`);
    }
}
