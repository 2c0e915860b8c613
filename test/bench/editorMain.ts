/**
 * The editor half of the benchmark alone (`npm run bench` runs it after the Node half):
 *
 *   npm run compile && npm run build && node out/test/bench/editorMain.js [--latency 100] [--only host|workbench]
 */

import { closeAllBrowsers } from '../../tools/editor-host/browser';
import { stopAllCodeServers } from '../../tools/editor-host/codeServer';
import { measureInEditor } from './editorBench';
import { figuresTable } from './figures';

async function main(): Promise<number> {
    const i = process.argv.indexOf('--latency');
    const latencyMs = i < 0 ? 100 : Number(process.argv[i + 1]);
    const interrupted = () =>
        void closeAllBrowsers()
            .then(stopAllCodeServers)
            .finally(() => process.exit(130));
    process.once('SIGINT', interrupted);
    process.once('SIGTERM', interrupted);
    const j = process.argv.indexOf('--only');
    const only = j < 0 ? undefined : (process.argv[j + 1] as 'host' | 'workbench');
    const figures = await measureInEditor({ latencyMs, only });
    console.log(`\n${figuresTable(figures)}\n`);
    return figures.some((f) => f.pass === false) ? 1 : 0;
}

main().then(
    (code) => process.exit(code),
    (error: unknown) => {
        console.error(error instanceof Error ? (error.stack ?? error.message) : error);
        process.exit(1);
    },
);
