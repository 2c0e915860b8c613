/**
 * Runs a suite inside code-server's extension host: packages the extension and a tiny test-runner extension,
 * installs both into a fresh code-server profile with the emulator's settings and credentials, opens the workbench
 * in headless Chromium (the extension host starts only when a window connects) and waits for the suite's JSON report.
 *
 * `runCodeServer.ts` runs the extension-host test suite with it; the benchmark (`test/bench/editorBench.ts`) runs its
 * in-host measurements with another suite and the scale world.
 */

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { defaultStateDir, type EmulatorOptions, type RunningEmulator, startEmulator } from '../emulator/server';
import { type EditorBrowser, openWorkbench, sampleFolder } from '../../tools/editor-host/browser';
import { type CodeServer, startCodeServer } from '../../tools/editor-host/codeServer';
import { ensureEditor } from '../../tools/editor-host/install';
import { packageExtension } from '../../tools/editor-host/package';
import { log, repoRoot } from '../../tools/editor-host/util';
import { GREP_ENV, type HostTestReport, REPORT_ENV, SUITE_ENV, TESTS_ENV } from './report';

export const compiledHostDir = path.join(repoRoot, 'out', 'test', 'extension-host');

export interface HostSuiteOptions {
    /** Compiled module exporting `run(): Promise<void>` that writes the report. Default: the suite's `index.js`. */
    entry?: string;
    /** For the default entry: a compiled `*.js` file or a folder of `*.test.js` to run instead of `suite/`. */
    suite?: string;
    grep?: string;
    /** Bound on the wait for the report. Default AZUREML_K8S_HOST_TIMEOUT_MS, else 120 s. */
    timeoutMs?: number;
    /** An emulator to use (left running), or options for one started and stopped here. */
    emulator?: RunningEmulator | EmulatorOptions;
    /** More settings and environment for code-server (after the emulator's). */
    settings?: Record<string, unknown>;
    env?: Record<string, string | undefined>;
    /** Where logs go when the suite fails or does not report. Default `test-results/extension-host`. */
    resultsDir?: string;
    /** The extension to test. Default AZUREML_K8S_VSIX, else `npm run package`'s output, packaged now. */
    vsix?: string;
    /** More extensions to install next to it (the benchmark's empty extension). */
    extraVsix?: string[];
}

export interface HostSuiteRun {
    report: HostTestReport;
    /** Failures (a report with `error` counts as one) and the logs were copied to `resultsDir`. */
    failed: boolean;
}

/**
 * A test-only extension (a folder under test/ with its package.json, extension.ts and any other modules) packaged
 * from a temporary folder: the package.json, every compiled .js of the folder (extension.js and the modules it
 * requires) in dist/<folder name>/, and `siblings`, compiled files next to that folder which it requires.
 */
export async function packageTestExtension(sourceDir: string, tmp: string, siblings: string[] = []): Promise<string> {
    const name = path.basename(sourceDir);
    const compiledDir = path.join(repoRoot, 'out', path.relative(repoRoot, path.dirname(sourceDir)));
    const compiled = path.join(compiledDir, name, 'extension.js');
    if (!fs.existsSync(compiled)) {
        throw new Error(`${compiled} is missing: run "npm run compile" first`);
    }
    const dir = path.join(tmp, name);
    const dist = path.join(dir, 'dist');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dist, name), { recursive: true });
    const manifest = path.join(sourceDir, 'package.json');
    fs.copyFileSync(manifest, path.join(dir, 'package.json'));
    // Only modules whose source is still there: out/ keeps the output of files deleted since.
    const modules = fs
        .readdirSync(path.join(compiledDir, name))
        .filter((file) => file.endsWith('.js') && fs.existsSync(path.join(sourceDir, file.replace(/\.js$/, '.ts'))));
    for (const file of modules) {
        fs.copyFileSync(path.join(compiledDir, name, file), path.join(dist, name, file));
    }
    for (const file of siblings) {
        fs.copyFileSync(path.join(compiledDir, file), path.join(dist, file));
    }
    const { description } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { description: string };
    fs.writeFileSync(path.join(dir, 'README.md'), `${description}\n`);
    return packageExtension({ extensionDir: dir, out: path.join(tmp, `${name}.vsix`) });
}

