/**
 * Back and Cancel in the newest steps while Azure is slow or failing: the install wizard's version step (Back while
 * the versions load, a list that cannot be read), the install asked inside the attach checks, a setting changed in
 * Update Settings, and the instance type form (Escape, Cancel, a hidden panel) with Check Against Nodes throttled.
 * Meanwhile another subscription is throttled for good: it never holds these up. Nothing is written by going back.
 */
import * as assert from 'assert';
import type { FrameLocator } from 'playwright-core';
import { AKS_GPU_DEV, defaultWorld, openWorkspaces } from '../pages/fixture';
import { focusedText, panelTab, waitForText } from '../pages/panel';
import { quickPickRows } from '../pages/quickPickRows';
import type { Workbench } from '../pages/workbench';
import { useEditor } from '../session';
import { answerAttach } from '../pages/attachWizard';

const CLUSTERS = 'Kubernetes Clusters';
const WORKSPACES = 'Workspaces';
const NOEXT = ['ML Platform Dev', 'aks-cpu-noext'];
const GPU_DEV = ['ML Platform Dev', 'aks-gpu-dev'];
const K8S_GPU = ['ML Platform Dev', 'ws-vision', 'k8s-gpu'];
const PROD = defaultWorld.subscriptions.prod.id;
const VERSIONS = 'extensionTypes/[^/]+/versions$';

/** VS Code's "Go Back" in a quick input (Ctrl+Alt+- on Linux). */
async function back(wb: Workbench): Promise<void> {
    await wb.page.keyboard.press('Control+Alt+Minus');
}

