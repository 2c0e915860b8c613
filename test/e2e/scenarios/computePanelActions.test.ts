/**
 * The compute panel when something is wrong: a compute detached from the tree, deleted behind the panel's back or
 * while the panel was hidden (the panel says it is gone and offers Close), and a Failed compute (its errors with what
 * to do next, chosen from the error, and the compute's commands in the header).
 */
import * as assert from 'assert';
import type { FrameLocator } from 'playwright-core';
import { defaultWorld, openWorkspaces, visionCompute, WS_VISION } from '../pages/fixture';
import { openedExternally, panelTab, tabTo, waitForText } from '../pages/panel';
import { outputChannelText, postAsPage } from '../pages/probes';
import { findItem } from '../pages/tree';
import type { Workbench } from '../pages/workbench';
import { useEditor } from '../session';

const WORKSPACES = 'Workspaces';
const VISION = ['ML Platform Dev', 'ws-vision'];
const WS_NLP = defaultWorld.workspaces.nlp.id;
const ARC_ONPREM = defaultWorld.clusters.arcOnprem.id;

async function readState(frame: FrameLocator): Promise<string | null> {
    return frame.locator('.state-name').textContent();
}

/** Adds a compute to ws-vision behind the editor's back, shows it in the tree and opens its panel. */
async function openNewVisionCompute(wb: Workbench, add: () => void, name: string): Promise<FrameLocator> {
    add();
    await wb.clickInlineAction(WORKSPACES, VISION, 'Refresh');
    await wb.waitForTreeItems(WORKSPACES, (rows) => !!findItem(rows, [...VISION, name]), name);
    await wb.clickTreeItem(WORKSPACES, [...VISION, name]);
    const frame = wb.webview();
    await waitForText(wb, () => frame.locator('h1').textContent(), name, `the ${name} panel`);
    return frame;
}

/** The panel shows the gone view, and none of the old sections or their actions. */
async function assertGone(frame: FrameLocator, how: 'detached' | 'missing', title: string): Promise<void> {
    assert.strictEqual(await frame.locator('#gone').getAttribute('data-how'), how);
    assert.strictEqual(((await frame.locator('#gone-title').textContent()) ?? '').trim(), title);
    for (const old of ['#status', '#attachment', '#identity', '#roles', '#prerequisites', '#failure']) {
        assert.strictEqual(await frame.locator(old).count(), 0, `${old} is not shown as if it were current`);
    }
    assert.strictEqual(await frame.locator('button', { hasText: 'Assign' }).count(), 0, 'nothing to assign');
    assert.strictEqual(await frame.locator('button', { hasText: 'Detach...' }).count(), 0, 'no commands of it');
    assert.strictEqual(await frame.locator('button', { hasText: 'Close' }).count(), 1, 'Close');
}

