/** The compute panel as a person uses it: its tab, text that settles, the keyboard, and what it opens outside. */
import type { FrameLocator, Page } from 'playwright-core';
import type { Workbench } from './workbench';

/** Waits until `read()` gives `expected` (trimmed and equal, or matching), and says what it saw when it does not. */
export async function waitForText(
    wb: Workbench,
    read: () => Promise<string | null>,
    expected: string | RegExp,
    what: string,
    timeoutMs = wb.timeoutMs,
): Promise<void> {
    let seen: string | null = null;
    await wb
        .waitUntil(
            async () => {
                seen = await read().catch(() => null);
                return seen !== null && (typeof expected === 'string' ? seen.trim() === expected : expected.test(seen));
            },
            what,
            timeoutMs,
        )
        .catch((error: Error) => {
            throw new Error(`${error.message}; saw ${JSON.stringify(seen)}`);
        });
}

/** The editor tab of a panel, by the compute's name (its title may say more, e.g. "(gone)"). */
export function panelTab(wb: Workbench, computeName: string) {
    return wb.page.locator('.tabs-container .tab').filter({ hasText: computeName });
}

/** The text of the element that has the keyboard focus in the panel's page, or undefined. */
export async function focusedText(frame: FrameLocator): Promise<string | undefined> {
    const focused = frame.locator(':focus');
    return (await focused.count()) > 0 ? ((await focused.first().textContent()) ?? '').trim() : undefined;
}

/**
 * Puts the keyboard focus at the top of the panel's page (a click on its title, as a person would to start reading)
 * and presses Tab until the focused control's text is `text`; fails after `maxTabs`.
 */
export async function tabTo(wb: Workbench, frame: FrameLocator, text: string, maxTabs = 30): Promise<void> {
    await frame.locator('h1').click();
    const seen: (string | undefined)[] = [];
    for (let i = 0; i < maxTabs; i++) {
        await wb.page.keyboard.press('Tab');
        const now = await focusedText(frame);
        seen.push(now);
        if (now === text) {
            return;
        }
    }
    throw new Error(`Tab did not reach "${text}" in ${maxTabs} presses; focused in turn: ${JSON.stringify(seen)}`);
}

/**
 * What opening an address outside the editor (vscode.env.openExternal) did after `act`: code-server either opens it
 * in a new browser tab or first asks in a dialog whether to open it. Returns the address, and closes what opened.
 */
export async function openedExternally(wb: Workbench, act: () => Promise<void>): Promise<string> {
    const context = wb.page.context();
    const popup = context.waitForEvent('page', { timeout: 15_000 }).then(
        (p: Page) => p,
        () => undefined,
    );
    await act();
    const dialog = wb.page.locator('.monaco-dialog-box').filter({ hasText: /open the external website/i });
    const first = await Promise.race([
        popup.then((p) => (p ? ('popup' as const) : undefined)),
        dialog.waitFor({ timeout: 15_000 }).then(
            () => 'dialog' as const,
            () => undefined,
        ),
    ]);
    if (first === 'dialog') {
        const text = ((await dialog.textContent()) ?? '').trim();
        await wb.clickDialogButton('Cancel');
        return text;
    }
    const page = await popup;
    if (!page) {
        throw new Error('nothing was opened outside the editor');
    }
    const url =
        page.url() === 'about:blank'
            ? await page.waitForURL(/^https?:/, { timeout: 10_000 }).then(() => page.url())
            : page.url();
    await page.close();
    return url;
}
