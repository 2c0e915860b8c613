/**
 * A window reload while the AzureML extension is being installed (reloaded by command) or uninstalled (by the
 * browser): the cluster's row is still followed after the reload, and the notification of the end comes as it does without one (modelled on resume.test.ts, which does the
 * same for the compute operations, and installExtension.test.ts).
 */
import * as assert from 'assert';
import { defaultWorld, openWorkspaces } from '../pages/fixture';
import { findItem } from '../pages/tree';
import type { Workbench } from '../pages/workbench';
import { reloadWindow } from '../pages/reload';
import { useEditor, type Session } from '../session';

const CLUSTERS = 'Kubernetes Clusters';
const DEV_NAME = 'ML Platform Dev';
const NOEXT = [DEV_NAME, 'aks-cpu-noext'];
const NOEXT_ID = defaultWorld.clusters.aksCpuNoExt.id;
const EXTENSION_ID = `${NOEXT_ID}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`;
/** Far longer than a reload takes on a busy machine: the install is still Creating after it; the test ends it. */
const PROVISIONING_MS = 180_000;
const INSTALLED = /^Installed the AzureML extension on aks-cpu-noext: Succeeded\.$/;
const SP_LEGACY = [DEV_NAME, 'aks-sp-legacy'];
const SP_LEGACY_EXTENSION_ID = `${defaultWorld.clusters.aksSpLegacy.id}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`;
const UNINSTALLED = /^Uninstalled the AzureML extension from aks-sp-legacy: Succeeded\.$/;

async function rowDescription(wb: Workbench, path = NOEXT): Promise<string> {
    return findItem(await wb.treeItems(CLUSTERS), path)?.description ?? '';
}

async function waitForRow(
    wb: Workbench,
    pattern: RegExp,
    what: string,
    timeoutMs?: number,
    path = NOEXT,
): Promise<void> {
    await wb.waitForTreeItems(
        CLUSTERS,
        (rows) => pattern.test(findItem(rows, path)?.description ?? ''),
        `${path[path.length - 1]} to show ${what}`,
        timeoutMs,
    );
}

/** The Kubernetes Clusters view shown, ML Platform Dev expanded (it may come back expanded after a reload). */
async function openClusters(wb: Workbench): Promise<void> {
    await openWorkspaces(wb);
    await wb.waitForViewLoaded(CLUSTERS);
    await wb.expandTreeItem(CLUSTERS, [DEV_NAME]);
}

/** Ends the install in the emulator as its provisioning would, without waiting out the long delay. */
function finishInEmulator(session: Session): void {
    const stored = session.emulator.admin.getResource(EXTENSION_ID) as
        { properties: Record<string, unknown> } | undefined;
    assert.ok(stored, 'the extension is in the emulator');
    assert.strictEqual(stored.properties.provisioningState, 'Creating');
    session.emulator.admin.upsertResource({
        ...stored,
        properties: { ...stored.properties, provisioningState: 'Succeeded', errorInfo: null, statuses: [] },
    });
}

