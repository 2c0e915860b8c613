import { AzureWizard, type IActionContext } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { ClusterNode } from '../../tree/ClusterNode';
import type { TreeNode } from '../../tree/TreeNode';
import { WorkspaceNode } from '../../tree/WorkspaceNode';
import type { AttachClusterContext } from './AttachClusterContext';
import { AttachComputeStep } from './AttachComputeStep';
import { ClusterListStep } from './ClusterListStep';
import { ComputeNameStep } from './ComputeNameStep';
import { ConfirmStep } from './ConfirmStep';
import { IdentityListStep } from './IdentityListStep';
import { NamespaceStep } from './NamespaceStep';
import { PreflightStep } from './PreflightStep';
import { WorkspaceListStep } from '../shared/WorkspaceListStep';
import { ensureSignedIn } from '../ensureSignedIn';
import { attachWizardTitle } from './title';
import { isClusterArgument, resolveClusterArgument } from '../shared/clusterArgument';

/** Attach Kubernetes Cluster to Workspace: from the palette, a workspace, or a cluster (whose step is then skipped). */
export async function attachCluster(actionContext: IActionContext, node?: TreeNode | object): Promise<void> {
    await ensureSignedIn(actionContext);
    const context: AttachClusterContext = { ...actionContext };
    if (node instanceof WorkspaceNode) {
        context.subscription = node.subscription;
        context.workspace = node.workspace;
    } else if (node instanceof ClusterNode || isClusterArgument(node)) {
        // A cluster row, or a cluster named by id (an install's "Attach to a Workspace...").
        const { sub, cluster } = await resolveClusterArgument(node, actionContext);
        context.clusterSubscription = sub;
        context.cluster = cluster;
    }
    context.telemetry.properties.entryPoint =
        node instanceof WorkspaceNode
            ? 'workspace'
            : node instanceof ClusterNode || isClusterArgument(node)
              ? 'cluster'
              : 'palette';
    await runAttachWizard(context);
}

/** The attach wizard from whatever the context already holds (Re-attach fills in everything but the answers). */
export async function runAttachWizard(context: AttachClusterContext): Promise<void> {
    const wizard = new AzureWizard(context, {
        title: attachWizardTitle(),
        promptSteps: [
            new WorkspaceListStep(
                vscode.l10n.t('Select the Azure Machine Learning workspace to attach the cluster to'),
            ),
            new ClusterListStep(),
            new ComputeNameStep(),
            new NamespaceStep(),
            new IdentityListStep(),
            new PreflightStep(),
            new ConfirmStep(),
        ],
        executeSteps: [new AttachComputeStep()],
        showLoadingPrompt: true,
    });
    await wizard.prompt();
    await wizard.execute();
    context.telemetry.properties.clusterKind = context.cluster?.kind;
    context.telemetry.properties.identityType = context.identity?.type;
}
