import type { ComputeInfo } from '../domain/models';
import { ext } from '../extensionVariables';
import { clusterNodeId, workspaceNodeId } from './nodeIds';

/** Shows a changed compute again under its workspace and under its cluster, wherever those are expanded. */
export function refreshComputeViews(compute: Pick<ComputeInfo, 'workspaceId' | 'clusterId'>): void {
    ext.workspacesTree.refresh(workspaceNodeId(compute.workspaceId));
    if (compute.clusterId) {
        ext.clustersTree.refresh(clusterNodeId(compute.clusterId));
    }
}
