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
const AKS_LOCAL_OFF = ['ML Platform Dev', 'aks-local-off'];
const AKS_NO_EXTENSION = ['ML Platform Dev', 'aks-cpu-noext'];

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

/** Collect Diagnostics... from the panel, its file accepted as the save dialog offers it; returns what was saved. */
async function collectDiagnostics(
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
        const saved = await collectDiagnostics(
            wb,
            frame,
            'aks-gpu-dev',
            path.join(session.resultsDir, 'aks-gpu-dev-diagnostics.txt'),
        );
        assert.match(saved, /cluster: \/subscriptions\/.*\/managedClusters\/aks-gpu-dev/);
        assert.match(saved, /\$ kubectl get pods -n azureml -o wide/);
        assert.match(saved, /\$ kubectl get events -n azureml/);
        assert.doesNotMatch(saved, /EMULATED-SECRET|SharedAccessKey=[^*]/);
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

    it('Check Pods on aks-local-off: its failing aml-operator pod with its reason and last events', async () => {
        const frame = await openCluster(wb, AKS_LOCAL_OFF);
        const health = frame.locator('#health');
        await health.locator('button', { hasText: 'Check Pods' }).click();
        const failing = health.locator('tr[data-healthy="false"]');
        await failing.first().waitFor({ timeout: 60_000 });
        assert.strictEqual(await failing.count(), 1, 'one pod is not ready');
        assert.match((await failing.getAttribute('data-pod')) ?? '', /^aml-operator/);
        const text = (await failing.textContent()) ?? '';
        assert.match(text, /CrashLoopBackOff/, text);
        assert.match(text, /back-off 5m0s restarting failed container/, text);
        assert.match(text, /Readiness probe failed: HTTP probe failed with statuscode: 503/, text);
        assert.match(text, /×12/, text);
        assert.ok((await health.locator('tr[data-healthy="true"]').count()) > 0, 'the healthy pods are listed too');
        assert.match((await health.locator('[data-unhealthy]').textContent()) ?? '', /1 of \d+ pods is not ready/);
        await failing.scrollIntoViewIfNeeded();
        await wb.screenshot('cluster-panel-pod-health');
    });

    it("Collect Diagnostics on aks-local-off describes the failing pod and keeps its logs' tail", async () => {
        const frame = wb.webview();
        const saved = await collectDiagnostics(
            wb,
            frame,
            'aks-local-off',
            path.join(session.resultsDir, 'aks-local-off-diagnostics.txt'),
        );
        assert.match(saved, /pods not ready: aml-operator/);
        assert.match(saved, /\$ kubectl describe pod aml-operator\S* -n azureml/);
        assert.match(saved, /\$ kubectl logs aml-operator\S* -n azureml --all-containers --tail=200/);
        assert.match(saved, /FATAL aml-operator exiting with code 1/);
    });

    it('Install AzureML Extension... from the panel of aks-cpu-noext: the panel follows it to Succeeded', async () => {
        const frame = await openCluster(wb, AKS_NO_EXTENSION);
        const extension = frame.locator('#extension');
        await extension.locator('[data-state="NotInstalled"]').waitFor();
        await extension.locator('button', { hasText: 'Install AzureML Extension...' }).click();
        await wb.pickItem('Training', /What will aks-cpu-noext run/);
        await wb.typeInInput('', { placeholderOrTitle: 'agentpool=mlpool, kubernetes.io/os=linux' });
        await wb.pickItem('stable', 'Release train');
        await wb.pickItem('Latest stable version', 'Version');
        await wb.pickItem('Install', /Install the AzureML extension on aks-cpu-noext/);
        // The page shows the states the follow reads, then everything read again once it ends.
        await waitForText(wb, () => extension.locator('.state-name').textContent(), 'Succeeded', 'installed', 90_000);
        await frame.locator('#settings summary').click();
        assert.match((await frame.locator('#settings').textContent()) ?? '', /enableTraining\s*True/);
        await wb.clearNotifications();
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

        it('an AKS cluster, an Arc cluster with prerequisites, and a failing pod: no violations', async () => {
            const wb = session.workbench;
            await openClusters(wb, ['ML Platform Dev', 'ML Platform Prod']);
            await openCluster(wb, AKS_GPU);
            await expectNoViolations(wb, `aks-gpu-dev (${theme})`);
            const arc = await openCluster(wb, ARC_ONPREM);
            await arc.locator('#prerequisites tr[data-role="Reader"]').waitFor();
            await expectNoViolations(wb, `arc-onprem-01 (${theme})`);
            const failing = await openCluster(wb, AKS_LOCAL_OFF);
            await failing.locator('#health button', { hasText: 'Check Pods' }).click();
            await failing.locator('#health tr[data-healthy="false"]').waitFor({ timeout: 60_000 });
            await expectNoViolations(wb, `aks-local-off with a failing pod (${theme})`);
            await wb.screenshot(`cluster-panel-${theme.replace(/\W+/g, '-')}`);
        });
    });
}
