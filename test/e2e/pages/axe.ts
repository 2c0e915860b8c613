/**
 * An accessibility scan of the visible webview's page with axe-core: WCAG 2.1 A and AA, WCAG 2.2 AA, and axe's best
 * practices (AXE_TAGS, AXE_EXTRA_RULES).
 *
 * axe's source is evaluated in the page's frame through the DevTools protocol, as `frame.evaluate` runs anything: the
 * page's CSP (scripts only by nonce, no eval) is neither changed nor bypassed, and still applies to the page's own
 * scripts. A `<script>` tag (`addScriptTag`) would be refused by that CSP, and `bypassCSP` is not needed.
 */
import * as fs from 'fs';
import type { Frame } from 'playwright-core';
import type { Workbench } from './workbench';

/**
 * WCAG 2.0 and 2.1, levels A and AA; WCAG 2.2 AA (target size, for the small actions beside values and in role rows);
 * and axe's best practices (landmarks, heading order, one h1, ARIA roles allowed, ...).
 */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * axe's experimental rules that matter for this page, which tags leave out: data tables (every cell has its header, no
 * caption faked with a cell), a bold paragraph posing as a heading, and focusable elements with a role to say what
 * they are.
 */
export const AXE_EXTRA_RULES = ['td-has-header', 'table-fake-caption', 'p-as-heading', 'focus-order-semantics'];

export interface AxeNode {
    /** CSS selectors that find the node. */
    target: string[];
    /** The node's HTML (as axe shortens it). */
    html: string;
    /** What is wrong with the node and how to fix it, in axe's words. */
    summary: string;
}

export interface AxeFinding {
    id: string;
    impact: string | null;
    help: string;
    helpUrl: string;
    nodes: AxeNode[];
}

export interface AxeScan {
    violations: AxeFinding[];
    /** What axe could not decide (e.g. a contrast over a gradient): for review, not a failure. */
    incomplete: AxeFinding[];
    /** How many rules passed. */
    passes: number;
}

/** The part of axe's API the scan uses, as the page sees it (the project compiles without the DOM library). */
interface PageAxe {
    run(
        context: unknown,
        options: Record<string, unknown>,
    ): Promise<{
        violations: RawFinding[];
        incomplete: RawFinding[];
        passes: unknown[];
    }>;
}
interface RawFinding {
    id: string;
    impact?: string | null;
    help: string;
    helpUrl: string;
    nodes: { target: unknown[]; html: string; failureSummary?: string }[];
}

let axeSource: string | undefined;

/** The webview page's own frame (the inner `active-frame` of the visible webview), as `wb.webview()` finds it. */
export async function webviewFrame(wb: Workbench): Promise<Frame> {
    const handle = await wb.webview().owner().elementHandle({ timeout: wb.timeoutMs });
    const frame = await handle.contentFrame();
    await handle.dispose();
    if (!frame) {
        throw new Error('the webview has no page frame');
    }
    return frame;
}

/** Runs axe in the visible webview's page; `disable` turns rules off (say why where it is called). */
export async function scanWebview(wb: Workbench, options: { disable?: string[] } = {}): Promise<AxeScan> {
    const frame = await webviewFrame(wb);
    const loaded = await frame.evaluate(() => typeof (globalThis as { axe?: unknown }).axe === 'object');
    if (!loaded) {
        axeSource ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
        await frame.evaluate(axeSource);
    }
    return frame.evaluate(
        async ({ tags, extra, disable }) => {
            const axe = (globalThis as unknown as { axe: PageAxe }).axe;
            const page = globalThis as unknown as { document: unknown };
            const result = await axe.run(page.document, {
                runOnly: { type: 'tag', values: tags },
                rules: Object.fromEntries([
                    ...extra.map((id) => [id, { enabled: true }]),
                    ...disable.map((id) => [id, { enabled: false }]),
                ]),
                resultTypes: ['violations', 'incomplete'],
                iframes: false,
            });
            const plain = (findings: RawFinding[]) =>
                findings.map((f) => ({
                    id: f.id,
                    impact: f.impact ?? null,
                    help: f.help,
                    helpUrl: f.helpUrl,
                    nodes: f.nodes.map((n) => ({
                        target: n.target.map(String),
                        html: n.html,
                        summary: n.failureSummary ?? '',
                    })),
                }));
            return {
                violations: plain(result.violations),
                incomplete: plain(result.incomplete),
                passes: result.passes.length,
            };
        },
        { tags: AXE_TAGS, extra: AXE_EXTRA_RULES, disable: options.disable ?? [] },
    );
}

/** Each finding: rule, impact, what it asks, and every node (selector, HTML, what to fix), for a failure message. */
export function formatFindings(findings: readonly AxeFinding[]): string {
    return findings
        .map((f) =>
            [
                `${f.id} (${f.impact ?? 'no impact'}): ${f.help} ${f.helpUrl}`,
                ...f.nodes.map(
                    (n) =>
                        `  - ${n.target.join(' ')}\n      ${n.html}\n      ${n.summary.replace(/\n\s*/g, '\n      ')}`,
                ),
            ].join('\n'),
        )
        .join('\n');
}

/** Scans the visible webview and fails, listing every violation, unless there are none; returns the scan. */
export async function expectNoViolations(
    wb: Workbench,
    what: string,
    options: { disable?: string[] } = {},
): Promise<AxeScan> {
    const scan = await scanWebview(wb, options);
    if (scan.violations.length > 0) {
        const nodes = scan.violations.reduce((n, v) => n + v.nodes.length, 0);
        throw new Error(
            `${what}: ${scan.violations.length} accessibility violation(s) on ${nodes} node(s) ` +
                `(axe-core, ${[...AXE_TAGS, ...AXE_EXTRA_RULES].join(', ')}):\n${formatFindings(scan.violations)}`,
        );
    }
    return scan;
}