async function waitForReport(
    file: string,
    timeoutMs: number,
    server: CodeServer,
    browser: EditorBrowser,
    resultsDir: string,
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

function isRunning(emulator: RunningEmulator | EmulatorOptions | undefined): emulator is RunningEmulator {
    return !!emulator && 'admin' in emulator;
}

function collect(server: CodeServer, browser: EditorBrowser | undefined, resultsDir: string, report?: unknown): void {
    fs.rmSync(resultsDir, { recursive: true, force: true });
    server.collectLogs(path.join(resultsDir, 'logs'));
    fs.writeFileSync(path.join(resultsDir, 'logs', 'browser-console.log'), browser?.console.join('\n') ?? '');
    if (report !== undefined) {
        fs.writeFileSync(path.join(resultsDir, 'report.json'), JSON.stringify(report, null, 2));
    }
    log(`logs in ${resultsDir}`);
}

/** Runs the suite once and returns its report; throws when no report came (the logs are kept then too). */
export async function runSuiteInCodeServer(options: HostSuiteOptions = {}): Promise<HostSuiteRun> {
    const started = Date.now();
    const entry = options.entry ?? path.join(compiledHostDir, 'index.js');
    const resultsDir = options.resultsDir ?? path.join(repoRoot, 'test-results', 'extension-host');
    const timeoutMs = options.timeoutMs ?? Number(process.env.AZUREML_K8S_HOST_TIMEOUT_MS ?? 120_000);
    for (const file of [entry, ...(options.suite ? [options.suite] : [])]) {
        if (!fs.existsSync(file)) {
            throw new Error(`${file} is missing: run "npm run compile" first`);
        }
    }
    const editor = await ensureEditor({ browser: true });
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'azureml-k8s-host-'));
    const reportFile = path.join(tmp, 'report.json');
    let emulator: RunningEmulator | undefined = isRunning(options.emulator) ? options.emulator : undefined;
    const ownEmulator = !emulator;
    let server: CodeServer | undefined;
    let browser: EditorBrowser | undefined;
    try {
        const [vsix, runnerVsix] = await Promise.all([
            options.vsix ?? process.env.AZUREML_K8S_VSIX ?? packageExtension(),
            packageTestExtension(path.join(repoRoot, 'test', 'extension-host', 'runner-extension'), tmp, ['report.js']),
        ]);
        emulator ??= await startEmulator({
            port: 0,
            stateDir: path.join(tmp, 'emulator'),
            certDir: defaultStateDir(),
            ...(options.emulator as EmulatorOptions | undefined),
        });
        server = await startCodeServer({
            editor,
            vsix,
            extraVsix: [runnerVsix, ...(options.extraVsix ?? [])],
            settings: { ...emulator.settings, ...options.settings },
            env: {
                ...emulator.env,
                ...options.env,
                [TESTS_ENV]: entry,
                [SUITE_ENV]: options.suite,
                [REPORT_ENV]: reportFile,
                [GREP_ENV]: options.grep,
            },
        });
        let report: HostTestReport;
        try {
            browser = await openWorkbench(server.url, { folder: sampleFolder() });
            log(`workbench open after ${Math.round((Date.now() - started) / 1000)} s; waiting for the suite`);
            report = await waitForReport(reportFile, timeoutMs, server, browser, resultsDir);
        } catch (error) {
            collect(server, browser, resultsDir);
            throw error;
        }
        const failed = report.failures.length > 0 || !!report.error;
        if (failed) {
            collect(server, browser, resultsDir, report);
        }
        return { report, failed };
    } finally {
        await browser?.close();
        await server?.stop();
        if (ownEmulator) {
            await emulator?.stop();
        }
        fs.rmSync(tmp, { recursive: true, force: true });
    }
}
