/**
 * The cluster panel: opened by clicking a cluster row (the twistie still expands it), its sections (the AzureML
 * extension with its settings and no secrets, the computes that attach it, the workspace prerequisites, the documented
 * limits, health with a failing pod), a compute's own panel from its row, Install and Assign from the panel, the
 * keyboard alone, Collect Diagnostics saved to a file, a window reload. The axe-core scans: clusterPanelAccessibility.
 */
import * as assert from 'assert';
import * as path from 'path';
import { docsImage } from '../pages/docsImages';
import { childrenOf, labelsOf } from '../pages/tree';
import { focusedText, tabTo, waitForText } from '../pages/panel';
import type { Workbench } from '../pages/workbench';
import { useEditor } from '../session';
import { CLUSTERS, collectDiagnostics, editorArea, openCluster, openClusters } from '../pages/clusterPanel';
import { AKS_GPU_DEV, defaultWorld } from '../pages/fixture';

const AKS_GPU = ['ML Platform Dev', 'aks-gpu-dev'];
const ARC_ONPREM = ['ML Platform Prod', 'arc-onprem-01'];
const AKS_LOCAL_OFF = ['ML Platform Dev', 'aks-local-off'];
const AKS_NO_EXTENSION = ['ML Platform Dev', 'aks-cpu-noext'];

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
        assert.match(facts, /Version\s*1\.1\.39/, facts);
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
        // Read again once the follow ends: the extension as installed, with the settings the wizard chose.
        await waitForText(
            wb,
            () => frame.locator('#settings table').textContent(),
            /enableTraining\s*True/,
            'the installed settings',
        );
        await wb.clearNotifications();
    });

    it('Update Settings... from the panel of aks-cpu-noext: inference on, followed to Succeeded with the new settings', async () => {
        const frame = await openCluster(wb, AKS_NO_EXTENSION);
        const extension = frame.locator('#extension');
        await waitForText(wb, () => extension.locator('.state-name').textContent(), 'Succeeded', 'installed');
        await extension.locator('button', { hasText: 'Update Settings...' }).click();
        await wb.pickItem('Runs', /Choose a setting of the AzureML extension on aks-cpu-noext to change/);
        await wb.pickItem('Training and inference', /What will aks-cpu-noext run/);
        await wb.pickItem('LoadBalancer', /How are online endpoints on aks-cpu-noext reached\?/);
        await wb.pickItem('HTTP only (allowInsecureConnections=True)', /How do clients reach the endpoints\?/);
        await wb.pickItem('Review changes');
        const dialog = await wb.waitForDialog(/Update the AzureML extension settings on aks-cpu-noext\?/);
        assert.match(dialog, /enableInference=True/);
        await wb.clickDialogButton('Update');
        await waitForText(
            wb,
            () => frame.locator('#settings table').textContent(),
            /enableInference\s*True/,
            'the updated settings, read again once the update ended',
            90_000,
        );
        assert.strictEqual(await extension.locator('.state-name').textContent(), 'Succeeded');
        await wb.screenshot('cluster-panel-updated');
        await wb.clearNotifications();
    });

    it('Uninstall... from the panel of aks-cpu-noext: confirmed, then the panel offers the install again', async () => {
        const frame = await openCluster(wb, AKS_NO_EXTENSION);
        const extension = frame.locator('#extension');
        await extension.locator('button', { hasText: 'Uninstall...' }).click();
        const dialog = await wb.waitForDialog(/Uninstall the AzureML extension \(azureml\) from aks-cpu-noext\?/);
        assert.match(dialog, /ws-vision\/k8s-cpu/, 'the fixture compute that attaches it is named');
        await wb.clickDialogButton('Uninstall');
        await extension.locator('[data-state="NotInstalled"]').waitFor({ timeout: 90_000 });
        await extension.locator('button', { hasText: 'Install AzureML Extension...' }).waitFor();
        const id = defaultWorld.clusters.aksCpuNoExt.id;
        assert.strictEqual(
            session.emulator.admin.getResource(`${id}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`),
            undefined,
        );
        await wb.screenshot('cluster-panel-uninstalled');
        await wb.clearNotifications();
    });

    it('a workspace with a user-assigned identity attaching aks-gpu-dev: Assign its missing prerequisite from the panel', async () => {
        const nlp = defaultWorld.workspaces.nlp.id;
        session.emulator.admin.upsertResource({
            id: `${nlp}/computes/nlp-aks`,
            name: 'nlp-aks',
            type: 'Microsoft.MachineLearningServices/workspaces/computes',
            location: 'eastus',
            properties: {
                computeType: 'Kubernetes',
                computeLocation: 'eastus',
                resourceId: AKS_GPU_DEV,
                provisioningState: 'Succeeded',
                isAttachedCompute: true,
                properties: { namespace: 'nlp' },
            },
            identity: { type: 'None' },
        });
        await wb.clickTreeItem(CLUSTERS, AKS_GPU);
        const frame = wb.webview();
        await waitForText(wb, () => frame.locator('h1').textContent(), 'aks-gpu-dev', 'the aks-gpu-dev panel');
        // The compute was added behind the panel's back: Refresh reads the attachments again.
        await frame.locator('button', { hasText: 'Refresh' }).click();
        const table = frame.locator('#prerequisites table[data-workspace="ws-nlp"]');
        await table.waitFor({ timeout: 60_000 });
        await wb.waitUntil(
            async () => (await table.locator('tr[data-status="checking"]').count()) === 0,
            'the ws-nlp rows to be checked',
        );
        assert.strictEqual(await table.locator('tr[data-role="Reader"]').getAttribute('data-status'), 'granted');
        const missing = table
            .locator('tr[data-status="missing"]')
            .filter({ has: frame.locator('button', { hasText: 'Assign' }) });
        assert.ok((await missing.count()) > 0, 'a missing prerequisite the caller may assign');
        const role = (await missing.first().getAttribute('data-role')) ?? '';
        await missing.first().locator('button', { hasText: 'Assign' }).click();
        await wb.waitForDialog(new RegExp(`Assign ${role}`));
        await wb.clickDialogButton('Assign');
        await waitForText(
            wb,
            () => table.locator(`tr[data-role="${role}"]`).getAttribute('data-status'),
            'granted',
            `${role} to be granted`,
        );
        const principal = defaultWorld.identities.wsNlp.principalId;
        const world = session.emulator.admin.state() as {
            resources: { type: string; properties: Record<string, string> }[];
        };
        const assigned = world.resources.some(
            (r) =>
                r.type === 'Microsoft.Authorization/roleAssignments' &&
                r.properties.principalId === principal &&
                r.properties.scope.toLowerCase() === AKS_GPU_DEV.toLowerCase(),
        );
        assert.ok(assigned, `a role assignment for id-ws-nlp on aks-gpu-dev`);
        await wb.screenshot('cluster-panel-assigned');
        await wb.clearNotifications();
    });

    it('one panel per cluster: clicking aks-gpu-dev again reveals its panel', async () => {
        await wb.clickTreeItem(CLUSTERS, AKS_GPU);
        await waitForText(wb, () => wb.webview().locator('h1').textContent(), 'aks-gpu-dev', 'the same panel');
        const tabs = wb.page.locator('.tabs-container .tab').filter({ hasText: 'aks-gpu-dev' });
        assert.strictEqual(await tabs.count(), 1);
    });

    it('comes back after a window reload, showing the same cluster read again', async () => {
        // The workbench stores its open editors a moment after they open; a person does not reload faster.
        await wb.page.waitForTimeout(2000);
        await wb.page.reload();
        await wb.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
        const tab = wb.page.locator('.tabs-container .tab', { hasText: 'aks-gpu-dev' });
        await wb.waitUntil(async () => (await tab.count()) === 1, 'the aks-gpu-dev tab after reload', 60_000);
        await tab.click();
        const frame = wb.webview();
        await waitForText(wb, () => frame.locator('h1').textContent(), 'aks-gpu-dev', 'the restored panel');
        await waitForText(
            wb,
            () => frame.locator('#extension .state-name').textContent(),
            'Succeeded',
            'the extension, read again',
        );
        await frame.locator('#computes tr[data-compute="k8s-gpu"]').waitFor();
    });
});
