/**
 * What the extension-host suite reports, shared by the suite (`index.ts`, inside VS Code) and the runners (plain
 * Node). No `vscode` import here.
 */

import * as fs from 'fs';
import * as path from 'path';

/** Absolute path of the compiled `index.js` the runner extension loads in code-server's extension host. */
export const TESTS_ENV = 'AZUREML_K8S_HOST_TESTS';
/** Where `index.ts` writes the JSON report. */
export const REPORT_ENV = 'AZUREML_K8S_HOST_REPORT';
/** Optional mocha grep. */
export const GREP_ENV = 'AZUREML_K8S_HOST_GREP';
/** Optional: a compiled `*.js` file, or a folder of `*.test.js`, that `index.ts` runs instead of `suite/`. */
export const SUITE_ENV = 'AZUREML_K8S_HOST_SUITE';

export interface TestResult {
    /** Position in the run, so the printout keeps mocha's order. */
    order: number;
    title: string;
    fullTitle: string;
    durationMs?: number;
    message?: string;
    stack?: string;
}

export interface HostTestReport {
    host: string;
    startedAt: string;
    durationMs: number;
    passes: TestResult[];
    failures: TestResult[];
    pending: TestResult[];
    /** Set when the suite could not run at all (e.g. mocha failed to load). */
    error?: string;
    /** Numbers the suite measured (`recordMeasurement`), e.g. for the benchmark. */
    measurements?: Record<string, number>;
}

const measured: Record<string, number> = {};

/** Keeps a number for the report (the suite and `index.ts` share this module inside the extension host). */
export function recordMeasurement(name: string, value: number): void {
    measured[name] = value;
}

/** What `recordMeasurement` kept so far. */
export function measurements(): Record<string, number> {
    return { ...measured };
}

/** Written to a temporary name and renamed, so a reader never sees half a report. */
export function writeReport(file: string, report: HostTestReport): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    fs.writeFileSync(partial, JSON.stringify(report, null, 2));
    fs.renameSync(partial, file);
}

/** Mocha-spec-like summary; returns the number of failures (a report with `error` counts as one). */
export function printReport(report: HostTestReport, out: (line: string) => void = console.log): number {
    out('');
    out(`  extension-host suite in ${report.host}`);
    const failed = new Map(report.failures.map((test, index) => [test, index + 1]));
    const all = [...report.passes, ...report.pending, ...report.failures].sort((a, b) => a.order - b.order);
    for (const test of all) {
        const number = failed.get(test);
        if (number !== undefined) {
            out(`    ${number}) ${test.fullTitle}`);
        } else if (report.pending.includes(test)) {
            out(`    - ${test.fullTitle}`);
        } else {
            out(`    ✔ ${test.fullTitle}${test.durationMs !== undefined ? ` (${test.durationMs} ms)` : ''}`);
        }
    }
    out('');
    out(`  ${report.passes.length} passing (${Math.round(report.durationMs)} ms)`);
    if (report.pending.length > 0) {
        out(`  ${report.pending.length} pending`);
    }
    if (report.failures.length > 0) {
        out(`  ${report.failures.length} failing`);
        report.failures.forEach((test, index) => {
            out('');
            out(`  ${index + 1}) ${test.fullTitle}:`);
            out(indent(test.stack ?? test.message ?? '(no message)', '     '));
        });
    }
    if (report.error) {
        out('');
        out(`  the suite did not run: ${report.error}`);
    }
    out('');
    return report.failures.length + (report.error ? 1 : 0);
}

function indent(text: string, prefix: string): string {
    return text
        .split('\n')
        .map((line) => prefix + line)
        .join('\n');
}
