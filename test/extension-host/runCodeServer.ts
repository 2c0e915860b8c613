/**
 * Runs the extension-host suite inside code-server's extension host (a real VS Code, which these machines can
 * install from npm): packages the extension and a tiny test-runner extension, installs both into a fresh
 * code-server profile with the emulator's settings and credentials, opens the workbench in headless Chromium (the
 * extension host starts only when a window connects), waits for the suite's JSON report and prints it.
 *
 * `node out/test/extension-host/runCodeServer.js [grep]`; AZUREML_K8S_VSIX tests another .vsix;
 * AZUREML_K8S_HOST_TIMEOUT_MS (default 120000) bounds the wait for the report.
 */

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { defaultStateDir, type RunningEmulator, startEmulator } from '../emulator/server';
import { type EditorBrowser, openWorkbench, sampleFolder } from '../e2e/host/browser';
import { type CodeServer, startCodeServer } from '../e2e/host/codeServer';
import { ensureEditor } from '../e2e/host/install';
import { packageExtension } from '../e2e/host/package';
import { log, repoRoot } from '../e2e/host/util';
import { GREP_ENV, type HostTestReport, printReport, REPORT_ENV, TESTS_ENV } from './report';

const compiled = path.join(repoRoot, 'out', 'test', 'extension-host');
const resultsDir = path.join(repoRoot, 'test-results', 'extension-host');

/** The runner extension in a temporary folder: its package.json plus the compiled runner and report module. */
async function packageRunner(tmp: string): Promise<string> {
    const dir = path.join(tmp, 'runner-extension');
    const dist = path.join(dir, 'dist');
    const runnerJs = path.join(compiled, 'runner-extension', 'extension.js');
    if (!fs.existsSync(runnerJs)) {
        throw new Error(`${runnerJs} is missing: run "npm run compile" first`);
    }
    fs.mkdirSync(path.join(dist, 'runner-extension'), { recursive: true });
    fs.copyFileSync(
        path.join(repoRoot, 'test', 'extension-host', 'runner-extension', 'package.json'),
        path.join(dir, 'package.json'),
    );
    fs.copyFileSync(runnerJs, path.join(dist, 'runner-extension', 'extension.js'));
    fs.copyFileSync(path.join(compiled, 'report.js'), path.join(dist, 'report.js'));
    fs.writeFileSync(path.join(dir, 'README.md'), 'Test-only runner for the extension-host suite.\n');
    return packageExtension({ extensionDir: dir, out: path.join(tmp, 'host-test-runner.vsix') });
}

async function waitForReport(
    file: string,
    timeoutMs: number,
    server: CodeServer,
    browser: EditorBrowser,
): Promise<HostTestReport> {
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    void server.exited.then(() => (exited = true));
    while (!fs.existsSync(file)) {
        if (exited) {
            throw new Error('code-server exited before the suite reported');
        }
        if (browser.page.isClosed()) {
            throw new Error('the workbench page closed before the suite reported');
        }
        if (Date.now() > deadline) {
            throw new Error(
                `no report from the extension host within ${timeoutMs / 1000} s (did the runner extension activate? ` +
                    `see ${resultsDir}/logs: exthost*/remoteexthost.log and the runner's output)`,
            );
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return JSON.parse(fs.readFileSync(file, 'utf8')) as HostTestReport;
}

async function main(): Promise<number> {
    const started = Date.now();
    const grep = process.env[GREP_ENV] ?? process.argv.slice(2).find((arg) => !arg.startsWith('-'));
    const timeoutMs = Number(process.env.AZUREML_K8S_HOST_TIMEOUT_MS ?? 120_000);
    const entry = path.join(compiled, 'index.js');
    if (!fs.existsSync(entry)) {
        throw new Error(`${entry} is missing: run "npm run compile" first`);
    }
    const editor = await ensureEditor();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'azureml-k8s-host-'));
    const reportFile = path.join(tmp, 'report.json');
    let emulator: RunningEmulator | undefined;
    let server: CodeServer | undefined;
    let browser: EditorBrowser | undefined;
    const cleanup = async () => {
        await browser?.close();
        await server?.stop();
        await emulator?.stop();
        fs.rmSync(tmp, { recursive: true, force: true });
    };
    const interrupted = (signal: NodeJS.Signals) => {
        log(`${signal}: stopping`);
        void cleanup().finally(() => process.exit(130));
    };
    process.once('SIGINT', interrupted);
    process.once('SIGTERM', interrupted);
    try {
        const [vsix, runnerVsix] = await Promise.all([
            process.env.AZUREML_K8S_VSIX ?? packageExtension(),
            packageRunner(tmp),
        ]);
        emulator = await startEmulator({ port: 0, stateDir: path.join(tmp, 'emulator'), certDir: defaultStateDir() });
        server = await startCodeServer({
            editor,
            vsix,
            extraVsix: [runnerVsix],
            settings: { ...emulator.settings },
            env: {
                ...emulator.env,
                [TESTS_ENV]: entry,
                [REPORT_ENV]: reportFile,
                [GREP_ENV]: grep,
            },
        });
        let report: HostTestReport;
        try {
            browser = await openWorkbench(server.url, { folder: sampleFolder() });
            log(`workbench open after ${Math.round((Date.now() - started) / 1000)} s; waiting for the suite`);
            report = await waitForReport(reportFile, timeoutMs, server, browser);
        } catch (error) {
            fs.rmSync(resultsDir, { recursive: true, force: true });
            server.collectLogs(path.join(resultsDir, 'logs'));
            fs.writeFileSync(path.join(resultsDir, 'logs', 'browser-console.log'), browser?.console.join('\n') ?? '');
            log(`logs in ${resultsDir}`);
            throw error;
        }
        const failures = printReport(report);
        if (failures > 0) {
            fs.rmSync(resultsDir, { recursive: true, force: true });
            server.collectLogs(path.join(resultsDir, 'logs'));
            fs.writeFileSync(path.join(resultsDir, 'report.json'), JSON.stringify(report, null, 2));
            log(`logs in ${resultsDir}`);
        }
        log(`code-server run done in ${Math.round((Date.now() - started) / 1000)} s`);
        return failures > 0 ? 1 : 0;
    } finally {
        await cleanup();
    }
}

main().then(
    (code) => process.exit(code),
    (error) => {
        console.error(`extension-host suite (code-server): ${error instanceof Error ? error.message : error}`);
        process.exit(1);
    },
);
