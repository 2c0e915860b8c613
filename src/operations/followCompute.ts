import * as vscode from 'vscode';
import { redactSecrets } from '../azure/errors';
import { operationEnd } from '../azure/followOperation';
import type { WorkspaceRef } from '../azure/mappers';
import type { ComputeInfo, WorkspaceInfo } from '../azure/models';
import type { SubscriptionContext } from '../azure/subscriptionContext';
import type { FollowedKind } from '../domain/followedOperations';
import { ext } from '../extensionVariables';
import { ComputeNode } from '../tree/ComputeNode';
import { lastError } from '../tree/describe';

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

/** Says how an operation ended; `current` is the compute as last read (undefined when it is gone). */
export async function reportEnd(op: EndedOperation, current: ComputeInfo | undefined): Promise<void> {
    const name = op.computeName;
    const ws = op.workspace.name;
    const end = operationEnd(op.operation, current);
    if (op.operation === 'detach') {
        if (end.kind === 'succeeded') {
            void vscode.window.showInformationMessage(
                vscode.l10n.t(
                    'Detached compute {0} from workspace {1}. The cluster and its workloads were not touched.',
                    name,
                    ws,
                ),
            );
        } else if (end.kind === 'failed') {
            await reportFailure(
                op,
                vscode.l10n.t(
                    'Detaching compute {0} from workspace {1} failed: {2}',
                    name,
                    ws,
                    lastError(end.compute) ?? end.compute.provisioningState,
                ),
                end.compute,
            );
        }
        return;
    }
    if (end.kind === 'gone') {
        void vscode.window.showWarningMessage(vscode.l10n.t('Compute {0} is no longer in workspace {1}.', name, ws));
        return;
    }
    const what =
        op.operation === 'attach'
            ? vscode.l10n.t('Attaching {0} to workspace {1} as compute {2}', op.clusterName ?? '', ws, name)
            : vscode.l10n.t('Updating the identity of compute {0} in workspace {1}', name, ws);
    if (end.kind === 'succeeded') {
        void vscode.window.showInformationMessage(vscode.l10n.t('{0} succeeded.', what));
    } else {
        await reportFailure(
            op,
            vscode.l10n.t(
                '{0} ended {1}: {2}',
                what,
                end.compute.provisioningState,
                lastError(end.compute) ?? vscode.l10n.t('no error was given'),
            ),
            end.compute,
        );
    }
}

/** The error, with "Show Details" opening the compute's panel (its status section has the errors in full). */
async function reportFailure(op: EndedOperation, message: string, compute: ComputeInfo): Promise<void> {
    for (const e of compute.provisioningErrors) {
        ext.outputChannel.error(`${compute.id}: ${e.code ?? 'Error'}: ${redactSecrets(e.message)}`);
    }
    const details = vscode.l10n.t('Show Details');
    if ((await vscode.window.showErrorMessage(message, details)) === details) {
        const node = new ComputeNode(`workspaces${compute.id.toLowerCase()}`, op.subscription, compute, false);
        await vscode.commands.executeCommand('azuremlK8s.showComputeDetails', node);
    }
}
