import type * as vscode from 'vscode';

/** Where the followed operations are kept, in the workspace state: see ComputeWatcher. */
export const followedStateKey = 'azuremlK8s.followedOperations';

/**
 * Whether a window reload may have interrupted an operation being followed. Only looks at the stored value, so it is
 * cheap enough for activate(); the watcher checks each record when it resumes.
 */
export function mayHaveFollowedOperations(workspaceState: vscode.Memento): boolean {
    const stored = workspaceState.get<unknown>(followedStateKey);
    return Array.isArray(stored) && stored.length > 0;
}
