import type { IActionContext } from '@microsoft/vscode-azext-utils';
import { ext } from '../extensionVariables';
import { ErrorNode } from '../tree/statusNodes';
import type { TreeNode } from '../tree/TreeNode';

interface Invalidatable extends TreeNode {
    invalidate(): void;
}

/**
 * Everything: the subscription list and every listing. Arguments are ignored on purpose: a view-title action is
 * given the focused tree item, and the title's Refresh must not shrink to that item.
 */
export function refreshAll(): void {
    ext.session.forgetSubscriptions();
    ext.inventory.invalidateAll();
    ext.workspacesTree.refresh();
    ext.clustersTree.refresh();
}

/** One node (inline and context menu); an error node retries what failed to load. */
export function refreshItem(_context: IActionContext, node?: TreeNode): void {
    const target = node instanceof ErrorNode ? node.retryTarget : node;
    if (!target || !isInvalidatable(target)) {
        refreshAll();
        return;
    }
    target.invalidate();
    ext.workspacesTree.refresh(target.id);
    ext.clustersTree.refresh(target.id);
}

function isInvalidatable(node: TreeNode): node is Invalidatable {
    return typeof (node as Partial<Invalidatable>).invalidate === 'function';
}
