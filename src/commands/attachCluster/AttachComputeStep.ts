import { AzureWizardExecuteStep, nonNullProp } from '@microsoft/vscode-azext-utils';
import type { Progress } from 'vscode';
import * as vscode from 'vscode';
import { attachCompute } from '../../azure/computeOperations';
import { attachRequestBody } from '../../domain/attachPlan';
import { ext } from '../../extensionVariables';
import { followCompute } from '../../operations/followCompute';
import { commandFailure } from '../../ui/errorText';
import type { AttachClusterContext } from './AttachClusterContext';
import { planFrom } from './ConfirmStep';

/** Sends the one PUT (without waiting for provisioning), shows the compute as Creating, and follows it to the end. */
export class AttachComputeStep extends AzureWizardExecuteStep<AttachClusterContext> {
    priority = 100;

    async execute(context: AttachClusterContext, progress: Progress<{ message?: string }>): Promise<void> {
        const plan = planFrom(context);
        const sub = nonNullProp(context, 'subscription');
        const workspace = nonNullProp(context, 'workspace');
        const cluster = nonNullProp(context, 'cluster');
        progress.report({
            message: vscode.l10n.t('Attaching {0} to {1} as {2}...', cluster.name, workspace.name, plan.computeName),
        });
        try {
            context.compute = await attachCompute(sub, workspace, plan.computeName, attachRequestBody(plan));
        } catch (error) {
            throw commandFailure(
                context,
                error,
                vscode.l10n.t(
                    'Could not attach {0} to workspace {1} as compute {2}',
                    cluster.name,
                    workspace.name,
                    plan.computeName,
                ),
            );
        }
        ext.outputChannel.info(
            `Attach of ${cluster.id} to ${workspace.id} as ${plan.computeName} accepted (${context.compute.provisioningState}).`,
        );
        followCompute({
            operation: 'attach',
            subscription: sub,
            workspace,
            compute: context.compute,
            clusterName: cluster.name,
        });
    }

    shouldExecute(): boolean {
        return true;
    }
}
