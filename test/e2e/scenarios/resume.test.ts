import * as assert from 'assert';
import { findItem } from '../pages/tree';
import type { Workbench } from '../pages/workbench';
import { reloadWindow } from '../pages/reload';
import { useEditor, type Session } from '../session';
import { WS_VISION, defaultWorld, openWorkspaces, visionCompute } from '../pages/fixture';
import { answerAttach } from '../pages/attachWizard';

const WORKSPACES = 'Workspaces';
const AKS_CPU_NOEXT = defaultWorld.clusters.aksCpuNoExt.id;
const WS = ['ML Platform Dev', 'ws-vision'];
/**
 * How long the emulator keeps a compute changing: far longer than a reload takes on a busy machine, so the restored
 * state is always the changing one. Once it is checked, the test ends the operation in the emulator (below).
 */
const PROVISIONING_MS = 180_000;

type Kind = 'attach' | 'attach-failing' | 'identity' | 'detach';

interface Iteration {
    readonly kind: Kind;
    /** The compute panel is open (and visible) when the window reloads. */
    readonly panel: boolean;
    /** Reload through "Developer: Reload Window" rather than the browser. */
    readonly viaCommand: boolean;
}

/**
 * Ten reloads: every kind of operation, with and without the panel, by both ways of reloading. With the panel open
 * the window reloads through the command: a browser refresh can come before the web workbench has saved its open
 * editors (it does so on an orderly shutdown, or every minute), and then it has no panel to bring back.
 */
const iterations: Iteration[] = [
    { kind: 'attach', panel: true, viaCommand: true },
    { kind: 'identity', panel: false, viaCommand: false },
    { kind: 'detach', panel: true, viaCommand: true },
    { kind: 'attach-failing', panel: false, viaCommand: false },
    { kind: 'identity', panel: true, viaCommand: true },
    { kind: 'detach', panel: false, viaCommand: false },
    { kind: 'attach', panel: false, viaCommand: true },
    { kind: 'identity', panel: false, viaCommand: true },
    { kind: 'detach', panel: false, viaCommand: true },
    { kind: 'attach-failing', panel: true, viaCommand: true },
];

const transitionalState: Record<Kind, string> = {
    attach: 'Creating',
    'attach-failing': 'Creating',
    identity: 'Updating',
    detach: 'Deleting',
};

/** The notification each kind ends with: the same words as without a reload. */
function completion(kind: Kind, name: string): RegExp {
    switch (kind) {
        case 'attach':
            return new RegExp(`^Attached aks-gpu-dev to ws-vision as ${name}: Succeeded\\.$`);
        case 'attach-failing':
            return new RegExp(`^Attaching aks-cpu-noext to ws-vision as ${name}: Failed\\. .*AzureML extension`);
        case 'identity':
            return new RegExp(`^Updated the identity of ${name} in ws-vision: Succeeded\\.$`);
        case 'detach':
            return new RegExp(`^Detached ${name} from ws-vision: Succeeded\\.`);
    }
}

/**
 * Ends the operation in the emulator as its provisioning would (a detached compute goes; an attach without the AzureML
 * extension fails with the emulator's own error), without waiting out the long delay.
 */
function finishInEmulator(session: Session, kind: Kind, name: string): void {
    const id = `${WS_VISION}/computes/${name}`;
    if (kind === 'detach') {
        session.emulator.admin.deleteResource(id);
        return;
    }
    const stored = session.emulator.admin.getResource(id) as { properties: Record<string, unknown> } | undefined;
    assert.ok(stored, `${name} is in the emulator`);
    const failed = kind === 'attach-failing';
    session.emulator.admin.upsertResource({
        ...stored,
        properties: {
            ...stored.properties,
            provisioningState: failed ? 'Failed' : 'Succeeded',
            provisioningErrors: failed
                ? [
                      {
                          error: {
                              code: 'AzureMLExtensionNotInstalled',
                              message: `The AzureML extension (extension type 'Microsoft.AzureML.Kubernetes') is not installed on cluster '${AKS_CPU_NOEXT}'. Deploy the AzureML extension to the cluster, then attach it again.`,
                          },
                      },
                  ]
                : null,
        },
    });
}

