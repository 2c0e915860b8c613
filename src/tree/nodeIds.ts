/** Tree item ids, shared by the nodes and by code that refreshes them after a change. */
export function workspaceNodeId(workspaceId: string): string {
    return `workspaces${workspaceId.toLowerCase()}`;
}

export function clusterNodeId(clusterId: string): string {
    return `clusters${clusterId.toLowerCase()}`;
}

export function subscriptionNodeId(view: 'workspaces' | 'clusters', subscriptionId: string): string {
    return `${view}/subscriptions/${subscriptionId}`;
}

/** A compute under its workspace in the Workspaces view. */
export function workspaceComputeNodeId(computeId: string): string {
    return `workspaces${computeId.toLowerCase()}`;
}

/** The Workspaces view's ids from the root down to a compute (or to its workspace). */
export function workspacesViewPath(subscriptionId: string, workspaceId: string, computeId?: string): string[] {
    return [
        subscriptionNodeId('workspaces', subscriptionId),
        workspaceNodeId(workspaceId),
        ...(computeId ? [workspaceComputeNodeId(computeId)] : []),
    ];
}
