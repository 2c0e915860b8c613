/**
 * `npm run bench`: the scale targets of the extension, measured against the emulator's scale world (200
 * subscriptions, 1,000 workspaces, 1,000 clusters, 5,000 Kubernetes computes) with latency on every request.
 * Prints one table and writes it to bench/results.md (the committed results say which machine they come from).
 *
 *   npm run bench [-- --latency 100] [-- --node-only] [-- --no-write]
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ensureCertificates } from '../emulator/certs';
import { defaultStateDir, repoRoot } from '../emulator/server';
import { figuresTable, type BenchFigure } from './figures';
import { measureInventory } from './nodeBench';

function flag(name: string): string | undefined {
    const i = process.argv.indexOf(`--${name}`);
    return i < 0 ? undefined : (process.argv[i + 1] ?? '');
}

function log(line: string): void {
    console.log(`[bench] ${line}`);
}

function machine(): string {
    const cpus = os.cpus();
    return `${os.type()} ${os.arch()}, ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

async function main(): Promise<number> {
    const { caCertPath } = ensureCertificates(defaultStateDir());
    if (process.env.NODE_EXTRA_CA_CERTS !== caCertPath) {
        // Node reads extra CAs only at start-up: run again with the emulator's CA trusted.
        const child = spawnSync(process.execPath, process.argv.slice(1), {
            stdio: 'inherit',
            env: { ...process.env, NODE_EXTRA_CA_CERTS: caCertPath },
        });
        return child.status ?? 1;
    }
    const latencyMs = Number(flag('latency') ?? 100);
    const started = Date.now();
    const figures: BenchFigure[] = [];
    figures.push(...(await measureInventory({ latencyMs, log })));
    if (!process.argv.includes('--node-only')) {
        const { measureInEditor } = await import('./editorBench');
        figures.push(...(await measureInEditor()));
    }
    const table = figuresTable(figures);
    const minutes = ((Date.now() - started) / 60_000).toFixed(1);
    console.log(`\n${table}\n`);
    const failed = figures.filter((f) => f.pass === false);
    if (!process.argv.includes('--no-write')) {
        const file = path.join(repoRoot(), 'bench', 'results.md');
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(
            file,
            [
                '# Benchmark results',
                '',
                `\`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${machine()}.`,
                `Emulator scale world: 200 subscriptions, 1,000 workspaces, 1,000 clusters (half AKS, half Arc), 5,000 Kubernetes computes; ${latencyMs} ms added to every request. The run took ${minutes} minutes.`,
                '',
                table,
                '',
                failed.length === 0
                    ? 'Every target is met.'
                    : `Targets not met: ${failed.map((f) => f.name).join('; ')}.`,
                '',
            ].join('\n'),
        );
        log(`wrote ${path.relative(process.cwd(), file)}`);
    }
    log(failed.length === 0 ? `every target met (${minutes} min)` : `${failed.length} target(s) NOT met`);
    return failed.length === 0 ? 0 : 1;
}

main().then(
    (code) => process.exit(code),
    (error: unknown) => {
        console.error(error);
        process.exit(1);
    },
);
