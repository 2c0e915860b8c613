/**
 * The AzureML extension operations being followed (install, update, uninstall), as they are remembered across a
 * window reload, beside the compute operations of followedOperations.ts: plain data, checked when read back, because
 * stored state can be from an older version or edited by hand.
 */

export type ExtensionOperation = 'install' | 'update' | 'uninstall';

export interface FollowedExtensionRecord {
    readonly operation: ExtensionOperation;
    /** The cluster's subscription. */
    readonly subscriptionId: string;
    /** The AKS or Arc cluster's ARM id. */
    readonly clusterId: string;
    /** The extension resource's name (`azureml` when the product installed it). */
    readonly extensionName: string;
    /** Whether the end notification offers Attach to a Workspace... (not when the attach wizard asked for it). */
    readonly offerAttach?: boolean;
    /** When the operation was sent, in milliseconds since the epoch. */
    readonly startedAt: number;
}

const operations: readonly ExtensionOperation[] = ['install', 'update', 'uninstall'];

const clusterIdPattern =
    /^\/subscriptions\/([^/]+)\/resourceGroups\/[^/]+\/providers\/(Microsoft\.ContainerService\/managedClusters|Microsoft\.Kubernetes\/connectedClusters)\/[^/]+$/i;

/** An extension resource's name, as the Azure CLI's k8s-extension `--name` takes it. */
const extensionNamePattern = /^[a-z0-9][a-z0-9.-]{0,252}$/i;

const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The records in `raw` that are well formed; anything else (a compute's record, an older shape) is dropped. */
export function parseFollowedExtensions(raw: unknown): FollowedExtensionRecord[] {
    if (!Array.isArray(raw)) {
        return [];
    }
    const records: FollowedExtensionRecord[] = [];
    for (const item of raw as unknown[]) {
        if (typeof item !== 'object' || item === null) {
            continue;
        }
        const r = item as Record<string, unknown>;
        const m = typeof r.clusterId === 'string' ? clusterIdPattern.exec(r.clusterId) : null;
        if (
            !m ||
            !operations.includes(r.operation as ExtensionOperation) ||
            typeof r.subscriptionId !== 'string' ||
            !sameId(r.subscriptionId, m[1]) ||
            typeof r.extensionName !== 'string' ||
            !extensionNamePattern.test(r.extensionName) ||
            typeof r.startedAt !== 'number' ||
            !Number.isFinite(r.startedAt) ||
            (r.offerAttach !== undefined && typeof r.offerAttach !== 'boolean')
        ) {
            continue;
        }
        records.push({
            operation: r.operation as ExtensionOperation,
            subscriptionId: r.subscriptionId,
            clusterId: r.clusterId as string,
            extensionName: r.extensionName,
            ...(typeof r.offerAttach === 'boolean' ? { offerAttach: r.offerAttach } : {}),
            startedAt: r.startedAt,
        });
    }
    return records;
}

/** `records` with `record` in place of any earlier operation on the same cluster's extension. */
export function withFollowedExtension(
    records: readonly FollowedExtensionRecord[],
    record: FollowedExtensionRecord,
): FollowedExtensionRecord[] {
    return [...withoutFollowedExtension(records, record.clusterId), record];
}

export function withoutFollowedExtension(
    records: readonly FollowedExtensionRecord[],
    clusterId: string,
): FollowedExtensionRecord[] {
    return records.filter((r) => !sameId(r.clusterId, clusterId));
}
