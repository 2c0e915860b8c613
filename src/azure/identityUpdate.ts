/**
 * Changes a compute's identity the way the service requires (read the whole compute, change `identity`, PUT it all
 * back; PATCH carries scale settings only), without losing a change someone else made meanwhile. Computes have no ETag
 * and the PUT takes no `If-Match` (see domain/computeChanges.ts), so the compute is read again right before each PUT
 * and compared with the one the edit started from: any difference stops the edit before anything is written.
 */
import type { ComputeResource } from '@azure/arm-machinelearning';
import { armIdsEqual } from '../domain/armId';
import { changeBetween, type ComputeChange } from '../domain/computeChanges';
import type { ComputeInfo, IdentityInfo, WorkspaceInfo } from '../domain/models';
import { createMachineLearningClient } from './clients';
import { asWritten, delay, maxAttempts, worthCheckingAgain, WriteAnswer } from './computeOperations';
import { describeAzureError } from './errors';
import { toCompute } from './mappers';
import type { SubscriptionContext } from './subscriptionContext';

export interface IdentityBody {
    type: 'None' | 'SystemAssigned' | 'UserAssigned';
    userAssignedIdentities?: Record<string, object>;
}

/** The compute as an edit starts from: the whole resource (to compare and PUT back) and what the views show of it. */
export interface OpenedCompute {
    readonly resource: ComputeResource;
    readonly compute: ComputeInfo;
}

/** Someone else changed the compute after the edit started; nothing was written. */
export class ComputeChangedError extends Error {
    constructor(
        readonly computeName: string,
        readonly change: ComputeChange,
        /** The compute as it is now. */
        readonly current: ComputeInfo | undefined,
    ) {
        super(
            `Compute "${computeName}" was changed by someone else (${change.parts.join(', ') || 'written'}) after the edit started; nothing was written.`,
        );
    }
}

/** The compute has exactly this identity: the type, and for user-assigned the same identities. */
export function hasIdentity(identity: IdentityInfo, wanted: IdentityBody): boolean {
    const ids = Object.keys(wanted.userAssignedIdentities ?? {});
    return (
        identity.type === wanted.type &&
        identity.userAssigned.length === ids.length &&
        ids.every((id) => identity.userAssigned.some((u) => armIdsEqual(u.id, id)))
    );
}

async function readResource(
    sub: SubscriptionContext,
    workspace: WorkspaceInfo,
    name: string,
): Promise<ComputeResource> {
    const reader = await createMachineLearningClient(sub);
    try {
        return await reader.computeOperations.get(workspace.resourceGroup, workspace.name, name);
    } catch (error) {
        if (describeAzureError(error).kind === 'notFound') {
            throw new Error(`Compute "${name}" is no longer in workspace "${workspace.name}".`);
        }
        throw error;
    }
}

/** Reads the compute an edit starts from (fresh, not from the views' cache). */
export async function openComputeForEdit(
    sub: SubscriptionContext,
    workspace: WorkspaceInfo,
    name: string,
): Promise<OpenedCompute> {
    const resource = await readResource(sub, workspace, name);
    const compute = toCompute(resource, workspace);
    if (!compute) {
        throw new Error(`Compute "${name}" in workspace "${workspace.name}" is not a Kubernetes compute.`);
    }
    return { resource, compute };
}

/**
 * PUTs the compute back with the new identity, from a read made right before and only when it matches `opened` (by
 * default this call's first read). Not retried blindly: after a failure that may have arrived, the compute is read
 * again; the change counts as made when it has exactly the new identity, is refused when anything else changed, and
 * is otherwise sent again.
 */
export async function updateComputeIdentity(
    sub: SubscriptionContext,
    workspace: WorkspaceInfo,
    name: string,
    identity: IdentityBody,
    opened?: OpenedCompute,
    sleep: (ms: number) => Promise<void> = delay,
): Promise<ComputeInfo> {
    const writer = await createMachineLearningClient(sub, false);
    const startedFrom = opened?.resource ?? (await readResource(sub, workspace, name));
    let current = opened ? await readResource(sub, workspace, name) : startedFrom;
    for (let attempt = 1; ; attempt++) {
        const change = changeBetween(startedFrom, current);
        if (change) {
            throw new ComputeChangedError(name, change, toCompute(current, workspace));
        }
        const answer = new WriteAnswer();
        try {
            await writer.computeOperations.beginCreateOrUpdate(
                workspace.resourceGroup,
                workspace.name,
                name,
                { ...current, identity },
                { onResponse: answer.onResponse },
            );
        } catch (error) {
            if (!answer.accepted) {
                const info = describeAzureError(error);
                if (!worthCheckingAgain(info)) {
                    throw error;
                }
                const after = await readResource(sub, workspace, name);
                const mapped = toCompute(after, workspace);
                if (mapped && hasIdentity(mapped.identity, identity)) {
                    return mapped;
                }
                if (attempt >= maxAttempts) {
                    throw error;
                }
                current = after;
                await sleep((info.retryAfterSeconds ?? 2 ** attempt) * 1000);
                continue;
            }
        }
        const updated = await asWritten(answer, sub, workspace, name);
        if (!updated) {
            throw new Error(`Compute "${name}" is no longer in workspace "${workspace.name}".`);
        }
        return updated;
    }
}
