import * as assert from 'assert';
import type { Workbench } from '../pages/workbench';
import { useEditor } from '../session';
import { openWorkspaces } from '../pages/fixture';
import { ATTACH } from '../pages/attachWizard';

const EDIT_IDENTITY = 'Azure ML Kubernetes: Edit Identity...';

const steps = {
    workspace: /Select the Azure Machine Learning workspace/,
    cluster: /Select the AKS or Azure Arc-enabled Kubernetes cluster/,
    name: /Name of the new compute target/,
    namespace: /Kubernetes namespace/,
    namespaceCheck: /Make sure namespace "team-a" exists/,
    identity: /Managed identity for the compute/,
    userAssigned: /Select one user-assigned identity/,
    preflight: /Checks before attaching/,
    confirm: /Attach aks-gpu-dev to ws-vision\?/,
};

/** Back with the mouse: the arrow at the top left of the quick input. */
async function backByMouse(wb: Workbench): Promise<void> {
    await wb.quickInput().locator('.quick-input-titlebar .codicon-quick-input-back').click();
}

/** Back with the keyboard: VS Code's "Go Back" in a quick input (Ctrl+Alt+- on Linux). */
async function backByKeyboard(wb: Workbench): Promise<void> {
    await wb.page.keyboard.press('Control+Alt+Minus');
}

async function inputValue(wb: Workbench): Promise<string> {
    return wb.quickInputBox().inputValue();
}

/** No wizard failed on the way: Back is not an error. */
async function assertNoFailure(wb: Workbench): Promise<void> {
    const failures = (await wb.notifications()).filter((n) => /failed|Go back/i.test(n.message));
    assert.deepStrictEqual(failures, [], 'no failure notification');
}

for (const [how, back] of [
    ['the mouse', backByMouse],
    ['the keyboard', backByKeyboard],
] as const) {
    describe(`wizards: Back with ${how} goes to the previous step, answers kept`, () => {
        const session = useEditor();
        let wb: Workbench;

        before(async () => {
            wb = session.workbench;
            await openWorkspaces(wb, ['ML Platform Dev', 'ws-vision']);
        });

        it('attach: from every step back to the one before, then forward again to the end', async () => {
            session.emulator.admin.clearRequests();
            await wb.runCommand(ATTACH);
            await wb.pickItem('ws-vision', steps.workspace);
            await wb.waitForQuickInput(steps.cluster);
            await back(wb);
            await wb.waitForQuickInput(steps.workspace);
            await wb.pickItem('ws-vision', steps.workspace);
            await wb.pickItem('aks-gpu-dev', steps.cluster);

            await wb.typeInInput('back-e2e', { placeholderOrTitle: steps.name });
            await wb.waitForQuickInput(steps.namespace);
            await back(wb);
            await wb.waitForQuickInput(steps.name);
            assert.strictEqual(await inputValue(wb), 'back-e2e', 'the name typed before is kept');
            await back(wb);
            await wb.pickItem('aks-gpu-dev', steps.cluster);
            await wb.waitForQuickInput(steps.name);
            assert.strictEqual(await inputValue(wb), 'back-e2e', 'still kept after going back two steps');
            await wb.page.keyboard.press('Enter');

            await wb.typeInInput('team-a', { placeholderOrTitle: steps.namespace });
            await wb.waitForQuickInput(steps.namespaceCheck);
            // Back from a step's second question returns to its first one (here: the namespace), not further.
            await back(wb);
            await wb.waitForQuickInput(steps.namespace);
            assert.strictEqual(await inputValue(wb), 'team-a', 'the namespace typed before is kept');
            await back(wb);
            await wb.waitForQuickInput(steps.name);
            await wb.page.keyboard.press('Enter');
            await wb.waitForQuickInput(steps.namespace);
            assert.strictEqual(await inputValue(wb), 'team-a', 'still kept after going back to the name');
            await wb.page.keyboard.press('Enter');
            await wb.pickItem('Continue', steps.namespaceCheck);

            await wb.pickItem('User-assigned', steps.identity);
            await wb.waitForQuickInput(steps.userAssigned);
            await back(wb);
            // Back to the kind of identity (the same step's first question).
            await wb.pickItem('System-assigned', steps.identity);
            await wb.waitForQuickInput(steps.preflight);
            await wb.quickInput().locator('.quick-input-list .monaco-list-row').first().waitFor();
            await back(wb);
            await wb.pickItem('System-assigned', steps.identity);
            await wb.pickItem('All checks passed: continue', steps.preflight);
            await wb.waitForQuickInput(steps.confirm);
            await wb.screenshot('confirm-after-back');
            await back(wb);
            await wb.pickItem('All checks passed: continue', steps.preflight);
            await wb.waitForQuickInput(steps.confirm);
            await wb.page.keyboard.press('Escape');
            await assertNoFailure(wb);
            const puts = session.emulator.admin.requests().filter((r) => r.method === 'PUT');
            assert.deepStrictEqual(puts, [], 'going back and forth wrote nothing');
        });

        it('edit identity: back from the identity and the user-assigned identity steps', async () => {
            await wb.runCommand(EDIT_IDENTITY);
            await wb.pickItem('ws-vision', /Select the workspace of the compute/);
            await wb.pickItem('k8s-gpu', /Select a Kubernetes compute of ws-vision/);
            await wb.waitForQuickInput(/identity of k8s-gpu/);
            await back(wb);
            await wb.pickItem('k8s-gpu', /Select a Kubernetes compute of ws-vision/);
            await wb.pickItem('User-assigned', /identity of k8s-gpu/);
            await wb.waitForQuickInput(/Select the user-assigned identity k8s-gpu will use/);
            await back(wb);
            await wb.waitForQuickInput(/identity of k8s-gpu/);
            await back(wb);
            await wb.waitForQuickInput(/Select a Kubernetes compute of ws-vision/);
            await back(wb);
            await wb.waitForQuickInput(/Select the workspace of the compute/);
            await wb.screenshot('edit-identity-back-to-start');
            await wb.page.keyboard.press('Escape');
            await assertNoFailure(wb);
        });
    });
}
