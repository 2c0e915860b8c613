/** Reads the AzureML extension of one cluster in full (for the cluster panel), through @azure/arm-kubernetesconfiguration. */
import { parseArmId } from '../domain/armId';
import { visibleSettings, type AzureMlExtensionDetails, type ExtensionErrorInfo } from '../domain/extensionDetails';
import { azureMlExtensionType, type ClusterKind } from '../domain/models';
import { createKubernetesConfigurationClient } from './clients';
import { listAll } from './concurrency';
import { redactSecrets } from './errors';
import type { SubscriptionContext } from './subscriptionContext';

/** The extension resource as the SDK returns it, by shape (configurationProtectedSettings is never read). */
export interface ExtensionResourceShape {
    id?: string;
    name?: string;
    extensionType?: string;
    provisioningState?: string;
    currentVersion?: string;
    version?: string | null;
    releaseTrain?: string;
    autoUpgradeMinorVersion?: boolean;
    scope?: { cluster?: { releaseNamespace?: string } };
    configurationSettings?: Record<string, string> | null;
    statuses?: { code?: string; displayStatus?: string; level?: string; message?: string; time?: string }[];
    errorInfo?: ErrorShape | null;
}

interface ErrorShape {
    code?: string;
    message?: string;
    target?: string;
    details?: ErrorShape[];
}

export const clusterProviders: Record<ClusterKind, readonly [provider: string, type: string]> = {
    aks: ['Microsoft.ContainerService', 'managedClusters'],
    arc: ['Microsoft.Kubernetes', 'connectedClusters'],
};

/** The AzureML extension of the cluster, or undefined when it has none. */
export async function readAzureMlExtension(
    sub: SubscriptionContext,
    kind: ClusterKind,
    clusterId: string,
): Promise<AzureMlExtensionDetails | undefined> {
    const parsed = parseArmId(clusterId);
    const name = parsed?.segments[0]?.name;
    if (!parsed?.resourceGroup || !name) {
        throw new Error(`Not a cluster id: ${clusterId}`);
    }
    const client = await createKubernetesConfigurationClient({
        ...sub,
        subscriptionId: parsed.subscriptionId ?? sub.subscriptionId,
    });
    const [provider, type] = clusterProviders[kind];
    const extensions: ExtensionResourceShape[] = await listAll(
        client.extensions.list(parsed.resourceGroup, provider, type, name),
    );
    const found = extensions.find((e) => e.extensionType?.toLowerCase() === azureMlExtensionType.toLowerCase());
    return found ? toExtensionDetails(found) : undefined;
}

export function toExtensionDetails(e: ExtensionResourceShape): AzureMlExtensionDetails {
    const { settings, hiddenSettings } = visibleSettings(e.configurationSettings ?? undefined);
    return {
        id: e.id ?? '',
        name: e.name ?? azureMlExtensionType,
        provisioningState: e.provisioningState ?? 'Unknown',
        currentVersion: e.currentVersion,
        version: e.version ?? undefined,
        releaseTrain: e.releaseTrain,
        autoUpgradeMinorVersion: e.autoUpgradeMinorVersion,
        releaseNamespace: e.scope?.cluster?.releaseNamespace,
        settings,
        hiddenSettings,
        statuses: (e.statuses ?? []).map((s) => ({ ...s, message: s.message && redactSecrets(s.message) })),
        error: e.errorInfo ? toError(e.errorInfo) : undefined,
    };
}

/** The service's error in full (every nested detail), with anything secret it may echo removed. */
function toError(error: ErrorShape): ExtensionErrorInfo {
    const details: { code?: string; message: string }[] = [];
    const walk = (list: readonly ErrorShape[] | undefined) => {
        for (const d of list ?? []) {
            details.push({ code: d.code, message: redactSecrets(d.message ?? '') });
            walk(d.details);
        }
    };
    walk(error.details);
    return {
        code: error.code,
        message: redactSecrets(error.message ?? error.code ?? 'Unknown error'),
        target: error.target,
        details,
    };
}