async function startOperation(wb: Workbench, kind: Kind, name: string): Promise<void> {
    const path = [...WS, name];
    switch (kind) {
        case 'attach':
        case 'attach-failing': {
            const cluster = kind === 'attach' ? 'aks-gpu-dev' : 'aks-cpu-noext';
            await answerAttach(wb, { workspace: 'ws-vision', cluster, name, identity: 'No managed identity' });
            await wb.pickItem(
                kind === 'attach' ? 'All checks passed: continue' : 'Continue anyway',
                new RegExp(`Checks before attaching ${cluster}`),
            );
            await wb.pickItem('Attach', new RegExp(`Attach ${cluster} to ws-vision\\?`));
            return;
        }
        case 'identity':
            await wb.chooseContextMenu(WORKSPACES, path, 'Edit Identity...');
            await wb.pickItem('No managed identity', new RegExp(`identity of ${name} \\(now: System-assigned\\)`));
            await wb.waitForDialog(new RegExp(`Change the identity of compute ${name} in ws-vision\\?`));
            await wb.clickDialogButton('Change Identity');
            return;
        case 'detach':
            await wb.chooseContextMenu(WORKSPACES, path, 'Detach...');
            await wb.waitForDialog(new RegExp(`Detach compute "${name}" from workspace "ws-vision"\\?`));
            await wb.clickDialogButton('Detach');
            return;
    }
}

async function waitForState(wb: Workbench, name: string, state: string, timeoutMs?: number): Promise<void> {
    await wb.waitForTreeItems(
        WORKSPACES,
        (rows) => findItem(rows, [...WS, name])?.description.startsWith(state) ?? false,
        `${name} to read ${state}`,
        timeoutMs,
    );
}

/** The state the panel shows, or 'gone' once it shows its compute gone (detached or deleted). */
async function panelState(wb: Workbench): Promise<string> {
    if ((await wb.webview().locator('#gone .gone-title').count()) > 0) {
        return 'gone';
    }
    return ((await wb.webview().locator('.state-name').textContent({ timeout: 2000 })) ?? '').trim();
}

async function waitForPanelState(wb: Workbench, name: string, state: string): Promise<void> {
    let seen = '';
    await wb
        .waitUntil(async () => {
            const title = await wb
                .webview()
                .locator('h1')
                .textContent({ timeout: 2000 })
                .catch(() => null);
            seen = title?.trim() === name ? await panelState(wb).catch(() => '') : `(panel of ${title})`;
            return seen === state;
        }, `the panel of ${name} to show ${state}`)
        .catch((error: Error) => {
            throw new Error(`${error.message}; saw ${JSON.stringify(seen)}`);
        });
}

