/**
 * Instance types: a compute's types in the tree and in its panel, checked against aks-gpu-dev's nodes (the type that
 * fits no node flagged with its reason), a GPU type created from the form (a bad quantity refused as typed), a new
 * default set; each checked in the emulator's state. The form's accessibility is scanned with axe-core.
 */
import * as assert from 'assert';
import type { FrameLocator } from 'playwright-core';
import { expectNoViolations } from '../pages/axe';
import { AKS_GPU_DEV, openWorkspaces } from '../pages/fixture';
import { waitForText } from '../pages/panel';
import { childrenOf, labelsOf } from '../pages/tree';
import type { Workbench } from '../pages/workbench';
import { useEditor } from '../session';

const WORKSPACES = 'Workspaces';
const K8S_GPU = ['ML Platform Dev', 'ws-vision', 'k8s-gpu'];

const typeRow = (frame: FrameLocator, name: string) => frame.locator(`tr[data-instance-type="${name}"]`);

async function clipboard(wb: Workbench): Promise<string> {
    return wb.page.evaluate(() =>
        (
            globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
        ).navigator.clipboard.readText(),
    );
}

/** Clicks the field, waits until it has the focus (the webview takes it a moment after the workbench), types. */
async function typeInto(wb: Workbench, frame: FrameLocator, id: string, value: string): Promise<void> {
    const input = frame.locator(`#${id}`);
    await input.click();
    await wb.waitUntil(() => input.evaluate((el) => el === el.ownerDocument.activeElement), `#${id} focused`);
    // Deleted key by key, not with Ctrl+A: the workbench runs a webview's Select All a moment later, which would
    // select (and so lose) the first character typed after it.
    await input.press('End');
    for (let left = (await input.inputValue()).length; left > 0; left--) {
        await wb.page.keyboard.press('Backspace');
    }
    await wb.page.keyboard.type(value);
    await wb.waitUntil(async () => (await input.inputValue()) === value, `#${id} to read ${value}`);
}

