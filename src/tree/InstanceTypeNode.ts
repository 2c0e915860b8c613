import * as vscode from 'vscode';
import { pairs, type InstanceType } from '../domain/instanceTypes';
import type { TreeNode } from './TreeNode';

function resources(r: InstanceType['requests']): string {
    return [r.cpu && vscode.l10n.t('{0} CPU', r.cpu), r.memory, r.gpu && vscode.l10n.t('{0} GPU', r.gpu)]
        .filter((part): part is string => !!part)
        .join(' / ');
}

/** One instance type of a compute, as Azure reports it: what a job that names it (or names none, for the default) gets. */
export class InstanceTypeNode implements TreeNode {
    constructor(
        readonly id: string,
        readonly type: InstanceType,
    ) {}

    getTreeItem(): vscode.TreeItem {
        const item = new vscode.TreeItem(this.type.name, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon(this.type.isDefault ? 'star-full' : 'symbol-class');
        const selector = pairs(this.type.nodeSelector);
        item.description = [
            this.type.isDefault ? vscode.l10n.t('default') : undefined,
            vscode.l10n.t('requests {0}', resources(this.type.requests)),
            vscode.l10n.t('limits {0}', resources(this.type.limits)),
            selector ? vscode.l10n.t('on {0}', selector) : undefined,
        ]
            .filter((part): part is string => !!part)
            .join(' · ');
        item.tooltip = new vscode.MarkdownString(
            [
                `**${this.type.name}**${this.type.isDefault ? ` (${vscode.l10n.t('default')})` : ''}`,
                vscode.l10n.t('Requests: {0}', resources(this.type.requests) || '—'),
                vscode.l10n.t('Limits: {0}', resources(this.type.limits) || '—'),
                vscode.l10n.t('Node selector: {0}', selector || vscode.l10n.t('any node')),
                this.type.source === 'built-in'
                    ? vscode.l10n.t('The built-in default: the cluster defines no defaultinstancetype.')
                    : undefined,
            ]
                .filter((line) => line !== undefined)
                .join('\n\n'),
        );
        item.contextValue = `azuremlK8s.instanceType${this.type.isDefault ? ';default' : ''}`;
        item.accessibilityInformation = { label: `${this.type.name}, ${item.description}` };
        return item;
    }
}
