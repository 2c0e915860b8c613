/**
 * The compute panel passes an axe-core scan (WCAG 2.1 A and AA, and best practices) in each of its states, and works
 * from the keyboard alone, in the light, dark and high-contrast themes.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Frame, FrameLocator } from 'playwright-core';
import { expectNoViolations, formatFindings, webviewFrame, type AxeScan } from '../pages/axe';
import { openWorkspaces, WS_VISION } from '../pages/fixture';
import { waitForText } from '../pages/panel';
import type { Workbench } from '../pages/workbench';
import { useEditor } from '../session';

const WORKSPACES = 'Workspaces';
const VISION = ['ML Platform Dev', 'ws-vision'];

const THEMES = [
    { theme: 'Default Light Modern', body: 'vscode-light' },
    { theme: 'Default Dark Modern', body: 'vscode-dark' },
    { theme: 'Default High Contrast', body: 'vscode-high-contrast' },
];

/** Everything the keyboard can reach in a page. */
const CONTROLS = 'a[href], button, summary, input, select, textarea, [tabindex]';

/** Page-side globals the keyboard walk reads (the project compiles without the DOM library). */
interface PageControl {
    readonly tagName: string;
    readonly tabIndex: number;
    readonly disabled?: boolean;
    readonly textContent: string | null;
    getAttribute(name: string): string | null;
    getClientRects(): ArrayLike<unknown>;
}
interface PageGlobals {
    readonly document: {
        readonly activeElement: PageControl | null;
        readonly body: PageControl;
        querySelectorAll(selector: string): ArrayLike<PageControl>;
    };
    getComputedStyle(element: PageControl): {
        outlineStyle: string;
        outlineWidth: string;
        outlineColor: string;
        backgroundColor: string;
    };
}

interface FocusInfo {
    /** The page's controls that Tab should reach, in document order, by name. */
    controls: string[];
    /** The index of the focused one among them, or -1. */
    focused: number;
    active: string | undefined;
    /** The focused element's outline: style, width, colour. */
    outline: { style: string; width: number; color: string };
    background: string;
}

async function focusInfo(frame: Frame): Promise<FocusInfo> {
    return frame.evaluate((selector) => {
        const page = globalThis as unknown as PageGlobals;
        const name = (e: PageControl) =>
            `${e.tagName.toLowerCase()} "${(e.getAttribute('aria-label') ?? e.textContent ?? '').trim().replace(/\s+/g, ' ')}"`;
        const controls = Array.from(page.document.querySelectorAll(selector)).filter(
            (e) => e.tabIndex >= 0 && !e.disabled && e.getClientRects().length > 0,
        );
        const active = page.document.activeElement;
        const style = active ? page.getComputedStyle(active) : undefined;
        return {
            controls: controls.map(name),
            focused: active ? controls.indexOf(active) : -1,
            active: active && active !== page.document.body ? name(active) : undefined,
            outline: {
                style: style?.outlineStyle ?? 'none',
                width: parseFloat(style?.outlineWidth ?? '0'),
                color: style?.outlineColor ?? '',
            },
            background: page.getComputedStyle(page.document.body).backgroundColor,
        };
    }, CONTROLS);
}

