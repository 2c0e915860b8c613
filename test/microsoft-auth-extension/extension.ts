/**
 * Test-only extension: VS Code's Microsoft sign-in against the local Azure emulator. It registers the `microsoft`
 * and `microsoft-sovereign-cloud` authentication providers, as VS Code's built-in microsoft-authentication extension
 * does, so that `azuremlK8s.authentication: vscode` (through @microsoft/vscode-azext-azureauth) signs a person in
 * from the Accounts menu, the consent dialog and an account picker, with tokens from the emulator's Entra endpoints.
 *
 * code-server 4.139 ships the built-in extension too, and it cannot sign in here (MSAL asks login.microsoftonline.com
 * for instance metadata). VS Code keeps the first provider registered under an id and ignores later ones (it logs
 * "An authentication provider with id ... is already registered"), so both are registered here first thing in
 * activate(), before anything is awaited; the built-in one needs several round trips before it registers.
 */

import * as vscode from 'vscode';
import { EmulatedMicrosoftProvider } from './provider';

function publicAuthority(): string {
    const authority = vscode.workspace.getConfiguration('azuremlK8sEmulatedAuth').get<string>('authority');
    if (!authority) {
        throw new Error('Set azuremlK8sEmulatedAuth.authority to the emulator URL to sign in with Microsoft.');
    }
    return authority;
}

function sovereignAuthority(): string {
    const cloud = vscode.workspace.getConfiguration('microsoft-sovereign-cloud');
    const custom = cloud.get<{ activeDirectoryEndpointUrl?: string }>('customEnvironment');
    if (cloud.get<string>('environment') !== 'custom' || !custom?.activeDirectoryEndpointUrl) {
        throw new Error(
            'Set microsoft-sovereign-cloud.environment to "custom" and microsoft-sovereign-cloud.customEnvironment.activeDirectoryEndpointUrl to the emulator URL.',
        );
    }
    return custom.activeDirectoryEndpointUrl;
}

export function activate(context: vscode.ExtensionContext): void {
    const log = vscode.window.createOutputChannel('Microsoft Authentication (emulated)', { log: true });
    context.subscriptions.push(log);
    const providers: [string, string, () => string][] = [
        ['microsoft', 'Microsoft', publicAuthority],
        ['microsoft-sovereign-cloud', 'Microsoft Sovereign Cloud', sovereignAuthority],
    ];
    for (const [id, label, authority] of providers) {
        const provider = new EmulatedMicrosoftProvider(id, label, authority, context.secrets, log);
        context.subscriptions.push(
            provider,
            vscode.authentication.registerAuthenticationProvider(id, label, provider, {
                supportsMultipleAccounts: true,
            }),
        );
    }
    const builtIn = vscode.extensions.getExtension('vscode.microsoft-authentication');
    log.info(
        `registered ${providers.map(([id]) => id).join(' and ')}` +
            (builtIn ? `; the built-in ${builtIn.id} is installed too (active: ${builtIn.isActive})` : ''),
    );
}

export function deactivate(): void {}
