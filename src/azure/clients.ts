/**
 * The one place SDK clients are made. Each SDK is imported on first use, so activating the extension loads none.
 * Clients share the cloud's endpoint and scope, the extension's user agent and the SDKs' default retry policies
 * (exponential back-off, and `Retry-After` honoured on 429/503).
 */
import type { TokenCredential } from '@azure/core-auth';
import { armScope, type CloudEndpoints } from './cloud';
import type { SubscriptionContext } from './subscriptionContext';

let userAgentPrefix = 'azureml-kubernetes-compute';

export function setUserAgentPrefix(prefix: string): void {
    userAgentPrefix = prefix;
}

/** Options understood by both generations of ARM SDKs (core-client `credentialScopes`, rest-client `credentials.scopes`). */
function clientOptions(cloud: CloudEndpoints, maxRetries = 3) {
    const scopes = [armScope(cloud)];
    return {
        endpoint: cloud.resourceManagerEndpointUrl.replace(/\/+$/, ''),
        credentialScopes: scopes,
        credentials: { scopes },
        userAgentOptions: { userAgentPrefix },
        retryOptions: { maxRetries },
    };
}

export async function createSubscriptionClient(credential: TokenCredential, cloud: CloudEndpoints) {
    const { SubscriptionClient } = await import('@azure/arm-resources-subscriptions');
    return new SubscriptionClient(credential, clientOptions(cloud));
}

/**
 * @param retries false for writes that must not be repeated blindly (a compute PUT overwrites): the caller then
 * checks what happened before it tries again.
 */
export async function createMachineLearningClient(sub: SubscriptionContext, retries = true) {
    const { AzureMachineLearningWorkspaces } = await import('@azure/arm-machinelearning');
    return new AzureMachineLearningWorkspaces(
        sub.credential,
        sub.subscriptionId,
        clientOptions(sub.cloud, retries ? 3 : 0),
    );
}

export async function createContainerServiceClient(sub: SubscriptionContext) {
    const { ContainerServiceClient } = await import('@azure/arm-containerservice');
    return new ContainerServiceClient(sub.credential, sub.subscriptionId, clientOptions(sub.cloud));
}

export async function createConnectedClusterClient(sub: SubscriptionContext) {
    const { ConnectedKubernetesClient } = await import('@azure/arm-hybridkubernetes');
    return new ConnectedKubernetesClient(sub.credential, sub.subscriptionId, clientOptions(sub.cloud));
}

export async function createKubernetesConfigurationClient(sub: SubscriptionContext) {
    const { SourceControlConfigurationClient } = await import('@azure/arm-kubernetesconfiguration');
    return new SourceControlConfigurationClient(sub.credential, sub.subscriptionId, clientOptions(sub.cloud));
}

export async function createAuthorizationClient(sub: SubscriptionContext) {
    const { AuthorizationManagementClient } = await import('@azure/arm-authorization');
    return new AuthorizationManagementClient(sub.credential, sub.subscriptionId, clientOptions(sub.cloud));
}

export async function createManagedIdentityClient(sub: SubscriptionContext) {
    const { ManagedServiceIdentityClient } = await import('@azure/arm-msi');
    return new ManagedServiceIdentityClient(sub.credential, sub.subscriptionId, clientOptions(sub.cloud));
}

export async function createResourceGraphClient(credential: TokenCredential, cloud: CloudEndpoints) {
    const { ResourceGraphClient } = await import('@azure/arm-resourcegraph');
    return new ResourceGraphClient(credential, clientOptions(cloud));
}