/** WCAG contrast ratio of two computed `rgb()`/`rgba()` colours; a fully transparent one has none (1). */
function contrast(a: string, b: string): number {
    if ([a, b].some((c) => c === 'transparent' || /^rgba\(.*,\s*0\)$/.test(c))) {
        return 1;
    }
    const luminance = (color: string) => {
        const [r, g, bl] = (color.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((c) => {
            const v = Number(c) / 255;
            return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
    };
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
}

/** Clicks the page's title (a person starting to read), then presses Tab until `name` has the focus. */
async function tabUntil(wb: Workbench, frame: Frame, name: string | RegExp): Promise<void> {
    await frame.locator('h1').click();
    const seen: (string | undefined)[] = [];
    for (let i = 0; i < 40; i++) {
        await wb.page.keyboard.press('Tab');
        const { active } = await focusInfo(frame);
        seen.push(active);
        if (active !== undefined && (typeof name === 'string' ? active === name : name.test(active))) {
            return;
        }
    }
    throw new Error(`Tab did not reach ${String(name)}; focused in turn: ${JSON.stringify(seen)}`);
}

/** The page has settled: nothing loading, no role being checked. */
async function settled(wb: Workbench, frame: FrameLocator, what: string): Promise<void> {
    await wb.waitUntil(
        async () =>
            (await frame.locator('#root[aria-busy="false"]').count()) === 1 &&
            (await frame.locator('tr[data-status="checking"], .empty .codicon-loading').count()) === 0,
        `${what} to settle`,
        // Every role row is checked against the emulator's 100 ms per request: on a new, busy CI machine that can take
        // longer than the usual 30 s.
        90_000,
    );
}

async function openCompute(wb: Workbench, itemPath: string[]): Promise<FrameLocator> {
    const name = itemPath[itemPath.length - 1];
    await wb.clickTreeItem(WORKSPACES, itemPath);
    const frame = wb.webview();
    await waitForText(wb, () => frame.locator('h1').textContent(), name, `the ${name} panel`);
    await settled(wb, frame, `the ${name} panel`);
    return frame;
}

for (const { theme, body } of THEMES) {
    describe(`accessibility of the compute panel: ${theme}`, () => {
        const session = useEditor({
            colorTheme: theme,
            settings: { 'azuremlK8s.statusPollingIntervalSeconds': 1 },
        });
        let wb: Workbench;

        /** Scans `compute`'s panel as it is now; what axe could not decide is written next to the screenshots. */
        async function scan(state: string, compute: string): Promise<AxeScan> {
            assert.strictEqual(((await wb.webview().locator('h1').textContent()) ?? '').trim(), compute);
            const result = await expectNoViolations(wb, `${state} (${theme})`);
            fs.mkdirSync(session.resultsDir, { recursive: true });
            fs.writeFileSync(
                path.join(session.resultsDir, `axe-${state.replace(/\W+/g, '-')}.txt`),
                `${result.passes} rules passed; to review (incomplete):\n${formatFindings(result.incomplete)}\n`,
            );
            return result;
        }

        before(async () => {
            wb = session.workbench;
            await openWorkspaces(wb, VISION);
        });

        it('Succeeded with role rows: no violations', async () => {
            const frame = await openCompute(wb, [...VISION, 'k8s-gpu']);
            assert.match((await frame.locator('body').getAttribute('class')) ?? '', new RegExp(`\\b${body}\\b`));
            await frame.locator('tr[data-status="missing"] button', { hasText: 'Assign' }).first().waitFor();
            await scan('succeeded', 'k8s-gpu');
            // axe ran under the page's own CSP, unchanged: scripts by nonce only, nothing inline, no eval.
            const csp =
                (await frame.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
            assert.match(csp, /script-src 'nonce-[0-9a-f]+'(;|$)/, csp);
            assert.doesNotMatch(csp, /unsafe/, csp);
        });

        it('from the keyboard alone: Tab reaches every control in order, its focus visible; Enter and Space act', async () => {
            const frame = wb.webview();
            const page = await webviewFrame(wb);
            await frame.locator('h1').click();
            const { controls } = await focusInfo(page);
            assert.ok(controls.length >= 15, JSON.stringify(controls));
            const walk: FocusInfo[] = [];
            for (let i = 0; i < controls.length; i++) {
                await wb.page.keyboard.press('Tab');
                walk.push(await focusInfo(page));
            }
            assert.deepStrictEqual(
                walk.map((w) => w.active),
                controls,
                'Tab reaches every control, in document order',
            );
            const unseen = walk
                .filter(
                    (w) =>
                        w.outline.style === 'none' ||
                        w.outline.width < 1 ||
                        contrast(w.outline.color, w.background) < 3,
                )
                .map((w) => `${w.active}: outline ${JSON.stringify(w.outline)} on ${w.background}`);
            assert.deepStrictEqual(unseen, [], 'each focused control has an outline of 3:1 or more against the page');

            await tabUntil(wb, page, 'button "Copy the display name"');
            await wb.page.keyboard.press('Space');
            await waitForText(wb, () => frame.locator('#notice').textContent(), /^Copied ws-vision/, 'Space copies');

            await tabUntil(wb, page, /^summary "az ml compute attach/);
            await wb.page.keyboard.press('Enter');
            await frame.locator('details.command-details[open]').waitFor();
            await wb.page.keyboard.press('Space');
            await frame.locator('details.command-details:not([open])').waitFor();

            await tabUntil(wb, page, /^button "Copy az command that assigns Storage Blob Data Reader/);
            await wb.page.keyboard.press('Enter');
            await waitForText(
                wb,
                () => frame.locator('#notice').textContent(),
                /Copied the az command for Storage Blob Data Reader/,
                'Enter copies the az command',
            );
        });

        it('with a registry added from another workspace (its Remove action): no violations', async () => {
            const frame = wb.webview();
            await frame.locator('button', { hasText: 'Add a resource...' }).click();
            await wb.pickItem('crnlpdev', /Pick a container registry or storage account/);
            await frame.locator('tr[data-status="missing"]', { hasText: 'crnlpdev' }).waitFor();
            await settled(wb, frame, 'the added registry');
            await scan('added-registry', 'k8s-gpu');
        });

        it('a workspace with a user-assigned identity (the prerequisites table): no violations', async () => {
            await wb.expandTreeItem(WORKSPACES, ['ML Platform Dev', 'ws-nlp']);
            const frame = await openCompute(wb, ['ML Platform Dev', 'ws-nlp', 'arc-nlp']);
            await frame.locator('#prerequisites table.roles').waitFor();
            await scan('prerequisites', 'arc-nlp');
        });

        it('where the user may not grant roles (a note above the table): no violations', async () => {
            await wb.expandTreeItem(WORKSPACES, ['ML Platform Prod']);
            await wb.expandTreeItem(WORKSPACES, ['ML Platform Prod', 'ws-forecast']);
            const frame = await openCompute(wb, ['ML Platform Prod', 'ws-forecast', 'arc-forecast']);
            await frame.locator('.cannot-assign-note').first().waitFor();
            await scan('no-rights', 'arc-forecast');
        });

        it('Failed with its next steps: no violations', async () => {
            const frame = await openCompute(wb, [...VISION, 'k8s-cpu']);
            await frame.locator('#next-steps li').first().waitFor();
            await scan('failed', 'k8s-cpu');
        });

        it('gone (deleted elsewhere, found missing on Refresh): no violations', async () => {
            const frame = wb.webview();
            session.emulator.admin.deleteResource(`${WS_VISION}/computes/k8s-cpu`);
            await frame.locator('header button', { hasText: 'Refresh' }).click();
            await waitForText(
                wb,
                () => frame.locator('#gone-title').textContent(),
                'k8s-cpu is no longer in workspace ws-vision.',
                'the gone view',
            );
            await settled(wb, frame, 'the gone view');
            await scan('gone', 'k8s-cpu');
        });
    });
}