describe('compute panel: a compute that is gone', () => {
    const session = useEditor({ settings: { 'azuremlK8s.statusPollingIntervalSeconds': 1 } });
    let wb: Workbench;

    before(async () => {
        wb = session.workbench;
        await openWorkspaces(wb, VISION);
    });

    it('detached from the tree: the open panel says so, by name and workspace, and closes from the keyboard', async () => {
        const frame = await openNewVisionCompute(
            wb,
            () => session.emulator.admin.upsertResource(visionCompute('k8s-detach', 'Succeeded')),
            'k8s-detach',
        );
        await waitForText(wb, () => readState(frame), 'Succeeded', 'Succeeded');
        await wb.chooseContextMenu(WORKSPACES, [...VISION, 'k8s-detach'], 'Detach...');
        await wb.waitForDialog(/Detach compute "k8s-detach" from workspace "ws-vision"\?/);
        await wb.clickDialogButton('Detach');
        await waitForText(
            wb,
            () => frame.locator('#gone-title').textContent(),
            'k8s-detach was detached from workspace ws-vision.',
            'the gone view',
        );
        await assertGone(frame, 'detached', 'k8s-detach was detached from workspace ws-vision.');
        assert.match(
            (await frame.locator('#gone').textContent()) ?? '',
            /The cluster aks-gpu-dev, its AzureML extension and its workloads were not touched/,
        );
        assert.match((await panelTab(wb, 'k8s-detach').textContent()) ?? '', /k8s-detach \(gone\)/);
        await wb.clearNotifications();
        await wb.screenshot('gone-detached');
        await tabTo(wb, frame, 'Close');
        await wb.page.keyboard.press('Enter');
        await wb.waitUntil(async () => (await panelTab(wb, 'k8s-detach').count()) === 0, 'the panel to close');
    });

    it('deleted behind its back: the open panel notices by itself, and Close closes it', async () => {
        const frame = await openNewVisionCompute(
            wb,
            () => session.emulator.admin.upsertResource(visionCompute('k8s-deleted', 'Succeeded')),
            'k8s-deleted',
        );
        await waitForText(wb, () => readState(frame), 'Succeeded', 'Succeeded');
        session.emulator.admin.deleteResource(`${WS_VISION}/computes/k8s-deleted`);
        // Nobody touches the editor: a visible panel reads a settled compute every 6 poll intervals (6 s here).
        await waitForText(
            wb,
            () => frame.locator('#gone-title').textContent(),
            'k8s-deleted is no longer in workspace ws-vision.',
            'the gone view without a click',
        );
        await assertGone(frame, 'missing', 'k8s-deleted is no longer in workspace ws-vision.');
        assert.match((await frame.locator('#gone').textContent()) ?? '', /detached or deleted elsewhere/);
        await wb.screenshot('gone-deleted');
        await frame.locator('button', { hasText: 'Close' }).click();
        await wb.waitUntil(async () => (await panelTab(wb, 'k8s-deleted').count()) === 0, 'the panel to close');
    });

    it('deleted while its panel was hidden: shown again, the panel reads it at once and says it is gone', async () => {
        const frame = await openNewVisionCompute(
            wb,
            () => session.emulator.admin.upsertResource(visionCompute('k8s-hidden', 'Succeeded')),
            'k8s-hidden',
        );
        await waitForText(wb, () => readState(frame), 'Succeeded', 'Succeeded');
        await wb.clickTreeItem(WORKSPACES, [...VISION, 'k8s-gpu']);
        await waitForText(wb, () => wb.webview().locator('h1').textContent(), 'k8s-gpu', 'the k8s-gpu panel on top');
        session.emulator.admin.deleteResource(`${WS_VISION}/computes/k8s-hidden`);
        await panelTab(wb, 'k8s-hidden').click();
        const shown = wb.webview();
        await waitForText(wb, () => shown.locator('h1').textContent(), 'k8s-hidden', 'the k8s-hidden panel again');
        await waitForText(
            wb,
            () => shown.locator('#gone-title').textContent(),
            'k8s-hidden is no longer in workspace ws-vision.',
            'the gone view, read when shown',
        );
        await assertGone(shown, 'missing', 'k8s-hidden is no longer in workspace ws-vision.');
        await shown.locator('button', { hasText: 'Close' }).click();
        await wb.waitUntil(async () => (await panelTab(wb, 'k8s-hidden').count()) === 0, 'the panel to close');
    });
});

