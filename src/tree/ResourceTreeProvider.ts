import * as vscode from 'vscode';
import type { TreeNode } from './TreeNode';

const maxRememberedExpansions = 200;

/**
 * A view's data provider. Nodes are looked up by id when refreshed, because a node object from an
 * earlier render is no longer the one the view knows.
 */
export class ResourceTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
    private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
    private readonly nodes = new Map<string, TreeNode>();
    private readonly parents = new Map<string, TreeNode | undefined>();
    private readonly polls = new Map<string, NodeJS.Timeout>();
    private view: vscode.TreeView<TreeNode> | undefined;

    readonly onDidChangeTreeData = this.changed.event;

    /** Ids of the nodes the user left expanded, kept in the workspace state so a window reload opens them again. */
    private readonly expanded: Set<string>;

    constructor(
        private readonly getRoots: () => Promise<TreeNode[]>,
        private readonly memory?: { state: vscode.Memento; key: string },
    ) {
        this.expanded = new Set(memory?.state.get<string[]>(memory.key) ?? []);
    }

    getTreeItem(node: TreeNode): vscode.TreeItem {
        const item = node.getTreeItem();
        item.id = node.id;
        if (item.collapsibleState === vscode.TreeItemCollapsibleState.Collapsed && this.expanded.has(node.id)) {
            item.collapsibleState = vscode.TreeItemCollapsibleState.Expanded;
        }
        return item;
    }

    async getChildren(parent?: TreeNode): Promise<TreeNode[]> {
        const children = parent ? ((await parent.getChildren?.()) ?? []) : await this.getRoots();
        for (const child of children) {
            this.nodes.set(child.id, child);
            this.parents.set(child.id, parent);
        }
        return children;
    }

    getParent(node: TreeNode): TreeNode | undefined {
        return this.parents.get(node.id);
    }

    /** The view showing this provider's nodes, for `reveal`. */
    attach(view: vscode.TreeView<TreeNode>): vscode.Disposable {
        this.view = view;
        return vscode.Disposable.from(
            view.onDidExpandElement((e) => this.remember(e.element.id, true)),
            view.onDidCollapseElement((e) => this.remember(e.element.id, false)),
        );
    }

    /** A line above the view's rows (e.g. where its listings come from), or none. */
    setMessage(message: string | undefined): void {
        if (this.view && this.view.message !== message) {
            this.view.message = message;
        }
    }

    private remember(id: string, expanded: boolean): void {
        if (!this.memory || this.expanded.has(id) === expanded) {
            return;
        }
        if (expanded) {
            this.expanded.add(id);
        } else {
            this.expanded.delete(id);
        }
        // The newest last, and only so many: ids of nodes long gone do not pile up.
        const ids = [...this.expanded].slice(-maxRememberedExpansions);
        void this.memory.state.update(this.memory.key, ids.length > 0 ? ids : undefined);
    }

    /**
     * Expands the nodes with these ids one after the other, from the root down, and selects the last one, e.g.
     * subscription → workspace → compute. Stops quietly where a node is not (or no longer) in the view, and does
     * nothing while the view is hidden (the user is elsewhere: no view is pulled open).
     */
    async reveal(path: readonly string[]): Promise<boolean> {
        if (!this.view?.visible) {
            return false;
        }
        for (const [i, id] of path.entries()) {
            const node = await this.waitForNode(id);
            if (!node || !this.view) {
                return false;
            }
            const last = i === path.length - 1;
            await this.view.reveal(node, { select: last, focus: false, expand: !last });
        }
        return true;
    }

    /** A node the view has asked for, waiting briefly while its parent's children load. */
    private async waitForNode(id: string): Promise<TreeNode | undefined> {
        for (let tries = 0; tries < 50 && !this.nodes.has(id); tries++) {
            await new Promise((resolve) => setTimeout(resolve, 100));
        }
        return this.nodes.get(id);
    }

    /** Re-renders a node (by id) and its children, or the whole view. */
    refresh(node?: TreeNode | string): void {
        const id = typeof node === 'string' ? node : node?.id;
        const current = id ? this.nodes.get(id) : undefined;
        if (id && !current) {
            return;
        }
        this.changed.fire(current);
    }

    /**
     * Refreshes the node after `delayMs`, once (e.g. when Azure throttled its load and said when to come back); a
     * second call before then keeps the first timer. Changing computes are not polled here: the compute watcher
     * reads them and refreshes the views when they change.
     */
    scheduleRefresh(nodeId: string, delayMs: number): void {
        if (this.polls.has(nodeId)) {
            return;
        }
        const timer = setTimeout(() => {
            this.polls.delete(nodeId);
            this.refresh(nodeId);
        }, delayMs);
        this.polls.set(nodeId, timer);
    }

    dispose(): void {
        this.polls.forEach((timer) => clearTimeout(timer));
        this.polls.clear();
        this.changed.dispose();
    }
}
