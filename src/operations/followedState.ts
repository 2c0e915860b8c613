import type * as vscode from 'vscode';

/** Where the followed compute operations are kept, in the workspace state: see ComputeWatcher. */
export const followedStateKey = 'azuremlK8s.followedOperations';

/** Where the followed AzureML extension operations are kept, in the workspace state: see ExtensionWatcher. */
export const followedExtensionsStateKey = 'azuremlK8s.followedExtensionOperations';

/**
 * Whether a window reload may have interrupted an operation being followed (a compute's or an AzureML extension's).
 * Only looks at the stored values, so it is cheap enough for activate(); each watcher checks its records when it
 * resumes.
 */
export function mayHaveFollowedOperations(workspaceState: vscode.Memento): boolean {
    return [followedStateKey, followedExtensionsStateKey].some((key) => {
        const stored = workspaceState.get<unknown>(key);
        return Array.isArray(stored) && stored.length > 0;
    });
}

/** Saves a watcher's records under `key` (none: the key is removed), logging a failure rather than throwing it. */
export function saveFollowed(
    workspaceState: vscode.Memento,
    key: string,
    records: readonly unknown[],
    warn: (message: string) => void,
): void {
    workspaceState
        .update(key, records.length > 0 ? records : undefined)
        .then(undefined, (error) => warn(`Could not save the followed operations: ${String(error)}`));
}
