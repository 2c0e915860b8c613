/**
 * What Detach remembers of a compute so that Re-attach can offer it again: the same name and namespace (the AzureML
 * extension keeps what the compute left in the cluster, and a re-attach must keep both to pick it up again; detach
 * does not clean the cluster side: Azure/AML-Kubernetes docs, limitations) and the identity it had.
 */
import { armIdsEqual } from './armId';
import type { AttachIdentity } from './attachPlan';
import type { ComputeInfo } from './models';

export interface RememberedAttach {
    readonly workspaceId: string;
    readonly workspaceName: string;
    readonly clusterId: string;
    readonly computeName: string;
    readonly namespace: string;
    readonly identity: AttachIdentity;
    /** ISO time the detach was accepted. */
    readonly detachedAt: string;
}

/** Enough for anyone's detached computes; the oldest go first. */
export const maxRemembered = 50;

/** The compute's attach settings, or undefined when it attaches no cluster. Attach takes one identity: a user-assigned one first. */
export function rememberedFrom(compute: ComputeInfo, detachedAt: Date): RememberedAttach | undefined {
    if (!compute.clusterId) {
        return undefined;
    }
    const uai = compute.identity.userAssigned[0];
    const identity: AttachIdentity = uai
        ? { type: 'UserAssigned', identityId: uai.id }
        : compute.identity.type.includes('SystemAssigned')
          ? { type: 'SystemAssigned' }
          : { type: 'None' };
    return {
        workspaceId: compute.workspaceId,
        workspaceName: compute.workspaceName,
        clusterId: compute.clusterId,
        computeName: compute.name,
        namespace: compute.namespace ?? 'default',
        identity,
        detachedAt: detachedAt.toISOString(),
    };
}

function sameCompute(a: Pick<RememberedAttach, 'workspaceId' | 'computeName'>, b: RememberedAttach): boolean {
    return armIdsEqual(a.workspaceId, b.workspaceId) && a.computeName.toLowerCase() === b.computeName.toLowerCase();
}

/** A compute name is unique in its workspace: the newest entry for it replaces any older one. */
export function remember(list: readonly RememberedAttach[], entry: RememberedAttach): RememberedAttach[] {
    return [entry, ...list.filter((e) => !sameCompute(entry, e))].slice(0, maxRemembered);
}

export function forget(
    list: readonly RememberedAttach[],
    compute: Pick<RememberedAttach, 'workspaceId' | 'computeName'>,
): RememberedAttach[] {
    return list.filter((e) => !sameCompute(compute, e));
}

/** The remembered computes of a cluster, in any workspace, the latest detached first. */
export function rememberedForCluster(list: readonly RememberedAttach[], clusterId: string): RememberedAttach[] {
    return list
        .filter((e) => armIdsEqual(e.clusterId, clusterId))
        .sort((a, b) => b.detachedAt.localeCompare(a.detachedAt));
}

/** What the store holds, kept only where it has the shape of an entry (it may come from an older version). */
export function parseRemembered(stored: unknown): RememberedAttach[] {
    if (!Array.isArray(stored)) {
        return [];
    }
    return stored.filter((e): e is RememberedAttach => {
        const x = e as Partial<RememberedAttach> | null;
        const identity = x?.identity as Partial<{ type: string; identityId: string }> | undefined;
        return (
            typeof x?.workspaceId === 'string' &&
            typeof x.workspaceName === 'string' &&
            typeof x.clusterId === 'string' &&
            typeof x.computeName === 'string' &&
            typeof x.namespace === 'string' &&
            typeof x.detachedAt === 'string' &&
            (identity?.type === 'None' ||
                identity?.type === 'SystemAssigned' ||
                (identity?.type === 'UserAssigned' && typeof identity.identityId === 'string'))
        );
    });
}
