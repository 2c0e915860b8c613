import type { Workbench } from './workbench';

/**
 * Reloads the window as a person would: Developer: Reload Window, or the browser's refresh. Then waits for the
 * workbench and the Azure ML Kubernetes views (clicking their activity bar item before they are back would hide
 * them again), and calls `reopen` to open what the test looks at.
 */
export async function reloadWindow(wb: Workbench, viaCommand: boolean, reopen: () => Promise<void>): Promise<void> {
    if (viaCommand) {
        const loaded = wb.page.waitForEvent('load', { timeout: 60_000 });
        // The palette closes as the page goes away, which the helper's last check may not live to see.
        await wb.runCommand('Developer: Reload Window').catch(() => undefined);
        await loaded;
    } else {
        // The web workbench writes the extension's workspace state to the browser's storage a moment after it changes;
        // a browser refresh within that moment (quicker than a person) can find the state before the change.
        await wb.page.waitForTimeout(2000);
        await wb.page.reload();
    }
    await wb.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await wb
        .view('Workspaces')
        .waitFor({ timeout: 30_000 })
        .catch(() => undefined);
    await reopen();
}
