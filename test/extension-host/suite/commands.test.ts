import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, children, describeRows, fixture, rowAt, waitFor } from './host';

const { dev, prod, finance, research } = fixture.subscriptions;

describe('commands and settings', () => {
    it('azuremlK8s.copyResourceId puts the compute id on the clipboard', async () => {
        const { workspacesTree } = await api();
        const gpu = await rowAt(workspacesTree, [dev.name, 'ws-vision', 'k8s-gpu']);
        await vscode.env.clipboard.writeText('before');
        await vscode.commands.executeCommand('azuremlK8s.copyResourceId', gpu.node);
        assert.strictEqual(await vscode.env.clipboard.readText(), fixture.k8sGpu);
    });

    it('azuremlK8s.copyResourceId on a workspace and a subscription', async () => {
        const { workspacesTree } = await api();
        const ws = await rowAt(workspacesTree, [dev.name, 'ws-vision']);
        await vscode.commands.executeCommand('azuremlK8s.copyResourceId', ws.node);
        assert.strictEqual(await vscode.env.clipboard.readText(), fixture.wsVision);
        const sub = await rowAt(workspacesTree, [prod.name]);
        await vscode.commands.executeCommand('azuremlK8s.copyResourceId', sub.node);
        assert.strictEqual(await vscode.env.clipboard.readText(), `/subscriptions/${prod.id}`);
    });

    describe('azuremlK8s.selectedSubscriptions', () => {
        const config = () => vscode.workspace.getConfiguration('azuremlK8s');

        afterEach(async () => {
            await config().update('selectedSubscriptions', undefined, vscode.ConfigurationTarget.Global);
        });

        it('narrows the roots of both trees, and widens them again when cleared', async () => {
            const { workspacesTree, clustersTree } = await api();
            let fired = 0;
            const listener = workspacesTree.onDidChangeTreeData?.(() => fired++);
            try {
                await config().update('selectedSubscriptions', [dev.id, prod.id], vscode.ConfigurationTarget.Global);
                for (const tree of [workspacesTree, clustersTree]) {
                    let last = '';
                    await waitFor(
                        'the roots to narrow to Dev and Prod',
                        async () => {
                            const roots = await children(tree);
                            last = describeRows(roots);
                            return last === `${dev.name}; ${prod.name}` ? true : undefined;
                        },
                        { lastSeen: () => last },
                    );
                }
                assert.ok(fired > 0, 'the view was told to refresh');

                await config().update('selectedSubscriptions', undefined, vscode.ConfigurationTarget.Global);
                let last = '';
                await waitFor(
                    'all four roots again',
                    async () => {
                        const roots = await children(workspacesTree);
                        last = describeRows(roots);
                        return roots.length === 4 ? true : undefined;
                    },
                    { lastSeen: () => last },
                );
                assert.ok(last.includes(finance.name) && last.includes(research.name), last);
            } finally {
                listener?.dispose();
            }
        });
    });
});
