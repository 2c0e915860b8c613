import * as assert from 'assert';
import { findItem } from '../pages/tree';
import type { Workbench } from '../pages/workbench';
import { useEditor } from '../session';
import { WS_VISION, openWorkspaces } from '../pages/fixture';

const K8S_GPU = ['ML Platform Dev', 'ws-vision', 'k8s-gpu'];
const K8S_GPU_ID = `${WS_VISION}/computes/k8s-gpu`;

type Stored = {
    identity?: { type?: string };
    properties?: { description?: string | null; modifiedOn?: string };
    systemData?: Record<string, unknown>;
};

describe('Edit Identity when someone else changed the compute meanwhile', () => {
    const session = useEditor({ settings: { 'azuremlK8s.statusPollingIntervalSeconds': 1 } });
    let wb: Workbench;
    const stored = () => session.emulator.admin.getResource(K8S_GPU_ID) as Stored;
    // The request log outlives the emulator's reset between describes: this describe's requests only.
    let sentBefore = 0;
    const writes = () =>
        session.emulator.admin
            .requests()
            .slice(sentBefore)
            .filter((r) => r.path.endsWith('/computes/k8s-gpu') && r.method !== 'GET');

    before(async () => {
        sentBefore = session.emulator.admin.requests().length;
        wb = session.workbench;
        await openWorkspaces(wb, ['ML Platform Dev', 'ws-vision']);
    });

    it('refuses, says what changed and when, writes nothing, and keeps the other change', async () => {
        await wb.chooseContextMenu('Workspaces', K8S_GPU, 'Edit Identity...');
        await wb.waitForQuickInput(/identity of k8s-gpu \(now: System-assigned\)/);

        // Meanwhile, in the portal: a new description.
        const at = new Date();
        const before = stored();
        session.emulator.admin.upsertResource({
            ...before,
            properties: { ...before.properties, description: 'GPU pool, ask #vision', modifiedOn: at.toISOString() },
            systemData: { ...before.systemData, lastModifiedAt: at.toISOString(), lastModifiedBy: 'dana@contoso.com' },
        });

        await wb.pickItem('No managed identity', /identity of k8s-gpu \(now: System-assigned\)/);
        await wb.waitForDialog(/Change the identity of compute k8s-gpu in ws-vision\?/);
        await wb.clickDialogButton('Change Identity');
        const refusal = await wb.waitForNotification(
            /k8s-gpu was changed by someone else at .+ \(its description\) after you opened Edit Identity; nothing was written\. Run Edit Identity again to start from the current compute\./,
        );
        assert.deepStrictEqual(refusal.buttons, ['Show Compute', 'Edit Again']);
        await wb.screenshot('lost-update-refused');
        assert.deepStrictEqual(writes(), [], 'no PUT');
        assert.strictEqual(stored().identity?.type, 'SystemAssigned');
        assert.strictEqual(stored().properties?.description, 'GPU pool, ask #vision');
    });

    it('Edit Again starts from the compute as it is now and keeps the other change', async () => {
        await wb.clickNotificationButton(/was changed by someone else/, 'Edit Again');
        await wb.pickItem('No managed identity', /identity of k8s-gpu \(now: System-assigned\)/);
        await wb.waitForDialog(/Change the identity of compute k8s-gpu in ws-vision\?/);
        await wb.clickDialogButton('Change Identity');
        await wb.waitForNotification(/Updated the identity of k8s-gpu in ws-vision: Succeeded\./);
        await wb.waitUntil(
            async () => /No identity$/.test(findItem(await wb.treeItems('Workspaces'), K8S_GPU)?.description ?? ''),
            'k8s-gpu to show no identity',
        );
        assert.strictEqual(stored().identity?.type, 'None');
        assert.strictEqual(stored().properties?.description, 'GPU pool, ask #vision', 'the portal change is kept');
        assert.deepStrictEqual(
            writes().map((r) => r.method),
            ['PUT'],
        );
        await wb.screenshot('edit-again-written');
    });
});