describe('Back and Cancel while Azure is slow or failing', () => {
    const session = useEditor();
    let wb: Workbench;
    let sentBefore = 0;

    /** ML Platform Prod throttled for good, with `more` rules for the test. */
    function faults(...more: Record<string, unknown>[]): void {
        session.emulator.admin.setFaults({
            rules: [
                { name: 'prod-throttled', path: `^/subscriptions/${PROD}/`, status: 429, retryAfterSeconds: 60 },
                ...more,
            ] as never,
        });
    }

    function writes(): string[] {
        return session.emulator.admin
            .requests()
            .slice(sentBefore)
            .filter((r) => r.method === 'PUT' || r.method === 'PATCH' || r.method === 'DELETE')
            .map((r) => `${r.method} ${r.path}`);
    }

    async function assertNoFailure(): Promise<void> {
        const failures = (await wb.notifications()).filter((n) => /failed|Go back|error/i.test(n.message));
        assert.deepStrictEqual(failures, [], 'no failure notification');
    }

    before(async () => {
        wb = session.workbench;
        await openWorkspaces(wb, ['ML Platform Dev', 'ws-vision']);
        await wb.setSideBarWidth(560);
        await wb.waitForViewLoaded(CLUSTERS);
        await wb.expandTreeItem(CLUSTERS, ['ML Platform Dev']);
    });

    beforeEach(async () => {
        sentBefore = session.emulator.admin.requests().length;
        await wb.clearNotifications();
    });

    afterEach(() => session.emulator.admin.setFaults({}));

    it('install: Back while the versions still load asks the train again; Back again keeps the node selector', async () => {
        faults({ name: 'versions-slow', method: 'GET', path: VERSIONS, latencyMs: 3000 });
        await wb.chooseContextMenu(CLUSTERS, NOEXT, 'Install AzureML Extension...');
        await wb.pickItem('Training', /What will aks-cpu-noext run/);
        await wb.typeInInput('agentpool=nodepool1', { placeholderOrTitle: /Optional node selector/ });
        await wb.pickItem('stable', /Release train/);
        await wb.waitForQuickInput(/Listing the stable versions of the AzureML extension/);
        await wb.screenshot('versions-loading');
        await back(wb);
        await wb.pickItem('preview', /Release train/);
        const rows = await quickPickRows(wb, /^Version$/);
        assert.strictEqual(rows[0].label, 'Latest preview version', JSON.stringify(rows));
        await back(wb);
        await wb.waitForQuickInput(/Release train/);
        await back(wb);
        await wb.waitForQuickInput(/Optional node selector/);
        assert.strictEqual(await wb.quickInputBox().inputValue(), 'agentpool=nodepool1', 'the selector typed is kept');
        await wb.page.keyboard.press('Enter');
        await wb.pickItem('stable', /Release train/);
        await wb.pickItem('Latest stable version', /^Version$/);
        await wb.waitForQuickInput(/Install the AzureML extension on aks-cpu-noext\?/);
        await wb.screenshot('install-confirm-after-back');
        await wb.dismissQuickInput();
        await assertNoFailure();
        assert.deepStrictEqual(writes(), [], 'going back and forth wrote nothing');
    });

    it('install: versions that cannot be listed (throttled) say so; a version is typed, Back returns to the list', async () => {
        faults({ name: 'versions-throttled', method: 'GET', path: VERSIONS, status: 429, retryAfterSeconds: 30 });
        const started = Date.now();
        await wb.chooseContextMenu(CLUSTERS, NOEXT, 'Install AzureML Extension...');
        await wb.pickItem('Training', /What will aks-cpu-noext run/);
        await wb.typeInInput('', { placeholderOrTitle: /Optional node selector/ });
        await wb.pickItem('stable', /Release train/);
        const rows = await quickPickRows(wb, /^Version$/);
        assert.ok(Date.now() - started < 20_000, `the list said so in ${Date.now() - started} ms, not after 30 s`);
        assert.strictEqual(rows[1].label, 'Pin a version...', JSON.stringify(rows));
        assert.match(rows[1].detail, /could not be listed \(Throttled by Azure: try again in 30 s\): type one/);
        await wb.screenshot('versions-throttled');
        await wb.pickItem('Pin a version...');
        await wb.waitForQuickInput(/Version to pin/);
        assert.strictEqual(await wb.quickInputBox().inputValue(), '', 'the version box starts empty');
        await wb.typeInInput('1.1', { submit: false });
        assert.match((await wb.inputValidationMessage()) ?? '', /A version is three numbers/);
        await back(wb);
        await wb.waitForQuickInput(/^Version$/);
        await back(wb);
        await wb.waitForQuickInput(/Release train/);
        await wb.dismissQuickInput();
        await assertNoFailure();
        assert.deepStrictEqual(writes(), []);
    });

    it('attach: the install inside the checks goes back one question at a time, then to the checks', async () => {
        faults();
        await answerAttach(wb, {
            workspace: 'ws-vision',
            cluster: 'aks-cpu-noext',
            name: 'noext-back',
            identity: 'No managed identity',
        });
        await wb.pickItem('Install AzureML Extension...', /Checks before attaching aks-cpu-noext/);
        await wb.pickItem('Training and inference', /What will aks-cpu-noext run/);
        await wb.pickItem('LoadBalancer', /How are online endpoints on aks-cpu-noext reached\?/);
        await wb.pickItem('Public or cluster default load balancer', /Internal load balancer/);
        await wb.pickItem('HTTPS with a certificate in a Kubernetes secret', /How do clients reach the endpoints\?/);
        await wb.typeInInput('ml-tls', { placeholderOrTitle: /Name of the Kubernetes secret/ });
        await wb.waitForQuickInput(/The host name the certificate was issued for/);
        assert.strictEqual(
            await wb.quickInputBox().inputValue(),
            '',
            'the host name box does not start with the secret',
        );
        await wb.typeInInput('ml.contoso.com');
        await wb.waitForQuickInput(/Optional node selector/);
        assert.strictEqual(
            await wb.quickInputBox().inputValue(),
            '',
            'the node selector box does not start with the host',
        );
        await back(wb);
        await wb.waitForQuickInput(/How do clients reach the endpoints\?/);
        await back(wb);
        await wb.waitForQuickInput(/Internal load balancer/);
        await back(wb);
        await wb.waitForQuickInput(/How are online endpoints on aks-cpu-noext reached\?/);
        await back(wb);
        await wb.waitForQuickInput(/What will aks-cpu-noext run/);
        await back(wb);
        const checks = await quickPickRows(wb, /Checks before attaching aks-cpu-noext/);
        assert.strictEqual(checks[0].label, 'Install AzureML Extension...', JSON.stringify(checks));
        await wb.screenshot('back-to-the-checks');
        await wb.pickItem('Cancel');
        await assertNoFailure();
        assert.deepStrictEqual(writes(), []);
    });

    it('Update Settings: Back while changing a setting returns to the settings, nothing changed', async () => {
        faults();
        await wb.chooseContextMenu(CLUSTERS, GPU_DEV, 'Update AzureML Extension Settings...');
        const before = await quickPickRows(wb, /Choose a setting of the AzureML extension on aks-gpu-dev to change/);
        await wb.pickItem('Node selector');
        await wb.waitForQuickInput(/Optional node selector/);
        await wb.typeInInput('agentpool=gpu, half=typed', { submit: false });
        await back(wb);
        const after = await quickPickRows(wb, /Choose a setting of the AzureML extension on aks-gpu-dev to change/);
        assert.deepStrictEqual(after, before, 'the same settings, no "Review changes"');
        await wb.dismissQuickInput();
        await assertNoFailure();
        assert.deepStrictEqual(writes(), []);
    });

    describe('the instance type form', () => {
        let frame: FrameLocator;
        const form = () => frame.locator('form.instance-type-form');

        before(async () => {
            await wb.clickTreeItem(WORKSPACES, K8S_GPU);
            frame = wb.webview();
            await frame.locator('tr[data-instance-type="gpu-small"]').waitFor({ timeout: 60_000 });
        });

        it('opens with the focus in its first field; what was typed survives the panel being hidden', async () => {
            await frame.locator('button', { hasText: 'New Instance Type...' }).click();
            await wb.waitUntil(async () => (await frame.locator('#it-name:focus').count()) === 1, 'the name focused');
            await wb.page.keyboard.type('half-typed');
            // Another editor over the panel: VS Code drops a hidden panel's page; it is built again when shown.
            await wb.clickTreeItem(CLUSTERS, GPU_DEV);
            await wb.page.locator('.tabs-container .tab.active', { hasText: 'aks-gpu-dev' }).waitFor();
            await panelTab(wb, 'k8s-gpu').click();
            frame = wb.webview();
            await wb.waitUntil(
                async () => (await frame.locator('#it-name').count()) === 1,
                'the form back after the panel was shown again',
            );
            assert.strictEqual(await frame.locator('#it-name').inputValue(), 'half-typed');
        });

        it('Escape closes it, the focus back on New Instance Type...; Cancel too; nothing applied', async () => {
            await frame.locator('#it-name').click();
            await wb.page.keyboard.press('Escape');
            await wb.waitUntil(async () => (await form().count()) === 0, 'the form closed');
            assert.strictEqual(await focusedText(frame), 'New Instance Type...');
            await wb.page.keyboard.press('Enter');
            await wb.waitUntil(async () => (await frame.locator('#it-name:focus').count()) === 1, 'the name focused');
            await wb.page.keyboard.type('cancelled');
            await frame.locator('button', { hasText: 'Cancel' }).click();
            await wb.waitUntil(async () => (await form().count()) === 0, 'the form closed');
            assert.strictEqual(await focusedText(frame), 'New Instance Type...');
            const names = session.emulator.admin.instanceTypes(AKS_GPU_DEV).map((t) => t.metadata.name);
            assert.ok(!names.includes('half-typed') && !names.includes('cancelled'), names.join(', '));
            const runCommands = session.emulator.admin
                .requests()
                .slice(sentBefore)
                .filter((r) => /runCommand$/i.test(r.path));
            assert.deepStrictEqual(runCommands, [], 'nothing sent to the cluster');
        });

        it('Check Against Nodes throttled for 30 s says so at once, keeps the list; checked again, it fits', async () => {
            faults({
                name: 'run-command-throttled',
                method: 'POST',
                path: '/managedClusters/aks-gpu-dev/runCommand$',
                status: 429,
                retryAfterSeconds: 30,
                count: 1,
            });
            const started = Date.now();
            await frame.locator('button', { hasText: 'Check Against Nodes' }).click();
            await waitForText(
                wb,
                () => frame.locator('#instance-types [role="alert"]').textContent(),
                /throttling requests and asked to wait 30 s/,
                'the throttle said',
            );
            assert.ok(Date.now() - started < 15_000, `said in ${Date.now() - started} ms, not after the 30 s wait`);
            assert.strictEqual(await frame.locator('tr[data-instance-type="gpu-small"]').count(), 1, 'the list kept');
            await wb.screenshot('check-throttled');
            await frame.locator('button', { hasText: 'Check Against Nodes' }).click();
            await waitForText(
                wb,
                () => frame.locator('tr[data-instance-type="gpu-small"] td[data-fit]').textContent(),
                /fits on 2 of \d+ nodes/,
                'checked once Azure answers',
                90_000,
            );
            assert.strictEqual(await frame.locator('#instance-types [role="alert"]').count(), 0, 'the alert gone');
        });
    });
});