describe('compute panel: a Failed compute, what to do next, and its commands', () => {
    const session = useEditor({ settings: { 'azuremlK8s.statusPollingIntervalSeconds': 1 } });
    let wb: Workbench;
    let frame: FrameLocator;

    const steps = async () =>
        frame.locator('#next-steps li').evaluateAll((items) => items.map((li) => li.getAttribute('data-step')));

    before(async () => {
        wb = session.workbench;
        await openWorkspaces(wb, VISION);
        await wb.clickTreeItem(WORKSPACES, [...VISION, 'k8s-cpu']);
        frame = wb.webview();
        await waitForText(wb, () => frame.locator('h1').textContent(), 'k8s-cpu', 'the k8s-cpu panel');
        await waitForText(wb, () => readState(frame), 'Failed', 'Failed');
    });

    it('an extension error comes with its fix first: Install AzureML Extension..., then Detach and the guide', async () => {
        await frame.locator('#next-steps').waitFor();
        assert.deepStrictEqual(await steps(), ['installExtension', 'detach', 'troubleshoot']);
        assert.match((await frame.locator('.errors').textContent()) ?? '', /AzureMLExtensionNotInstalled/);
        const first = frame.locator('#next-steps li').first();
        assert.strictEqual(
            ((await first.locator('button').textContent()) ?? '').trim(),
            'Install AzureML Extension...',
        );
        assert.match(
            (await first.textContent()) ?? '',
            /The AzureML extension on aks-cpu-noext is missing or not working/,
        );
        await wb.clearTreeSelection(WORKSPACES);
        await wb.screenshot('failed-panel');
    });

    it('Install AzureML Extension... from the keyboard installs on this compute’s cluster: the install wizard for aks-cpu-noext', async () => {
        const sentBefore = session.emulator.admin.requests().length;
        await tabTo(wb, frame, 'Install AzureML Extension...');
        await wb.page.keyboard.press('Enter');
        // The install's own first question, after its permission check on the cluster: nothing copied, nothing sent.
        await wb.waitForQuickInput(/What will aks-cpu-noext run for Azure Machine Learning\?/);
        await wb.screenshot('install-from-failed-panel');
        await wb.dismissQuickInput();
        const writes = session.emulator.admin
            .requests()
            .slice(sentBefore)
            .filter((r) => r.method !== 'GET' && r.method !== 'POST');
        assert.deepStrictEqual(writes, [], 'nothing was written before the wizard was answered');
        const notices = await frame.locator('#notice').allTextContents();
        assert.ok(!notices.some((text) => /Copied/.test(text)), `no copy notice: ${JSON.stringify(notices)}`);
    });

    it('the troubleshooting guide opens outside the editor', async () => {
        const opened = await openedExternally(wb, () =>
            frame.locator('button', { hasText: 'Open the troubleshooting guide' }).click(),
        );
        assert.match(
            opened,
            /learn\.microsoft\.com\/azure\/machine-learning\/how-to-troubleshoot-kubernetes-extension/,
        );
    });

    it('the header offers the compute’s commands: Open in Portal and Open in Azure ML Studio open the compute', async () => {
        const header = frame.locator('header .header-actions');
        assert.deepStrictEqual(
            (await header.locator('button').allTextContents()).map((t) => t.trim()),
            ['Edit Identity...', 'Detach...', 'Open in Portal', 'Open in Azure ML Studio', 'Refresh'],
        );
        const portal = await openedExternally(wb, () =>
            header.locator('button', { hasText: 'Open in Portal' }).click(),
        );
        assert.ok(portal.includes(`${WS_VISION}/computes/k8s-cpu`), portal);
        const studio = await openedExternally(wb, () =>
            header.locator('button', { hasText: 'Open in Azure ML Studio' }).click(),
        );
        assert.match(studio, /k8s-cpu/);
    });

    it('Edit Identity... in the header runs Edit Identity for this compute', async () => {
        await frame.locator('header button', { hasText: 'Edit Identity...' }).click();
        await wb.waitForQuickInput(/Change the identity of k8s-cpu/);
        await wb.dismissQuickInput();
    });

    it('forged commands from the page are dropped and logged: only the compute’s three, with nothing passed along', async () => {
        const before = outputChannelText(session.server.userDataDir);
        const forged: unknown[] = [
            { type: 'runCommand', command: 'workbench.action.terminal.new' },
            { type: 'runCommand', command: 'detach', args: [`${WS_VISION}/computes/k8s-gpu`] },
            { type: 'installExtension', clusterId: ARC_ONPREM },
            { type: 'openTroubleshooting', url: 'https://evil.example' },
        ];
        for (const message of forged) {
            await postAsPage(wb.page, message);
        }
        let added = '';
        await wb.waitUntil(async () => {
            added = outputChannelText(session.server.userDataDir).slice(before.length);
            return (added.match(/dropped an unexpected message/g) ?? []).length >= forged.length;
        }, 'the dropped messages in the output channel');
        await wb.page.waitForTimeout(1000);
        assert.strictEqual(await wb.page.locator('.monaco-dialog-box').count(), 0, 'no detach was asked');
        assert.strictEqual(await wb.page.locator('.terminal-outer-container').count(), 0, 'no terminal');
    });

    it('Detach... in the next steps detaches it after the confirmation; the panel then says it is gone', async () => {
        await frame.locator('#next-steps button', { hasText: 'Detach...' }).click();
        await wb.waitForDialog(/Detach compute "k8s-cpu" from workspace "ws-vision"\?/);
        await wb.clickDialogButton('Detach');
        await waitForText(
            wb,
            () => frame.locator('#gone-title').textContent(),
            'k8s-cpu was detached from workspace ws-vision.',
            'the gone view',
        );
        await assertGone(frame, 'detached', 'k8s-cpu was detached from workspace ws-vision.');
        await wb.clearNotifications();
        await wb.screenshot('failed-panel-detached');
    });

    it('a role the workspace identity lacks: Show the roles comes first and takes the focus to the missing row', async () => {
        session.emulator.admin.upsertResource({
            id: `${WS_NLP}/computes/arc-failed`,
            name: 'arc-failed',
            type: 'Microsoft.MachineLearningServices/workspaces/computes',
            location: 'westeurope',
            tags: {},
            properties: {
                computeType: 'Kubernetes',
                computeLocation: 'westeurope',
                resourceId: ARC_ONPREM,
                disableLocalAuth: true,
                provisioningState: 'Failed',
                provisioningErrors: [
                    {
                        error: {
                            code: 'UserAssignedIdentityMissingRole',
                            message: `The workspace's user-assigned identity 'id-ws-nlp' does not have the 'Kubernetes Extension Contributor' role on cluster '${ARC_ONPREM}'.`,
                        },
                    },
                ],
                isAttachedCompute: true,
                properties: { namespace: 'nlp' },
            },
            identity: { type: 'None' },
        });
        await wb.expandTreeItem(WORKSPACES, ['ML Platform Dev', 'ws-nlp']);
        await wb.clickInlineAction(WORKSPACES, ['ML Platform Dev', 'ws-nlp'], 'Refresh');
        await wb.waitForTreeItems(
            WORKSPACES,
            (rows) => !!findItem(rows, ['ML Platform Dev', 'ws-nlp', 'arc-failed']),
            'arc-failed',
        );
        await wb.clickTreeItem(WORKSPACES, ['ML Platform Dev', 'ws-nlp', 'arc-failed']);
        frame = wb.webview();
        await waitForText(wb, () => frame.locator('h1').textContent(), 'arc-failed', 'the arc-failed panel');
        await frame.locator('#prerequisites tr[data-status="missing"]').first().waitFor({ timeout: 30_000 });
        assert.deepStrictEqual(await steps(), ['showRoles', 'detach', 'troubleshoot']);
        await frame.locator('#next-steps button', { hasText: 'Show the roles' }).click();
        await wb.waitUntil(
            async () => (await frame.locator('#prerequisites tr[data-status="missing"] button:focus').count()) === 1,
            'the focus on the missing prerequisite row',
        );
        await wb.screenshot('failed-panel-roles');
    });
});

