import * as fs from 'fs';
import * as path from 'path';
import { type FrameLocator, type Locator, type Page } from 'playwright-core';

export type TreePath = string | string[];

export interface TreeItemInfo {
    label: string;
    description: string;
    /** codicon name ("pass", "error", "sync~spin") or the file name of an image icon ("subscription.svg") */
    icon: string | undefined;
    level: number;
    expanded: boolean | undefined;
    /** The row is selected (VS Code's list marks it aria-selected). */
    selected: boolean;
}

export interface NotificationInfo {
    message: string;
    severity: string | undefined;
    source: string;
    buttons: string[];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exact = (text: string) => new RegExp(`^\\s*${escape(text)}\\s*$`);

export class Workbench {
    constructor(
        readonly page: Page,
        readonly resultsDir: string,
        readonly timeoutMs = 30_000,
    ) {}

    activityBarItem(title: string): Locator {
        return this.page.locator('.part.activitybar li.action-item[role="tab"]').filter({
            has: this.page.locator(`a.action-label[aria-label="${title}"], a.action-label[aria-label^="${title} ("]`),
        });
    }

    async hasViewContainer(title: string, timeoutMs = this.timeoutMs): Promise<boolean> {
        return this.activityBarItem(title)
            .waitFor({ timeout: timeoutMs })
            .then(() => true)
            .catch(() => false);
    }

    async waitForExtensionsActivated(): Promise<void> {
        const activating = this.page.locator('.part.statusbar .statusbar-item', { hasText: 'Activating Extensions' });
        await this.page.waitForTimeout(500);
        await activating.first().waitFor({ state: 'hidden', timeout: this.timeoutMs });
    }

    async activityBarTitles(): Promise<string[]> {
        const labels = await this.page
            .locator('.part.activitybar li.action-item[role="tab"] a.action-label')
            .evaluateAll((links) => links.map((link) => link.getAttribute('aria-label') ?? ''));
        return labels.map((label) => label.replace(/ \([^)]*\)$/, ''));
    }

    sideBar(): Locator {
        return this.page.locator('.part.sidebar');
    }

    async openViewContainer(title: string): Promise<void> {
        const item = this.activityBarItem(title);
        await item.waitFor({ timeout: this.timeoutMs });
        const titleLocator = this.sideBar().locator('.composite.title h2');
        if ((await item.getAttribute('aria-selected')) !== 'true' || !(await this.sideBar().isVisible())) {
            await item.click();
        }
        await titleLocator.filter({ hasText: exact(title) }).waitFor({ timeout: this.timeoutMs });
    }

    async setSideBarWidth(width: number): Promise<void> {
        const bar = await this.sideBar().boundingBox();
        if (!bar) {
            throw new Error('the side bar is not visible');
        }
        const edge = bar.x + bar.width;
        const sashes = await this.page.locator('.monaco-sash.vertical').all();
        for (const sash of sashes) {
            const box = await sash.boundingBox();
            if (box && Math.abs(box.x + box.width / 2 - edge) < 8 && box.height > bar.height / 2) {
                const y = box.y + box.height / 2;
                await this.page.mouse.move(box.x + box.width / 2, y);
                await this.page.mouse.down();
                await this.page.mouse.move(bar.x + width, y, { steps: 5 });
                await this.page.mouse.up();
                return;
            }
        }
        throw new Error('no sash at the side bar edge');
    }

    view(title: string): Locator {
        return this.sideBar()
            .locator('.pane')
            .filter({ has: this.page.locator('.pane-header h3.title', { hasText: exact(title) }) });
    }

    async viewTitles(): Promise<string[]> {
        return (await this.sideBar().locator('.pane-header h3.title').allTextContents()).map((t) => t.trim());
    }

    async expandView(title: string): Promise<Locator> {
        const view = this.view(title);
        const header = view.locator('.pane-header');
        await header.waitFor({ timeout: this.timeoutMs });
        if ((await header.getAttribute('aria-expanded')) !== 'true') {
            await header.click();
        }
        return view;
    }

