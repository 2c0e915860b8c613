import * as vscode from 'vscode';
import { redactSecrets } from '../azure/errors';
import type { OperationEnd } from '../domain/followRules';
import type { WorkspaceRef } from '../domain/models';
import type { ComputeInfo, WorkspaceInfo } from '../domain/models';
import type { SubscriptionContext } from '../azure/subscriptionContext';
import type { FollowedKind } from '../domain/followedOperations';
import { ext } from '../extensionVariables';
import { ComputeNode } from '../tree/ComputeNode';
import { lastError } from '../tree/describe';
import { workspaceComputeNodeId, workspacesViewPath } from '../tree/nodeIds';

export interface FollowedOperation {
    readonly operation: FollowedKind;
    readonly subscription: SubscriptionContext;
    readonly workspace: WorkspaceInfo;
    readonly compute: ComputeInfo;
    readonly clusterName?: string;
}

/**
 * Follows a compute after a change until the service is done with it: keeps both views and any open panel current
 * and reports the end in a notification (with the provisioning error when it failed). The operation is remembered
 * in the workspace state, so a window reload resumes following it (see ComputeWatcher).
 */
export function followCompute(op: FollowedOperation): void {
    ext.computeWatcher.follow(op);
}

/** What the end of an operation is reported with: a live one, or one resumed after a reload. */
export interface EndedOperation {
    readonly operation: FollowedKind;
    readonly subscription: SubscriptionContext;
    readonly workspace: WorkspaceRef;
    readonly computeName: string;
    readonly clusterName?: string;
}

/**
 * Says how an operation ended, in a notification the notification center keeps ("Attached aks-gpu-dev to ws-vision as
 * k8s-gpu2: Succeeded"), with Show Details (the compute's panel); the compute (or, once detached, its workspace) is
 * revealed and selected in the Workspaces view. `end` is how the follow loop found it ended.
 */
export async function reportEnd(op: EndedOperation, end: OperationEnd): Promise<void> {
    const name = op.computeName;
    const ws = op.workspace.name;
    void revealInWorkspaces(op, end.kind === 'succeeded' || end.kind === 'failed' ? end.compute : undefined);
    if (end.kind === 'gone') {
        void vscode.window.showWarningMessage(vscode.l10n.t('Compute {0} is no longer in workspace {1}.', name, ws));
        return;
    }
    if (end.kind === 'succeeded') {
        const message =
            op.operation === 'detach'
                ? vscode.l10n.t(
                      'Detached {0} from {1}: Succeeded. The cluster and its workloads were not touched.',
                      name,
                      ws,
                  )
                : op.operation === 'attach'
                  ? vscode.l10n.t('Attached {0} to {1} as {2}: Succeeded.', op.clusterName ?? '', ws, name)
                  : vscode.l10n.t('Updated the identity of {0} in {1}: Succeeded.', name, ws);
        await offerDetails(
            op,
            end.compute,
            vscode.window.showInformationMessage(message, ...detailsButton(end.compute)),
        );
        return;
    }
    const reason = lastError(end.compute) ?? vscode.l10n.t('no error was given');
    const message =
        op.operation === 'detach'
            ? vscode.l10n.t('Detaching {0} from {1}: Failed. {2}', name, ws, reason)
            : op.operation === 'attach'
              ? vscode.l10n.t(
                    'Attaching {0} to {1} as {2}: {3}. {4}',
                    op.clusterName ?? '',
                    ws,
                    name,
                    end.compute.provisioningState,
                    reason,
                )
              : vscode.l10n.t(
                    'Updating the identity of {0} in {1}: {2}. {3}',
                    name,
                    ws,
                    end.compute.provisioningState,
                    reason,
                );
    for (const e of end.compute.provisioningErrors) {
        ext.outputChannel.error(`${end.compute.id}: ${e.code ?? 'Error'}: ${redactSecrets(e.message)}`);
    }
    await offerDetails(op, end.compute, vscode.window.showErrorMessage(message, ...detailsButton(end.compute)));
}

const showDetails = () => vscode.l10n.t('Show Details');

function detailsButton(compute: ComputeInfo | undefined): string[] {
    return compute ? [showDetails()] : [];
}

/** "Show Details" opens the compute's panel (its status section has the errors in full). */
async function offerDetails(
    op: EndedOperation,
    compute: ComputeInfo | undefined,
    answer: Thenable<string | undefined>,
) {
    if (compute && (await answer) === showDetails()) {
        const node = new ComputeNode(workspaceComputeNodeId(compute.id), op.subscription, compute, false);
        await vscode.commands.executeCommand('azuremlK8s.showComputeDetails', node);
    }
}

/** Selects the compute in the Workspaces view (its workspace once it is gone), expanding what leads to it. */
async function revealInWorkspaces(op: EndedOperation, compute: ComputeInfo | undefined): Promise<void> {
    try {
        await ext.workspacesTree.reveal(
            workspacesViewPath(op.subscription.subscriptionId, op.workspace.id, compute?.id),
        );
    } catch (error) {
        // The view may be hidden or collapsed; the notification says it all.
        ext.outputChannel.debug(`Could not reveal ${compute?.id ?? op.workspace.id}: ${String(error)}`);
    }
}
