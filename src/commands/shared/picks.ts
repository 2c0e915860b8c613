import type { IAzureQuickPickItem } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';

/** A group heading in a quick pick. */
export function separator<T>(label: string): IAzureQuickPickItem<T> {
    return { label, kind: vscode.QuickPickItemKind.Separator, data: undefined as T };
}
