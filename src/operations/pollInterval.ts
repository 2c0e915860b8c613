import * as vscode from 'vscode';
import { settingsSection } from '../auth/settings';

/** How often a compute that is Creating, Updating or Deleting is read again. */
export function pollIntervalMs(): number {
    const seconds = vscode.workspace.getConfiguration(settingsSection).get<number>('statusPollingIntervalSeconds', 5);
    return Math.max(1, seconds) * 1000;
}
