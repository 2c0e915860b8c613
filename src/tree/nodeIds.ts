/** Tree item ids, shared by the nodes and by code that refreshes them after a change. */
export function workspaceNodeId(workspaceId: string): string {
    return `workspaces${workspaceId.toLowerCase()}`;
}

export function clusterNodeId(clusterId: string): string {
    return `clusters${clusterId.toLowerCase()}`;
}
