/**
 * The Azure Relay an Arc cluster's AzureML extension talks through, set up as the CLI does before it creates the
 * extension (AzureMLKubernetes.py _get_relay_connection_str): reuse the hybrid connection when it exists, else create
 * the namespace in the cluster's resource group and location, a hybrid connection named after the cluster that
 * requires client authorization, and its `azureml_rw` rule; then read the rule's keys. The connection string is a
 * secret: it is returned for the PUT body only and never logged.
 */
import type { ClusterFacts } from '../domain/extensionSettings';
import {
    relayAuthorizationRights,
    relayAuthorizationRuleName,
    relayNamespaceName,
    relayResourceTags,
} from '../domain/relayNames';
import { parseArmId } from '../domain/armId';
import { createRelayClient } from './clients';
import { describeAzureError } from './errors';
import type { SubscriptionContext } from './subscriptionContext';

export interface RelaySetup {
    readonly hybridConnectionId: string;
    readonly hybridConnectionName: string;
    /** Whether the namespace was created now (else an earlier install's was reused). */
    readonly created: boolean;
    /** Secret. */
    readonly connectionString: string;
}

/** Steps as they happen, for the progress notification (names only, no secret). */
export type RelayProgress = (step: 'namespace' | 'hybridConnection' | 'authorizationRule' | 'keys') => void;

export async function ensureRelay(
    sub: SubscriptionContext,
    cluster: ClusterFacts,
    progress: RelayProgress = () => undefined,
): Promise<RelaySetup> {
    const parsed = parseArmId(cluster.id);
    if (!parsed?.resourceGroup) {
        throw new Error(`Not a cluster resource id: ${cluster.id}`);
    }
    const group = parsed.resourceGroup;
    const namespace = relayNamespaceName(cluster.name, parsed.subscriptionId, group);
    const hybridConnectionName = cluster.name;
    const client = await createRelayClient({ ...sub, subscriptionId: parsed.subscriptionId });
    const keys = async () => {
        progress('keys');
        const found = await client.hybridConnections.listKeys(
            group,
            namespace,
            hybridConnectionName,
            relayAuthorizationRuleName,
        );
        if (!found.primaryConnectionString) {
            throw new Error(`The relay rule ${relayAuthorizationRuleName} of ${namespace} has no connection string.`);
        }
        return found.primaryConnectionString;
    };
    try {
        const existing = await client.hybridConnections.get(group, namespace, hybridConnectionName);
        return {
            hybridConnectionId: existing.id ?? '',
            hybridConnectionName,
            created: false,
            connectionString: await keys(),
        };
    } catch (error) {
        if (describeAzureError(error).kind !== 'notFound') {
            throw error;
        }
    }
    progress('namespace');
    await client.namespaces.beginCreateOrUpdateAndWait(group, namespace, {
        location: cluster.location,
        tags: { ...relayResourceTags },
    });
    progress('hybridConnection');
    const hybridConnection = await client.hybridConnections.createOrUpdate(group, namespace, hybridConnectionName, {
        requiresClientAuthorization: true,
    });
    progress('authorizationRule');
    await client.hybridConnections.createOrUpdateAuthorizationRule(
        group,
        namespace,
        hybridConnectionName,
        relayAuthorizationRuleName,
        { rights: [...relayAuthorizationRights] },
    );
    return {
        hybridConnectionId: hybridConnection.id ?? '',
        hybridConnectionName,
        created: true,
        connectionString: await keys(),
    };
}

/**
 * The relay's part of the extension's settings, as the CLI's Create and _dereference put them: the connection string
 * as a protected setting under both keys, the hybrid connection's id and name as plain ones.
 */
export function relaySettings(relay: RelaySetup): {
    settings: Record<string, string>;
    protectedSettings: Record<string, string>;
} {
    return {
        settings: {
            'relayserver.hybridConnectionResourceID': relay.hybridConnectionId,
            'relayserver.hybridConnectionName': relay.hybridConnectionName,
        },
        protectedSettings: {
            relayServerConnectionString: relay.connectionString,
            'relayserver.relayConnectionString': relay.connectionString,
        },
    };
}
