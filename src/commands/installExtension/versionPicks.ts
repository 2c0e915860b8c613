import type { IAzureQuickPickItem } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { listExtensionVersions } from '../../azure/extensionVersions';
import { isVersionText } from '../../domain/extensionVersions';
import { explainError } from '../../ui/errorText';
import { askAgainOnBack } from '../shared/askAgainOnBack';
import type { InstallExtensionContext } from './InstallExtensionContext';

type Listing = { versions: string[] } | { problem: string };

async function listing(context: InstallExtensionContext, train: string): Promise<Listing> {
    try {
        const versions = await listExtensionVersions(context.sub, context.cluster.id, train);
        return versions.length > 0
            ? { versions }
            : { problem: vscode.l10n.t('the {0} train lists no version for this cluster', train) };
    } catch (error) {
        // Said as the pickers say a subscription they could not list (the whole error in the log).
        const what = vscode.l10n.t('Could not list the {0} versions of the AzureML extension', train);
        return { problem: explainError(error, what).short };
    }
}

function picks(result: Listing, train: string): IAzureQuickPickItem<string>[] {
    const newest = 'versions' in result ? result.versions[0] : undefined;
    const latest: IAzureQuickPickItem<string> = {
        label: vscode.l10n.t('Latest {0} version', train),
        description: vscode.l10n.t('auto-upgrade minor versions'),
        detail: newest
            ? vscode.l10n.t('Installs {0} now, then follows the {1} train as new minor versions ship.', newest, train)
            : vscode.l10n.t('The extension follows the {0} train as new minor versions ship.', train),
        data: 'latest',
        picked: true,
    };
    if (!('versions' in result)) {
        return [
            latest,
            {
                label: vscode.l10n.t('$(edit) Pin a version...'),
                detail: vscode.l10n.t('The versions could not be listed ({0}): type one.', result.problem),
                data: 'pin',
            },
        ];
    }
    return [
        latest,
        ...result.versions.map((version, i) => ({
            label: version,
            description: i === 0 ? vscode.l10n.t('newest · pinned, no automatic upgrade') : vscode.l10n.t('pinned'),
            data: version,
        })),
    ];
}

/**
 * The version to install: the train's latest with minor-version auto-upgrade (as the CLI defaults to), or one of the
 * versions the cluster may install, pinned. Typed by hand only when they cannot be listed.
 */
export async function pickVersion(context: InstallExtensionContext, train: string): Promise<string> {
    const items = listing(context, train).then((result) => picks(result, train));
    // Back from a typed version: the list again (as it was read), not the release train.
    return askAgainOnBack(
        () =>
            context.ui.showQuickPick(items, {
                placeHolder: vscode.l10n.t('Version'),
                loadingPlaceHolder: vscode.l10n.t('Listing the {0} versions of the AzureML extension...', train),
                suppressPersistence: true,
            }),
        async (pick) => (pick.data === 'pin' ? typedVersion(context) : pick.data),
    );
}

async function typedVersion(context: InstallExtensionContext): Promise<string> {
    const typed = await context.ui.showInputBox({
        prompt: vscode.l10n.t('Version to pin (auto-upgrade is then off), for example 1.1.39'),
        validateInput: (value) =>
            isVersionText(value)
                ? undefined
                : vscode.l10n.t('A version is three numbers, maybe with a suffix, such as 1.1.39 or 1.2.0-preview.'),
    });
    return typed.trim();
}
