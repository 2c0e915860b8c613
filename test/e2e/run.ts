import * as fs from 'fs';
import Mocha from 'mocha';
import * as os from 'os';
import * as path from 'path';
import { defaultStateDir, type RunningEmulator, startEmulator } from '../emulator/server';
import { setContext } from './context';
import { closeAllBrowsers } from '../../tools/editor-host/browser';
import { stopAllCodeServers } from '../../tools/editor-host/codeServer';
import { ensureEditor } from '../../tools/editor-host/install';
import { packageExtension } from '../../tools/editor-host/package';
import { log, repoRoot } from '../../tools/editor-host/util';

function scenarioFiles(): string[] {
    const dir = path.join(repoRoot, 'out', 'test', 'e2e', 'scenarios');
    if (!fs.existsSync(dir)) {
        return [];
    }
    return fs
        .readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.test.js'))
        .sort()
        .map((file) => path.join(dir, file));
}

async function main(): Promise<number> {
    const started = Date.now();
    const grep = process.env.E2E_GREP ?? process.argv.slice(2).find((arg) => !arg.startsWith('-'));
    const editor = await ensureEditor({ browser: true });
    const vsix = process.env.AZUREML_K8S_VSIX ?? (await packageExtension());
    const resultsRoot = path.join(repoRoot, 'test-results', 'e2e');
    fs.rmSync(resultsRoot, { recursive: true, force: true });
    fs.mkdirSync(resultsRoot, { recursive: true });
    // As a real Azure region answers; E2E_EMULATOR_LATENCY_MS=0 for a quicker local run.
    const latencyMs = Number(process.env.E2E_EMULATOR_LATENCY_MS ?? 100);
    if (!Number.isFinite(latencyMs) || latencyMs < 0) {
        throw new Error(
            `E2E_EMULATOR_LATENCY_MS must be a number of ms >= 0, not "${process.env.E2E_EMULATOR_LATENCY_MS}"`,
        );
    }
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'azureml-k8s-e2e-emulator-'));
    let emulator: RunningEmulator | undefined;
    const cleanup = async () => {
        setContext(undefined);
        await emulator?.stop();
        fs.rmSync(stateDir, { recursive: true, force: true });
    };
    const interrupted = (signal: NodeJS.Signals) => {
        log(`${signal}: stopping`);
        void closeAllBrowsers()
            .then(stopAllCodeServers)
            .then(cleanup)
            .finally(() => process.exit(130));
    };
    process.once('SIGINT', interrupted);
    process.once('SIGTERM', interrupted);
    try {
        emulator = await startEmulator({
            port: 0,
            stateDir,
            certDir: defaultStateDir(),
            provisioningDelayMs: 1500,
            runCommandDelayMs: 500,
            latencyMs,
        });
        if (latencyMs > 0) {
            log(`the emulator adds ${latencyMs} ms to every request`);
        }
        setContext({ editor, vsix, emulator, resultsRoot, latencyMs });
        const mocha = new Mocha({ timeout: 120_000, slow: 30_000, reporter: 'spec', grep });
        const files = scenarioFiles();
        if (files.length === 0) {
            throw new Error('no scenarios in out/test/e2e/scenarios: run "npm run compile" first');
        }
        files.forEach((file) => mocha.addFile(file));
        const failures = await new Promise<number>((resolve) => mocha.run(resolve));
        log(`done in ${Math.round((Date.now() - started) / 1000)} s; screenshots and logs in ${resultsRoot}`);
        return failures > 0 ? 1 : 0;
    } finally {
        await cleanup();
    }
}

main().then(
    (code) => process.exit(code),
    (error) => {
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
    },
);
