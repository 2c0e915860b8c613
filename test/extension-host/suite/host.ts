/** Helpers for the extension-host suite: the real extension, its trees and the emulator's fixture. */

import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { defaultWorld } from '../../emulator/defaultWorld';

const repoPackage = JSON.parse(
    fs.readFileSync(path.resolve(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8'),
) as { publisher: string; name: string };

export const extensionId = `${repoPackage.publisher}.${repoPackage.name}`;

/** Ids and names of the emulator's default world that the suite uses (test/emulator/defaultWorld.ts). */
export const fixture = {
    subscriptions: {
        dev: defaultWorld.subscriptions.dev,
        prod: defaultWorld.subscriptions.prod,
        finance: defaultWorld.subscriptions.finance,
        research: defaultWorld.subscriptions.research,
    },
    wsVision: defaultWorld.workspaces.vision.id,
    k8sGpu: defaultWorld.computes.k8sGpu.id,
};

/** What `activate()` returns (src/extension.ts `ExtensionApi`). */
export interface ExtensionApi {
    readonly workspacesTree: vscode.TreeDataProvider<unknown>;
    readonly clustersTree: vscode.TreeDataProvider<unknown>;
}

export function extension(): vscode.Extension<ExtensionApi> {
    const ext = vscode.extensions.getExtension<ExtensionApi>(extensionId);
    if (!ext) {
        const installed = vscode.extensions.all.map((e) => e.id).filter((id) => !id.startsWith('vscode.'));
        throw new Error(
            `${extensionId} is not installed in this editor (non-builtin: ${installed.join(', ') || 'none'})`,
        );
    }
    return ext;
}

export async function api(): Promise<ExtensionApi> {
    return extension().activate();
}

/** A node of a tree together with the TreeItem the view would render for it. */
export interface Row {
    node: unknown;
    item: vscode.TreeItem;
    label: string;
}

export function labelOf(item: vscode.TreeItem): string {
    return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

export async function children(tree: vscode.TreeDataProvider<unknown>, parent?: Row): Promise<Row[]> {
    const nodes = (await tree.getChildren(parent?.node)) ?? [];
    return Promise.all(
        nodes.map(async (node) => {
            const item = await tree.getTreeItem(node);
            return { node, item, label: labelOf(item) };
        }),
    );
}

export function describeRows(rows: Row[]): string {
    return rows
        .map((row) => `${row.label}${row.item.description ? ` [${String(row.item.description)}]` : ''}`)
        .join('; ');
}

/** The child labelled `label`, failing with what was there instead. */
export async function child(
    tree: vscode.TreeDataProvider<unknown>,
    parent: Row | undefined,
    label: string,
): Promise<Row> {
    const rows = await children(tree, parent);
    const row = rows.find((r) => r.label === label);
    if (!row) {
        throw new Error(`no "${label}" under ${parent ? `"${parent.label}"` : 'the root'}: ${describeRows(rows)}`);
    }
    return row;
}

export async function rowAt(tree: vscode.TreeDataProvider<unknown>, labels: string[]): Promise<Row> {
    let row: Row | undefined;
    for (const label of labels) {
        row = await child(tree, row, label);
    }
    return row!;
}

export function themeIcon(item: vscode.TreeItem): { id: string; color?: string } | undefined {
    const icon = item.iconPath as { id?: unknown; color?: { id?: unknown } } | undefined;
    return typeof icon?.id === 'string'
        ? { id: icon.id, color: typeof icon.color?.id === 'string' ? icon.color.id : undefined }
        : undefined;
}

/** Polls `check` until it returns a value (not undefined) or the time is up; the error says what was last seen. */
export async function waitFor<T>(
    what: string,
    check: () => Promise<T | undefined>,
    options: { timeoutMs?: number; intervalMs?: number; lastSeen?: () => string } = {},
): Promise<T> {
    const deadline = Date.now() + (options.timeoutMs ?? 15_000);
    for (;;) {
        const value = await check();
        if (value !== undefined) {
            return value;
        }
        if (Date.now() > deadline) {
            throw new Error(
                `timed out waiting for ${what}${options.lastSeen ? `; last seen: ${options.lastSeen()}` : ''}`,
            );
        }
        await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 200));
    }
}
