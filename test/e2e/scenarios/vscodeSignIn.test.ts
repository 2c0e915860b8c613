import * as assert from 'assert';
import {
    allowSignIn,
    closeMenu,
    menuAccounts,
    openAccountsMenu,
    signOutFromAccountsMenu,
    waitForAccountsInMenu,
} from '../pages/accounts';
import { docsImage } from '../pages/docsImages';
import { quickPickRows } from '../pages/quickPickRows';
import { labelsOf } from '../pages/tree';
import type { Workbench } from '../pages/workbench';
import { useEditor } from '../session';
import { defaultWorld } from '../../emulator/defaultWorld';

const WORKSPACES = 'Workspaces';
const CLUSTERS = 'Kubernetes Clusters';
const VIEWS = [WORKSPACES, CLUSTERS];
const PROVIDER = 'Microsoft Sovereign Cloud';
const PICKER = /^Sign in to Microsoft Sovereign Cloud \(emulated\)$/;
const PEOPLE = Object.values(defaultWorld.people).map((p) => p.userPrincipalName);
const DANA = defaultWorld.people.dana.userPrincipalName;
const CONTOSO = defaultWorld.tenants.home.tenantId;
const FABRIKAM = defaultWorld.tenants.fabrikam.tenantId;
const WOODGROVE = defaultWorld.tenants.woodgrove;
const WOODGROVE_ROW = `Sign in to ${WOODGROVE.displayName} to see its subscriptions`;
const FILTER = ['Fabrikam Vision Lab', 'ML Platform Dev'];
// Her subscriptions in the tenants that give a token without asking again (Woodgrove asks for MFA).
const HER_SUBSCRIPTIONS = [
    'Fabrikam Vision Lab',
    'Finance Sandbox',
    'ML Platform Dev',
    'ML Platform Prod',
    'Research Shared',
];

async function subscriptionRows(wb: Workbench, view: string, wanted: string[]): Promise<string[]> {
    const rows = await wb.waitForTreeItems(
        view,
        (items) => wanted.every((name) => items.some((i) => i.level === 1 && i.label === name)),
        `the subscriptions ${wanted.join(', ')}`,
    );
    return labelsOf(rows.filter((r) => r.level === 1 && r.icon === 'subscription.svg'));
}

async function assertSignedOut(wb: Workbench): Promise<void> {
    for (const view of VIEWS) {
        await wb.waitForViewLoaded(view);
        const welcome = wb.welcomeView(view);
        await welcome.waitFor({ timeout: wb.timeoutMs });
        assert.match((await welcome.textContent()) ?? '', /Sign in to Azure to see your Azure Machine Learning/);
        const buttons = (await welcome.locator('.monaco-button').allTextContents()).map((t) => t.trim());
        assert.deepStrictEqual(buttons, ['Sign in to Azure'], `${view}: buttons`);
        assert.strictEqual(await wb.tree(view).locator('.monaco-list-row').count(), 0, `${view}: no rows`);
    }
}

