/**
 * The AzureML cluster extension through `@azure/arm-kubernetesconfiguration`: read it, install it (PUT), change its
 * settings (PATCH), uninstall it (DELETE), and, on Arc, the Relay the CLI creates for it. No vscode; secrets (the
 * relay connection string) only ever travel inside the request body.
 */
import type { Extension } from '@azure/arm-kubernetesconfiguration';
import { parseArmId } from '../domain/armId';
import { azureMlReleaseNamespace, type ClusterFacts } from '../domain/extensionSettings';
import { azureMlExtensionType, type ClusterInfo, type ClusterKind } from '../domain/models';
import {
    createConnectedClusterClient,
    createContainerServiceClient,
    createKubernetesConfigurationClient,
} from './clients';
import { listAll } from './concurrency';
import { describeAzureError } from './errors';
import { mayPerform } from './roleAssignments';
import type { SubscriptionContext } from './subscriptionContext';

/** The extension name the documentation and the CLI examples use. */
export const azureMlExtensionName = 'azureml';
export const extensionWriteAction = 'Microsoft.KubernetesConfiguration/extensions/write';
export const extensionDeleteAction = 'Microsoft.KubernetesConfiguration/extensions/delete';
export const relayNamespaceWriteAction = 'Microsoft.Relay/namespaces/write';

/** The AzureML extension as the panel, the wizards and the follower see it (never its protected settings). */
export interface AzureMlExtensionDetails {
    readonly id: string;
    readonly name: string;
    readonly provisioningState: string;
    readonly version?: string;
    readonly currentVersion?: string;
    readonly releaseTrain?: string;
    readonly autoUpgradeMinorVersion?: boolean;
    /** `scope.cluster.releaseNamespace`: where its pods run (`azureml` unless chosen otherwise). */
    readonly releaseNamespace?: string;
    readonly configurationSettings: Readonly<Record<string, string>>;
    /** The names of the protected settings, whose values the service never returns. */
    readonly protectedSettingNames: readonly string[];
    /** The service's error, in full (code, message, and the details' messages). */
    readonly error?: string;
    readonly statuses: readonly { code?: string; level?: string; displayStatus?: string; message?: string }[];
}

interface ClusterPath {
    readonly resourceGroup: string;
    readonly provider: string;
    readonly type: string;
    readonly name: string;
}

export function clusterRp(kind: ClusterKind): { provider: string; type: string } {
    return kind === 'aks'
        ? { provider: 'Microsoft.ContainerService', type: 'managedClusters' }
        : { provider: 'Microsoft.Kubernetes', type: 'connectedClusters' };
}

function clusterPath(cluster: ClusterInfo): ClusterPath {
    const parsed = parseArmId(cluster.id);
    const name = parsed?.segments[0]?.name;
    if (!parsed?.resourceGroup || !name) {
        throw new Error(`Not a cluster resource id: ${cluster.id}`);
    }
    return { resourceGroup: parsed.resourceGroup, ...clusterRp(cluster.kind), name };
}

function errorText(error: Extension['errorInfo']): string | undefined {
    if (!error) {
        return undefined;
    }
    const details = (error.details ?? []).map((d) => errorText(d)).filter(Boolean);
    const head = [error.code, error.message].filter(Boolean).join(': ');
    return [head, ...details].filter(Boolean).join('\n') || undefined;
}

export function toExtensionDetails(extension: Extension): AzureMlExtensionDetails | undefined {
    if (!extension.id || !extension.name) {
        return undefined;
    }
    return {
        id: extension.id,
        name: extension.name,
        provisioningState: extension.provisioningState ?? 'Unknown',
        version: extension.version ?? undefined,
        currentVersion: extension.currentVersion ?? undefined,
        releaseTrain: extension.releaseTrain ?? undefined,
        autoUpgradeMinorVersion: extension.autoUpgradeMinorVersion ?? undefined,
        releaseNamespace: extension.scope?.cluster?.releaseNamespace ?? undefined,
        configurationSettings: { ...(extension.configurationSettings ?? {}) },
        protectedSettingNames: Object.keys(extension.configurationProtectedSettings ?? {}),
        error: errorText(extension.errorInfo),
        statuses: (extension.statuses ?? []).map((s) => ({
            code: s.code,
            level: s.level,
            displayStatus: s.displayStatus,
            message: s.message,
        })),
    };
}

/** The cluster's AzureML extension (by type, any name), or undefined when it has none. */
export async function getAzureMlExtension(
    sub: SubscriptionContext,
    cluster: ClusterInfo,
): Promise<AzureMlExtensionDetails | undefined> {
    const path = clusterPath(cluster);
    const client = await createKubernetesConfigurationClient(sub);
    const all = await listAll(client.extensions.list(path.resourceGroup, path.provider, path.type, path.name));
    const found = all.find((e) => e.extensionType?.toLowerCase() === azureMlExtensionType.toLowerCase());
    return found ? toExtensionDetails(found) : undefined;
}

