import { AzureWizardExecuteStep, nonNullProp } from '@microsoft/vscode-azext-utils';
import type { Progress } from 'vscode';
import * as vscode from 'vscode';
import { startSettingsUpdate } from '../../azure/extensionOperations';
import { ext } from '../../extensionVariables';
import { commandFailure } from '../../ui/errorText';
import type { UpdateExtensionContext } from './UpdateExtensionContext';

/** The one PATCH of the changed settings; the cluster's row shows it Updating until the follower reports the end. */
export class UpdateStep extends AzureWizardExecuteStep<UpdateExtensionContext> {
    priority = 100;

    async execute(context: UpdateExtensionContext, progress: Progress<{ message?: string }>): Promise<void> {
        const { sub, cluster, installed } = context;
        const patch = nonNullProp(context, 'patch');
        progress.report({ message: vscode.l10n.t('Updating the AzureML extension on {0}...', cluster.name) });
        try {
            await startSettingsUpdate(sub, cluster, installed.name, patch);
        } catch (error) {
            throw commandFailure(
                context,
                error,
                vscode.l10n.t('Could not update the AzureML extension settings on {0}', cluster.name),
            );
        }
        ext.outputChannel.info(`Settings update of ${installed.id} accepted: ${Object.keys(patch).join(', ')}`);
        context.telemetry.properties.changedSettings = Object.keys(patch).join(',');
        void ext.extensionWatcher.follow({ operation: 'update', sub, cluster, name: installed.name });
    }

    shouldExecute(context: UpdateExtensionContext): boolean {
        return !!context.patch && Object.keys(context.patch).length > 0;
    }
}
