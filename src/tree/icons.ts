import * as vscode from 'vscode';
import { ext } from '../extensionVariables';

/** An icon from resources/icons; their colours read well on light and dark themes alike. */
export function resourceIcon(name: 'subscription' | 'workspace' | 'aks' | 'arc'): vscode.Uri {
    return vscode.Uri.joinPath(ext.context.extensionUri, 'resources', 'icons', `${name}.svg`);
}
