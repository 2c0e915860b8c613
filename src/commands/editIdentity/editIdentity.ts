import { AzureWizard, type IActionContext } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { ext } from '../../extensionVariables';
import { ComputeNode } from '../../tree/ComputeNode';
import { workspaceComputeNodeId } from '../../tree/nodeIds';
import type { TreeNode } from '../../tree/TreeNode';
import { ensureSignedIn } from '../ensureSignedIn';
import { ComputeListStep } from '../shared/ComputeListStep';
import { WorkspaceListStep } from '../shared/WorkspaceListStep';
import { ConfirmImpactStep } from './ConfirmImpactStep';
import type { EditIdentityContext } from './EditIdentityContext';
import { IdentityChoiceStep } from './IdentityChoiceStep';
import { UpdateIdentityStep } from './UpdateIdentityStep';

/** Edit Identity...: from a compute's context menu, or the palette (then pick workspace and compute). */
export async function editIdentity(actionContext: IActionContext, node?: TreeNode): Promise<void> {
    await ensureSignedIn(actionContext);
    const context: EditIdentityContext = { ...actionContext };
    if (node instanceof ComputeNode) {
        context.subscription = node.subscription;
        context.compute = node.compute;
        context.workspace = await ext.inventory.workspaceOf(node.subscription, node.compute);
    }
    const wizard = new AzureWizard(context, {
        title: vscode.l10n.t('Edit compute identity'),
        promptSteps: [
            new WorkspaceListStep(vscode.l10n.t('Select the workspace of the compute')),
            new ComputeListStep(),
            new IdentityChoiceStep(),
            new ConfirmImpactStep(),
        ],
        executeSteps: [new UpdateIdentityStep()],
    });
    await wizard.prompt();
    await wizard.execute();
    context.telemetry.properties.newIdentity = context.newIdentity?.type;
    await offerRoleGuidance(context);
}

async function offerRoleGuidance(context: EditIdentityContext): Promise<void> {
    const compute = context.updated;
    if (context.refused || !compute || compute.identity.type === 'None') {
        return;
    }
    const hasPanel = (await vscode.commands.getCommands(true)).includes('azuremlK8s.showComputeDetails');
    const show = vscode.l10n.t('Show Role Guidance');
    const answer = await vscode.window.showInformationMessage(
        vscode.l10n.t(
            'The identity of {0} is being changed. The new identity needs its roles for training.',
            compute.name,
        ),
        ...(hasPanel ? [show] : []),
    );
    if (answer === show && context.subscription) {
        await vscode.commands.executeCommand(
            'azuremlK8s.showComputeDetails',
            new ComputeNode(workspaceComputeNodeId(compute.id), context.subscription, compute, false),
        );
    }
}