describe('compute panel: Failed and gone in a high-contrast theme', () => {
    const session = useEditor({
        colorTheme: 'Default High Contrast',
        settings: { 'azuremlK8s.statusPollingIntervalSeconds': 1 },
    });

    it('the next steps, their keyboard focus and the gone view read in high contrast', async () => {
        const wb = session.workbench;
        await openWorkspaces(wb, VISION);
        await wb.clickTreeItem(WORKSPACES, [...VISION, 'k8s-cpu']);
        const frame = wb.webview();
        await frame.locator('#next-steps li').first().waitFor({ timeout: 30_000 });
        await tabTo(wb, frame, 'Install AzureML Extension...');
        const outline = await frame.locator(':focus').evaluate((element) => {
            const page = globalThis as unknown as { getComputedStyle(e: unknown): { outlineStyle: string } };
            return page.getComputedStyle(element).outlineStyle;
        });
        assert.notStrictEqual(outline, 'none', 'the focused next step shows a focus outline');
        await wb.screenshot('failed-panel-high-contrast');
        session.emulator.admin.deleteResource(`${WS_VISION}/computes/k8s-cpu`);
        await waitForText(
            wb,
            () => frame.locator('#gone-title').textContent(),
            'k8s-cpu is no longer in workspace ws-vision.',
            'the gone view',
        );
        await wb.screenshot('gone-high-contrast');
    });
});
