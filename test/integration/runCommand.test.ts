import * as assert from 'assert';
import type { RunningEmulator } from '../emulator/server';
import { clients, startTestEmulator, sub4 } from './helpers';

describe('AKS runCommand (kubectl namespaces)', () => {
    let em: RunningEmulator;
    before(async () => {
        em = await startTestEmulator();
        em.admin.setFaults({});
    });
    after(async () => em.stop());

    const run = (command: string, rg = 'rg-aks-dev', cluster = 'aks-gpu-dev', sub?: string) =>
        clients(em, sub).aks.managedClusters.runCommand(rg, cluster, { command });

    it('POST answers 202 + Location; the result polls to Succeeded with exit code and logs', async () => {
        const result = await run('kubectl get namespace vision');
        assert.strictEqual(result.provisioningState, 'Succeeded');
        assert.strictEqual(result.exitCode, 0);
        assert.match(result.logs ?? '', /^NAME\s+STATUS\s+AGE\nvision\s+Active/);
        const post = em.admin.requests().find((r) => r.method === 'POST' && r.path.endsWith('/runCommand'));
        assert.strictEqual(post?.status, 202);
        assert.ok(em.admin.requests().some((r) => /\/commandResults\//.test(r.path) && r.status === 200));
    });

    it("a missing namespace exits 1 with kubectl's NotFound message", async () => {
        const result = await run('kubectl get namespace forecast');
        assert.strictEqual(result.exitCode, 1);
        assert.strictEqual(result.logs, 'Error from server (NotFound): namespaces "forecast" not found\n');
    });

    it('lists namespaces and creates one', async () => {
        const list = await run('kubectl get namespaces -o name');
        assert.ok((list.logs ?? '').includes('namespace/nlp'));
        const created = await run('kubectl create namespace team-a');
        assert.strictEqual(created.exitCode, 0);
        assert.strictEqual(created.logs, 'namespace/team-a created\n');
        assert.strictEqual((await run('kubectl get ns team-a')).exitCode, 0);
        const again = await run('kubectl create namespace team-a');
        assert.strictEqual(again.exitCode, 1);
        assert.match(again.logs ?? '', /AlreadyExists/);
    });

    it('each cluster has its own namespaces', async () => {
        assert.strictEqual((await run('kubectl get namespace vision', 'rg-aks-dev', 'aks-cpu-noext')).exitCode, 1);
        assert.strictEqual(
            (await run('kubectl get namespace research', 'rg-research', 'aks-research', sub4)).exitCode,
            0,
        );
    });

    it('rejects an empty command with 400', async () => {
        await assert.rejects(run(''), (e: { statusCode?: number }) => e.statusCode === 400);
    });
});
