/**
 * The extension-host suite's entry: VS Code's test runner (`extensionTestsPath`, @vscode/test-electron) and the
 * runner extension in code-server both call `run()`. It runs mocha on `suite/*.test.js` (or the file or folder in
 * AZUREML_K8S_HOST_SUITE) inside the extension host and, when AZUREML_K8S_HOST_REPORT is set, writes a JSON report
 * there, with the numbers the suite recorded. Rejects when a test failed.
 */

import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';
import * as vscode from 'vscode';
import {
    GREP_ENV,
    type HostTestReport,
    measurements,
    REPORT_ENV,
    SUITE_ENV,
    type TestResult,
    writeReport,
} from './report';

/** Activation must be measured before any other test touches the extension, so its file runs first. */
const FIRST = 'activation.test.js';

/** `suite/*.test.js`, or what AZUREML_K8S_HOST_SUITE names (one file, or a folder of `*.test.js`). */
function suiteFiles(): string[] {
    const dir = process.env[SUITE_ENV] ?? path.join(__dirname, 'suite');
    if (fs.statSync(dir).isFile()) {
        return [dir];
    }
    return fs
        .readdirSync(dir)
        .filter((file) => file.endsWith('.test.js'))
        .sort((a, b) => Number(b === FIRST) - Number(a === FIRST) || a.localeCompare(b))
        .map((file) => path.join(dir, file));
}

let order = 0;

function result(test: Mocha.Runnable, error?: Error): TestResult {
    return {
        order: order++,
        title: test.title,
        fullTitle: test.fullTitle(),
        durationMs: test.duration,
        message: error?.message,
        stack: error?.stack,
    };
}

export function run(): Promise<void> {
    const reportFile = process.env[REPORT_ENV];
    const started = Date.now();
    const report: HostTestReport = {
        host: `${vscode.env.appName} ${vscode.version} (${vscode.env.appHost}, ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'})`,
        startedAt: new Date(started).toISOString(),
        durationMs: 0,
        passes: [],
        failures: [],
        pending: [],
    };
    const finish = (error?: unknown) => {
        report.durationMs = Date.now() - started;
        const measured = measurements();
        if (Object.keys(measured).length > 0) {
            report.measurements = measured;
        }
        if (error !== undefined) {
            report.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
        }
        if (reportFile) {
            writeReport(reportFile, report);
        }
    };
    return new Promise<void>((resolve, reject) => {
        try {
            const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, slow: 5_000, reporter: 'spec' });
            const grep = process.env[GREP_ENV];
            if (grep) {
                mocha.grep(grep);
            }
            suiteFiles().forEach((file) => mocha.addFile(file));
            const runner = mocha.run((failures) => {
                finish();
                if (failures > 0) {
                    reject(new Error(`${failures} extension-host test(s) failed`));
                } else {
                    resolve();
                }
            });
            runner.on('pass', (test) => report.passes.push(result(test)));
            runner.on('fail', (test, error: Error) => report.failures.push(result(test, error)));
            runner.on('pending', (test) => report.pending.push(result(test)));
        } catch (error) {
            finish(error);
            reject(error instanceof Error ? error : new Error(String(error)));
        }
    });
}