describe('a window reload while the AzureML extension is being installed or uninstalled', () => {
    const session = useEditor({ settings: { 'azuremlK8s.statusPollingIntervalSeconds': 1 } });
    let wb: Workbench;
    let previousDelay: number;

    before(async () => {
        wb = session.workbench;
        previousDelay = session.emulator.admin.setOptions({}).provisioningDelayMs;
        session.emulator.admin.setOptions({ provisioningDelayMs: PROVISIONING_MS });
        await openClusters(wb);
        await wb.setSideBarWidth(560);
    });

    after(() => {
        session.emulator.admin.setOptions({ provisioningDelayMs: previousDelay });
    });

    it('installs on aks-cpu-noext, reloads: the row still shows Creating..., then Succeeded with its notification', async () => {
        await wb.chooseContextMenu(CLUSTERS, NOEXT, 'Install AzureML Extension...');
        await wb.pickItem('Training', /What will aks-cpu-noext run for Azure Machine Learning\?/);
        await wb.typeInInput('', { placeholderOrTitle: /Optional node selector/ });
        await wb.pickItem('stable', /Release train/);
        await wb.pickItem('Latest stable version', /Version/);
        await wb.pickItem('Install', /Install the AzureML extension on aks-cpu-noext\?/);
        await waitForRow(wb, /AzureML extension Creating\.\.\./, 'its extension Creating');
        await wb.screenshot('before-reload-creating');

        const reloadAt = Date.now();
        await reloadWindow(wb, true, () => openClusters(wb));
        // Read again after the reload: still followed, still Creating (the emulator holds it far longer).
        await waitForRow(wb, /AzureML extension Creating\.\.\./, 'its extension Creating after the reload', 60_000);
        const rowBackMs = Date.now() - reloadAt;
        await wb.screenshot('after-reload-creating');
        assert.deepStrictEqual(await wb.notifications(), [], 'nothing has ended yet');

        finishInEmulator(session);
        const notice = await wb.waitForNotification(INSTALLED);
        assert.ok(notice.buttons.includes('Attach to a Workspace...'), JSON.stringify(notice));
        await waitForRow(wb, /AzureML extension installed/i, 'its extension installed');
        await wb.screenshot('after-reload-succeeded');
        assert.strictEqual((await wb.notifications()).filter((n) => INSTALLED.test(n.message)).length, 1);
        const puts = session.emulator.admin
            .requests()
            .filter((r) => r.method === 'PUT' && r.path.toLowerCase().startsWith(EXTENSION_ID.toLowerCase()));
        assert.strictEqual(puts.length, 1, 'the install was sent once, not again after the reload');
        console.log(`      row followed again ${Math.round(rowBackMs / 100) / 10} s after the reload`);
        assert.match(await rowDescription(wb), /installed/i);
    });

    it('uninstalls from aks-sp-legacy, reloaded by the browser: Deleting... again, then gone with its notification', async () => {
        await wb.clearNotifications();
        await wb.chooseContextMenu(CLUSTERS, SP_LEGACY, 'Uninstall AzureML Extension...');
        await wb.waitForDialog(/Uninstall the AzureML extension \(azureml\) from aks-sp-legacy\?/);
        await wb.clickDialogButton('Uninstall');
        await waitForRow(wb, /AzureML extension Deleting\.\.\./, 'its extension Deleting', undefined, SP_LEGACY);
        // The web workbench writes the extension's workspace state to the browser's storage a moment after it changes;
        // a browser refresh within that moment (no person is that quick) would find the old state.
        await wb.page.waitForTimeout(3000);

        await reloadWindow(wb, false, () => openClusters(wb));
        await waitForRow(wb, /AzureML extension Deleting\.\.\./, 'Deleting after the reload', 60_000, SP_LEGACY);
        await wb.screenshot('after-reload-deleting');

        // The emulator finishes the uninstall: the extension is gone.
        assert.ok(session.emulator.admin.deleteResource(SP_LEGACY_EXTENSION_ID));
        await wb.waitForNotification(UNINSTALLED);
        await waitForRow(wb, /AzureML extension not installed/i, 'no extension', undefined, SP_LEGACY);
        assert.strictEqual((await wb.notifications()).filter((n) => UNINSTALLED.test(n.message)).length, 1);
    });

    it('an operation that ended is not followed again after another reload', async () => {
        await wb.clearNotifications();
        await reloadWindow(wb, false, () => openClusters(wb));
        await wb.page.waitForTimeout(5000);
        assert.deepStrictEqual(
            (await wb.notifications()).filter((n) => /AzureML extension/.test(n.message)),
            [],
            'no notification',
        );
        assert.doesNotMatch(await rowDescription(wb), /Creating/);
        assert.match(await rowDescription(wb, SP_LEGACY), /not installed/);
    });
});
