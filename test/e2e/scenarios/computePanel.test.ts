import * as assert from 'assert';
import type { FrameLocator, Locator } from 'playwright-core';
import { docsImage } from '../pages/docsImages';
import { findItem } from '../pages/tree';
import type { Workbench } from '../pages/workbench';
import { useEditor } from '../session';
import { defaultWorld, visionCompute, openWorkspaces } from '../pages/fixture';

const STORAGE = defaultWorld.storageAccounts.vision.id;
const K8S_GPU_PRINCIPAL = defaultWorld.computes.k8sGpu.principalId ?? '';
const STORAGE_BLOB_DATA_READER = defaultWorld.roles.storageBlobDataReader.id;
const ID_TRAINING = defaultWorld.identities.training;
const WORKSPACES = 'Workspaces';
const K8S_GPU = ['ML Platform Dev', 'ws-vision', 'k8s-gpu'];

const roleRow = (frame: FrameLocator | Locator, role: string, scopeName: string) =>
    frame.locator(`tr[data-role="${role}"]`).filter({ hasText: scopeName });

async function waitForText(
    wb: Workbench,
    read: () => Promise<string | null>,
    expected: string | RegExp,
    what: string,
): Promise<void> {
    let seen: string | null = null;
    await wb
        .waitUntil(async () => {
            seen = await read().catch(() => null);
            return seen !== null && (typeof expected === 'string' ? seen.trim() === expected : expected.test(seen));
        }, what)
        .catch((error: Error) => {
            throw new Error(`${error.message}; saw ${JSON.stringify(seen)}`);
        });
}

async function waitForRowStatus(
    wb: Workbench,
    frame: FrameLocator | Locator,
    role: string,
    scopeName: string,
    status: string,
): Promise<void> {
    await waitForText(
        wb,
        () => roleRow(frame, role, scopeName).getAttribute('data-status'),
        status,
        `${role} on ${scopeName} to be ${status}`,
    );
}

/** The editor area, where the panel is: for README pictures. */
async function editorArea(wb: Workbench) {
    const box = await wb.page.locator('.part.editor').boundingBox();
    if (!box) {
        throw new Error('no editor area');
    }
    return { x: Math.floor(box.x), y: Math.floor(box.y), width: Math.floor(box.width), height: Math.floor(box.height) };
}