describe("VS Code's Microsoft account: a person signs in and out with the Accounts menu", () => {
    // The test-only microsoft-auth-extension provides VS Code's Microsoft sign-in with the emulator's Entra;
    // code-server gets no service principal.
    const session = useEditor({ signIn: 'vscode' });
    let wb: Workbench;

    before(async () => {
        wb = session.workbench;
        session.emulator.admin.clearRequests(); // the request log outlives a reset: earlier describes' requests go
        await wb.openViewContainer('Azure ML Kubernetes');
        await wb.waitForExtensionsActivated();
    });

    it('a fresh profile: both views offer "Sign in to Azure", and the Accounts menu lists no account', async () => {
        await assertSignedOut(wb);
        assert.deepStrictEqual(await menuAccounts(await openAccountsMenu(wb)), []);
        await closeMenu(wb);
    });

    it('Escape in the account picker signs no one in', async () => {
        await wb.clickWelcomeButton(WORKSPACES, 'Sign in to Azure');
        await allowSignIn(wb);
        await wb.waitForQuickInput(PICKER);
        await wb.dismissQuickInput();
        // Closing the picker is the person's choice, not a failure: no error toast.
        await wb.page.waitForTimeout(1500);
        const toasts = (await wb.notifications()).filter((n) => /Sign-in failed|Canceled/.test(n.message));
        assert.deepStrictEqual(toasts, [], 'no failure shown');
        await assertSignedOut(wb);
        assert.deepStrictEqual(await menuAccounts(await openAccountsMenu(wb)), []);
        await closeMenu(wb);
    });

    it("another account that Entra does not know: the sign-in fails with Entra's description", async () => {
        await wb.clickWelcomeButton(WORKSPACES, 'Sign in to Azure');
        await allowSignIn(wb);
        await wb.pickItem('Use another account...', PICKER);
        await wb.typeInInput('nobody@contosoml.onmicrosoft.com', { placeholderOrTitle: PICKER });
        const toast = await wb.waitForNotification(/AADSTS50034/);
        assert.match(
            toast.message,
            /^Sign-in failed: AADSTS50034: The user account nobody@contosoml\.onmicrosoft\.com /,
        );
        await wb.clearNotifications();
        await assertSignedOut(wb);
    });

    it("Sign in to Azure: VS Code's consent, the account picker, Dana; the Accounts menu then lists her", async () => {
        await wb.clickWelcomeButton(WORKSPACES, 'Sign in to Azure');
        assert.strictEqual(
            await allowSignIn(wb),
            `The extension 'Azure ML Kubernetes Compute' wants to sign in using ${PROVIDER}.`,
        );
        assert.deepStrictEqual(await wb.quickPickItems(PICKER), [...PEOPLE, 'Use another account...']);
        await docsImage(wb, 'vscode-account-picker');
        await wb.pickItem(DANA, PICKER);

        await waitForAccountsInMenu(wb, (accounts) => accounts.length > 0, 'an account');
        const menu = await openAccountsMenu(wb);
        assert.deepStrictEqual(await menuAccounts(menu), [{ account: DANA, provider: PROVIDER }]);
        await docsImage(wb, 'vscode-accounts-menu');
        await closeMenu(wb);

        // The interactive sign-in went through Entra's authorize endpoint with her as the login hint, and its code
        // (PKCE) was redeemed once; the other tenants' tokens came from her refresh token.
        const entra = session.emulator.admin
            .requests()
            .filter((r) => /\/oauth2\/v2\.0\/(authorize|token)$/.test(r.path));
        const authorize = entra.filter((r) => r.path.endsWith('/authorize') && r.query.login_hint === DANA);
        assert.strictEqual(authorize.length, 1, JSON.stringify(authorize));
        assert.strictEqual(authorize[0].status, 302);
        assert.strictEqual(authorize[0].query.code_challenge_method, 'S256');
        const grants = entra
            .filter((r) => r.path.endsWith('/token'))
            .map((r) => (r.requestBody as Record<string, string>).grant_type);
        // No service principal anywhere: the person's code first, then her refresh token.
        assert.strictEqual(grants[0], 'authorization_code', JSON.stringify(grants));
        assert.deepStrictEqual([...new Set(grants.slice(1))], ['refresh_token'], JSON.stringify(grants));
    });

    it("the views list the subscriptions of her tenants: Contoso ML's four and Fabrikam's", async () => {
        for (const view of VIEWS) {
            const subscriptions = await subscriptionRows(wb, view, HER_SUBSCRIPTIONS);
            for (const name of HER_SUBSCRIPTIONS) {
                assert.ok(subscriptions.includes(name), `${view}: ${name} in ${JSON.stringify(subscriptions)}`);
            }
            assert.ok(!subscriptions.includes('Northwind Analytics'), `${view}: not a member of Northwind`);
        }
        const tokenTenants = session.emulator.admin
            .requests()
            .filter((r) => r.path.endsWith('/oauth2/v2.0/token') && r.status === 200)
            .map((r) => r.path.split('/')[1]);
        for (const tenant of [CONTOSO, FABRIKAM]) {
            assert.ok(tokenTenants.includes(tenant), `a token for ${tenant} in ${JSON.stringify(tokenTenants)}`);
        }
        await wb.expandTreeItem(WORKSPACES, 'Fabrikam Vision Lab');
        await wb.setSideBarWidth(560);
        await wb.clearTreeSelection(WORKSPACES);
        await docsImage(wb, 'vscode-two-tenants', await wb.sideBarArea());
    });

    it('a directory that asks for MFA is a row to sign in to, not a missing subscription; signing in lists it', async () => {
        const rows = await wb.waitForTreeItems(
            WORKSPACES,
            (items) => items.some((i) => i.level === 1 && i.label === WOODGROVE_ROW),
            'the Woodgrove sign-in row',
        );
        const row = rows.find((i) => i.label === WOODGROVE_ROW)!;
        assert.strictEqual(row.description, WOODGROVE.defaultDomain);
        assert.strictEqual(row.icon, 'sign-in');
        assert.ok(!rows.some((i) => i.label === 'Woodgrove Training'), 'its subscription is not listed yet');
        session.emulator.admin.clearRequests();
        await wb.clickTreeItem(WORKSPACES, [WOODGROVE_ROW]);
        await allowSignIn(wb);
        // Her account is known: no picker, the sign-in to that tenant goes straight to Entra (which does the MFA).
        await wb.waitForNotification(`Signed in to ${WOODGROVE.displayName}: 1 subscription(s).`);
        const after = await wb.waitForTreeItems(
            WORKSPACES,
            (items) => items.some((i) => i.level === 1 && i.label === 'Woodgrove Training'),
            'Woodgrove Training listed',
        );
        assert.ok(!after.some((i) => i.label === WOODGROVE_ROW), 'the sign-in row is gone');
        const authorize = session.emulator.admin
            .requests()
            .filter((r) => r.path === `/${WOODGROVE.tenantId}/oauth2/v2.0/authorize`);
        assert.deepStrictEqual(
            authorize.map((r) => [r.status, r.query.login_hint]),
            [[302, DANA]],
        );
        await wb.screenshot('woodgrove-signed-in');
    });

    it('a reload keeps her signed in: the account and her subscriptions come back without asking', async () => {
        // The sign-in's secrets reach the window's storage a moment after it ends; a person does not reload faster.
        await wb.page.waitForTimeout(2000);
        await wb.page.reload({ waitUntil: 'domcontentloaded' });
        await wb.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
        // The side bar comes back with the views by itself; clicking the container before it has would hide it.
        await wb
            .view(WORKSPACES)
            .waitFor({ timeout: 30_000 })
            .catch(() => wb.openViewContainer('Azure ML Kubernetes'));
        await wb.waitForExtensionsActivated();
        await subscriptionRows(wb, WORKSPACES, HER_SUBSCRIPTIONS);
        await waitForAccountsInMenu(
            wb,
            (accounts) => accounts.some((a) => a.account === DANA && a.provider === PROVIDER),
            DANA,
        );
        assert.strictEqual(await wb.page.locator('.monaco-dialog-box').count(), 0, 'no dialog');
        assert.ok(!(await wb.quickInput().isVisible()), 'no picker');
    });

    it("Select Subscriptions names each subscription's tenant; the choice applies to both views", async () => {
        await wb.runCommand('Azure ML Kubernetes: Select Subscriptions...');
        const picks = await quickPickRows(wb, /Select the subscriptions to show/);
        const fabrikam = picks.find((p) => p.label === 'Fabrikam Vision Lab');
        assert.strictEqual(
            fabrikam?.description,
            `${defaultWorld.tenants.fabrikam.displayName} · ${defaultWorld.subscriptions.fabrikam.id}`,
        );
        await wb.pickItems(FILTER, /Select the subscriptions to show/);
        for (const view of VIEWS) {
            await wb.waitForTreeItems(
                view,
                (items) =>
                    JSON.stringify(labelsOf(items.filter((i) => i.level === 1 && i.icon === 'subscription.svg'))) ===
                    JSON.stringify(FILTER),
                `${view}: only ${FILTER.join(', ')}`,
            );
        }
    });

    it('signing out from the Accounts menu brings back "Sign in to Azure"', async () => {
        const confirmation = await signOutFromAccountsMenu(wb, DANA);
        assert.match(confirmation, new RegExp(`The account '${DANA}' has been used by: Azure ML Kubernetes Compute`));
        await waitForAccountsInMenu(wb, (accounts) => accounts.length === 0, 'no account');
        await assertSignedOut(wb);
    });

    it('signing in again: the same account picker, and the subscription filter is remembered', async () => {
        await wb.clickWelcomeButton(WORKSPACES, 'Sign in to Azure');
        await allowSignIn(wb);
        await wb.pickItem(DANA, PICKER);
        for (const view of VIEWS) {
            const rows = await wb.waitForTreeItems(
                view,
                (items) => items.some((i) => i.level === 1 && i.icon === 'subscription.svg'),
                `${view}: signed in again`,
            );
            assert.deepStrictEqual(
                labelsOf(rows.filter((i) => i.level === 1 && i.icon === 'subscription.svg')),
                FILTER,
                `${view}: still only the subscriptions chosen before the sign-out`,
            );
        }
    });
});
