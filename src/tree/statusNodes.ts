import * as vscode from 'vscode';
import { ext } from '../extensionVariables';
import { explainError } from '../ui/errorText';
import type { TreeNode } from './TreeNode';

/** A failed load: says what failed and why, and retries its parent (or the whole view) when clicked. */
export class ErrorNode implements TreeNode {
    readonly id: string;
    private readonly explained;

    /** @param id for several errors under one parent; default `<parent>/error`. */
    constructor(
        readonly retryTarget: TreeNode | undefined,
        private readonly what: string,
        error: unknown,
        id?: string,
    ) {
        this.id = id ?? `${retryTarget?.id ?? 'root'}/error`;
        this.explained = explainError(error, what);
    }

    get isSignInProblem(): boolean {
        return this.explained.info.kind === 'unauthenticated';
    }

    /** Seconds until the parent loads again by itself: Azure throttled it and said when to come back. */
    get retriesInSeconds(): number | undefined {
        const { info } = this.explained;
        return info.kind === 'throttled' && info.retryLater && this.retryTarget ? info.retryAfterSeconds : undefined;
    }

    getTreeItem(): vscode.TreeItem {
        const item = new vscode.TreeItem(this.what, vscode.TreeItemCollapsibleState.None);
        const retryIn = this.retriesInSeconds;
        item.description =
            retryIn !== undefined
                ? vscode.l10n.t('Throttled by Azure: retrying in {0} s', retryIn)
                : this.explained.short;
        item.tooltip = new vscode.MarkdownString()
            .appendText(this.explained.detail)
            .appendMarkdown('\n\n')
            .appendText(
                retryIn !== undefined ? vscode.l10n.t('Click to retry now.') : vscode.l10n.t('Click to retry.'),
            );
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
        item.contextValue = this.isSignInProblem ? 'azuremlK8s.error.signIn' : 'azuremlK8s.error';
        item.command = { command: 'azuremlK8s.refreshItem', title: vscode.l10n.t('Retry'), arguments: [this] };
        return item;
    }
}

/** A plain informational row, e.g. "No Kubernetes computes". */
export class MessageNode implements TreeNode {
    constructor(
        readonly id: string,
        private readonly label: string,
        private readonly icon = 'info',
        private readonly command?: vscode.Command,
    ) {}

    getTreeItem(): vscode.TreeItem {
        const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon(this.icon);
        item.command = this.command;
        item.contextValue = 'azuremlK8s.message';
        return item;
    }
}

/** Loads children, turning a failure into one error node so the rest of the view keeps working. */
export async function loadChildren(
    parent: TreeNode | undefined,
    what: string,
    load: () => Promise<TreeNode[]>,
): Promise<TreeNode[]> {
    try {
        return await load();
    } catch (error) {
        const node = new ErrorNode(parent, what, error);
        const retryIn = node.retriesInSeconds;
        if (parent && retryIn !== undefined) {
            // Each view that shows the parent loads it again then; the failed load is not cached.
            for (const tree of [ext.workspacesTree, ext.clustersTree]) {
                tree.scheduleRefresh(parent.id, retryIn * 1000);
            }
        }
        return [node];
    }
}