describe('a window reload while a compute is changing', () => {
    const session = useEditor({ settings: { 'azuremlK8s.statusPollingIntervalSeconds': 1 } });
    let wb: Workbench;
    let previousDelay: number;
    const timings: string[] = [];

    before(async () => {
        wb = session.workbench;
        previousDelay = session.emulator.admin.setOptions({}).provisioningDelayMs;
        session.emulator.admin.setOptions({ provisioningDelayMs: PROVISIONING_MS });
        await openWorkspaces(wb, WS);
    });

    after(() => {
        session.emulator.admin.setOptions({ provisioningDelayMs: previousDelay });
        console.log(timings.map((t) => `      ${t}`).join('\n'));
    });

    iterations.forEach(({ kind, panel, viaCommand }, index) => {
        const n = index + 1;
        const name = `resume-${n}`;
        const state = transitionalState[kind];
        it(`${n}/10: ${kind}${panel ? ' with its panel open' : ''}, reloaded ${viaCommand ? 'by command' : 'by the browser'}: followed again to its notification`, async () => {
            const started = Date.now();
            // Each iteration starts from the views, whatever an earlier one left open.
            await wb.page.keyboard.press('Escape');
            await openWorkspaces(wb, WS);
            if (kind === 'identity' || kind === 'detach') {
                // An attached compute to change: put in place directly, with the fast default delay out of the way.
                session.emulator.admin.upsertResource(visionCompute(name, 'Succeeded'));
                await wb.clickInlineAction(WORKSPACES, WS, 'Refresh');
                await waitForState(wb, name, 'Succeeded');
            }
            await startOperation(wb, kind, name);
            await waitForState(wb, name, state);
            if (panel) {
                await wb.clickTreeItem(WORKSPACES, [...WS, name]);
                await waitForPanelState(wb, name, state);
            }
            const reloadAt = Date.now();
            await reloadWindow(wb, viaCommand, () => openWorkspaces(wb, WS));
            // The tree shows the compute still changing, read again after the reload.
            await waitForState(wb, name, state, 60_000);
            const treeBackMs = Date.now() - reloadAt;
            if (panel) {
                const tab = wb.page.locator('.tabs-container .tab', { hasText: name });
                await wb.waitUntil(async () => (await tab.count()) === 1, `the ${name} tab after the reload`, 60_000);
                await tab.click();
                await waitForPanelState(wb, name, state);
                assert.match((await wb.webview().locator('.state').textContent()) ?? '', /updating live/);
            }
            await wb.screenshot(`${n}-restored-${kind}${panel ? '-panel' : ''}`);

            // The emulator finishes; the extension, started afresh, still says how it ended, once.
            finishInEmulator(session, kind, name);
            const message = completion(kind, name);
            const notice = await wb.waitForNotification(message);
            const endedMs = Date.now() - started;
            if (kind === 'attach-failing') {
                assert.ok(notice.buttons.includes('Show Details'), JSON.stringify(notice));
            }
            switch (kind) {
                case 'detach':
                    await wb.waitForTreeItems(
                        WORKSPACES,
                        (rows) => !findItem(rows, [...WS, name]),
                        `${name} to leave the tree`,
                    );
                    assert.strictEqual(session.emulator.admin.getResource(`${WS_VISION}/computes/${name}`), undefined);
                    break;
                case 'attach-failing':
                    await waitForState(wb, name, 'Failed');
                    break;
                default:
                    await waitForState(wb, name, 'Succeeded');
            }
            if (panel) {
                await waitForPanelState(
                    wb,
                    name,
                    kind === 'detach' ? 'gone' : kind === 'attach-failing' ? 'Failed' : 'Succeeded',
                );
            }
            await wb.screenshot(`${n}-ended-${kind}${panel ? '-panel' : ''}`);
            assert.strictEqual(
                (await wb.notifications()).filter((t) => message.test(t.message)).length,
                1,
                'one notification',
            );
            timings.push(
                `${n}: ${kind}: tree back ${Math.round(treeBackMs / 100) / 10} s after the reload; ended after ${Math.round(endedMs / 1000)} s`,
            );
            if (kind === 'attach-failing' && panel) {
                // Show Details works after a reload too: it opens (here: reveals) the compute's panel.
                await wb.clickNotificationButton(message, 'Show Details');
                await waitForPanelState(wb, name, 'Failed');
                // The revealed panel takes the focus as its page loads, which would close the palette: let it settle.
                await wb.page.waitForTimeout(1000);
                await wb.tree(WORKSPACES).focus();
            }
            await wb.clearNotifications();
            await wb.runCommand('View: Close All Editors');
        });
    });

    it('an operation that ended is not followed again after another reload', async () => {
        await reloadWindow(wb, false, () => openWorkspaces(wb, WS));
        await wb.page.waitForTimeout(5000);
        const ends = (await wb.notifications()).filter((t) => /: Succeeded\.|: Failed\./.test(t.message));
        assert.deepStrictEqual(ends, [], 'no notification');
    });
});
