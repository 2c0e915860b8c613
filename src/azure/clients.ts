/**
 * The one place SDK clients are made. Each SDK is imported on first use, so activating the extension loads none.
 * Clients share the cloud's endpoint and scope, the extension's user agent and the SDKs' default retry policies
 * (exponential back-off, and `Retry-After` honoured on 429/503).
 */
import type { TokenCredential } from '@azure/core-auth';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { armScope, type CloudEndpoints } from '../domain/cloud';
import { parseArmErrorBody, parseRetryAfter, ThrottledError } from './errors';
import type { SubscriptionContext } from './subscriptionContext';

let userAgentPrefix = 'azureml-kubernetes-compute';

export function setUserAgentPrefix(prefix: string): void {
    userAgentPrefix = prefix;
}

let requestTimeoutMs = 30_000;

/** How long one attempt of a request may go unanswered before it fails (and is retried where retries are on). */
export function setRequestTimeoutMs(ms: number): void {
    requestTimeoutMs = ms;
}

/**
 * Without a timeout an attempt that Azure never answers would hang its view forever. A timed-out attempt becomes an
 * ETIMEDOUT error, which the SDKs' retry policies retry and the error text explains as a network problem.
 */
const timeoutPolicy: PipelinePolicy = {
    name: 'azuremlK8sRequestTimeout',
    async sendRequest(request, next) {
        const timeout = request.timeout > 0 ? request.timeout : requestTimeoutMs;
        request.timeout = timeout;
        try {
            return await next(request);
        } catch (error) {
            if ((error as { name?: string }).name === 'AbortError' && !request.abortSignal?.aborted) {
                throw Object.assign(new Error(`Azure did not answer within ${Math.round(timeout / 1000)} s.`), {
                    code: 'ETIMEDOUT',
                });
            }
            throw error;
        }
    },
};

/**
 * The longest `Retry-After` a read waits out inside one request (the SDKs' retry policy would wait it three times).
 * A longer one fails at once with ThrottledError, which says when to try again: a view shows that subscription as
 * throttled and the others at once, instead of every row spinning for minutes. Writes keep their own handling.
 */
const longestReadWaitSeconds = 5;

const longThrottlePolicy: PipelinePolicy = {
    name: 'azuremlK8sLongThrottle',
    async sendRequest(request, next) {
        const response = await next(request);
        if (request.method !== 'GET' || (response.status !== 429 && response.status !== 503)) {
            return response;
        }
        const retryAfter = parseRetryAfter(response.headers.get('retry-after') ?? undefined);
        if (retryAfter === undefined || retryAfter <= longestReadWaitSeconds) {
            return response;
        }
        const body = parseArmErrorBody(response.bodyAsText);
        throw new ThrottledError(
            body?.message ?? `Azure asked to retry after ${retryAfter} s (HTTP ${response.status}).`,
            response.status,
            retryAfter,
            body?.code,
            response.headers.get('x-ms-request-id') ?? undefined,
            response.headers.get('x-ms-correlation-request-id') ?? undefined,
        );
    },
};

/** Options understood by both generations of ARM SDKs (core-client `credentialScopes`, rest-client `credentials.scopes`). */
function clientOptions(cloud: CloudEndpoints, maxRetries = 3) {
    const scopes = [armScope(cloud)];
    return {
        endpoint: cloud.resourceManagerEndpointUrl.replace(/\/+$/, ''),
        credentialScopes: scopes,
        credentials: { scopes },
        userAgentOptions: { userAgentPrefix },
        retryOptions: { maxRetries },
        additionalPolicies: [
            { policy: timeoutPolicy, position: 'perRetry' as const },
            { policy: longThrottlePolicy, position: 'perRetry' as const },
        ],
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
