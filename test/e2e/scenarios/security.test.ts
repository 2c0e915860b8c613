/**
 * Security in the real editor: hostile strings in every field the emulator returns render as inert text in the trees,
 * a tooltip, a notification, a dialog and the compute panel, and no script from the data runs in any frame; forged
 * messages from the panel's page are dropped or refused and grant nothing; no token, secret or connection string
 * reaches the output channel, the editor's logs or the panel's state.
 */
import * as assert from 'assert';
import type { Locator } from 'playwright-core';
import { hostileStrings } from '../../fixtures/hostileStrings';
import { hostileComputePrincipal, hostileResources, hostileValues } from '../../fixtures/hostileWorld';
import { DEV, defaultWorld, openWorkspaces } from '../pages/fixture';
import {
    allLogs,
    framesWherePayloadsRan,
    outputChannelText,
    type PageElement,
    type PageWindow,
    panelPage,
    postAsPage,
    recordedPanelMessages,
    recordPanelMessages,
} from '../pages/probes';
import { findItem } from '../pages/tree';
import type { Workbench } from '../pages/workbench';
import { useEditor } from '../session';

const DEV_NAME = 'ML Platform Dev';
const HOSTILE = [DEV_NAME, 'ws-vision', hostileValues.computeName];
const OWNER = defaultWorld.roles.owner.id;
const ACR_PULL = defaultWorld.roles.acrPull.id;
const REGISTRY = defaultWorld.registries.vision.id;

/** Elements a payload would create if it were parsed as HTML or markdown rather than shown as text. */
const active = 'img, svg, iframe, script, style, object, embed, a[href^="command:"], a[href^="javascript:"]';

async function noPayloadRan(wb: Workbench, where: string): Promise<void> {
    assert.deepStrictEqual(await framesWherePayloadsRan(wb.page), [], `a payload ran (${where})`);
    assert.doesNotMatch(await wb.page.title(), /^PWNED-/);
}

/** Hovers a tree row and reads its tooltip once it shows `expected`. */
async function hoverText(
    wb: Workbench,
    row: Locator,
    expected: string,
): Promise<{ text: string; activeElements: number }> {
    await row.locator('.monaco-tl-contents').hover();
    let seen = { text: '', activeElements: 0 };
    await wb
        .waitUntil(async () => {
            const hovers = wb.page.locator('.workbench-hover-container, .monaco-hover').filter({ visible: true });
            for (const hover of await hovers.all()) {
                const read = await hover
                    .evaluate(
                        (element, selector) => ({
                            // appendText keeps spaces as non-breaking ones
                            text: (element as unknown as PageElement).innerText.replace(/\u00a0/g, ' '),
                            activeElements: element.querySelectorAll(selector).length,
                        }),
                        active,
                    )
                    .catch(() => undefined);
                if (read?.text.includes(expected)) {
                    seen = read;
                    return true;
                }
            }
            return false;
        }, `a tooltip showing ${expected}`)
        .catch((error: Error) => {
            throw new Error(`${error.message}; saw ${JSON.stringify(seen.text)}`);
        });
    return seen;
}

