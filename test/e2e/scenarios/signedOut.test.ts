import * as assert from 'assert';
import { docsImage } from '../pages/docsImages';
import { useEditor } from '../session';

describe('signed out: no service principal in the environment', () => {
    const session = useEditor({ signedIn: false });

    it('both views offer "Sign in to Azure"', async () => {
        const wb = session.workbench;
        await wb.openViewContainer('Azure ML Kubernetes');
        await wb.waitForExtensionsActivated();
        for (const view of ['Workspaces', 'Kubernetes Clusters']) {
            await wb.waitForViewLoaded(view);
            const welcome = wb.welcomeView(view);
            assert.ok(await welcome.isVisible(), `${view}: welcome view`);
            assert.match(
                (await welcome.textContent()) ?? '',
                /Sign in to Azure to see your Azure Machine Learning workspaces/,
            );
            const buttons = (await welcome.locator('.monaco-button').allTextContents()).map((t) => t.trim());
            assert.deepStrictEqual(buttons, ['Sign in to Azure'], `${view}: buttons`);
            assert.strictEqual(await wb.tree(view).locator('.monaco-list-row').count(), 0, `${view}: no rows`);
        }
        await wb.setSideBarWidth(520);
        await wb.focusEditorArea();
        await docsImage(wb, 'signed-out', await wb.sideBarArea());
    });

    it('signing in names the missing environment variables and offers another method', async () => {
        const wb = session.workbench;
        await wb.clickWelcomeButton('Workspaces', 'Sign in to Azure');
        const toast = await wb.waitForNotification(/Sign-in uses a service principal from the environment/);
        assert.strictEqual(toast.severity, 'error', JSON.stringify(toast));
        for (const variable of ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET']) {
            assert.ok(toast.message.includes(variable), `"${toast.message}" names ${variable}`);
        }
        assert.deepStrictEqual(toast.buttons, ['Choose Sign-in Method']);
        await wb.screenshot('sign-in-error');

        await wb.clickNotificationButton(/Sign-in uses a service principal/, 'Choose Sign-in Method');
        const settings = wb.page.locator('.settings-editor');
        await settings.waitFor({ timeout: wb.timeoutMs });
        await wb.page
            .locator('.settings-editor .setting-item-contents', { hasText: 'Authentication' })
            .first()
            .waitFor({ timeout: wb.timeoutMs });
        assert.match(
            (await settings.locator('.settings-header .suggest-input-container').textContent()) ?? '',
            /azuremlK8s\.authentication/,
        );
        await wb.toast(/Sign-in uses a service principal/).waitFor({ state: 'hidden', timeout: wb.timeoutMs });
        assert.ok(await wb.welcomeView('Workspaces').isVisible(), 'still signed out');
    });
});
