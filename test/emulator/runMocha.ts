/**
 * Runs mocha on compiled tests that talk to in-process emulators: makes sure the emulator CA exists in `.emulator/`,
 * then runs mocha in a child process with NODE_EXTRA_CA_CERTS pointing at it (Node reads it only at start-up).
 * Extra command-line arguments go to mocha.
 */

import { spawn } from 'child_process';
import * as path from 'path';
import { ensureCertificates } from './certs';
import { defaultStateDir, repoRoot } from './server';

export function runMochaWithEmulatorCa(testDir: string, timeoutMs: number, slowMs: number): void {
    const root = repoRoot();
    const { caCertPath } = ensureCertificates(defaultStateDir());
    const args = [
        path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js'),
        '--timeout',
        String(timeoutMs),
        '--slow',
        String(slowMs),
        path.join(root, 'out', 'test', testDir, '**', '*.test.js'),
        ...process.argv.slice(2),
    ];
    const child = spawn(process.execPath, args, {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, NODE_EXTRA_CA_CERTS: caCertPath, AZURE_EMULATOR_INTEGRATION: '1' },
    });
    child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
