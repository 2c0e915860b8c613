import type { ComputeInfo, SubscriptionRef, WorkspaceInfo } from '../domain/models';
import { mapWithConcurrency } from './concurrency';
import { groupBy } from './groupBy';

export interface AttachmentIndex {
    /** Computes by the lower-cased ARM id of the cluster they attach. */
    readonly byCluster: ReadonlyMap<string, readonly ComputeInfo[]>;
    /** What could not be read (subscription or workspace names), so the view can say the list may be incomplete. */
    readonly unreadable: readonly string[];
}

export interface AttachmentSources<S extends SubscriptionRef> {
    listWorkspaces(sub: S): Promise<readonly WorkspaceInfo[]>;
    listComputes(sub: S, workspace: WorkspaceInfo): Promise<readonly ComputeInfo[]>;
}

/** Which computes, in any workspace of any of `subscriptions`, attach which cluster. */
export async function collectAttachments<S extends SubscriptionRef>(
    subscriptions: readonly S[],
    sources: AttachmentSources<S>,
    concurrency: number,
): Promise<AttachmentIndex> {
    const unreadable: string[] = [];
    const perSubscription = await mapWithConcurrency(subscriptions, concurrency, async (sub) => {
        try {
            return { sub, workspaces: await sources.listWorkspaces(sub) };
        } catch {
            unreadable.push(sub.name);
            return { sub, workspaces: [] };
        }
    });
    const pairs = perSubscription.flatMap(({ sub, workspaces }) => workspaces.map((ws) => ({ sub, ws })));
    const computeLists = await mapWithConcurrency(pairs, concurrency, async ({ sub, ws }) => {
        try {
            return await sources.listComputes(sub, ws);
        } catch {
            unreadable.push(ws.name);
            return [];
        }
    });
    return indexAttachments(computeLists.flat(), unreadable);
}

/** Groups computes by the cluster they attach, each group sorted by `<workspace>/<compute>`. */
export function indexAttachments(computes: readonly ComputeInfo[], unreadable: readonly string[]): AttachmentIndex {
    const byCluster = groupBy(
        computes.filter((c) => c.clusterId),
        (c) => (c.clusterId ?? '').toLowerCase(),
    );
    for (const computes of byCluster.values()) {
        computes.sort((a, b) => `${a.workspaceName}/${a.name}`.localeCompare(`${b.workspaceName}/${b.name}`));
    }
    return { byCluster, unreadable };
}
