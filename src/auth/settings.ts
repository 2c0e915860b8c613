import * as vscode from 'vscode';
import { resolveCloud, type CloudEndpoints, type CustomEnvironmentSetting } from '../domain/cloud';

export type AuthMode = 'vscode' | 'azureCli' | 'environment';

export const settingsSection = 'azuremlK8s';

export function getAuthMode(): AuthMode {
    const mode = vscode.workspace.getConfiguration(settingsSection).get<string>('authentication');
    return mode === 'azureCli' || mode === 'environment' ? mode : 'vscode';
}

/** The cloud chosen in `microsoft-sovereign-cloud.*`; throws CloudConfigurationError when those settings are unusable. */
export function getCloud(): CloudEndpoints {
    const sovereign = vscode.workspace.getConfiguration('microsoft-sovereign-cloud');
    return resolveCloud(
        sovereign.get<string>('environment') || undefined,
        sovereign.get<CustomEnvironmentSetting>('customEnvironment'),
        vscode.workspace.getConfiguration(settingsSection).get<string>('studioUrl'),
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