    async waitForViewLoaded(title: string, quietMs = 1000): Promise<void> {
        const view = await this.expandView(title);
        let since = 0;
        await this.waitUntil(async () => {
            const settled = await view.evaluate((pane) => {
                const busy = [...pane.querySelectorAll('.monaco-progress-container')].some((p) =>
                    p.classList.contains('active'),
                );
                const rows = pane.querySelectorAll('.monaco-list-row').length;
                const welcome = pane.querySelector('.welcome-view');
                const welcomeShown = !!welcome && welcome.getClientRects().length > 0;
                return !busy && (rows > 0 || welcomeShown);
            });
            since = settled ? since || Date.now() : 0;
            return since > 0 && Date.now() - since >= quietMs;
        }, `view ${title} to finish loading`);
    }

    async clickViewTitleAction(viewTitle: string, actionTitle: string): Promise<void> {
        const view = await this.expandView(viewTitle);
        await view.locator('.pane-header').hover();
        await view.locator(`.pane-header .actions .action-label[aria-label^="${actionTitle}"]`).first().click();
    }

    welcomeView(viewTitle: string): Locator {
        return this.view(viewTitle).locator('.welcome-view');
    }

    async clickWelcomeButton(viewTitle: string, text: string): Promise<void> {
        await this.welcomeView(viewTitle)
            .locator('.monaco-button', { hasText: exact(text) })
            .click();
    }

    tree(viewTitle: string): Locator {
        return this.view(viewTitle).locator('.monaco-list[role="tree"]');
    }

    private rows(viewTitle: string): Locator {
        return this.tree(viewTitle).locator('.monaco-list-row[role="treeitem"]');
    }

    private rowByLabel(viewTitle: string, label: string): Locator {
        return this.rows(viewTitle).filter({ has: this.page.locator('.label-name', { hasText: exact(label) }) });
    }

    async treeItem(viewTitle: string, itemPath: TreePath): Promise<Locator> {
        const labels = typeof itemPath === 'string' ? [itemPath] : itemPath;
        const last = labels[labels.length - 1];
        if (labels.length === 1) {
            const row = this.rowByLabel(viewTitle, last).first();
            await row.waitFor({ timeout: this.timeoutMs });
            return row;
        }
        await this.rowByLabel(viewTitle, last).first().waitFor({ timeout: this.timeoutMs });
        const id = await this.rows(viewTitle).evaluateAll((rows, wanted) => {
            const items = rows
                .map((row) => ({
                    id: row.id,
                    index: Number(row.getAttribute('data-index')),
                    level: Number(row.getAttribute('aria-level')),
                    label: row.querySelector('.label-name')?.textContent?.trim() ?? '',
                }))
                .sort((a, b) => a.index - b.index);
            let depth = 0;
            let level = 0;
            for (const item of items) {
                if (depth > 0 && item.level <= level) {
                    return undefined;
                }
                if (item.label === wanted[depth] && (depth === 0 || item.level === level + 1)) {
                    level = item.level;
                    depth++;
                    if (depth === wanted.length) {
                        return item.id;
                    }
                }
            }
            return undefined;
        }, labels);
        if (!id) {
            throw new Error(`tree item ${labels.join(' > ')} not found in view ${viewTitle}`);
        }
        return this.tree(viewTitle).locator(`[id="${id}"]`);
    }

