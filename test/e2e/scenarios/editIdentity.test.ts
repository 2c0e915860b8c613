import * as assert from 'assert';
import { findItem } from '../pages/tree';
import type { Workbench } from '../pages/workbench';
import { useEditor } from '../session';
import { defaultWorld, WS_VISION, visionCompute, openWorkspaces } from '../pages/fixture';

const ID_TRAINING = defaultWorld.identities.training.id;
const K8S_GPU_PRINCIPAL = defaultWorld.computes.k8sGpu.principalId ?? '';
const K8S_GPU = ['ML Platform Dev', 'ws-vision', 'k8s-gpu'];

describe('edit a compute identity', () => {
    const session = useEditor({ settings: { 'azuremlK8s.statusPollingIntervalSeconds': 1 } });
    let wb: Workbench;

    const waitForDescription = (pattern: RegExp) =>
        wb.waitUntil(
            async () => pattern.test(findItem(await wb.treeItems('Workspaces'), K8S_GPU)?.description ?? ''),
            `k8s-gpu to read ${pattern}`,
        );
    const stored = () =>
        session.emulator.admin.getResource(`${WS_VISION}/computes/k8s-gpu`) as {
            identity?: { type?: string; userAssignedIdentities?: Record<string, unknown> };
        };

    before(async () => {
        wb = session.workbench;
        await openWorkspaces(wb, ['ML Platform Dev', 'ws-vision']);
    });

    it('goes from system-assigned to a user-assigned identity, warning that the system principal is deleted', async () => {
        await wb.chooseContextMenu('Workspaces', K8S_GPU, 'Edit Identity...');
        await wb.pickItem('User-assigned', /identity of k8s-gpu \(now: System-assigned\)/);
        await wb.pickItem('id-training', /Select the user-assigned identity k8s-gpu will use from now on/);
        const dialog = await wb.waitForDialog(/Change the identity of compute k8s-gpu in ws-vision\?/);
        assert.match(
            dialog,
            new RegExp(`system-assigned identity of k8s-gpu \\(principal ${K8S_GPU_PRINCIPAL}\\) is deleted`),
        );
        assert.match(dialog, /Role assignments made to it do not carry over/);
        await wb.screenshot('identity-impact');
        await wb.clickDialogButton('Change Identity');
        const end = await wb.waitForNotification(/Updated the identity of k8s-gpu in ws-vision: Succeeded\./);
        assert.deepStrictEqual(end.buttons, ['Show Details']);
        await waitForDescription(/^Succeeded · vision · aks-gpu-dev · User-assigned$/);
        assert.strictEqual(stored()?.identity?.type, 'UserAssigned');
        assert.deepStrictEqual(
            Object.keys(stored()?.identity?.userAssignedIdentities ?? {}).map((k) => k.toLowerCase()),
            [ID_TRAINING.toLowerCase()],
        );
        const writes = session.emulator.admin
            .requests()
            .filter((r) => r.path.endsWith('/computes/k8s-gpu') && r.method !== 'GET');
        assert.deepStrictEqual(
            writes.map((r) => r.method),
            ['PUT'],
            'one PUT, no PATCH',
        );
    });

    it('then removes the identity', async () => {
        await wb.clearNotifications();
        await wb.chooseContextMenu('Workspaces', K8S_GPU, 'Edit Identity...');
        await wb.pickItem('No managed identity', /identity of k8s-gpu \(now: User-assigned \(id-training\)\)/);
        const dialog = await wb.waitForDialog(/Change the identity of compute k8s-gpu in ws-vision\?/);
        assert.match(dialog, /stops using id-training; that identity and its roles stay/);
        await wb.clickDialogButton('Change Identity');
        await wb.waitForNotification(/Updated the identity of k8s-gpu in ws-vision: Succeeded\./);
        await waitForDescription(/^Succeeded · vision · aks-gpu-dev · No identity$/);
        assert.strictEqual(stored()?.identity?.type, 'None');
        await wb.screenshot('identity-none');
    });
});

describe('from no identity to ready for training, by clicks', () => {
    const session = useEditor({ settings: { 'azuremlK8s.statusPollingIntervalSeconds': 1 } });
    const PLAIN = ['ML Platform Dev', 'ws-vision', 'k8s-plain'];

    it('gives a compute a system-assigned identity, then AcrPull and Storage Blob Data Reader from the role guidance', async () => {
        const wb = session.workbench;
        session.emulator.admin.upsertResource({
            ...visionCompute('k8s-plain', 'Succeeded'),
            identity: { type: 'None' },
        });
        await openWorkspaces(wb, ['ML Platform Dev', 'ws-vision']);
        const started = Date.now();

        await wb.chooseContextMenu('Workspaces', PLAIN, 'Edit Identity...');
        await wb.pickItem('System-assigned', /identity of k8s-plain \(now: No identity\)/);
        await wb.waitForDialog(/Change the identity of compute k8s-plain in ws-vision\?/);
        await wb.clickDialogButton('Change Identity');
        await wb.clickNotificationButton(/The identity of k8s-plain is being changed/, 'Show Role Guidance');

        const frame = wb.webview();
        const row = (role: string) => frame.locator(`tr[data-role="${role}"]`);
        for (const role of ['AcrPull', 'Storage Blob Data Reader']) {
            await wb.waitUntil(
                async () => (await row(role).locator('button', { hasText: 'Assign' }).count()) === 1,
                `Assign on ${role}`,
            );
            await row(role).locator('button', { hasText: 'Assign' }).click();
            await wb.waitForDialog(new RegExp(`Assign ${role} to ws-vision/computes/k8s-plain`));
            await wb.clickDialogButton('Assign');
            await wb.waitUntil(async () => /Granted/.test((await row(role).textContent()) ?? ''), `${role} granted`);
        }
        const seconds = Math.round((Date.now() - started) / 1000);
        console.log(`      none → system-assigned with AcrPull and Storage Blob Data Reader: ${seconds} s of clicks`);
        await wb.screenshot('ready-for-training');

        const compute = session.emulator.admin.getResource(`${WS_VISION}/computes/k8s-plain`) as {
            identity?: { type?: string; principalId?: string };
        };
        assert.strictEqual(compute.identity?.type, 'SystemAssigned');
        const world = session.emulator.admin.state() as {
            resources: { type: string; properties: Record<string, string> }[];
        };
        const roles = world.resources
            .filter(
                (r) =>
                    r.type === 'Microsoft.Authorization/roleAssignments' &&
                    r.properties.principalId === compute.identity?.principalId,
            )
            .map((r) => r.properties.roleDefinitionId.split('/').pop());
        assert.deepStrictEqual(roles.sort(), [
            defaultWorld.roles.storageBlobDataReader.id,
            defaultWorld.roles.acrPull.id,
        ]);
    });
});
