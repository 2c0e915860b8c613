/**
 * VS Code's Microsoft sign-in for code-server against the emulator: the test-only microsoft-auth-extension stands in
 * for the built-in one (which cannot reach login.microsoftonline.com here), with the emulator's people in its account
 * picker. It activates at startup, so it holds the provider ids before the built-in one, which activates only when a
 * sign-in is asked for (code-server has no way to disable a built-in extension). Used by the E2E sessions
 * (`useEditor({ signIn: 'vscode' })`) and by `npm start -- --sign-in vscode`.
 */

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { packageTestExtension } from '../../test/extension-host/codeServerHost';
import { loadFixture } from '../../test/emulator/server';
import { repoRoot } from './util';

let packaged: Promise<string> | undefined;

/** The emulated Microsoft sign-in extension, packaged once per process. */
export function emulatedMicrosoftAuthVsix(): Promise<string> {
    if (!packaged) {
        const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'azureml-k8s-auth-ext-'));
        process.once('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
        packaged = packageTestExtension(path.join(repoRoot, 'test', 'microsoft-auth-extension'), tmp);
        packaged.catch(() => (packaged = undefined));
    }
    return packaged;
}

/** The settings that make the extension sign in with VS Code's account through the emulated provider. */
export function vscodeSignInSettings(emulatorUrl: string): Record<string, unknown> {
    return {
        'azuremlK8s.authentication': 'vscode',
        'azuremlK8sEmulatedAuth.authority': emulatorUrl,
        'azuremlK8sEmulatedAuth.accounts': (loadFixture(undefined).users ?? []).map((u) => u.userPrincipalName),
    };
}