describe('security: hostile data, forged panel messages and secrets', () => {
    const session = useEditor();
    let wb: Workbench;

    before(async () => {
        wb = session.workbench;
        for (const resource of hostileResources((id) => session.emulator.admin.getResource(id))) {
            session.emulator.admin.upsertResource(resource);
        }
        await openWorkspaces(wb, [DEV_NAME, 'ws-vision']);
    });

    it('shows hostile names, namespaces and errors as text in the Workspaces tree and its tooltip', async () => {
        const rows = await wb.waitForTreeItems(
            'Workspaces',
            (items) => !!findItem(items, HOSTILE),
            'the hostile compute',
        );
        const row = findItem(rows, HOSTILE)!;
        assert.strictEqual(row.label, hostileValues.computeName, 'the name is the label, literally');
        assert.ok(row.description.startsWith(`Failed · ${hostileValues.namespace} · `), row.description);
        assert.ok(row.description.includes('[Fix it now] (command:'), row.description);
        assert.strictEqual(row.icon, 'error');

        const tooltip = await hoverText(wb, await wb.treeItem('Workspaces', HOSTILE), 'Last error');
        assert.strictEqual(tooltip.activeElements, 0, 'no element made from the data');
        for (const literal of [
            hostileValues.computeName,
            hostileValues.namespace,
            '[Fix it now] (command:workbench.action.quit)',
            "<script>window.__azmlPwned=1;document.title='PWNED-1'</script>",
            'invoice\\u{202E}gnp.exe',
        ]) {
            assert.ok(tooltip.text.includes(literal), `${literal} in ${tooltip.text}`);
        }
        await wb.page.screenshot({ path: `${wb.resultsDir}/hostile-tooltip.png` });
        await noPayloadRan(wb, 'tree and tooltip');
    });

    it('shows hostile cluster fields as text in the Kubernetes Clusters tree', async () => {
        await wb.expandTreeItem('Kubernetes Clusters', [DEV_NAME]);
        const rows = await wb.waitForTreeItems(
            'Kubernetes Clusters',
            (items) => !!findItem(items, [DEV_NAME, 'aks-gpu-dev']) && !!findItem(items, [DEV_NAME, 'arc-edge-lab']),
            'the Dev clusters',
        );
        const aks = findItem(rows, [DEV_NAME, 'aks-gpu-dev'])!;
        assert.ok(aks.description.includes(`Kubernetes ${hostileValues.kubernetesVersion}`), aks.description);
        const arc = findItem(rows, [DEV_NAME, 'arc-edge-lab'])!;
        assert.ok(arc.description.includes(hostileValues.distribution), arc.description);
        const tooltip = await hoverText(
            wb,
            await wb.treeItem('Kubernetes Clusters', [DEV_NAME, 'arc-edge-lab']),
            'Connectivity',
        );
        assert.strictEqual(tooltip.activeElements, 0);
        assert.ok(tooltip.text.includes(`Connectivity: ${hostileValues.connectivityStatus}`), tooltip.text);
        await noPayloadRan(wb, 'clusters tree');
    });

    it('shows every hostile field as text in the compute panel, and no script from the data runs', async () => {
        await wb.clickTreeItem('Workspaces', HOSTILE);
        const frame = wb.webview();
        await frame.locator('h1').filter({ hasText: hostileValues.computeName }).waitFor({ timeout: 30_000 });
        await frame.locator('.errors').waitFor({ timeout: 30_000 });
        const page = await panelPage(wb.page);
        const seen = await page.evaluate((selector) => {
            const { document } = globalThis as unknown as PageWindow;
            const root = document.querySelector('#root') as PageElement;
            return {
                text: root.innerText,
                activeElements: root.querySelectorAll(selector).length,
                scripts: Array.from(document.querySelectorAll('script')).map(
                    (s) =>
                        s.getAttribute('src') ??
                        `inline: ${(s as unknown as { textContent: string }).textContent.slice(0, 60)}`,
                ),
                csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'),
            };
        }, active);
        assert.strictEqual(seen.activeElements, 0, 'no element made from the data');
        // The bundle, and the bridge VS Code itself puts into every webview page (acquireVsCodeApi); nothing else.
        const [ours, ...others] = seen.scripts.filter((src) => !/^inline: \s*globalThis\.acquireVsCodeApi/.test(src));
        assert.deepStrictEqual(others, [], seen.scripts.join(', '));
        assert.match(ours, /\/dist\/webview\/computePanel\.js$/);
        assert.ok(seen.scripts.length <= 2, seen.scripts.join(', '));
        assert.doesNotMatch(seen.csp ?? '', /unsafe-inline|unsafe-eval/);
        // Shown literally; invisible and direction characters written out (page/dom.ts shown).
        const escaped = (value: string) =>
            value.replace(
                /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g,
                (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`,
            );
        for (const { id, value } of hostileStrings.filter(
            (h) => h.value.length < 1000 && !/\s{2}|\r|\n/.test(h.value),
        )) {
            assert.ok(seen.text.includes(escaped(value)), `${id} shown literally in the panel`);
        }
        assert.ok(seen.text.includes('invoice\\u{202E}gnp.exe'), 'the right-to-left override is written out');
        assert.doesNotMatch(seen.text, /[\u200b\u202e\ufeff]/, 'no invisible or direction character is shown as such');
        assert.ok(seen.text.includes(hostileValues.namespace));
        assert.ok(seen.text.includes(`long-${'A'.repeat(100)}`), 'the 10,000-character string');
        await wb.screenshot('hostile-panel');
        await noPayloadRan(wb, 'compute panel');
    });

    it('the panel can load its own bundle folder and nothing else of the extension (localResourceRoots)', async () => {
        const page = await panelPage(wb.page);
        const probe = await page.evaluate(async () => {
            interface Probe {
                onload: (() => void) | null;
                onerror: (() => void) | null;
                setAttribute(name: string, value: string): void;
            }
            const d = (globalThis as unknown as PageWindow).document as unknown as {
                querySelector(s: string): { getAttribute(n: string): string | null };
                querySelectorAll(s: string): ArrayLike<{ remove(): void }>;
                createElement(tag: string): Probe;
                body: { append(e: Probe): void };
            };
            const script = d.querySelector('script[src]').getAttribute('src') ?? '';
            const base = script.slice(0, script.lastIndexOf('/') + 1);
            const load = (tag: string, attr: string, url: string) =>
                new Promise<string>((resolve) => {
                    const e = d.createElement(tag);
                    e.onload = () => resolve('load');
                    e.onerror = () => resolve('error');
                    setTimeout(() => resolve('timeout'), 15_000);
                    if (tag === 'link') {
                        e.setAttribute('rel', 'stylesheet');
                    }
                    e.setAttribute(attr, url);
                    d.body.append(e);
                }).finally(() => {
                    for (const probe of Array.from(d.querySelectorAll('[src*="probe="], [href*="probe="]'))) {
                        probe.remove();
                    }
                });
            return {
                base,
                inside: await load('link', 'href', `${base}codicon.css?probe=inside`),
                outside: await load('img', 'src', `${base}../../resources/icons/activitybar.svg?probe=outside`),
                encoded: await load('img', 'src', `${base}%2e%2e/%2e%2e/resources/icons/aks.svg?probe=encoded`),
            };
        });
        assert.match(probe.base, /\/dist\/webview\/$/);
        assert.strictEqual(probe.inside, 'load', 'a file of the bundle folder loads (the probe works)');
        assert.strictEqual(probe.outside, 'error', "the extension's own icon, outside dist/webview, does not");
        assert.strictEqual(probe.encoded, 'error', 'nor through an encoded ../');
    });

    it('a failed Assign with a hostile error shows it inert in the dialog and the notification', async () => {
        session.emulator.admin.setFaults({
            rules: [
                {
                    method: 'PUT',
                    path: '/providers/Microsoft.Authorization/roleAssignments/',
                    status: 400,
                    code: 'HostileError',
                    message: `${hostileValues.lastError} ${hostileValues.computeName}`,
                    count: 1,
                },
            ],
        });
        const frame = wb.webview();
        const row = frame.locator('tr[data-role="AcrPull"]').filter({ hasText: 'crvisiondev' });
        await row.locator('button', { hasText: 'Assign' }).waitFor({ timeout: 30_000 });
        await row.locator('button', { hasText: 'Assign' }).click();
        const dialog = await wb.waitForDialog(/Assign AcrPull to/);
        assert.ok(dialog.includes(`ws-vision/computes/${hostileValues.computeName}`), dialog);
        assert.strictEqual(await wb.page.locator('.monaco-dialog-box').locator(active).count(), 0);
        await wb.clickDialogButton('Assign');
        const toast = wb.toast(/Could not assign AcrPull/).first();
        await toast.waitFor({ timeout: 30_000 });
        const message = toast.locator('.notification-list-item-message');
        const text = (await message.textContent()) ?? '';
        assert.ok(text.includes('[Fix it now] (command:workbench.action.quit)'), text);
        assert.ok(text.includes("<script>window.__azmlPwned=1;document.title='PWNED-1'</script>"), text);
        assert.ok(text.includes('invoice\\u{202E}gnp.exe'), text);
        assert.strictEqual(await message.locator('a').count(), 0, 'no link in the notification');
        assert.strictEqual(await message.locator(active).count(), 0);
        await wb.screenshot('hostile-notification');
        await noPayloadRan(wb, 'notification');
        session.emulator.admin.setFaults({});
        await wb.clearNotifications();
    });

    it('forged messages from the page are dropped or refused, logged, and grant nothing', async () => {
        const realRow = await wb
            .webview()
            .locator('tr[data-role="AcrPull"]')
            .filter({ hasText: 'crvisiondev' })
            .getAttribute('data-row-id');
        assert.ok(realRow, 'the AcrPull row has an id');
        session.emulator.admin.clearRequests();
        const before = outputChannelText(session.server.userDataDir);
        const refusedRows = [
            `training|${OWNER}|/subscriptions/${DEV}`,
            `training|${ACR_PULL}|/subscriptions/${DEV}`,
            `prerequisite|${OWNER}|${REGISTRY.toLowerCase()}`,
        ];
        const dropped: unknown[] = [
            { type: 'assign', rowId: realRow, roleId: OWNER },
            { type: 'assign', rowId: realRow, scope: `/subscriptions/${DEV}` },
            { type: 'grant', roleId: OWNER, scope: `/subscriptions/${DEV}`, principalId: 'x' },
            { type: 'copy', kind: 'relayConnectionString' },
            { type: 'openInPortal', target: 'javascript:alert(1)' },
            { type: 'assign', rowId: 'r'.repeat(2001) },
        ];
        for (const rowId of refusedRows) {
            await postAsPage(wb.page, { type: 'assign', rowId });
        }
        for (const message of dropped) {
            await postAsPage(wb.page, message);
        }
        let added = '';
        await wb
            .waitUntil(async () => {
                added = outputChannelText(session.server.userDataDir).slice(before.length);
                return (
                    (added.match(/refused to assign/g) ?? []).length >= refusedRows.length &&
                    (added.match(/dropped an unexpected message/g) ?? []).length >= dropped.length
                );
            }, 'the refusals in the output channel')
            .catch((error: Error) => {
                throw new Error(`${error.message}; output channel: ${added}`);
            });
        for (const rowId of refusedRows) {
            assert.ok(added.includes(`refused to assign: ${JSON.stringify(rowId)}`), `${rowId} in ${added}`);
        }
        await wb.page.waitForTimeout(1000);
        assert.strictEqual(await wb.page.locator('.monaco-dialog-box').count(), 0, 'no confirmation was asked');
        const writes = session.emulator.admin
            .requests()
            .filter((r) => r.method !== 'GET' && /roleAssignments/i.test(r.path));
        assert.deepStrictEqual(writes, [], 'no role assignment was sent');
        const owners = (
            session.emulator.admin.state() as { resources: { type: string; properties: Record<string, string> }[] }
        ).resources.filter(
            (r) =>
                r.type === 'Microsoft.Authorization/roleAssignments' &&
                r.properties.roleDefinitionId?.toLowerCase().endsWith(OWNER) &&
                r.properties.principalId === hostileComputePrincipal,
        );
        assert.deepStrictEqual(owners, []);
    });

    it('no token, client secret or connection string reaches the output channel, the logs or the panel', async () => {
        // arc-nlp's compute carries a relay connection string and its cluster's extension protected settings.
        await wb.expandTreeItem('Workspaces', [DEV_NAME, 'ws-nlp']);
        await wb.clickTreeItem('Workspaces', [DEV_NAME, 'ws-nlp', 'arc-nlp']);
        const frame = wb.webview();
        await frame.locator('h1').filter({ hasText: 'arc-nlp' }).waitFor({ timeout: 30_000 });
        await recordPanelMessages(wb.page);
        await frame.locator('button', { hasText: 'Refresh' }).click();
        await wb.waitUntil(
            async () => (await recordedPanelMessages(wb.page)).some((m) => m.includes('"type":"state"')),
            'a state message after Refresh',
        );
        await wb.page.waitForTimeout(2000);
        const panel = await panelPage(wb.page);
        const pageText = await panel.evaluate(
            () => (globalThis as unknown as PageWindow).document.documentElement.outerHTML,
        );
        const panelMessages = (await recordedPanelMessages(wb.page)).join('\n');
        assert.ok(panelMessages.includes('arc-nlp'), 'the recorder saw the panel state');
        assert.doesNotMatch(panelMessages, /relayConnectionString|serviceBusConnectionString|ProtectedSettings/i);

        const secrets: [string, RegExp][] = [
            ['the client secret', new RegExp(session.emulator.clientSecret)],
            ['a bearer token', /Bearer\s+eyJ/],
            ['a JWT', /eyJ[\w-]{10,}\.eyJ[\w-]{10,}/],
            ['a relay connection string', /SharedAccessKey=|Endpoint=sb:/],
            ['the relay keys', /RU1VTEFURUQtUkVMQVktU0VDUkVU/],
            ['protected extension settings', /EMULATED-SECRET|PRIVATE KEY/],
        ];
        const places = new Map<string, string>([
            ['the panel state messages', panelMessages],
            ['the panel page', pageText],
            ['the output channel', outputChannelText(session.server.userDataDir)],
            ...allLogs(session.server.userDataDir),
        ]);
        const leaks: string[] = [];
        for (const [place, text] of places) {
            for (const [what, pattern] of secrets) {
                if (pattern.test(text)) {
                    leaks.push(
                        `${what} in ${place}: …${text.slice(Math.max(0, text.search(pattern) - 60), text.search(pattern) + 60)}…`,
                    );
                }
            }
        }
        console.log(
            `      secrets scan: ${places.size} places, ${secrets.length} kinds of secret, ${leaks.length} leaks`,
        );
        assert.deepStrictEqual(leaks, []);
        assert.ok(outputChannelText(session.server.userDataDir).length > 0, 'the output channel was found');
        await noPayloadRan(wb, 'end');
    });
});
