import * as vscode from 'vscode';

/** The attach wizard's title; also on the quick pick shown while the wizard's code loads (registerCommands.ts). */
export function attachWizardTitle(): string {
    return vscode.l10n.t('Attach Kubernetes cluster to workspace');
}
