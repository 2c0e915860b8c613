/**
 * CLI: `npm run emulator [-- --port N] [--fixture file.json|scale] [--scale[=subscriptions]] [--faults faults.json]
 * [--provisioning-delay-ms N] [--latency-ms N] [--page-size N] [--resource-graph available|forbidden|absent]
 * [--state-dir dir] [--verbose]`. Port: --port, else AZURE_EMULATOR_PORT, else 10443; `--port 0` picks a free one.
 * `--scale` (or `--fixture scale`) serves the benchmark's scale world (test/emulator/scale): 200 subscriptions,
 * 1,000 workspaces, 1,000 clusters, 5,000 Kubernetes computes; `--scale=N` the same shape over N subscriptions.
 */

import * as path from 'path';
import { scaleFixture } from './scale';
import { ensureCertificates } from './certs';
import { parseResourceGraphMode } from './emulator';
import { defaultStateDir, startEmulator, type EmulatorOptions } from './server';

const usage =
    'usage: npm run emulator -- [--port N] [--fixture file|scale] [--scale[=subscriptions]] [--faults file] [--provisioning-delay-ms N] [--latency-ms N] [--page-size N] [--resource-graph available|forbidden|absent] [--state-dir dir] [--verbose]\n';

function parseArgs(argv: string[]): EmulatorOptions & { help?: boolean } {
    const options: EmulatorOptions & { help?: boolean } = { quiet: true };
    const num = (name: string, value: string | undefined): number => {
        const n = Number(value);
        if (value === undefined || !Number.isInteger(n) || n < 0) {
            throw new Error(`${name} needs a non-negative integer`);
        }
        return n;
    };
    for (let i = 0; i < argv.length; i++) {
        const [flag, inline] = argv[i].split('=', 2);
        const value = (): string | undefined => inline ?? argv[++i];
        switch (flag) {
            case '--port':
                options.port = num(flag, value());
                break;
            case '--host':
                options.host = value();
                break;
            case '--fixture': {
                const file = value() ?? '';
                options.fixture = file === 'scale' ? scaleFixture() : path.resolve(file);
                break;
            }
            case '--scale':
                // No separate value: `--scale 5` would be ambiguous with the next flag; use `--scale=5`.
                options.fixture = scaleFixture(
                    inline === undefined ? {} : { subscriptions: Math.max(1, num(flag, inline)) },
                );
                break;
            case '--resource-graph':
                options.resourceGraph = parseResourceGraphMode(value());
                break;
            case '--faults':
                options.faults = path.resolve(value() ?? '');
                break;
            case '--provisioning-delay-ms':
                options.provisioningDelayMs = num(flag, value());
                break;
            case '--latency-ms':
                options.latencyMs = num(flag, value());
                break;
            case '--page-size':
                options.pageSize = num(flag, value());
                break;
            case '--state-dir':
                options.stateDir = path.resolve(value() ?? '');
                break;
            case '--verbose':
                options.quiet = false;
                break;
            case '--help':
            case '-h':
                options.help = true;
                break;
            default:
                throw new Error(`unknown option ${argv[i]}`);
        }
    }
    if (options.port === undefined) {
        options.port = process.env.AZURE_EMULATOR_PORT
            ? num('AZURE_EMULATOR_PORT', process.env.AZURE_EMULATOR_PORT)
            : 10443;
    }
    return options;
}

async function main(): Promise<void> {
    const options = parseArgs(process.argv.slice(2));
    if (options.help) {
        process.stdout.write(usage);
        return;
    }
    ensureCertificates(defaultStateDir());
    const emulator = await startEmulator(options);
    const world =
        options.fixture && typeof options.fixture === 'object'
            ? `scale fixture (${options.fixture.subscriptions.length} subscriptions, ${options.fixture.resources.length} resources)`
            : (options.fixture ?? 'default fixture');
    const lines = [
        `Azure emulator listening on ${emulator.url}`,
        `  world:          ${world}`,
        ...(options.resourceGraph && options.resourceGraph !== 'available'
            ? [`  resource graph: ${options.resourceGraph}`]
            : []),
        `  port:           ${emulator.port}`,
        `  tenant id:      ${emulator.tenantId}`,
        `  client id:      ${emulator.clientId}`,
        `  client secret:  ${emulator.clientSecret}`,
        `  principal id:   ${emulator.principalId}`,
        `  token scope:    ${emulator.scope}`,
        `  CA certificate: ${emulator.caCertPath}`,
        `  VS Code settings: ${path.join(emulator.stateDir, 'settings.json')}`,
        `  environment:    source ${path.join(emulator.stateDir, 'env.sh')}`,
        `  request log:    ${emulator.requestLogPath}`,
        `  admin API:      ${emulator.url}/_emulator/{faults,reset,resources,state,requests,options}`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
    const stop = (): void => {
        void emulator.stop().then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
    process.stderr.write(`emulator: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
});
