/**
 * Writes to computes. A compute PUT replaces any compute of the same name, so it is never retried blindly: after
 * a failure that may or may not have reached the service, the compute is read back first.
 */
import { armIdsEqual } from '../domain/armId';
import { createMachineLearningClient } from './clients';
import { describeAzureError, type AzureErrorInfo } from './errors';
import { getCompute } from './inventory';
import { toCompute, type ComputeShape } from './mappers';
import type { ComputeInfo, WorkspaceInfo } from '../domain/models';
import type { SubscriptionContext } from './subscriptionContext';

export class ComputeNameTakenError extends Error {
    constructor(
        readonly computeName: string,
        readonly workspaceName: string,
    ) {
        super(`A compute named "${computeName}" already exists in workspace "${workspaceName}".`);
    }
}

export interface AttachBody {
    location: string;
    identity: { type: string; userAssignedIdentities?: Record<string, object> };
    properties: {
        computeType: 'Kubernetes';
        computeLocation: string;
        resourceId: string;
        properties: { namespace: string };
    };
}

export const maxAttempts = 4;

/** A failure after which the write may have been carried out anyway, or may succeed when sent again. */
export function worthCheckingAgain(info: AzureErrorInfo): boolean {
    return info.kind === 'network' || info.kind === 'server' || info.kind === 'throttled';
}

/**
 * Remembers the service's answer to a write (PUT or DELETE). A `begin*` call sends the write and then reads the
 * operation's status once; when only that read fails, the SDK throws although the write was accepted, and this
 * says so.
 */
export class WriteAnswer {
    status?: number;
    body?: unknown;
    readonly onResponse = (response: { status: number; request: { method: string }; parsedBody?: unknown }) => {
        if (response.request.method !== 'GET' && response.status >= 200 && response.status < 300) {
            this.status = response.status;
            this.body = response.parsedBody;
        }
    };

    get accepted(): boolean {
        return this.status !== undefined;
    }
}

/**
 * Sends the attach PUT once the name is confirmed free, without waiting for provisioning (like `--no-wait`).
 * Returns the compute as the service reports it right after (normally Creating).
 */
export async function attachCompute(
    sub: SubscriptionContext,
    workspace: WorkspaceInfo,
    name: string,
    body: AttachBody,
    sleep: (ms: number) => Promise<void> = delay,
): Promise<ComputeInfo> {
    if (await getCompute(sub, workspace, name)) {
        throw new ComputeNameTakenError(name, workspace.name);
    }
    const client = await createMachineLearningClient(sub, false);
    for (let attempt = 1; ; attempt++) {
        const answer = new WriteAnswer();
        try {
            await client.computeOperations.beginCreateOrUpdate(workspace.resourceGroup, workspace.name, name, body, {
                onResponse: answer.onResponse,
            });
        } catch (error) {
            if (!answer.accepted) {
                const info = describeAzureError(error);
                if (!worthCheckingAgain(info)) {
                    throw error;
                }
                // The PUT may have been carried out (a lost answer): look before sending it again, even the last time.
                const existing = await getCompute(sub, workspace, name);
                if (existing) {
                    if (isThisAttach(existing, body)) {
                        return existing;
                    }
                    throw new ComputeNameTakenError(name, workspace.name);
                }
                if (attempt >= maxAttempts) {
                    throw error;
                }
                await sleep((info.retryAfterSeconds ?? 2 ** attempt) * 1000);
                continue;
            }
            // Accepted: only the first read of the operation's status failed; the follow-up reads the compute.
        }
        const created = await asWritten(answer, sub, workspace, name);
        if (!created) {
            throw new Error(`The service accepted compute "${name}" but does not list it yet; refresh in a moment.`);
        }
        return created;
    }
}

/** The compute as the accepted PUT answered it, or else as read now. */
export async function asWritten(
    answer: WriteAnswer,
    sub: SubscriptionContext,
    workspace: WorkspaceInfo,
    name: string,
): Promise<ComputeInfo | undefined> {
    const answered = answer.body ? toCompute(answer.body as ComputeShape, workspace) : undefined;
    return answered ?? getCompute(sub, workspace, name);
}

/**
 * Starts detaching (DELETE with underlyingResourceAction=Detach); the cluster and its workloads stay. A DELETE can
 * be repeated safely, so the SDK retries it; when it still fails in a way that may have gone through, the compute
 * is read: gone or Deleting means the detach is under way.
 */
export async function detachCompute(sub: SubscriptionContext, workspace: WorkspaceInfo, name: string): Promise<void> {
    const client = await createMachineLearningClient(sub);
    const answer = new WriteAnswer();
    try {
        await client.computeOperations.beginDelete(workspace.resourceGroup, workspace.name, name, 'Detach', {
            onResponse: answer.onResponse,
        });
    } catch (error) {
        const info = describeAzureError(error);
        if (answer.accepted || info.kind === 'notFound') {
            return;
        }
        if (worthCheckingAgain(info)) {
            const after = await getCompute(sub, workspace, name);
            if (!after || after.provisioningState === 'Deleting') {
                return;
            }
        }
        throw error;
    }
}

function isThisAttach(compute: ComputeInfo, body: AttachBody): boolean {
    return (
        armIdsEqual(compute.clusterId, body.properties.resourceId) &&
        (compute.namespace ?? 'default') === body.properties.properties.namespace
    );
}

export function delay(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}
