import type * as vscode from 'vscode';

/** One row in a view. `id` is unique in its view and stable across refreshes. */
export interface TreeNode {
    readonly id: string;
    getTreeItem(): vscode.TreeItem;
    getChildren?(): Promise<TreeNode[]>;
}
