import * as path from 'path';
import { defaultStateDir, startEmulator } from '../../test/emulator/server';
import { sampleFolder, workbenchUrl } from './browser';
import { type CodeServer, startCodeServer } from './codeServer';
import { ensureEditor } from './install';
import { emulatedMicrosoftAuthVsix, vscodeSignInSettings } from './microsoftAuth';
import { packageExtension } from './package';
import { isPortFree, log } from './util';

async function pickPort(variable: string, preferred: number): Promise<number> {
    const wanted = process.env[variable] ? Number(process.env[variable]) : preferred;
    if (!Number.isInteger(wanted) || wanted < 0 || wanted > 65535) {
        throw new Error(`${variable} must be a port number`);
    }
    if (wanted === 0 || (await isPortFree(wanted))) {
        return wanted;
    }
    log(`port ${wanted} is busy (${variable}); using a free one`);
    return 0;
}

type SignIn = 'environment' | 'vscode';

/**
 * How the extension signs in: `environment` (the emulator's service principal, the default) or `vscode` (VS Code's
 * Microsoft account, through the emulated Microsoft sign-in). `--sign-in vscode`, `--sign-in=vscode` or
 * AZUREML_K8S_SIGN_IN=vscode.
 */
function signInMode(argv: string[], env: NodeJS.ProcessEnv): SignIn {
    const at = argv.findIndex((a) => a === '--sign-in' || a.startsWith('--sign-in='));
    const value = at < 0 ? env.AZUREML_K8S_SIGN_IN : argv[at].includes('=') ? argv[at].split('=')[1] : argv[at + 1];
    if (value === undefined || value === 'environment' || value === 'vscode') {
        return value ?? 'environment';
    }
    throw new Error(`--sign-in (or AZUREML_K8S_SIGN_IN) must be "environment" or "vscode", not "${value}"`);
}

async function main(): Promise<void> {
    const signIn = signInMode(process.argv.slice(2), process.env);
    // No Chromium: the address is opened in the user's own browser.
    const editor = await ensureEditor({ browser: false });
    const vsix = await packageExtension();
    const emulator = await startEmulator({
        port: await pickPort('AZURE_EMULATOR_PORT', 10443),
        stateDir: defaultStateDir(),
    });
    const codeServerPort = await pickPort('CODE_SERVER_PORT', 8080);
    const { NODE_EXTRA_CA_CERTS, AZURE_AUTHORITY_HOST } = emulator.env;
    const mode =
        signIn === 'vscode'
            ? {
                  extraVsix: [await emulatedMicrosoftAuthVsix()],
                  settings: { ...emulator.settings, ...vscodeSignInSettings(emulator.url) },
                  env: { NODE_EXTRA_CA_CERTS, AZURE_AUTHORITY_HOST },
              }
            : { extraVsix: [], settings: { ...emulator.settings }, env: emulator.env };
    const folder = sampleFolder(path.join(editor.cacheDir, 'azureml-k8s-sample'));
    let server: CodeServer;
    try {
        server = await startCodeServer({
            editor,
            vsix,
            port: codeServerPort === 0 ? undefined : codeServerPort,
            profileDir: path.join(editor.cacheDir, 'dev-profile'),
            keepUserSettings: true,
            ...mode,
            folder,
        });
    } catch (error) {
        await emulator.stop();
        throw error;
    }
    let stopping = false;
    const stop = async (code: number) => {
        stopping = true;
        await server.stop();
        await emulator.stop();
        process.exit(code);
    };
    process.once('SIGINT', () => void stop(0));
    process.once('SIGTERM', () => void stop(0));
    void server.exited.then(() => {
        if (stopping) {
            return;
        }
        console.error(`code-server exited:\n${server.output().slice(-4000)}`);
        void stop(1);
    });
    console.log(
        [
            '',
            `  Open VS Code (code-server):  ${workbenchUrl(server.url, folder)}`,
            `  Azure emulator:              ${emulator.url}`,
            ...(signIn === 'vscode'
                ? [
                      "  Sign in:                     VS Code's Microsoft account (emulated): choose Sign in to Azure,",
                      '                               then dana@contosoml.onmicrosoft.com (three tenants, one asks for MFA)',
                  ]
                : [
                      `  Service principal:           tenant ${emulator.tenantId}`,
                      `                               client ${emulator.clientId}`,
                      `                               secret ${emulator.clientSecret}`,
                      "  (npm start -- --sign-in vscode signs in with VS Code's Microsoft account instead)",
                  ]),
            `  Profile:                     ${path.dirname(server.userDataDir)}`,
            '',
            '  Press Ctrl+C to stop code-server and the emulator.',
            '',
        ].join('\n'),
    );
}

main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});