describe('compute panel: status, identity and role guidance', () => {
    const session = useEditor({ settings: { 'azuremlK8s.statusPollingIntervalSeconds': 1 } });
    let wb: Workbench;

    before(async () => {
        wb = session.workbench;
        await openWorkspaces(wb, ['ML Platform Dev', 'ws-vision']);
    });

    it('opens when k8s-gpu is clicked: Succeeded, its system-assigned identity and display name', async () => {
        await wb.clickTreeItem(WORKSPACES, K8S_GPU);
        const frame = wb.webview();
        await waitForText(wb, () => frame.locator('h1').textContent(), 'k8s-gpu', 'the panel title');
        await waitForText(wb, () => frame.locator('.state-name').textContent(), 'Succeeded', 'the state');
        const identity = frame.locator('#identity');
        await waitForText(
            wb,
            () => identity.locator('.display-name').textContent(),
            'ws-vision/computes/k8s-gpu',
            'the display name',
        );
        const text = (await identity.textContent()) ?? '';
        assert.match(text, /System-assigned/);
        assert.ok(text.includes(K8S_GPU_PRINCIPAL), text);
        assert.ok(text.includes(defaultWorld.tenant.tenantId), text);
        const attachment = (await frame.locator('#attachment').textContent()) ?? '';
        assert.match(attachment, /aks-gpu-dev/);
        assert.match(attachment, /vision/);
        assert.match(attachment, /az ml compute attach/);
        assert.strictEqual(await wb.page.locator('.tabs-container .tab', { hasText: 'k8s-gpu' }).count(), 1, 'one tab');
    });

    it('keeps each copy button beside the value it copies, with a visible label', async () => {
        const frame = wb.webview();
        for (const value of ['ws-vision/computes/k8s-gpu', K8S_GPU_PRINCIPAL]) {
            const pair = frame.locator('#identity .with-actions').filter({ hasText: value });
            const copy = pair.locator('button', { hasText: 'Copy' });
            const [text, button] = [await pair.locator('.value').boundingBox(), await copy.boundingBox()];
            assert.ok(text && button, value);
            assert.ok(button.x >= text.x + text.width - 1, `the copy button of ${value} is to the right of it`);
            assert.ok(button.y < text.y + text.height, `the copy button of ${value} is on its line, not below it`);
        }
        assert.strictEqual(await frame.locator('#attachment button', { hasText: 'Portal' }).count(), 2);
    });

    it('copies the display name', async () => {
        const frame = wb.webview();
        await frame.locator('button[aria-label="Copy the display name"]').click();
        await waitForText(
            wb,
            () => frame.locator('#notice').textContent(),
            'Copied ws-vision/computes/k8s-gpu',
            'the copy notice',
        );
    });

    it('shows AcrPull on crvisiondev granted and Storage Blob Data Reader on stvisiondev missing, with Assign', async () => {
        const frame = wb.webview();
        await waitForRowStatus(wb, frame, 'AcrPull', 'crvisiondev', 'granted');
        assert.match(
            (await roleRow(frame, 'AcrPull', 'crvisiondev').textContent()) ?? '',
            /Directly on Container registry crvisiondev/,
        );
        await waitForRowStatus(wb, frame, 'Storage Blob Data Reader', 'stvisiondev', 'missing');
        const reader = roleRow(frame, 'Storage Blob Data Reader', 'stvisiondev');
        assert.strictEqual(await reader.locator('button', { hasText: 'Assign' }).count(), 1);
        // Each action says what it does in visible text, not only in a tooltip.
        assert.strictEqual(
            await reader.locator('button[aria-label^="Copy az command"]', { hasText: 'Copy az command' }).count(),
            1,
        );
        assert.strictEqual(
            await reader.locator('button[aria-label^="Access control of"]', { hasText: 'Access control' }).count(),
            1,
        );
        await waitForRowStatus(wb, frame, 'Storage Blob Data Contributor', 'stvisiondev', 'missing');
        assert.strictEqual(await frame.locator('#prerequisites').count(), 0, 'ws-vision has no user-assigned identity');
        await wb.screenshot('panel-light');
        await docsImage(wb, 'compute-panel-light', await editorArea(wb));
    });

    it('assigns Storage Blob Data Reader after a confirmation; the row turns granted and the assignment exists', async () => {
        const frame = wb.webview();
        await roleRow(frame, 'Storage Blob Data Reader', 'stvisiondev')
            .locator('button', { hasText: 'Assign' })
            .click();
        const dialog = await wb.waitForDialog(/Assign Storage Blob Data Reader to ws-vision\/computes\/k8s-gpu/);
        assert.ok(dialog.includes(STORAGE), dialog);
        assert.ok(dialog.includes(K8S_GPU_PRINCIPAL), dialog);
        await wb.clickDialogButton('Assign');
        // How it ended, in a notification the notification center keeps.
        await wb.waitForNotification(
            /^Assigned Storage Blob Data Reader on Storage account stvisiondev to compute k8s-gpu's system-assigned identity\./,
        );
        await waitForRowStatus(wb, wb.webview(), 'Storage Blob Data Reader', 'stvisiondev', 'granted');
        const world = session.emulator.admin.state() as {
            resources: { type: string; properties: Record<string, string> }[];
        };
        const created = world.resources.filter(
            (r) =>
                r.type === 'Microsoft.Authorization/roleAssignments' &&
                r.properties.principalId === K8S_GPU_PRINCIPAL &&
                r.properties.scope.toLowerCase() === STORAGE.toLowerCase() &&
                r.properties.roleDefinitionId.endsWith(STORAGE_BLOB_DATA_READER),
        );
        assert.strictEqual(created.length, 1, JSON.stringify(created));
        // Contributor is still only offered.
        await waitForRowStatus(wb, wb.webview(), 'Storage Blob Data Contributor', 'stvisiondev', 'missing');
    });

    it('adds a registry from another workspace and checks AcrPull on it', async () => {
        const frame = wb.webview();
        await frame.locator('button', { hasText: 'Add a resource...' }).click();
        await wb.pickItem('crnlpdev', /Pick a container registry or storage account/);
        await waitForRowStatus(wb, frame, 'AcrPull', 'crnlpdev', 'missing');
        assert.strictEqual(
            await roleRow(frame, 'AcrPull', 'crnlpdev').locator('button', { hasText: 'Assign' }).count(),
            1,
        );
        await wb.screenshot('panel-added-resource');
    });

    it('follows a Creating compute until it is Succeeded', async () => {
        session.emulator.admin.upsertResource(visionCompute('k8s-new', 'Creating'));
        await wb.clickInlineAction(WORKSPACES, ['ML Platform Dev', 'ws-vision'], 'Refresh');
        await wb.waitForTreeItems(
            WORKSPACES,
            (rows) => !!findItem(rows, ['ML Platform Dev', 'ws-vision', 'k8s-new']),
            'k8s-new',
        );
        await wb.clickTreeItem(WORKSPACES, ['ML Platform Dev', 'ws-vision', 'k8s-new']);
        const frame = wb.webview();
        await waitForText(wb, () => frame.locator('h1').textContent(), 'k8s-new', 'the k8s-new panel');
        await waitForText(wb, () => frame.locator('.state-name').textContent(), 'Creating', 'Creating');
        assert.match((await frame.locator('.state').textContent()) ?? '', /updating live/);
        await wb.screenshot('panel-creating');
        session.emulator.admin.upsertResource(visionCompute('k8s-new', 'Succeeded'));
        await waitForText(
            wb,
            () => frame.locator('.state-name').textContent(),
            'Succeeded',
            'Succeeded without a refresh',
        );
        assert.doesNotMatch((await frame.locator('.state').textContent()) ?? '', /updating live/);
    });

    it('reopening k8s-gpu reveals its panel, restored after being hidden', async () => {
        await wb.clickTreeItem(WORKSPACES, K8S_GPU);
        const frame = wb.webview();
        await waitForText(wb, () => frame.locator('h1').textContent(), 'k8s-gpu', 'the k8s-gpu panel');
        await waitForRowStatus(wb, frame, 'Storage Blob Data Reader', 'stvisiondev', 'granted');
        assert.strictEqual(
            await wb.page.locator('.tabs-container .tab', { hasText: 'k8s-gpu' }).count(),
            1,
            'still one tab',
        );
    });

    it('a user-assigned compute in a workspace with a user-assigned identity shows the workspace prerequisites', async () => {
        await wb.expandTreeItem(WORKSPACES, ['ML Platform Dev', 'ws-nlp']);
        await wb.clickTreeItem(WORKSPACES, ['ML Platform Dev', 'ws-nlp', 'arc-nlp']);
        const frame = wb.webview();
        await waitForText(wb, () => frame.locator('h1').textContent(), 'arc-nlp', 'the arc-nlp panel');
        const identity = (await frame.locator('#identity').textContent()) ?? '';
        assert.match(identity, /User-assigned/);
        assert.match(identity, /id-training/);
        assert.ok(identity.includes(ID_TRAINING.clientId), `client id: ${identity}`);
        assert.ok(identity.includes(ID_TRAINING.principalId), `principal id: ${identity}`);
        assert.doesNotMatch(identity, /Display name/);
        await waitForRowStatus(wb, frame, 'Storage Blob Data Reader', 'stnlpdev', 'granted');
        const prerequisites = frame.locator('#prerequisites');
        await waitForText(
            wb,
            () => prerequisites.locator('.section-intro').textContent(),
            /id-ws-nlp/,
            'the workspace identity',
        );
        await waitForRowStatus(wb, prerequisites, 'Reader', 'arc-onprem-01', 'granted');
        await waitForRowStatus(wb, prerequisites, 'Azure Relay Owner', 'azmlrly-onprem01', 'granted');
        await waitForRowStatus(wb, prerequisites, 'Kubernetes Extension Contributor', 'arc-onprem-01', 'missing');
        await wb.screenshot('panel-prerequisites');
    });

    it('where the user may not grant roles, a missing row says who can and offers the az command instead', async () => {
        // In ML Platform Prod the signed-in principal is only a Contributor: it cannot write role assignments.
        await wb.expandTreeItem(WORKSPACES, ['ML Platform Prod']);
        await wb.expandTreeItem(WORKSPACES, ['ML Platform Prod', 'ws-forecast']);
        await wb.clickTreeItem(WORKSPACES, ['ML Platform Prod', 'ws-forecast', 'arc-forecast']);
        const frame = wb.webview();
        await waitForText(wb, () => frame.locator('h1').textContent(), 'arc-forecast', 'the arc-forecast panel');
        await waitForRowStatus(wb, frame, 'AcrPull', 'crforecastprod', 'missing');
        const row = roleRow(frame, 'AcrPull', 'crforecastprod');
        assert.strictEqual(
            await row.locator('button', { hasText: 'Assign' }).count(),
            0,
            'no Assign without the right to grant',
        );
        // Who can grant is said once on the page, however many rows it concerns.
        const whoCan = /Owner, User Access Administrator or Role Based Access Control Administrator/g;
        await waitForRowStatus(wb, frame, 'Storage Blob Data Reader', 'stforecastprod', 'missing');
        const page = (await frame.locator('#root').textContent()) ?? '';
        assert.strictEqual(page.match(whoCan)?.length, 1, page);
        assert.match((await row.locator('.cannot-assign').textContent()) ?? '', /see the note above/);
        await row.locator('button', { hasText: 'Copy az command' }).click();
        await waitForText(wb, () => frame.locator('#notice').textContent(), /Copied/, 'the copy notice');
        const writes = session.emulator.admin
            .requests()
            .filter((r) => r.method === 'PUT' && /roleAssignments/.test(r.path) && r.path.includes('22222222'));
        assert.deepStrictEqual(writes, [], 'nothing was sent');
        await wb.screenshot('panel-no-rights');
    });

    it('reads well in a dark theme', async () => {
        await wb.clickTreeItem(WORKSPACES, K8S_GPU);
        // A panel coming back loads its page and takes the focus, which would close the palette: let it settle first.
        await waitForRowStatus(wb, wb.webview(), 'AcrPull', 'crvisiondev', 'granted');
        await wb.page.waitForTimeout(1000);
        await wb.tree(WORKSPACES).focus();
        await wb.runCommand('Preferences: Color Theme');
        await wb.pickItem('Dark Modern');
        await wb.waitUntil(
            async () => /vs-dark/.test((await wb.page.locator('.monaco-workbench').getAttribute('class')) ?? ''),
            'the dark theme',
        );
        const frame = wb.webview();
        await waitForRowStatus(wb, frame, 'AcrPull', 'crvisiondev', 'granted');
        await wb.screenshot('panel-dark');
        await docsImage(wb, 'compute-panel-dark', await editorArea(wb));
    });

    it('comes back after a window reload, showing the same compute', async () => {
        await wb.clickTreeItem(WORKSPACES, K8S_GPU);
        await waitForText(wb, () => wb.webview().locator('h1').textContent(), 'k8s-gpu', 'the k8s-gpu panel');
        // The workbench stores its open editors a moment after they open; a person does not reload faster.
        await wb.page.waitForTimeout(2000);
        await wb.page.reload();
        await wb.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
        await wb.waitUntil(
            async () => (await wb.page.locator('.tabs-container .tab', { hasText: 'k8s-gpu' }).count()) === 1,
            'the k8s-gpu tab after reload',
            60_000,
        );
        await wb.page.locator('.tabs-container .tab', { hasText: 'k8s-gpu' }).click();
        const frame = wb.webview();
        await waitForText(wb, () => frame.locator('h1').textContent(), 'k8s-gpu', 'the restored panel');
        await waitForText(wb, () => frame.locator('.state-name').textContent(), 'Succeeded', 'the state, read again');
        await waitForRowStatus(wb, frame, 'AcrPull', 'crvisiondev', 'granted');
        await wb.screenshot('panel-after-reload');
    });
});
