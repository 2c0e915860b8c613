import * as assert from 'assert';
import { api, children, describeRows, fixture, rowAt, themeIcon, waitFor } from './host';

const { dev, prod, finance, research } = fixture.subscriptions;
const allNames = [dev.name, prod.name, finance.name, research.name].sort();

describe('workspaces tree', () => {
    it("lists the emulator's four subscriptions as roots", async () => {
        const { workspacesTree } = await api();
        const roots = await children(workspacesTree);
        assert.deepStrictEqual(roots.map((r) => r.label).sort(), allNames, describeRows(roots));
        for (const root of roots) {
            assert.strictEqual(root.item.contextValue, 'azuremlK8s.subscription');
            assert.ok(String(root.item.iconPath).endsWith('subscription.svg'), `icon ${String(root.item.iconPath)}`);
        }
    });

    it('ML Platform Dev → ws-vision: k8s-cpu Failed and k8s-gpu Succeeded, no AmlCompute', async () => {
        const { workspacesTree } = await api();
        const ws = await rowAt(workspacesTree, [dev.name, 'ws-vision']);
        assert.strictEqual(ws.item.description, 'rg-ml-dev · eastus');
        assert.strictEqual(ws.item.contextValue, 'azuremlK8s.workspace');
        const computes = await children(workspacesTree, ws);
        assert.deepStrictEqual(computes.map((c) => c.label).sort(), ['k8s-cpu', 'k8s-gpu'], describeRows(computes));

        const cpu = computes.find((c) => c.label === 'k8s-cpu')!;
        const cpuDescription = String(cpu.item.description);
        assert.match(cpuDescription, /^Failed · \S+ · aks-cpu-noext · /);
        assert.match(cpuDescription, /AzureML extension/, 'the last provisioning error is shown');
        assert.deepStrictEqual(themeIcon(cpu.item), { id: 'error', color: 'testing.iconFailed' });
        assert.strictEqual(cpu.item.contextValue, 'azuremlK8s.compute;state=Failed');

        const gpu = computes.find((c) => c.label === 'k8s-gpu')!;
        assert.match(String(gpu.item.description), /^Succeeded · vision · aks-gpu-dev · /);
        assert.deepStrictEqual(themeIcon(gpu.item), { id: 'pass', color: 'testing.iconPassed' });
        assert.strictEqual(gpu.item.contextValue, 'azuremlK8s.compute;state=Succeeded');
    });

    it('a subscription the account may not read is marked even though Resource Graph answers', async () => {
        // The graph leaves out what the caller may not read, so an empty answer is checked through ARM, which refuses:
        // the tree does not look healthy while every ARM call there would fail.
        const { workspacesTree } = await api();
        const sub = await rowAt(workspacesTree, [finance.name]);
        const rows = await children(workspacesTree, sub);
        assert.deepStrictEqual(
            rows.map((r) => [r.label, r.item.description]),
            [[`Could not list the workspaces of ${finance.name}`, 'Access denied (AuthorizationFailed)']],
            describeRows(rows),
        );
    });

    it('Research Shared, whose ARM listing is throttled, lists its workspace', async () => {
        const { workspacesTree } = await api();
        const sub = await rowAt(workspacesTree, [research.name]);
        let last = '';
        await waitFor(
            'ws-research under Research Shared',
            async () => {
                const rows = await children(workspacesTree, sub);
                last = describeRows(rows);
                return rows.some((r) => r.label === 'ws-research') ? true : undefined;
            },
            { timeoutMs: 20_000, intervalMs: 1000, lastSeen: () => last },
        );
    });
});
