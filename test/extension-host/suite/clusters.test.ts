import * as assert from 'assert';
import { api, children, describeRows, fixture, rowAt } from './host';

const { dev, prod, finance, research } = fixture.subscriptions;

describe('clusters tree', () => {
    it("lists the emulator's four subscriptions as roots", async () => {
        const { clustersTree } = await api();
        const roots = await children(clustersTree);
        assert.deepStrictEqual(
            roots.map((r) => r.label).sort(),
            [dev.name, prod.name, finance.name, research.name].sort(),
            describeRows(roots),
        );
    });

    it('lists AKS and Arc clusters with their kind and AzureML extension state', async () => {
        const { clustersTree } = await api();
        const clusters = await children(clustersTree, await rowAt(clustersTree, [dev.name]));
        assert.deepStrictEqual(
            clusters.map((c) => c.label).sort(),
            ['aks-cpu-noext', 'aks-gpu-dev', 'aks-local-off', 'aks-sp-legacy', 'arc-edge-lab'],
            describeRows(clusters),
        );
        const byName = new Map(clusters.map((c) => [c.label, c]));
        assert.strictEqual(byName.get('aks-gpu-dev')!.item.contextValue, 'azuremlK8s.cluster.aks;extension=ok');
        assert.strictEqual(byName.get('arc-edge-lab')!.item.contextValue, 'azuremlK8s.cluster.arc;extension=failed');
        assert.match(String(byName.get('aks-gpu-dev')!.item.description), /AzureML extension installed/);
        assert.match(String(byName.get('aks-cpu-noext')!.item.description), /AzureML extension not installed/);
        // A healthy cluster shows its kind; one whose AzureML extension failed shows an error icon instead.
        assert.ok(String(byName.get('aks-gpu-dev')!.item.iconPath).endsWith('aks.svg'));
        const edgeIcon = byName.get('arc-edge-lab')!.item.iconPath as { id?: string };
        assert.strictEqual(edgeIcon.id, 'error', describeRows(clusters));
    });

    it('shows attachments across subscriptions (arc-onprem-01 in Prod ← ws-nlp in Dev and ws-forecast in Prod)', async () => {
        const { clustersTree } = await api();
        const cluster = await rowAt(clustersTree, [prod.name, 'arc-onprem-01']);
        assert.ok(String(cluster.item.iconPath).endsWith('arc.svg'), describeRows([cluster]));
        const attachments = await children(clustersTree, cluster);
        const labels = attachments.map((a) => a.label);
        assert.ok(labels.includes('ws-nlp/arc-nlp'), describeRows(attachments));
        assert.ok(labels.includes('ws-forecast/arc-forecast'), describeRows(attachments));
        for (const row of attachments.filter((a) => a.label.includes('/'))) {
            assert.match(String(row.item.description), /^Succeeded · /);
        }
    });

    it('aks-gpu-dev lists the compute of ws-vision that attaches it', async () => {
        const { clustersTree } = await api();
        const attachments = await children(clustersTree, await rowAt(clustersTree, [dev.name, 'aks-gpu-dev']));
        assert.ok(
            attachments.some((a) => a.label === 'ws-vision/k8s-gpu'),
            describeRows(attachments),
        );
    });
});
