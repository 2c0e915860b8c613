/**
 * Runs the extension-host suite inside code-server's extension host (a real VS Code, which these machines can
 * install from npm) with `runSuiteInCodeServer` (codeServerHost.ts) and prints its report.
 *
 * `node out/test/extension-host/runCodeServer.js [grep]`; AZUREML_K8S_VSIX tests another .vsix;
 * AZUREML_K8S_HOST_TIMEOUT_MS (default 120000) bounds the wait for the report.
 */

import { closeAllBrowsers } from '../../tools/editor-host/browser';
import { stopAllCodeServers } from '../../tools/editor-host/codeServer';
import { log } from '../../tools/editor-host/util';
import { runSuiteInCodeServer } from './codeServerHost';
import { GREP_ENV, printReport } from './report';

async function main(): Promise<number> {
    const started = Date.now();
    const grep = process.env[GREP_ENV] ?? process.argv.slice(2).find((arg) => !arg.startsWith('-'));
    const interrupted = (signal: NodeJS.Signals) => {
        log(`${signal}: stopping`);
        void closeAllBrowsers()
            .then(stopAllCodeServers)
            .finally(() => process.exit(130));
    };
    process.once('SIGINT', interrupted);
    process.once('SIGTERM', interrupted);
    const { report } = await runSuiteInCodeServer({ grep });
    const failures = printReport(report);
    log(`code-server run done in ${Math.round((Date.now() - started) / 1000)} s`);
    return failures > 0 ? 1 : 0;
}

main().then(
    (code) => process.exit(code),
    (error) => {
        console.error(`extension-host suite (code-server): ${error instanceof Error ? error.message : error}`);
        process.exit(1);
    },
);
