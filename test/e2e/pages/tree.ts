import type { TreeItemInfo } from './workbench';

/** The row at `labels` (a path of labels from a root row) in a flat list from `Workbench.treeItems`. */
export function findItem(items: readonly TreeItemInfo[], labels: readonly string[]): TreeItemInfo | undefined {
    const index = indexOf(items, labels);
    return index === undefined ? undefined : items[index];
}

/** The direct children of the row at `labels`, in order; empty when it is collapsed, absent or a leaf. */
export function childrenOf(items: readonly TreeItemInfo[], labels: readonly string[]): TreeItemInfo[] {
    const index = indexOf(items, labels);
    if (index === undefined) {
        return [];
    }
    const level = items[index].level;
    const children: TreeItemInfo[] = [];
    for (const item of items.slice(index + 1)) {
        if (item.level <= level) {
            break;
        }
        if (item.level === level + 1) {
            children.push(item);
        }
    }
    return children;
}

export const labelsOf = (items: readonly TreeItemInfo[]) => items.map((item) => item.label);

function indexOf(items: readonly TreeItemInfo[], labels: readonly string[]): number | undefined {
    let level = 0;
    let from = 0;
    for (const label of labels) {
        let found: number | undefined;
        for (let i = from; i < items.length; i++) {
            if (level > 0 && items[i].level <= level) {
                break;
            }
            if (items[i].label === label && items[i].level === level + 1) {
                found = i;
                break;
            }
        }
        if (found === undefined) {
            return undefined;
        }
        level = items[found].level;
        from = found + 1;
    }
    return from - 1;
}
