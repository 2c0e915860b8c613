/**
 * Writes to computes. A compute PUT replaces any compute of the same name, so it is never retried blindly: after
 * a failure that may or may not have reached the service, the compute is read back first.
 */
import { armIdsEqual } from './armId';
import { createMachineLearningClient } from './clients';
import { describeAzureError } from './errors';
import { getCompute } from './inventory';
import type { ComputeInfo, WorkspaceInfo } from './models';
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

const maxAttempts = 4;

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
        try {
            await client.computeOperations.beginCreateOrUpdate(workspace.resourceGroup, workspace.name, name, body);
            break;
        } catch (error) {
            const info = describeAzureError(error);
            const mayHaveArrived = info.kind === 'network' || info.kind === 'server' || info.kind === 'throttled';
            if (!mayHaveArrived || attempt >= maxAttempts) {
                throw error;
            }
            const existing = await getCompute(sub, workspace, name);
            if (existing) {
                if (isThisAttach(existing, body)) {
                    return existing;
                }
                throw new ComputeNameTakenError(name, workspace.name);
            }
            await sleep((info.retryAfterSeconds ?? 2 ** attempt) * 1000);
        }
    }
    const created = await getCompute(sub, workspace, name);
    if (!created) {
        throw new Error(`The service accepted compute "${name}" but does not list it yet; refresh in a moment.`);
    }
    return created;
}

/** Starts detaching (DELETE with underlyingResourceAction=Detach); the cluster and its workloads stay. */
export async function detachCompute(sub: SubscriptionContext, workspace: WorkspaceInfo, name: string): Promise<void> {
    const client = await createMachineLearningClient(sub);
    try {
        await client.computeOperations.beginDelete(workspace.resourceGroup, workspace.name, name, 'Detach');
    } catch (error) {
        if (describeAzureError(error).kind !== 'notFound') {
            throw error;
        }
    }
}

function isThisAttach(compute: ComputeInfo, body: AttachBody): boolean {
    return (
        armIdsEqual(compute.clusterId, body.properties.resourceId) &&
        (compute.namespace ?? 'default') === body.properties.properties.namespace
    );
}

function delay(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface IdentityBody {
    type: 'None' | 'SystemAssigned' | 'UserAssigned';
    userAssignedIdentities?: Record<string, object>;
}

/**
 * Changes a compute's identity the way the service requires: read the whole compute, change `identity`, PUT it all
 * back (PATCH only carries scale settings). Not retried blindly: after a failure that may have arrived, the compute is
 * read again and the change counts as made when its identity type already matches.
 */
export async function updateComputeIdentity(
    sub: SubscriptionContext,
    workspace: WorkspaceInfo,
    name: string,
    identity: IdentityBody,
): Promise<ComputeInfo> {
    const reader = await createMachineLearningClient(sub);
    const current = await reader.computeOperations.get(workspace.resourceGroup, workspace.name, name);
    const writer = await createMachineLearningClient(sub, false);
    try {
        await writer.computeOperations.beginCreateOrUpdate(workspace.resourceGroup, workspace.name, name, {
            ...current,
            identity,
        });
    } catch (error) {
        const info = describeAzureError(error);
        if (info.kind !== 'network' && info.kind !== 'server') {
            throw error;
        }
        const after = await getCompute(sub, workspace, name);
        if (after?.identity.type !== identity.type) {
            throw error;
        }
    }
    const updated = await getCompute(sub, workspace, name);
    if (!updated) {
        throw new Error(`Compute "${name}" is no longer in workspace "${workspace.name}".`);
    }
    return updated;
}
