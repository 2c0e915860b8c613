/** The cluster panel as a person uses it: the Clusters view, a cluster's panel settled, Collect Diagnostics saved. */
import * as fs from 'fs';
import * as path from 'path';
import type { FrameLocator } from 'playwright-core';
import { waitForText } from './panel';
import type { Workbench } from './workbench';

export const CLUSTERS = 'Kubernetes Clusters';

export async function openClusters(wb: Workbench, subscriptions: readonly string[]): Promise<void> {
    await wb.openViewContainer('Azure ML Kubernetes');
    await wb.waitForExtensionsActivated();
    await wb.waitForViewLoaded(CLUSTERS);
    for (const s of subscriptions) {
        await wb.expandTreeItem(CLUSTERS, [s]);
    }
}

/** Clicks the cluster's row and waits for its panel to have read everything. */
export async function openCluster(wb: Workbench, row: string[]): Promise<FrameLocator> {
    const name = row[row.length - 1];
    await wb.clickTreeItem(CLUSTERS, row);
    const frame = wb.webview();
    await waitForText(wb, () => frame.locator('h1').textContent(), name, `the ${name} panel`);
    await wb.waitUntil(
        async () =>
            (await frame.locator('#root[aria-busy="false"]').count()) === 1 &&
            (await frame.locator('.empty .codicon-loading, tr[data-status="checking"]').count()) === 0,
        `the ${name} panel to settle`,
    );
    return frame;
}

/** Collect Diagnostics... from the panel, its file accepted as the save dialog offers it; returns what was saved. */
export async function collectDiagnostics(
    wb: Workbench,
    frame: FrameLocator,
    cluster: string,
    copyTo: string,
): Promise<string> {
    await frame.locator('#health button', { hasText: 'Collect Diagnostics...' }).click();
    // The save dialog offers a file named after the cluster in the open folder: accepted as it is.
    await wb.waitForQuickInput();
    let target = '';
    await wb.waitUntil(async () => {
        target = await wb.quickInputBox().inputValue();
        return path.basename(target).startsWith(`azureml-diagnostics-${cluster}-`) && target.endsWith('.txt');
    }, 'the save dialog to offer a file named after the cluster');
    await wb.quickInputBox().press('Enter');
    await wb.waitForNotification(new RegExp(`Saved the diagnostics of ${cluster}`));
    fs.mkdirSync(path.dirname(copyTo), { recursive: true });
    fs.copyFileSync(target, copyTo);
    await wb.clearNotifications();
    return fs.readFileSync(target, 'utf8');
}

export async function editorArea(wb: Workbench) {
    const box = await wb.page.locator('.part.editor').boundingBox();
    if (!box) {
        throw new Error('no editor area');
    }
    return { x: Math.floor(box.x), y: Math.floor(box.y), width: Math.floor(box.width), height: Math.floor(box.height) };
}
