/**
 * Probes for the security scenarios: did a payload run in any frame, what a webview page received, messages posted as
 * the page would post them, and the extension's output channel as code-server writes it to disk.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Frame, Page } from 'playwright-core';

/** Page-side globals the probes use (the project compiles without the DOM library; functions run in the browser). */
export interface PageElement {
    readonly innerText: string;
    readonly outerHTML: string;
    getAttribute(name: string): string | null;
    querySelector(selector: string): PageElement | null;
    querySelectorAll(selector: string): ArrayLike<PageElement>;
}
export interface PageWindow {
    __azmlPwned?: unknown;
    __azmlSeen?: string[];
    __vscode_post_message__?: (channel: string, data: unknown) => void;
    readonly document: PageElement & { readonly title: string; readonly documentElement: PageElement };
    addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

/** Every frame (workbench, webview hosts, webview pages) where a payload set window.__azmlPwned or the title. */
export async function framesWherePayloadsRan(page: Page): Promise<string[]> {
    const ran: string[] = [];
    for (const frame of page.frames()) {
        const seen = await frame
            .evaluate(() => {
                const w = globalThis as unknown as PageWindow;
                return { pwned: w.__azmlPwned, title: w.document.title };
            })
            .catch(() => undefined);
        // A payload sets the title to exactly "PWNED-<n>"; a title that merely quotes a payload (the editor shows the
        // panel's title, a compute name) is not one.
        if (seen && (seen.pwned !== undefined || /^PWNED-\d+/.test(seen.title))) {
            ran.push(`${frame.url().slice(0, 120)}: ${JSON.stringify(seen)}`);
        }
    }
    return ran;
}

/** The compute panel's page (the inner frame of the visible webview), found by its root element. */
export async function panelPage(page: Page): Promise<Frame> {
    for (const frame of page.frames()) {
        if (/fake\.html|active-frame/.test(frame.url()) || frame.name() === 'active-frame') {
            if (
                await frame
                    .locator('main#root')
                    .count()
                    .catch(() => 0)
            ) {
                return frame;
            }
        }
    }
    for (const frame of page.frames()) {
        if (
            await frame
                .locator('main#root')
                .count()
                .catch(() => 0)
        ) {
            return frame;
        }
    }
    throw new Error(
        `no compute panel page among ${page
            .frames()
            .map((f) => f.url().slice(0, 80))
            .join(', ')}`,
    );
}

/**
 * Posts `message` to the extension exactly as the page's `acquireVsCodeApi().postMessage` does: through the webview
 * host frame's bridge. Any script running in the webview could do the same, so the extension must not trust it.
 */
export async function postAsPage(page: Page, message: unknown): Promise<void> {
    const inner = await panelPage(page);
    const host = inner.parentFrame();
    if (!host) {
        throw new Error('the panel page has no host frame');
    }
    await host.evaluate((m) => {
        const bridge = (globalThis as unknown as PageWindow).__vscode_post_message__;
        if (typeof bridge !== 'function') {
            throw new Error('no webview bridge');
        }
        bridge('onmessage', { message: m });
    }, message);
}

/** Starts recording every message the panel page receives (as JSON) into window.__azmlSeen. */
export async function recordPanelMessages(page: Page): Promise<void> {
    const inner = await panelPage(page);
    await inner.evaluate(() => {
        const w = globalThis as unknown as PageWindow;
        if (!w.__azmlSeen) {
            const seen: string[] = (w.__azmlSeen = []);
            w.addEventListener('message', (event) => seen.push(JSON.stringify(event.data)));
        }
    });
}

export async function recordedPanelMessages(page: Page): Promise<string[]> {
    const inner = await panelPage(page);
    return inner.evaluate(() => (globalThis as unknown as PageWindow).__azmlSeen ?? []);
}

function filesUnder(dir: string): string[] {
    if (!fs.existsSync(dir)) {
        return [];
    }
    return fs
        .readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .map((f) => path.join(dir, f))
        .filter((f) => fs.statSync(f).isFile());
}

/** The extension's output channel ("Azure ML Kubernetes"), as code-server has written it so far. */
export function outputChannelText(userDataDir: string): string {
    return filesUnder(path.join(userDataDir, 'logs'))
        .filter((f) => path.basename(f) === 'Azure ML Kubernetes.log')
        .map((f) => fs.readFileSync(f, 'utf8'))
        .join('\n');
}

/** Every log file of the editor (output channels, extension host, renderer, server), by path. */
export function allLogs(userDataDir: string): Map<string, string> {
    return new Map(filesUnder(path.join(userDataDir, 'logs')).map((f) => [f, fs.readFileSync(f, 'utf8')]));
}
