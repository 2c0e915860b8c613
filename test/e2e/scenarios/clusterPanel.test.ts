/**
 * The cluster panel: opened by clicking a cluster row (the twistie still expands it), its sections (the AzureML
 * extension with its settings and no secrets, the computes that attach it, the workspace prerequisites, the documented
 * limits, health), a compute's own panel from its row, the keyboard alone, Collect Diagnostics saved to a file, and an
 * axe-core scan in the light, dark and high-contrast themes.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { FrameLocator } from 'playwright-core';
import { expectNoViolations } from '../pages/axe';
import { docsImage } from '../pages/docsImages';
import { childrenOf, labelsOf } from '../pages/tree';
import { focusedText, tabTo, waitForText } from '../pages/panel';
import type { Workbench } from '../pages/workbench';
import { useEditor } from '../session';

const CLUSTERS = 'Kubernetes Clusters';
const AKS_GPU = ['ML Platform Dev', 'aks-gpu-dev'];
const ARC_ONPREM = ['ML Platform Prod', 'arc-onprem-01'];

async function openClusters(wb: Workbench, subscriptions: readonly string[]): Promise<void> {
    await wb.openViewContainer('Azure ML Kubernetes');
    await wb.waitForExtensionsActivated();
    await wb.waitForViewLoaded(CLUSTERS);
    for (const s of subscriptions) {
        await wb.expandTreeItem(CLUSTERS, [s]);
    }
}

/** Clicks the cluster's row and waits for its panel to have read everything. */
async function openCluster(wb: Workbench, row: string[]): Promise<FrameLocator> {
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

async function editorArea(wb: Workbench) {
    const box = await wb.page.locator('.part.editor').boundingBox();
    if (!box) {
        throw new Error('no editor area');
    }
    return { x: Math.floor(box.x), y: Math.floor(box.y), width: Math.floor(box.width), height: Math.floor(box.height) };
}

describe('cluster panel: the extension, what attaches the cluster, limits and health', () => {
    const session = useEditor();
    let wb: Workbench;

    before(async () => {
        wb = session.workbench;
        await openClusters(wb, ['ML Platform Dev', 'ML Platform Prod']);
    });

    it('opens when aks-gpu-dev is clicked: the extension Succeeded, its version, train, auto-upgrade and settings, no secret', async () => {
        const frame = await openCluster(wb, AKS_GPU);
        const extension = frame.locator('#extension');
        await waitForText(wb, () => extension.locator('.state-name').textContent(), 'Succeeded', 'the state');
        const facts = (await extension.locator('dl.facts').textContent()) ?? '';
        assert.match(facts, /Version\s*1\.1\.64/, facts);
        assert.match(facts, /Release train\s*stable/, facts);
        assert.match(facts, /Auto-upgrade\s*On/, facts);
        assert.match(facts, /Namespace\s*azureml/, facts);
        await frame.locator('#settings summary').click();
        await frame.locator('#settings table.settings-table').waitFor();
        const settings = (await frame.locator('#settings table.settings-table').textContent()) ?? '';
        assert.match(settings, /enableTraining\s*True/, settings);
        assert.match(settings, /inferenceRouterServiceType\s*LoadBalancer/, settings);
        // The fixture's protected settings (certificate and key) are in no part of the page.
        const page = (await frame.locator('body').textContent()) ?? '';
        assert.doesNotMatch(page, /EMULATED-SECRET|BEGIN PRIVATE KEY|BEGIN CERTIFICATE/);
        assert.ok(await extension.locator('button', { hasText: 'Update Settings...' }).isVisible());
        assert.ok(await extension.locator('button', { hasText: 'Uninstall...' }).isVisible());
        await wb.screenshot('cluster-panel-aks');
        await frame.locator('#settings summary').click();
    });

    it('lists the computes that attach it (workspace, state, namespace, identity) and the limits that apply', async () => {
        const frame = wb.webview();
        const row = frame.locator('#computes tr[data-compute="k8s-gpu"]');
        await row.waitFor();
        const text = (await row.textContent()) ?? '';
        assert.match(text, /k8s-gpu/);
        assert.match(text, /ws-vision/);
        assert.match(text, /Succeeded/);
        assert.match(text, /System-assigned/);
        const limits = frame.locator('#limits');
        assert.match((await limits.textContent()) ?? '', /attaches only to workspaces of its own subscription/);
    });

    it('Health offers to read the pods through Azure, and Collect Diagnostics saves to the chosen file', async () => {
        const frame = wb.webview();
        const health = frame.locator('#health');
        assert.ok(await health.locator('button', { hasText: 'Check Pods' }).isVisible());
        await health.locator('button', { hasText: 'Collect Diagnostics...' }).click();
        // The save dialog offers a file named after the cluster in the open folder: accepted as it is.
        await wb.waitForQuickInput();
        let target = '';
        await wb.waitUntil(async () => {
            target = await wb.quickInputBox().inputValue();
            return /^azureml-diagnostics-aks-gpu-dev-.*\.txt$/.test(path.basename(target));
        }, 'the save dialog to offer a file named after the cluster');
        await wb.quickInputBox().press('Enter');
        await wb.waitForNotification(/Saved the diagnostics of aks-gpu-dev/);
        const saved = fs.readFileSync(target, 'utf8');
        fs.mkdirSync(session.resultsDir, { recursive: true });
        fs.copyFileSync(target, path.join(session.resultsDir, 'aks-gpu-dev-diagnostics.txt'));
        assert.match(saved, /cluster: \/subscriptions\/.*\/managedClusters\/aks-gpu-dev/);
        assert.match(saved, /\$ kubectl get pods -n azureml -o wide/);
        assert.match(saved, /\$ kubectl get events -n azureml/);
        assert.doesNotMatch(saved, /EMULATED-SECRET|SharedAccessKey=[^*]/);
        await wb.clearNotifications();
    });

    it('from the keyboard alone: Tab reaches the commands, Enter copies the resource id', async () => {
        const frame = wb.webview();
        await tabTo(wb, frame, 'Copy Resource Id');
        await wb.page.keyboard.press('Enter');
        await waitForText(wb, () => frame.locator('#notice').textContent(), /^Copied \/subscriptions\//, 'copied');
        await tabTo(wb, frame, 'k8s-gpu');
        assert.strictEqual(await focusedText(frame), 'k8s-gpu');
    });

    it("a compute's row opens its own panel; the cluster row still expands with its twistie", async () => {
        const frame = wb.webview();
        await frame.locator('#computes button', { hasText: 'k8s-gpu' }).click();
        const compute = wb.webview();
        await waitForText(wb, () => compute.locator('h1').textContent(), 'k8s-gpu', 'the compute panel');
        await wb.expandTreeItem(CLUSTERS, AKS_GPU);
        const rows = await wb.treeItems(CLUSTERS);
        assert.ok(labelsOf(childrenOf(rows, AKS_GPU)).includes('ws-vision/k8s-gpu'), JSON.stringify(labelsOf(rows)));
    });

    it('an Arc cluster: its attaching workspace prerequisites, and the kubectl commands to copy', async () => {
        const frame = await openCluster(wb, ARC_ONPREM);
        const prerequisites = frame.locator('#prerequisites');
        await prerequisites.locator('tr[data-role="Reader"]').waitFor();
        assert.match((await prerequisites.textContent()) ?? '', /ws-nlp/);
        assert.ok((await prerequisites.locator('tr[data-role="Azure Relay Owner"]').count()) > 0);
        const health = frame.locator('#health');
        assert.match((await health.locator('pre.command').textContent()) ?? '', /kubectl get pods -n azureml -o json/);
        await health.locator('button', { hasText: 'Copy the commands' }).click();
        await waitForText(wb, () => frame.locator('#notice').textContent(), /Copied the kubectl commands/, 'copied');
        await wb.screenshot('cluster-panel-arc');
        await frame.locator('h1').click();
        await docsImage(wb, 'cluster-panel-light', await editorArea(wb));
    });

    it('one panel per cluster: clicking aks-gpu-dev again reveals its panel', async () => {
        await wb.clickTreeItem(CLUSTERS, AKS_GPU);
        await waitForText(wb, () => wb.webview().locator('h1').textContent(), 'aks-gpu-dev', 'the same panel');
        const tabs = wb.page.locator('.tabs-container .tab').filter({ hasText: 'aks-gpu-dev' });
        assert.strictEqual(await tabs.count(), 1);
    });
});

const THEMES = ['Default Light Modern', 'Default Dark Modern', 'Default High Contrast'];

for (const theme of THEMES) {
    describe(`accessibility of the cluster panel: ${theme}`, () => {
        const session = useEditor({ colorTheme: theme });

        it('an AKS cluster and an Arc cluster with prerequisites: no violations', async () => {
            const wb = session.workbench;
            await openClusters(wb, ['ML Platform Dev', 'ML Platform Prod']);
            await openCluster(wb, AKS_GPU);
            await expectNoViolations(wb, `aks-gpu-dev (${theme})`);
            const arc = await openCluster(wb, ARC_ONPREM);
            await arc.locator('#prerequisites tr[data-role="Reader"]').waitFor();
            await expectNoViolations(wb, `arc-onprem-01 (${theme})`);
            await wb.screenshot(`cluster-panel-${theme.replace(/\W+/g, '-')}`);
        });
    });
}