    async expandTreeItem(viewTitle: string, itemPath: TreePath): Promise<Locator> {
        const row = await this.treeItem(viewTitle, itemPath);
        if ((await row.getAttribute('aria-expanded')) === 'false') {
            await row.locator('.monaco-tl-twistie').click();
        }
        const started = Date.now();
        await this.waitUntil(
            async () => {
                const state = await row.evaluate((element) => {
                    const index = Number(element.getAttribute('data-index'));
                    const next = element.parentElement?.querySelector(`.monaco-list-row[data-index="${index + 1}"]`);
                    return {
                        expanded: element.getAttribute('aria-expanded') === 'true',
                        loading:
                            element
                                .querySelector('.monaco-tl-twistie')
                                ?.classList.contains('codicon-tree-item-loading') ?? false,
                        hasChild:
                            !!next &&
                            Number(next.getAttribute('aria-level')) > Number(element.getAttribute('aria-level')),
                    };
                });
                return state.expanded && !state.loading && (state.hasChild || Date.now() - started > 2000);
            },
            `tree item ${String(itemPath)} to expand and load`,
        );
        return row;
    }

    async treeItems(viewTitle: string): Promise<TreeItemInfo[]> {
        await this.expandView(viewTitle);
        const items = await this.rows(viewTitle).evaluateAll((rows) =>
            rows.map((row) => {
                const icon = row.querySelector('.custom-view-tree-node-item-icon');
                const codicon = icon
                    ? [...icon.classList].find((c) => c.startsWith('codicon-') && c !== 'codicon-colored')
                    : undefined;
                const image = decodeURIComponent(/url\("?([^")]*)/.exec(icon?.getAttribute('style') ?? '')?.[1] ?? '');
                const file = /([^/?&=]+\.(?:svg|png))(?:[&?]|$)/.exec(image)?.[1];
                const expanded = row.getAttribute('aria-expanded');
                return {
                    index: Number(row.getAttribute('data-index')),
                    label: row.querySelector('.label-name')?.textContent?.trim() ?? '',
                    description: row.querySelector('.label-description')?.textContent?.trim() ?? '',
                    icon: codicon?.slice('codicon-'.length) ?? file,
                    level: Number(row.getAttribute('aria-level')),
                    expanded: expanded === null ? undefined : expanded === 'true',
                    selected: row.getAttribute('aria-selected') === 'true',
                };
            }),
        );
        return items.sort((a, b) => a.index - b.index).map(({ index: _index, ...item }) => item);
    }

    /** Waits until the view's rendered rows satisfy `condition`; the error names what was wanted and what was seen. */
    async waitForTreeItems(
        viewTitle: string,
        condition: (items: TreeItemInfo[]) => boolean,
        what: string,
        timeoutMs = this.timeoutMs,
    ): Promise<TreeItemInfo[]> {
        let items: TreeItemInfo[] = [];
        await this.waitUntil(
            async () => condition((items = await this.treeItems(viewTitle))),
            `${what} in view ${viewTitle}`,
            timeoutMs,
        ).catch((error: Error) => {
            throw new Error(`${error.message}; rows: ${JSON.stringify(items.map(formatItem))}`);
        });
        return items;
    }

    async collapseTreeItem(viewTitle: string, itemPath: TreePath): Promise<void> {
        const row = await this.treeItem(viewTitle, itemPath);
        if ((await row.getAttribute('aria-expanded')) === 'true') {
            await row.locator('.monaco-tl-twistie').click();
        }
    }

    async clickTreeItem(viewTitle: string, itemPath: TreePath): Promise<void> {
        await (await this.treeItem(viewTitle, itemPath)).locator('.monaco-tl-contents').click();
    }

    async clickInlineAction(viewTitle: string, itemPath: TreePath, actionTitle: string): Promise<void> {
        const row = await this.treeItem(viewTitle, itemPath);
        await row.hover();
        await row
            .locator(
                `.actions .action-label[aria-label="${actionTitle}"], .actions .action-label[aria-label^="${actionTitle} ("]`,
            )
            .first()
            .click();
    }

    async contextMenu(viewTitle: string, itemPath: TreePath): Promise<string[]> {
        const row = await this.treeItem(viewTitle, itemPath);
        await row.locator('.monaco-tl-contents').click({ button: 'right' });
        const entries = this.page.locator('.context-view .monaco-menu [role="menuitem"] .action-label');
        await entries.first().waitFor({ timeout: this.timeoutMs });
        return (await entries.allTextContents()).map((t) => t.trim());
    }

    async chooseContextMenu(viewTitle: string, itemPath: TreePath, entry: string): Promise<void> {
        await this.contextMenu(viewTitle, itemPath);
        const menu = this.page.locator('.context-view .monaco-menu');
        const item = menu
            .locator('[role="menuitem"]')
            .filter({ has: this.page.locator('.action-label', { hasText: exact(entry) }) });
        // A click that lands while the menu is still laying itself out is ignored; a person would click again.
        await item.hover();
        await item.click();
        try {
            await menu.waitFor({ state: 'hidden', timeout: 2000 });
        } catch {
            await item.focus();
            await this.page.keyboard.press('Enter');
            await menu.waitFor({ state: 'hidden', timeout: this.timeoutMs });
        }
    }

    quickInput(): Locator {
        return this.page.locator('.quick-input-widget');
    }

    quickInputBox(): Locator {
        return this.quickInput().locator('.quick-input-box input.input');
    }

    private quickPickRow(label: string): Locator {
        return this.quickInput()
            .locator('.quick-input-list .monaco-list-row')
            .filter({ has: this.page.locator('.label-name', { hasText: exact(label) }) });
    }

    async runCommand(title: string): Promise<void> {
        await this.page.keyboard.press('Escape');
        await this.page.keyboard.press('F1');
        try {
            await this.quickInputBox().waitFor({ timeout: 5000 });
        } catch {
            await this.page.keyboard.press('Control+Shift+P');
            await this.quickInputBox().waitFor({ timeout: this.timeoutMs });
        }
        await this.quickInputBox().fill(`>${title}`);
        const row = this.quickPickRow(title).first();
        await row.waitFor({ timeout: this.timeoutMs });
        await row.click();
        await this.waitUntil(async () => {
            const visible = await this.quickInputBox().isVisible();
            return !visible || !(await this.quickInputBox().inputValue()).startsWith('>');
        }, `command palette to close after "${title}"`);
    }

    async waitUntil(condition: () => Promise<boolean>, what: string, timeoutMs = this.timeoutMs): Promise<void> {
        const deadline = Date.now() + timeoutMs;
        while (!(await condition())) {
            if (Date.now() > deadline) {
                throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
            }
            await this.page.waitForTimeout(100);
        }
    }

    async waitForQuickInput(placeholderOrTitle?: string | RegExp): Promise<void> {
        await this.quickInputBox().waitFor({ timeout: this.timeoutMs });
        if (placeholderOrTitle === undefined) {
            return;
        }
        const matches = (text: string | null) =>
            text !== null &&
            (typeof placeholderOrTitle === 'string'
                ? text.includes(placeholderOrTitle)
                : placeholderOrTitle.test(text));
        let seen: (string | null)[] = [];
        await this.waitUntil(async () => {
            seen = [
                await this.quickInputBox().getAttribute('placeholder'),
                await this.quickInput().locator('.quick-input-title').textContent(),
                await this.quickInput().locator('.quick-input-message').textContent(),
            ];
            return seen.some(matches);
        }, `quick input "${placeholderOrTitle}"`).catch((error: Error) => {
            throw new Error(`${error.message}; saw ${JSON.stringify(seen)}`);
        });
    }

    async quickPickItems(placeholderOrTitle?: string | RegExp): Promise<string[]> {
        await this.waitForQuickInput(placeholderOrTitle);
        return (
            await this.quickInput().locator('.quick-input-list .monaco-list-row .label-name').allTextContents()
        ).map((t) => t.trim());
    }

    /** The label of the quick pick's focused (active) item: what Enter picks. */
    async focusedQuickPickItem(): Promise<string | undefined> {
        const label = this.quickInput().locator('.quick-input-list .monaco-list-row.focused .label-name').first();
        return (await label.count()) > 0 ? ((await label.textContent()) ?? '').trim() : undefined;
    }

    /** The quick pick's separators (group headings), as shown. */
    async quickPickSeparators(): Promise<string[]> {
        return (await this.quickInput().locator('.quick-input-list .quick-input-list-separator').allTextContents())
            .map((t) => t.trim())
            .filter(Boolean);
    }

    async pickItem(label: string, placeholderOrTitle?: string | RegExp): Promise<void> {
        await this.waitForQuickInput(placeholderOrTitle);
        const row = this.quickPickRow(label).first();
        await row.waitFor({ timeout: this.timeoutMs });
        await row.click();
    }

    async pickItems(labels: string[], placeholderOrTitle?: string | RegExp): Promise<void> {
        await this.waitForQuickInput(placeholderOrTitle);
        const all = this.quickInput().locator('.quick-input-list .monaco-list-row[role="checkbox"]');
        await all.first().waitFor({ timeout: this.timeoutMs });
        for (const row of await all.all()) {
            const label = (await row.locator('.label-name').textContent())?.trim() ?? '';
            const checked = (await row.getAttribute('aria-checked')) === 'true';
            if (checked !== labels.includes(label)) {
                await row.locator('.monaco-checkbox').click();
            }
        }
        await this.quickInput()
            .locator('.quick-input-action .monaco-button', { hasText: exact('OK') })
            .click();
    }

    async typeInInput(
        text: string,
        options: { submit?: boolean; placeholderOrTitle?: string | RegExp } = {},
    ): Promise<void> {
        await this.waitForQuickInput(options.placeholderOrTitle);
        await this.quickInputBox().fill(text);
        if (options.submit ?? true) {
            await this.quickInputBox().press('Enter');
        }
    }

    async inputValidationMessage(): Promise<string | undefined> {
        const box = this.quickInput().locator('.quick-input-box .monaco-inputbox');
        await this.page.waitForTimeout(300);
        const classes = (await box.getAttribute('class')) ?? '';
        if (!/\b(error|warning|info)\b/.test(classes)) {
            return undefined;
        }
        return (await this.quickInput().locator('.quick-input-message').textContent())?.trim();
    }

    async dismissQuickInput(): Promise<void> {
        await this.quickInputBox().press('Escape');
        await this.quickInput().waitFor({ state: 'hidden', timeout: this.timeoutMs });
    }

    toast(text: string | RegExp): Locator {
        return this.page
            .locator('.notifications-toasts .notification-toast')
            .filter({ has: this.page.locator('.notification-list-item-message', { hasText: text }) });
    }

    async waitForNotification(text: string | RegExp): Promise<NotificationInfo> {
        const toast = this.toast(text).first();
        await toast.waitFor({ timeout: this.timeoutMs });
        return (await readToasts(toast))[0];
    }

    async notifications(): Promise<NotificationInfo[]> {
        return readToasts(this.page.locator('.notifications-toasts .notification-toast'));
    }

    async clickNotificationButton(text: string | RegExp, button: string): Promise<void> {
        const toast = this.toast(text).first();
        await toast.waitFor({ timeout: this.timeoutMs });
        await toast
            .locator('.notification-list-item-buttons-container .monaco-button', { hasText: exact(button) })
            .click();
    }

    async clearNotifications(): Promise<void> {
        await this.runCommand('Notifications: Clear All Notifications');
        await this.page
            .locator('.notifications-toasts .notification-toast')
            .first()
            .waitFor({ state: 'hidden', timeout: this.timeoutMs });
    }

    /** A modal dialog (showWarningMessage with modal: true): its message and detail text. */
    async waitForDialog(text: string | RegExp): Promise<string> {
        const dialog = this.page.locator('.monaco-dialog-box').filter({ hasText: text }).first();
        await dialog.waitFor({ timeout: this.timeoutMs });
        return ((await dialog.textContent()) ?? '').trim();
    }

    async clickDialogButton(button: string): Promise<void> {
        await this.page
            .locator('.monaco-dialog-box .dialog-buttons .monaco-button', { hasText: exact(button) })
            .first()
            .click();
        await this.page.locator('.monaco-dialog-box').first().waitFor({ state: 'hidden', timeout: this.timeoutMs });
    }

    webview(): FrameLocator {
        return this.page
            .locator('iframe.webview.ready')
            .filter({ visible: true })
            .first()
            .contentFrame()
            .locator('iframe#active-frame')
            .contentFrame();
    }

    async screenshot(name: string): Promise<string> {
        fs.mkdirSync(this.resultsDir, { recursive: true });
        const file = path.join(this.resultsDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
        await this.screenshotTo(file);
        return file;
    }

    /**
     * A screenshot at `file` (any directory), with the pointer parked and hovers gone; `clip` limits it to a
     * region of the page, e.g. the activity bar and side bar.
     */
    async screenshotTo(file: string, clip?: { x: number; y: number; width: number; height: number }): Promise<string> {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        const viewport = this.page.viewportSize();
        await this.page.mouse.move((viewport?.width ?? 1400) - 10, (viewport?.height ?? 900) / 2);
        await this.page.waitForTimeout(600);
        await this.page
            .locator('.workbench-hover-container')
            .first()
            .waitFor({ state: 'hidden', timeout: 3000 })
            .catch(() => undefined);
        await this.page.screenshot({ path: file, clip });
        return file;
    }

    /** The activity bar and the side bar (below the title bar, above the status bar): for README pictures. */
    async sideBarArea(): Promise<{ x: number; y: number; width: number; height: number }> {
        const bar = await this.sideBar().boundingBox();
        if (!bar) {
            throw new Error('the side bar is not visible');
        }
        return { x: 0, y: Math.floor(bar.y), width: Math.floor(bar.x + bar.width), height: Math.ceil(bar.height) };
    }

    /** Moves the keyboard focus to the editor area. */
    async focusEditorArea(): Promise<void> {
        await this.page.locator('.part.editor').click({ position: { x: 20, y: 20 } });
    }

    /** No selected or focused row (and so no inline actions shown) in these views; then the focus leaves them. */
    async clearTreeSelection(...viewTitles: string[]): Promise<void> {
        for (const title of viewTitles) {
            const tree = this.tree(title);
            await tree.focus();
            await this.page.keyboard.press('Escape');
            await this.waitUntil(
                async () => (await tree.locator('.monaco-list-row.selected, .monaco-list-row.focused').count()) === 0,
                `no selected row in view ${title}`,
                5000,
            );
        }
        await this.focusEditorArea();
    }
}

function formatItem(item: TreeItemInfo): string {
    const indent = '  '.repeat(Math.max(0, item.level - 1));
    return `${indent}${item.label} [${item.icon ?? ''}] ${item.description}`.trimEnd();
}

async function readToasts(toasts: Locator): Promise<NotificationInfo[]> {
    return toasts.evaluateAll((elements) =>
        elements.map((toast) => {
            const icon = toast.querySelector('.notification-list-item-icon');
            const severity = icon
                ? [...icon.classList].find((c) => /^codicon-(error|warning|info)$/.test(c))
                : undefined;
            return {
                message: toast.querySelector('.notification-list-item-message')?.textContent?.trim() ?? '',
                severity: severity?.slice('codicon-'.length),
                source:
                    toast
                        .querySelector('.notification-list-item-source')
                        ?.textContent?.replace(/^Source:\s*/, '')
                        .trim() ?? '',
                buttons: [...toast.querySelectorAll('.notification-list-item-buttons-container .monaco-button')].map(
                    (b) => b.textContent?.trim() ?? '',
                ),
            };
        }),
    );
}
