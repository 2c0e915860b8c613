/**
 * CLI: `npm run emulator [-- --port N] [--fixture file.json] [--faults faults.json] [--provisioning-delay-ms N]
 * [--latency-ms N] [--page-size N] [--state-dir dir] [--verbose]`. Port: --port, else AZURE_EMULATOR_PORT, else 10443;
 * `--port 0` picks a free one.
 */

import * as path from 'path';
import { ensureCertificates } from './certs';
import { defaultStateDir, startEmulator, type EmulatorOptions } from './server';

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
            case '--fixture':
                options.fixture = path.resolve(value() ?? '');
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
        process.stdout.write(
            'usage: npm run emulator -- [--port N] [--fixture file] [--faults file] [--provisioning-delay-ms N] [--latency-ms N] [--page-size N] [--state-dir dir] [--verbose]\n',
        );
        return;
    }
    ensureCertificates(defaultStateDir());
    const emulator = await startEmulator(options);
    const lines = [
        `Azure emulator listening on ${emulator.url}`,
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
