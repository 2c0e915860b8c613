/**
 * The one place SDK clients are made. Each SDK is imported on first use, so activating the extension loads none.
 * Clients share the cloud's endpoint and scope, the extension's user agent and the SDKs' default retry policies
 * (exponential back-off, and `Retry-After` honoured on 429/503).
 */
import type { TokenCredential } from '@azure/core-auth';
import type { PipelinePolicy, PipelineRequest } from '@azure/core-rest-pipeline';
import { armScope, type CloudEndpoints } from '../domain/cloud';
import { parseArmErrorBody } from './errors';
import { parseRetryAfter, ThrottledError } from './throttling';
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

/**
 * Run-command, the way a cluster is read here (kubectl get, through Azure), is a POST: it waits no longer than a read.
 * A `kubectl apply` sent the same way fails as fast, which is safe: Azure did not take a throttled request.
 */
const runCommandPath = /\/managedClusters\/[^/]+\/runCommand$/i;

function waitsLikeARead(request: PipelineRequest): boolean {
    return (
        request.method === 'GET' || (request.method === 'POST' && runCommandPath.test(new URL(request.url).pathname))
    );
}

const longThrottlePolicy: PipelinePolicy = {
    name: 'azuremlK8sLongThrottle',
    async sendRequest(request, next) {
        const response = await next(request);
        if (!waitsLikeARead(request) || (response.status !== 429 && response.status !== 503)) {
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

/**
 * Inside VS Code every request an extension makes goes through an agent of VS Code's proxy support that turns
 * keep-alive off (microsoft/vscode#173861), so each request would set up a new connection and TLS session (with
 * the system certificates VS Code adds to each). Asking for keep-alive on the request itself lets the direct
 * connection be reused, as Node does outside VS Code; requests through a proxy are unchanged (VS Code's agent
 * closes them), and proxy and certificate settings still apply to every new connection.
 */
export const keepAlivePolicy: PipelinePolicy = {
    name: 'azuremlK8sKeepAlive',
    sendRequest(request, next) {
        if (!request.headers.has('connection')) {
            request.headers.set('Connection', 'keep-alive');
        }
        return next(request);
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
            { policy: keepAlivePolicy, position: 'perCall' as const },
            { policy: timeoutPolicy, position: 'perRetry' as const },
            { policy: longThrottlePolicy, position: 'perRetry' as const },
        ],
    };
}

export async function createSubscriptionClient(credential: TokenCredential, cloud: CloudEndpoints) {
    const { SubscriptionClient } = await import('@azure/arm-resources-subscriptions');
    return new SubscriptionClient(credential, clientOptions(cloud));
}

type ClientOptions = ReturnType<typeof clientOptions>;

/** An SDK client class for one subscription (every ARM SDK here takes credential, subscription id, options). */
type SubscriptionClientClass<C> = new (
    credential: TokenCredential,
    subscriptionId: string,
    options: ClientOptions,
) => C;

/**
 * The one factory for a subscription's SDK clients: the SDK is imported when first asked for.
 * @param retries false for writes that must not be repeated blindly (a compute PUT overwrites): the caller then
 * checks what happened before it tries again.
 */
async function subscriptionClient<C>(
    load: () => Promise<SubscriptionClientClass<C>>,
    sub: SubscriptionContext,
    retries = true,
): Promise<C> {
    const Client = await load();
    return new Client(sub.credential, sub.subscriptionId, clientOptions(sub.cloud, retries ? 3 : 0));
}

export const createMachineLearningClient = (sub: SubscriptionContext, retries = true) =>
    subscriptionClient(
        async () => (await import('@azure/arm-machinelearning')).AzureMachineLearningWorkspaces,
        sub,
        retries,
    );

export const createContainerServiceClient = (sub: SubscriptionContext) =>
    subscriptionClient(async () => (await import('@azure/arm-containerservice')).ContainerServiceClient, sub);

export const createConnectedClusterClient = (sub: SubscriptionContext) =>
    subscriptionClient(async () => (await import('@azure/arm-hybridkubernetes')).ConnectedKubernetesClient, sub);

export const createKubernetesConfigurationClient = (sub: SubscriptionContext) =>
    subscriptionClient(
        async () => (await import('@azure/arm-kubernetesconfiguration')).SourceControlConfigurationClient,
        sub,
    );

export const createRelayClient = (sub: SubscriptionContext) =>
    subscriptionClient(async () => (await import('@azure/arm-relay')).RelayAPI, sub);

export const createAuthorizationClient = (sub: SubscriptionContext) =>
    subscriptionClient(async () => (await import('@azure/arm-authorization')).AuthorizationManagementClient, sub);

export const createManagedIdentityClient = (sub: SubscriptionContext) =>
    subscriptionClient(async () => (await import('@azure/arm-msi')).ManagedServiceIdentityClient, sub);

export async function createResourceGraphClient(credential: TokenCredential, cloud: CloudEndpoints) {
    const { ResourceGraphClient } = await import('@azure/arm-resourcegraph');
    return new ResourceGraphClient(credential, clientOptions(cloud));
}
