import * as assert from 'assert';
import { e2eContext } from '../context';
import { useEditor } from '../session';

const WORKSPACES = 'Workspaces';
const CLUSTERS = 'Kubernetes Clusters';

describe('a custom cloud given by its ARM endpoint alone', () => {
    // Only resourceManagerEndpointUrl: the Entra endpoint, audience, portal and name come from the emulator's
    // /metadata/endpoints. Without them the views would show "Could not sign in to Azure".
    // Before the editor starts (this hook runs ahead of useEditor's), so every metadata read of this session counts.
    before(() => e2eContext().emulator.admin.clearRequests());
    const session = useEditor({
        settings: (emulator) => ({
            'microsoft-sovereign-cloud.customEnvironment': { resourceManagerEndpointUrl: `${emulator.url}/` },
        }),
    });

    it("signs in with the cloud's metadata, lists both trees, and reads the metadata once", async () => {
        const wb = session.workbench;
        await wb.openViewContainer('Azure ML Kubernetes');
        await wb.waitForExtensionsActivated();
        await wb.waitForViewLoaded(WORKSPACES);
        await wb.waitForViewLoaded(CLUSTERS);
        const subscriptions = ['Finance Sandbox', 'ML Platform Dev', 'ML Platform Prod', 'Research Shared'];
        for (const view of [WORKSPACES, CLUSTERS]) {
            const roots = await wb.waitForTreeItems(
                view,
                (items) => items.filter((i) => i.level === 1).length === subscriptions.length,
                `${view}: the four subscriptions`,
            );
            assert.deepStrictEqual(
                roots.filter((i) => i.level === 1).map((i) => i.label),
                subscriptions,
                `${view}: ${JSON.stringify(roots)}`,
            );
        }
        const reads = session.emulator.admin
            .requests()
            .filter((r) => r.method === 'GET' && /^\/metadata\/endpoints$/i.test(r.path));
        assert.deepStrictEqual(
            reads.map((r) => [r.query['api-version'], r.status]),
            [['2022-09-01', 200]],
            JSON.stringify(
                session.emulator.admin
                    .requests()
                    .slice(0, 8)
                    .map((r) => [r.method, r.path, r.status]),
            ),
        );
    });
});
