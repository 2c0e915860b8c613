/**
 * The Azure Relay names the CLI gives an Arc cluster's AzureML extension (AzureMLKubernetes.py _get_relay_connection_str
 * and _get_valid_name, Azure/azure-cli-extensions src/k8s-extension): a namespace from the cluster, subscription and
 * resource group, alphanumerics only, at most 50 characters (longer ones end in 6 hex digits of their MD5), a hybrid
 * connection named after the cluster and an authorization rule `azureml_rw` with Manage, Send and Listen.
 */
import { createHash } from 'node:crypto';

export const relayAuthorizationRuleName = 'azureml_rw';
export const relayAuthorizationRights = ['Manage', 'Send', 'Listen'] as const;
/** The tag the CLI puts on what it creates for the extension. */
export const relayResourceTags = { created_by: 'Azure Arc-enabled ML' } as const;

export function validName(input: string, suffixLength: number, maxLength: number): string {
    const normalized = [...input].filter((c) => /[\p{L}\p{N}]/u.test(c)).join('');
    if (normalized.length <= maxLength) {
        return normalized;
    }
    const suffix = createHash('md5').update(input, 'utf8').digest('hex').slice(0, Math.min(suffixLength, maxLength));
    return normalized.slice(0, maxLength - suffix.length) + suffix;
}

export function relayNamespaceName(clusterName: string, subscriptionId: string, resourceGroup: string): string {
    return validName(`${clusterName}-${subscriptionId}-${resourceGroup}-relay`, 6, 50);
}
