import * as assert from 'assert';
import { quickPickRows } from '../pages/quickPickRows';
import { findItem } from '../pages/tree';
import type { Workbench } from '../pages/workbench';
import { useEditor } from '../session';
import { AKS_GPU_DEV, WS_VISION, openWorkspaces } from '../pages/fixture';

const K8S_GPU = ['ML Platform Dev', 'ws-vision', 'k8s-gpu'];
const AKS_ROW = ['ML Platform Dev', 'aks-gpu-dev'];

describe('re-attach a detached compute with the settings Detach remembered', () => {
    const session = useEditor({ settings: { 'azuremlK8s.statusPollingIntervalSeconds': 1 } });
    let wb: Workbench;

    before(async () => {
        wb = session.workbench;
        await openWorkspaces(wb, ['ML Platform Dev', 'ws-vision']);
        await wb.waitForViewLoaded('Kubernetes Clusters');
    });

    it('detaches k8s-gpu', async () => {
        await wb.chooseContextMenu('Workspaces', K8S_GPU, 'Detach...');
        await wb.waitForDialog(/Detach compute "k8s-gpu" from workspace "ws-vision"\?/);
        await wb.clickDialogButton('Detach');
        await wb.waitForNotification(/Detached k8s-gpu from ws-vision: Succeeded\./);
        assert.strictEqual(session.emulator.admin.getResource(`${WS_VISION}/computes/k8s-gpu`), undefined);
    });

    it('Re-attach... on aks-gpu-dev offers its name, namespace and identity and attaches it again with them', async () => {
        // The request log outlives the emulator's reset between describes: count from here.
        const sentBefore = session.emulator.admin.requests().length;
        await wb.clearNotifications();
        await wb.expandTreeItem('Kubernetes Clusters', ['ML Platform Dev']);
        await wb.chooseContextMenu('Kubernetes Clusters', AKS_ROW, 'Re-attach...');
        const offered = await quickPickRows(wb, /Select the detached compute to attach to aks-gpu-dev again/);
        assert.strictEqual(offered.length, 1, JSON.stringify(offered));
        assert.strictEqual(offered[0].label, 'k8s-gpu');
        assert.strictEqual(offered[0].description, 'ws-vision');
        assert.match(offered[0].detail ?? '', /^Namespace vision · System-assigned · detached /);
        await wb.screenshot('reattach-offered');
        await wb.pickItem('k8s-gpu');

        await wb.waitForQuickInput(/Re-attach as k8s-gpu, the name it had/);
        assert.strictEqual(await wb.quickInputBox().inputValue(), 'k8s-gpu');
        await wb.screenshot('reattach-name');
        await wb.typeInInput('k8s-gpu');
        await wb.waitForQuickInput(/Re-attach in namespace vision/);
        assert.strictEqual(await wb.quickInputBox().inputValue(), 'vision');
        await wb.typeInInput('vision');
        await wb.pickItem('Continue', /Make sure namespace "vision" exists in aks-gpu-dev/);
        const identities = await quickPickRows(wb, /Managed identity for the re-attached compute/);
        assert.deepStrictEqual(
            identities.map((r) => r.label),
            ['As before: System-assigned', 'Choose another identity'],
        );
        await wb.screenshot('reattach-identity');
        await wb.pickItem('As before: System-assigned');
        await wb.pickItem('All checks passed: continue', /Checks before attaching aks-gpu-dev/);
        await wb.pickItem('Attach', /Attach aks-gpu-dev to ws-vision\?/);
        await wb.waitForNotification(/Attached aks-gpu-dev to ws-vision as k8s-gpu: Succeeded\./);
        await wb.waitUntil(
            async () =>
                /^Succeeded · vision · aks-gpu-dev · System-assigned/.test(
                    findItem(await wb.treeItems('Workspaces'), K8S_GPU)?.description ?? '',
                ),
            'k8s-gpu back under ws-vision',
        );
        await wb.screenshot('reattached');
        const put = session.emulator.admin
            .requests()
            .slice(sentBefore)
            .filter((r) => r.method === 'PUT' && r.path.endsWith('/computes/k8s-gpu'));
        assert.strictEqual(put.length, 1);
        assert.deepStrictEqual((put[0].requestBody as { identity?: unknown }).identity, { type: 'SystemAssigned' });
        assert.deepStrictEqual(
            (put[0].requestBody as { properties?: { resourceId?: string; properties?: unknown } }).properties
                ?.properties,
            { namespace: 'vision' },
        );
        assert.strictEqual(
            (put[0].requestBody as { properties: { resourceId: string } }).properties.resourceId.toLowerCase(),
            AKS_GPU_DEV.toLowerCase(),
        );
    });

    it('forgets it once attached again', async () => {
        await wb.chooseContextMenu('Kubernetes Clusters', AKS_ROW, 'Re-attach...');
        await wb.waitForNotification(/No compute detached from aks-gpu-dev is remembered/);
    });
});
