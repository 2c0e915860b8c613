import * as vscode from 'vscode';

/**
 * A busy quick pick with a wizard's title, shown the moment the wizard's command first runs: before the command's
 * code and the Azure extension utilities (about 600 KB) have loaded. It is closed right before the wizard starts, in
 * the same turn as the wizard shows its own first prompt, which takes its place.
 */
export class PlaceholderPick implements vscode.Disposable {
    private readonly pick = vscode.window.createQuickPick();
    private disposed = false;
    /** Closed by the person (Escape) before the wizard was ready: the command then stops. */
    cancelled = false;

    constructor(title: string) {
        this.pick.title = title;
        this.pick.placeholder = vscode.l10n.t('Loading...');
        this.pick.busy = true;
        this.pick.enabled = false;
        this.pick.ignoreFocusOut = true;
        this.pick.onDidHide(() => {
            if (!this.disposed) {
                this.cancelled = true;
            }
        });
        this.pick.show();
    }

    /**
     * Resolves once the window has the pick (one round trip). Loading the utilities is synchronous work on the
     * extension host's thread; started at once, it would hold back the message that shows the pick.
     */
    async shown(): Promise<void> {
        // Any command the window runs will do; this one only sets a context key nothing reads.
        await vscode.commands.executeCommand('setContext', 'azuremlK8s.pickerShown', true);
    }

    dispose(): void {
        this.disposed = true;
        this.pick.dispose();
    }
}
