/**
 * Runs the extension-host suite in desktop VS Code through @vscode/test-electron: the repository is the extension
 * under development (dist/ must be built), out/test/extension-host/index.js is the test entry. Uses
 * VSCODE_EXECUTABLE_PATH when set, else downloads a build into .vscode-test/; where no build can be had (these
 * machines reach only npm and Debian) it says so in one line and exits 0 — runCodeServer.js runs the same suite.
 * Desktop VS Code on Linux needs a display: run under `xvfb-run -a` on a headless machine.
 *
 * `node out/test/extension-host/runElectron.js [grep]`; VSCODE_TEST_VERSION picks the build to download
 * (default: the newest that satisfies engines.vscode); AZUREML_K8S_HOST_TIMEOUT_MS (default 300000) bounds the run.
 */

import { downloadAndUnzipVSCode, type ProgressReport, ProgressReportStage, runTests } from '@vscode/test-electron';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { defaultStateDir, type RunningEmulator, startEmulator } from '../emulator/server';
import { sampleFolder } from '../../tools/editor-host/browser';
import { quietSettings } from '../../tools/editor-host/codeServer';
import { repoRoot } from '../../tools/editor-host/util';
import { GREP_ENV, type HostTestReport, printReport, REPORT_ENV } from './report';

const compiled = path.join(repoRoot, 'out', 'test', 'extension-host');

function say(message: string): void {
    process.stderr.write(`[extension-host] ${message}\n`);
}

/** A line per step that matters; the console reporter's spinner would garble the skip message. */
function progress(report: ProgressReport): void {
    switch (report.stage) {
        case ProgressReportStage.ResolvedVersion:
            say(`VS Code ${report.version}`);
            break;
        case ProgressReportStage.FoundMatchingInstall:
            say(`using ${report.downloadedPath}`);
            break;
        case ProgressReportStage.ResolvingCDNLocation:
            say(`downloading ${report.url}`);
            break;
        case ProgressReportStage.Retrying:
            say(`download failed (${String(report.error)}), retry ${report.attempt}/${report.totalAttempts}`);
            break;
        case ProgressReportStage.NewInstallComplete:
            say(`installed in ${report.downloadedPath}`);
            break;
        default:
            break;
    }
}

/** The desktop build to use, or undefined when none can be had here. */
async function vscodeExecutable(): Promise<string | undefined> {
    const given = process.env.VSCODE_EXECUTABLE_PATH;
    if (given) {
        if (!fs.existsSync(given)) {
            throw new Error(`VSCODE_EXECUTABLE_PATH=${given} does not exist`);
        }
        return given;
    }
    try {
        return await downloadAndUnzipVSCode({
            version: process.env.VSCODE_TEST_VERSION,
            cachePath: path.join(repoRoot, '.vscode-test'),
            extensionDevelopmentPath: repoRoot,
            timeout: 20_000,
            reporter: { report: progress, error: () => undefined },
        });
    } catch (error) {
        const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
        console.log(
            `extension-host suite (desktop VS Code) skipped: no desktop VS Code could be had (${reason}); ` +
                'set VSCODE_EXECUTABLE_PATH to a VS Code executable to run it. The same suite runs in code-server: ' +
                'node out/test/extension-host/runCodeServer.js',
        );
        return undefined;
    }
}

/** Our own child processes (VS Code started by runTests), so a timeout can end exactly those. */
function childPids(): number[] {
    const pids: number[] = [];
    for (const entry of fs.readdirSync('/proc', { withFileTypes: true })) {
        if (!/^\d+$/.test(entry.name)) {
            continue;
        }
        try {
            const stat = fs.readFileSync(`/proc/${entry.name}/stat`, 'utf8');
            const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
            if (ppid === process.pid) {
                pids.push(Number(entry.name));
            }
        } catch {
            // gone
        }
    }
    return pids;
}

async function main(): Promise<number> {
    const started = Date.now();
    const entry = path.join(compiled, 'index.js');
    for (const needed of [entry, path.join(repoRoot, 'dist', 'extension.js')]) {
        if (!fs.existsSync(needed)) {
            throw new Error(`${needed} is missing: run "npm run compile" and "npm run build" first`);
        }
    }
    const executable = await vscodeExecutable();
    if (!executable) {
        return 0;
    }
    if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
        say('no DISPLAY: desktop VS Code may not start; run this under `xvfb-run -a`');
    }
    const grep = process.env[GREP_ENV] ?? process.argv.slice(2).find((arg) => !arg.startsWith('-'));
    const timeoutMs = Number(process.env.AZUREML_K8S_HOST_TIMEOUT_MS ?? 300_000);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'azureml-k8s-electron-'));
    const reportFile = path.join(tmp, 'report.json');
    const userDataDir = path.join(tmp, 'user-data');
    const extensionsDir = path.join(tmp, 'extensions');
    let emulator: RunningEmulator | undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
        emulator = await startEmulator({ port: 0, stateDir: path.join(tmp, 'emulator'), certDir: defaultStateDir() });
        fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
        fs.writeFileSync(
            path.join(userDataDir, 'User', 'settings.json'),
            JSON.stringify({ ...quietSettings(), ...emulator.settings }, null, 4),
        );
        const run = runTests({
            vscodeExecutablePath: executable,
            extensionDevelopmentPath: repoRoot,
            extensionTestsPath: entry,
            extensionTestsEnv: {
                ...emulator.env,
                [REPORT_ENV]: reportFile,
                [GREP_ENV]: grep,
                // A VS Code terminal's variables would turn the child into plain Node or attach it to that window.
                ELECTRON_RUN_AS_NODE: undefined,
                VSCODE_IPC_HOOK_CLI: undefined,
            },
            launchArgs: [
                sampleFolder(),
                `--user-data-dir=${userDataDir}`,
                `--extensions-dir=${extensionsDir}`,
                '--disable-extensions',
                '--disable-gpu',
                '--disable-telemetry',
            ],
        }).then(
            (code) => code,
            (error: unknown) => {
                const code = (error as { code?: number }).code;
                if (!fs.existsSync(reportFile)) {
                    say(`VS Code failed: ${error instanceof Error ? error.message : String(error)}`);
                }
                return typeof code === 'number' && code !== 0 ? code : 1;
            },
        );
        const timedOut = new Promise<number>((resolve) => {
            timer = setTimeout(() => {
                say(`no result within ${timeoutMs / 1000} s: stopping VS Code`);
                childPids().forEach((pid) => process.kill(pid, 'SIGTERM'));
                resolve(1);
            }, timeoutMs);
        });
        const code = await Promise.race([run, timedOut]);
        let failures = code === 0 ? 0 : 1;
        if (fs.existsSync(reportFile)) {
            const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as HostTestReport;
            failures = Math.max(printReport(report), code === 0 ? 0 : 1);
        } else {
            say('the suite wrote no report');
            failures = Math.max(failures, 1);
        }
        say(`desktop run done in ${Math.round((Date.now() - started) / 1000)} s`);
        return failures > 0 ? 1 : 0;
    } finally {
        clearTimeout(timer);
        await emulator?.stop();
        fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
    }
}

main().then(
    (code) => process.exit(code),
    (error) => {
        console.error(`extension-host suite (desktop VS Code): ${error instanceof Error ? error.message : error}`);
        process.exit(1);
    },
);
