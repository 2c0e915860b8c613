import { AzureWizardExecuteStep, nonNullProp } from '@microsoft/vscode-azext-utils';
import type { Progress } from 'vscode';
import * as vscode from 'vscode';
import { updateComputeIdentity } from '../../azure/computeOperations';
import { identityBody } from '../../domain/attachPlan';
import { followCompute } from '../../operations/followCompute';
import { commandFailure } from '../../ui/errorText';
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
            );
        } catch (error) {
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
