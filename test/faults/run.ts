/**
 * `npm run test:faults`: the fault suite and the credential fault tests against in-process emulators. Like the
 * integration runner, it makes sure the emulator CA exists in `.emulator/` and runs mocha in a child process with
 * NODE_EXTRA_CA_CERTS pointing at it (Node reads it only at start-up).
 */

import { spawn } from 'child_process';
import * as path from 'path';
import { ensureCertificates } from '../emulator/certs';
import { defaultStateDir, repoRoot } from '../emulator/server';

const root = repoRoot();
const { caCertPath } = ensureCertificates(defaultStateDir());
const mocha = path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
const args = [
    mocha,
    '--timeout',
    '600000',
    '--slow',
    '60000',
    path.join(root, 'out', 'test', 'faults', '**', '*.test.js'),
    ...process.argv.slice(2),
];
const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_EXTRA_CA_CERTS: caCertPath, AZURE_EMULATOR_INTEGRATION: '1' },
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
