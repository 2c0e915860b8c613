import type { IActionContext } from '@microsoft/vscode-azext-utils';
import { ext } from '../extensionVariables';
import { ErrorNode } from '../tree/statusNodes';
import type { TreeNode } from '../tree/TreeNode';

interface Invalidatable extends TreeNode {
    invalidate(): void;
}

/** From the view title: everything. From a node: that node. From an error node: what failed to load. */
export function refresh(_context: IActionContext, node?: TreeNode): void {
    const target = node instanceof ErrorNode ? node.retryTarget : node;
    if (!target || !isInvalidatable(target)) {
        ext.session.forgetSubscriptions();
        ext.inventory.invalidateAll();
        ext.workspacesTree.refresh();
        ext.clustersTree.refresh();
        return;
    }
    target.invalidate();
    ext.workspacesTree.refresh(target.id);
    ext.clustersTree.refresh(target.id);
}

function isInvalidatable(node: TreeNode): node is Invalidatable {
    return typeof (node as Partial<Invalidatable>).invalidate === 'function';
}
