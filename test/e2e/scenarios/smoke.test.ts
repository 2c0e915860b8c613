import * as assert from 'assert';
import { useEditor } from '../session';

describe('smoke: the extension in code-server', () => {
    const session = useEditor();

    it('shows the Azure ML Kubernetes view container with Workspaces and Kubernetes Clusters', async () => {
        const wb = session.workbench;
        assert.ok(await wb.hasViewContainer('Azure ML Kubernetes'), `activity bar: ${await wb.activityBarTitles()}`);
        await wb.openViewContainer('Azure ML Kubernetes');
        assert.strictEqual(
            await wb.sideBar().getAttribute('data-active-composite'),
            'workbench.view.extension.azuremlK8s',
        );
        assert.deepStrictEqual(await wb.viewTitles(), ['Workspaces', 'Kubernetes Clusters']);
        await wb.waitForExtensionsActivated();
        await wb.waitForViewLoaded('Workspaces');
        await wb.waitForViewLoaded('Kubernetes Clusters');
    });
});