describe('instance types: what a job gets, checked against the nodes, set right', () => {
    const session = useEditor();
    let wb: Workbench;
    let frame: FrameLocator;

    before(async () => {
        wb = session.workbench;
        await openWorkspaces(wb, ['ML Platform Dev', 'ws-vision']);
    });

    it("lists k8s-gpu's instance types under it in the tree, the default first", async () => {
        await wb.expandTreeItem(WORKSPACES, K8S_GPU);
        const items = await wb.treeItems(WORKSPACES);
        const names = labelsOf(childrenOf(items, K8S_GPU));
        assert.deepStrictEqual(names, ['defaultinstancetype', 'gpu-quad', 'gpu-small', 'highmem-pool']);
        const first = childrenOf(items, K8S_GPU)[0];
        assert.match(first.description ?? '', /^default · requests 1 CPU \/ 4Gi · limits 2 CPU \/ 8Gi/);
        await wb.screenshot('tree-instance-types');
    });

    it('the panel checks them against the nodes: gpu-quad and highmem-pool fit no node, and say why', async () => {
        await wb.clickTreeItem(WORKSPACES, K8S_GPU);
        frame = wb.webview();
        const section = frame.locator('#instance-types');
        await typeRow(frame, 'gpu-small').waitFor({ timeout: 60_000 });
        assert.match((await section.textContent()) ?? '', /As Azure reports them for this compute/);
        await section.locator('button', { hasText: 'Check Against Nodes' }).click();
        await waitForText(
            wb,
            () => typeRow(frame, 'gpu-quad').locator('td[data-fit]').textContent(),
            /no node has 4 GPUs \(most: 1\)/,
            'gpu-quad judged against the nodes',
            90_000,
        );
        assert.strictEqual(await typeRow(frame, 'gpu-quad').locator('td[data-fit]').getAttribute('data-fit'), 'none');
        assert.match(
            (await typeRow(frame, 'highmem-pool').locator('td[data-fit]').textContent()) ?? '',
            /no node matches nodeSelector agentpool=highmem/,
        );
        assert.match(
            (await typeRow(frame, 'gpu-small').locator('td[data-fit]').textContent()) ?? '',
            /fits on 2 of \d+ nodes/,
        );
        assert.match((await section.textContent()) ?? '', /Read from aks-gpu-dev through Azure/);
        await wb.screenshot('instance-types-checked');
    });

    it('creates a GPU type from the form: a bad quantity is refused as typed, then applied through Azure', async () => {
        await frame.locator('button', { hasText: 'New Instance Type...' }).click();
        await typeInto(wb, frame, 'it-name', 'gpu-medium');
        await typeInto(wb, frame, 'it-requests-cpu', '2');
        await typeInto(wb, frame, 'it-requests-memory', '8 GB');
        await typeInto(wb, frame, 'it-limits-cpu', '4');
        await typeInto(wb, frame, 'it-limits-memory', '16Gi');
        await typeInto(wb, frame, 'it-limits-gpu', '1');
        await typeInto(wb, frame, 'it-nodeSelector', 'accelerator=nvidia');
        assert.notStrictEqual(await frame.locator('#it-requests-memory-error').textContent(), '');
        assert.strictEqual(await frame.locator('#it-requests-memory').getAttribute('aria-invalid'), 'true');
        assert.ok(await frame.locator('button', { hasText: 'Apply' }).isDisabled(), 'Apply waits for a valid type');
        await wb.screenshot('instance-type-form-refused');
        await expectNoViolations(wb, 'the instance type form with a refused field');
        await typeInto(wb, frame, 'it-requests-memory', '8Gi');
        assert.strictEqual(await frame.locator('#it-requests-memory-error').textContent(), '');
        const yaml = (await frame.locator('pre.yaml').textContent()) ?? '';
        assert.match(yaml, /kind: InstanceType/);
        assert.match(yaml, /nvidia\.com\/gpu: 1/);
        await frame.locator('button', { hasText: 'Apply' }).click();
        const dialog = await wb.waitForDialog(/Apply instance type gpu-medium on aks-gpu-dev\?/);
        assert.match(dialog, /name: "gpu-medium"/);
        await wb.clickDialogButton('Apply');
        await waitForText(
            wb,
            () => frame.locator('#instance-types [role="status"]').textContent(),
            /gpu-medium on aks-gpu-dev: created\. Jobs can name it now\./,
            'what the apply did',
            90_000,
        );
        await waitForText(
            wb,
            () => typeRow(frame, 'gpu-medium').locator('td[data-fit]').textContent(),
            /fits on 2 of \d+ nodes/,
            'gpu-medium fits the GPU nodes',
        );
        const stored = session.emulator.admin.instanceTypes(AKS_GPU_DEV).find((t) => t.metadata.name === 'gpu-medium');
        assert.deepStrictEqual(stored?.spec.resources, {
            requests: { cpu: '2', memory: '8Gi' },
            limits: { cpu: '4', memory: '16Gi', 'nvidia.com/gpu': 1 },
        });
        assert.strictEqual(await frame.locator('form.instance-type-form').count(), 0, 'the form closed');
        await wb.screenshot('instance-type-created');
    });

    it('edits gpu-medium: the form opens with its values, the name kept; applied, the cluster has the change', async () => {
        await typeRow(frame, 'gpu-medium').locator('button', { hasText: 'Edit' }).click();
        assert.strictEqual(await frame.locator('#it-name').inputValue(), 'gpu-medium');
        assert.strictEqual(await frame.locator('#it-name').getAttribute('readonly'), '');
        assert.strictEqual(await frame.locator('#it-limits-memory').inputValue(), '16Gi');
        await typeInto(wb, frame, 'it-limits-memory', '24Gi');
        await frame.locator('button', { hasText: 'Apply' }).click();
        await wb.waitForDialog(/Apply instance type gpu-medium on aks-gpu-dev\?/);
        await wb.clickDialogButton('Apply');
        await waitForText(
            wb,
            () => frame.locator('#instance-types [role="status"]').textContent(),
            /gpu-medium on aks-gpu-dev: configured\./,
            'what the edit did',
            90_000,
        );
        const stored = session.emulator.admin.instanceTypes(AKS_GPU_DEV).find((t) => t.metadata.name === 'gpu-medium');
        const resources = stored?.spec.resources as { limits?: { memory?: string } } | undefined;
        assert.strictEqual(resources?.limits?.memory, '24Gi');
    });

    it('sets gpu-small as the default: written as defaultinstancetype, after a confirmation', async () => {
        await typeRow(frame, 'gpu-small').locator('button', { hasText: 'Set as Default' }).click();
        const dialog = await wb.waitForDialog(/Make gpu-small the default instance type of aks-gpu-dev\?/);
        assert.match(dialog, /Every compute that attaches aks-gpu-dev shares it/);
        await wb.clickDialogButton('Set as Default');
        await waitForText(
            wb,
            () => frame.locator('#instance-types [role="status"]').textContent(),
            /gpu-small is now the default of aks-gpu-dev/,
            'what Set as Default did',
            90_000,
        );
        const types = session.emulator.admin.instanceTypes(AKS_GPU_DEV);
        const byName = (name: string) => types.find((t) => t.metadata.name === name)?.spec;
        assert.deepStrictEqual(byName('defaultinstancetype'), byName('gpu-small'));
        await wb.screenshot('instance-type-default');
    });

    it('an Arc compute: its types from Azure, and the kubectl commands and the YAML to copy instead of run-command', async () => {
        await wb.expandTreeItem(WORKSPACES, ['ML Platform Dev', 'ws-nlp']);
        await wb.clickTreeItem(WORKSPACES, ['ML Platform Dev', 'ws-nlp', 'arc-nlp']);
        const arc = wb.webview();
        await waitForText(wb, () => arc.locator('h1').textContent(), 'arc-nlp', 'the arc-nlp panel');
        const section = arc.locator('#instance-types');
        await typeRow(arc, 'defaultinstancetype').waitFor({ timeout: 60_000 });
        assert.match((await section.textContent()) ?? '', /Run-command does not reach an Arc cluster/);
        assert.strictEqual(await section.locator('button', { hasText: 'Check Against Nodes' }).count(), 0);
        await section.locator('button', { hasText: 'Copy kubectl Read Commands' }).click();
        await waitForText(wb, () => arc.locator('#notice').textContent(), /Copied the kubectl commands/, 'copied');
        assert.match(await clipboard(wb), /^kubectl get instancetypes -o yaml\nkubectl get nodes --show-labels/);
        await section.locator('button', { hasText: 'New Instance Type...' }).click();
        await typeInto(wb, arc, 'it-name', 'cpu-large');
        await typeInto(wb, arc, 'it-requests-cpu', '4');
        await typeInto(wb, arc, 'it-requests-memory', '16Gi');
        await typeInto(wb, arc, 'it-limits-cpu', '8');
        await typeInto(wb, arc, 'it-limits-memory', '32Gi');
        await arc.locator('button', { hasText: 'Copy kubectl apply Command' }).click();
        await waitForText(wb, () => arc.locator('#notice').textContent(), /Copied the kubectl apply command/, 'copied');
        const command = await clipboard(wb);
        assert.match(command, /^kubectl apply -f - <<'EOF'\napiVersion: amlarc\.azureml\.com\/v1alpha1\n/);
        assert.match(command, /name: "cpu-large"/);
        await wb.screenshot('instance-types-arc');
    });
});
