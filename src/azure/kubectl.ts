/** Runs kubectl inside an AKS cluster through ARM's run-command API (no kubeconfig or network path needed). */
import { parseArmId } from '../domain/armId';
import { createContainerServiceClient } from './clients';
import { runCommandContext, type ContextFile } from './runCommandContext';
import type { SubscriptionContext } from './subscriptionContext';

export interface KubectlResult {
    readonly exitCode: number;
    readonly logs: string;
}

/** `files` land in the command's working directory (the request's `context`, as `az aks command invoke --file`). */
export async function runKubectl(
    sub: SubscriptionContext,
    clusterId: string,
    command: string,
    files: readonly ContextFile[] = [],
): Promise<KubectlResult> {
    const parsed = parseArmId(clusterId);
    const name = parsed?.segments[0]?.name;
    if (!parsed?.resourceGroup || !name || parsed.provider?.toLowerCase() !== 'microsoft.containerservice') {
        throw new Error('kubectl can be run through Azure only on AKS clusters.');
    }
    const client = await createContainerServiceClient(sub);
    const result = await client.managedClusters
        .runCommand(parsed.resourceGroup, name, {
            command,
            ...(files.length ? { context: runCommandContext(files) } : {}),
        })
        .pollUntilDone();
    return { exitCode: result.exitCode ?? -1, logs: result.logs ?? '' };
}

export type NamespaceCheck = 'exists' | 'missing' | { readonly error: string };

/** `kubectl get namespace`, read the way a person would read its output. */
export async function checkNamespace(
    sub: SubscriptionContext,
    clusterId: string,
    namespace: string,
): Promise<NamespaceCheck> {
    assertNamespace(namespace);
    const result = await runKubectl(sub, clusterId, `kubectl get namespace ${namespace}`);
    if (result.exitCode === 0) {
        return 'exists';
    }
    return /NotFound|not found/i.test(result.logs)
        ? 'missing'
        : { error: result.logs.trim() || `kubectl exited with ${result.exitCode}` };
}

export async function createNamespace(sub: SubscriptionContext, clusterId: string, namespace: string): Promise<void> {
    assertNamespace(namespace);
    const result = await runKubectl(sub, clusterId, `kubectl create namespace ${namespace}`);
    if (result.exitCode !== 0 && !/AlreadyExists/i.test(result.logs)) {
        throw new Error(result.logs.trim() || `kubectl exited with ${result.exitCode}`);
    }
}

/** The namespace becomes part of a shell command in the cluster: only DNS-1123 labels get that far. */
function assertNamespace(namespace: string): void {
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(namespace) || namespace.length > 63) {
        throw new Error(`"${namespace}" is not a valid Kubernetes namespace.`);
    }
}
