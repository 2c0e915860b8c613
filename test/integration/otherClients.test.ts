import * as assert from 'assert';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { defaultWorld, repoRoot } from '../emulator';
import type { RunningEmulator } from '../emulator/server';
import { startTestEmulator, sub1 } from './helpers';

/** Debian's python3-azure (tools/editor-host installs it with the other Debian packages the suites need). */
const python = '/usr/bin/python3';
const script = path.join(repoRoot(), 'test', 'clients', 'python', 'compute_lifecycle.py');

function pythonAzureMissing(): string | undefined {
    const probe = spawnSync(
        python,
        ['-c', 'import azure.identity, azure.mgmt.machinelearningservices, azure.mgmt.msi'],
        {
            encoding: 'utf8',
        },
    );
    return probe.status === 0
        ? undefined
        : `${python} cannot import the Azure SDK for Python (${(probe.stderr || String(probe.error)).trim().split('\n').pop()}): install it with \`apt-get install -y python3-azure\``;
}

describe('a client other than ours: the Azure SDK for Python (python3-azure)', function () {
    this.timeout(120_000);
    let em: RunningEmulator;
    before(async () => {
        em = await startTestEmulator();
    });
    after(async () => em.stop());

    for (const apiVersion of ['2022-10-01-preview', '2022-10-01']) {
        it(`lists, attaches, changes the identity of and detaches a Kubernetes compute at ${apiVersion}`, async () => {
            em.admin.clearRequests();
            const missing = pythonAzureMissing();
            assert.ok(!missing, missing);
            const workspace = defaultWorld.workspaces.vision;
            const config = {
                url: em.url,
                tenantId: em.tenantId,
                clientId: em.clientId,
                clientSecret: em.clientSecret,
                subscriptionId: sub1,
                resourceGroup: workspace.id.split('/')[4],
                workspace: workspace.id.split('/').pop(),
                clusterId: defaultWorld.clusters.aksGpuDev.id,
                identityId: defaultWorld.identities.training.id,
                computeName: `py-${apiVersion.replace(/[^0-9]/g, '').slice(2, 8)}`,
                apiVersion,
            };
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'python-client-'));
            const configPath = path.join(dir, 'config.json');
            fs.writeFileSync(configPath, JSON.stringify(config));
            // Asynchronously: the emulator answers from this process.
            const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
                const child = spawn(python, [script, configPath], {
                    env: { ...process.env, REQUESTS_CA_BUNDLE: em.caCertPath, PYTHONDONTWRITEBYTECODE: '1' },
                });
                let stdout = '';
                let stderr = '';
                child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
                child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
                const timer = setTimeout(() => child.kill(), 100_000);
                child.on('close', (status) => {
                    clearTimeout(timer);
                    resolve({ status, stdout, stderr });
                });
            });
            fs.rmSync(dir, { recursive: true, force: true });
            const output = `${run.stdout}\n${run.stderr}`;
            assert.strictEqual(run.status, 0, `the Python client failed:\n${output}`);
            assert.match(run.stdout, /STEP attached .*Succeeded/);
            assert.match(run.stdout, /STEP identity changed: UserAssigned/);
            assert.match(run.stdout, /STEP detached/);
            const sent = em.admin.requests().filter((r) => r.path.includes('/computes'));
            assert.ok(
                sent.every((r) => r.query['api-version'] === apiVersion),
                'every compute call used that version',
            );
            assert.ok(
                sent.some((r) => r.method === 'DELETE' && r.query.underlyingResourceAction === 'Detach'),
                'detached, not deleted',
            );
        });
    }
});