/** One extension by name, with one GET; undefined once it is gone (the follower's read). */
export async function readExtension(
    sub: SubscriptionContext,
    cluster: ClusterInfo,
    name: string,
): Promise<AzureMlExtensionDetails | undefined> {
    const path = clusterPath(cluster);
    const client = await createKubernetesConfigurationClient(sub);
    try {
        return toExtensionDetails(
            await client.extensions.get(path.resourceGroup, path.provider, path.type, path.name, name),
        );
    } catch (error) {
        if (describeAzureError(error).kind === 'notFound') {
            return undefined;
        }
        throw error;
    }
}

/** What the CLI reads from the cluster resource: its location, node count and distribution. */
export async function readClusterFacts(sub: SubscriptionContext, cluster: ClusterInfo): Promise<ClusterFacts> {
    const path = clusterPath(cluster);
    if (cluster.kind === 'aks') {
        const aks = await (await createContainerServiceClient(sub)).managedClusters.get(path.resourceGroup, path.name);
        const pools = aks.agentPoolProfiles ?? [];
        return {
            id: cluster.id,
            name: cluster.name,
            kind: 'aks',
            location: aks.location ?? cluster.location,
            nodeCount: pools.length ? pools.reduce((sum, p) => sum + (p.count ?? 0), 0) : undefined,
        };
    }
    const arc = await (
        await createConnectedClusterClient(sub)
    ).connectedClusterOperations.get(path.resourceGroup, path.name);
    return {
        id: cluster.id,
        name: cluster.name,
        kind: 'arc',
        location: arc.location ?? cluster.location,
        nodeCount: arc.totalNodeCount ?? undefined,
        distribution: arc.distribution ?? cluster.distribution,
    };
}

/** What the signed-in user may not do that an install needs: write the extension, and on Arc create the relay. */
export async function missingInstallPermissions(
    sub: SubscriptionContext,
    cluster: ClusterInfo,
): Promise<{ action: string; scope: string }[]> {
    const groupScope = `/subscriptions/${cluster.subscriptionId}/resourceGroups/${cluster.resourceGroup}`;
    const needed = [
        { action: extensionWriteAction, scope: cluster.id },
        ...(cluster.kind === 'arc' ? [{ action: relayNamespaceWriteAction, scope: groupScope }] : []),
    ];
    const allowed = await Promise.all(needed.map((n) => mayPerform(sub, n.scope, n.action)));
    return needed.filter((_, i) => !allowed[i]);
}

export interface InstallRequest {
    readonly name: string;
    readonly releaseTrain: string;
    /** A pinned version (auto-upgrade off), or undefined for the train's latest with minor-version auto-upgrade. */
    readonly version?: string;
    readonly configurationSettings: Record<string, string>;
    readonly configurationProtectedSettings: Record<string, string>;
}

/** The PUT body, as the CLI builds it (cluster scope, release namespace azureml; a system identity on Arc). */
export function extensionBody(kind: ClusterKind, request: InstallRequest): Extension {
    return {
        extensionType: azureMlExtensionType,
        autoUpgradeMinorVersion: request.version === undefined,
        releaseTrain: request.releaseTrain,
        version: request.version,
        scope: { cluster: { releaseNamespace: azureMlReleaseNamespace } },
        configurationSettings: request.configurationSettings,
        configurationProtectedSettings: request.configurationProtectedSettings,
        ...(kind === 'arc' ? { identity: { type: 'SystemAssigned' } } : {}),
    };
}

/** Sends the PUT and returns once the service accepted it; the follower reads it to its end. */
export async function startInstall(
    sub: SubscriptionContext,
    cluster: ClusterInfo,
    request: InstallRequest,
): Promise<void> {
    const path = clusterPath(cluster);
    const client = await createKubernetesConfigurationClient(sub);
    await client.extensions.beginCreate(
        path.resourceGroup,
        path.provider,
        path.type,
        path.name,
        request.name,
        extensionBody(cluster.kind, request),
    );
}

/** Sends a PATCH of the changed settings; protected settings are sent only when given (they replace all of them). */
export async function startSettingsUpdate(
    sub: SubscriptionContext,
    cluster: ClusterInfo,
    name: string,
    configurationSettings: Record<string, string>,
    configurationProtectedSettings?: Record<string, string>,
): Promise<void> {
    const path = clusterPath(cluster);
    const client = await createKubernetesConfigurationClient(sub);
    await client.extensions.beginUpdate(path.resourceGroup, path.provider, path.type, path.name, name, {
        configurationSettings,
        ...(configurationProtectedSettings ? { configurationProtectedSettings } : {}),
    });
}

/** Sends the DELETE; the follower reads the extension until it is gone. */
export async function startUninstall(sub: SubscriptionContext, cluster: ClusterInfo, name: string): Promise<void> {
    const path = clusterPath(cluster);
    const client = await createKubernetesConfigurationClient(sub);
    await client.extensions.beginDelete(path.resourceGroup, path.provider, path.type, path.name, name);
}
