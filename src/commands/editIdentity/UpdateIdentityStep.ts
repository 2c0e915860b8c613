import { AzureWizardExecuteStep, nonNullProp } from '@microsoft/vscode-azext-utils';
import type { Progress } from 'vscode';
import * as vscode from 'vscode';
import { ComputeChangedError, updateComputeIdentity } from '../../azure/identityUpdate';
import { identityBody } from '../../domain/attachPlan';
import { followCompute } from '../../operations/followCompute';
import { commandFailure } from '../../ui/errorText';
import { reportChangedMeanwhile } from './changedMeanwhile';
import type { EditIdentityContext } from './EditIdentityContext';

export class UpdateIdentityStep extends AzureWizardExecuteStep<EditIdentityContext> {
    priority = 100;

    async execute(context: EditIdentityContext, progress: Progress<{ message?: string }>): Promise<void> {
        const sub = nonNullProp(context, 'subscription');
        const workspace = nonNullProp(context, 'workspace');
        const compute = nonNullProp(context, 'compute');
        progress.report({ message: vscode.l10n.t('Changing the identity of {0}...', compute.name) });
        try {
            context.updated = await updateComputeIdentity(
                sub,
                workspace,
                compute.name,
                identityBody(nonNullProp(context, 'newIdentity')),
                nonNullProp(context, 'opened'),
            );
        } catch (error) {
            if (error instanceof ComputeChangedError) {
                context.refused = true;
                context.telemetry.properties.changedMeanwhile = 'true';
                // Not awaited: the wizard's progress ends now, the notification stays until answered.
                void reportChangedMeanwhile(sub, error);
                return;
            }
            throw commandFailure(
                context,
                error,
                vscode.l10n.t(
                    'Could not change the identity of compute {0} in workspace {1}',
                    compute.name,
                    workspace.name,
                ),
            );
        }
        followCompute({ operation: 'identity', subscription: sub, workspace, compute: context.updated });
    }

    shouldExecute(): boolean {
        return true;
    }
}
