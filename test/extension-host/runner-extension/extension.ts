/**
 * Test-only extension, packaged by runCodeServer.ts as `dist/extension.js` next to ./package.json. Installed in
 * code-server, it loads the compiled suite entry named by AZUREML_K8S_HOST_TESTS (an absolute path into the
 * repository's out/) inside the extension host, runs it, and makes sure a report reaches AZUREML_K8S_HOST_REPORT
 * even when the suite cannot load. Without the variable it does nothing.
 */

import * as fs from 'fs';
import { type HostTestReport, REPORT_ENV, TESTS_ENV, writeReport } from '../report';

export function activate(): void {
    const entry = process.env[TESTS_ENV];
    const reportFile = process.env[REPORT_ENV];
    if (!entry) {
        return;
    }
    const started = Date.now();
    const failed = (error: unknown) => {
        if (!reportFile || fs.existsSync(reportFile)) {
            return; // the suite wrote its own report (a failing test rejects run())
        }
        const report: HostTestReport = {
            host: 'code-server extension host',
            startedAt: new Date(started).toISOString(),
            durationMs: Date.now() - started,
            passes: [],
            failures: [],
            pending: [],
            error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        };
        writeReport(reportFile, report);
    };
    // Not awaited: activation returns at once and the suite runs alongside the workbench.
    setTimeout(() => {
        try {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const suite = require(entry) as { run(): Promise<void> };
            suite.run().then(() => failed(new Error('the suite finished without writing a report')), failed);
        } catch (error) {
            failed(error);
        }
    }, 0);
}

export function deactivate(): void {}
