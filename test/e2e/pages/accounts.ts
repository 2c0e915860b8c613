/**
 * VS Code's own sign-in and sign-out UI, as a person uses it: the Accounts menu (activity bar, bottom), its account
 * submenus with Sign Out and the confirmation that follows, and the consent dialog an extension's first sign-in
 * shows ("The extension '...' wants to sign in using <provider>").
 */

import type { Locator } from 'playwright-core';
import type { Workbench } from './workbench';

export interface MenuAccount {
    /** The account's label (for Microsoft accounts the UPN, lower case). */
    account: string;
    /** The provider's label, e.g. "Microsoft Sovereign Cloud". */
    provider: string;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function accountsButton(wb: Workbench): Locator {
    return wb.page.locator('.part.activitybar li.action-item[aria-label="Accounts"]');
}

function accountsMenu(wb: Workbench): Locator {
    return wb.page.locator('.context-view .monaco-menu').first();
}

/** The text of the modal dialog on screen that matches `text` (its message and detail, without the buttons). */
export async function dialogMessage(wb: Workbench, text: string | RegExp): Promise<string> {
    const dialog = wb.page.locator('.monaco-dialog-box').filter({ hasText: text }).first();
    await dialog.waitFor({ timeout: wb.timeoutMs });
    const parts = await dialog.locator('.dialog-message-text, .dialog-message-detail').allInnerTexts();
    return parts
        .map((part) => part.replace(/\s+/g, ' ').trim())
        .filter(Boolean)
        .join(' ');
}

/** Answers VS Code's "The extension '...' wants to sign in using ..." with Allow; returns what it said. */
export async function allowSignIn(wb: Workbench): Promise<string> {
    const message = await dialogMessage(wb, /wants to sign in using/);
    await wb.clickDialogButton('Allow');
    return message;
}

/** Opens the Accounts menu (closing whatever menu or picker is open first). */
export async function openAccountsMenu(wb: Workbench): Promise<Locator> {
    await wb.page.keyboard.press('Escape');
    const button = accountsButton(wb);
    await button.waitFor({ timeout: wb.timeoutMs });
    await button.click();
    const menu = accountsMenu(wb);
    await menu.waitFor({ timeout: wb.timeoutMs });
    return menu;
}

export async function closeMenu(wb: Workbench): Promise<void> {
    await wb.page.keyboard.press('Escape');
    await accountsMenu(wb).waitFor({ state: 'hidden', timeout: wb.timeoutMs });
}

function parseEntry(label: string): MenuAccount {
    const match = /^(.*) \(([^()]*)\)$/.exec(label.trim());
    return match ? { account: match[1], provider: match[2] } : { account: label.trim(), provider: '' };
}

/** The accounts the open Accounts menu lists (one submenu per account and provider). */
export async function menuAccounts(menu: Locator): Promise<MenuAccount[]> {
    const labels = await menu.locator('.monaco-submenu-item > .action-label').allTextContents();
    return labels.map(parseEntry);
}

/** Opens the Accounts menu, reads the accounts it lists and closes it again. */
export async function accountsInMenu(wb: Workbench): Promise<MenuAccount[]> {
    const accounts = await menuAccounts(await openAccountsMenu(wb));
    await closeMenu(wb);
    return accounts;
}

/** Polls the Accounts menu until its accounts satisfy `condition`; the error names what it listed last. */
export async function waitForAccountsInMenu(
    wb: Workbench,
    condition: (accounts: MenuAccount[]) => boolean,
    what: string,
): Promise<MenuAccount[]> {
    let accounts: MenuAccount[] = [];
    await wb
        .waitUntil(async () => condition((accounts = await accountsInMenu(wb))), `${what} in the Accounts menu`)
        .catch((error: Error) => {
            throw new Error(`${error.message}; it listed ${JSON.stringify(accounts)}`);
        });
    return accounts;
}

/**
 * Accounts menu > `<account> (<provider>)` > Sign Out, and Sign Out in the confirmation VS Code asks for (it names
 * the extensions that used the account). Returns the confirmation's text.
 */
export async function signOutFromAccountsMenu(wb: Workbench, account: string): Promise<string> {
    const menu = await openAccountsMenu(wb);
    const entry = menu
        .locator('.monaco-submenu-item')
        .filter({ has: wb.page.locator('.action-label', { hasText: new RegExp(`^${escape(account)} \\(`) }) });
    await entry.hover();
    const signOut = wb.page
        .locator('.context-view .monaco-submenu [role="menuitem"]')
        .filter({ has: wb.page.locator('.action-label', { hasText: /^Sign Out$/ }) });
    await signOut.waitFor({ timeout: wb.timeoutMs });
    // A click that lands while the submenu is still laying itself out is ignored; a person would click again.
    await signOut.hover();
    await signOut.click();
    const dialog = wb.page.locator('.monaco-dialog-box').first();
    try {
        await dialog.waitFor({ timeout: 3000 });
    } catch {
        await signOut.focus();
        await wb.page.keyboard.press('Enter');
    }
    const message = await dialogMessage(wb, /[Ss]ign out/);
    await wb.clickDialogButton('Sign Out');
    return message;
}
