import * as vscode from 'vscode';
import type { CloudEndpoints, CustomEnvironmentSetting } from '../domain/cloud';
import { loadCloud } from './cloudMetadata';

export type AuthMode = 'vscode' | 'azureCli' | 'environment';

export const settingsSection = 'azuremlK8s';

export function getAuthMode(): AuthMode {
    const mode = vscode.workspace.getConfiguration(settingsSection).get<string>('authentication');
    return mode === 'azureCli' || mode === 'environment' ? mode : 'vscode';
}

/**
 * The cloud chosen in `microsoft-sovereign-cloud.*`, a custom one completed from its ARM endpoint's metadata where the
 * setting leaves endpoints out; rejects with CloudConfigurationError when those settings are unusable.
 */
export function loadConfiguredCloud(): Promise<CloudEndpoints> {
    const sovereign = vscode.workspace.getConfiguration('microsoft-sovereign-cloud');
    return loadCloud(
        {
            environment: sovereign.get<string>('environment') || undefined,
            customEnvironment: sovereign.get<CustomEnvironmentSetting>('customEnvironment'),
            studioUrl: vscode.workspace.getConfiguration(settingsSection).get<string>('studioUrl'),
            authMode: getAuthMode(),
        },
        vscode.l10n.t,
    );
}

export function getSelectedSubscriptionIds(): string[] | undefined {
    const ids = vscode.workspace.getConfiguration(settingsSection).get<string[]>('selectedSubscriptions');
    return ids && ids.length > 0 ? ids : undefined;
}

export async function setSelectedSubscriptionIds(ids: string[]): Promise<void> {
    await vscode.workspace
        .getConfiguration(settingsSection)
        .update('selectedSubscriptions', ids, vscode.ConfigurationTarget.Global);
}

export function affectsAuthentication(e: vscode.ConfigurationChangeEvent): boolean {
    return (
        e.affectsConfiguration(`${settingsSection}.authentication`) ||
        e.affectsConfiguration('microsoft-sovereign-cloud')
    );
}

/** `azuremlK8s.requestTimeoutSeconds`: how long one attempt of a request may go unanswered (5 to 300 s). */
export function getRequestTimeoutSeconds(): number {
    const seconds = vscode.workspace.getConfiguration(settingsSection).get<number>('requestTimeoutSeconds', 30);
    return Math.min(300, Math.max(5, Number.isFinite(seconds) ? seconds : 30));
}
