import * as vscode from 'vscode';
import type { ComputeInfo, WorkspaceInfo } from '../azure/models';
import type { SubscriptionContext } from '../azure/subscriptionContext';
import { isTransitional } from '../domain/computeState';
import { ext } from '../extensionVariables';
import { ComputeNode } from '../tree/ComputeNode';
import { lastError } from '../tree/describe';
import { refreshComputeViews } from '../tree/refreshComputeViews';
import { pollIntervalMs } from '../tree/polling';
import { explainError } from '../ui/errorText';

export interface FollowedOperation {
    readonly operation: 'attach' | 'detach' | 'identity';
    readonly subscription: SubscriptionContext;
    readonly workspace: WorkspaceInfo;
    readonly compute: ComputeInfo;
    readonly clusterName?: string;
}

/** Polls failing this many times in a row stops the follow-up and says so. */
const maxConsecutiveFailures = 5;

/**
 * Follows a compute after a change until the service is done with it: keeps both views current and reports the
 * end in a notification (with the provisioning error when it failed).
 */
export function followCompute(op: FollowedOperation): void {
    refreshComputeViews(op.compute);
    let failures = 0;
    const poll = async () => {
        let current: ComputeInfo | undefined;
        try {
            current = await ext.inventory.computeNow(op.subscription, op.workspace, op.compute.name);
            failures = 0;
        } catch (error) {
            const explained = explainError(error, vscode.l10n.t('Could not read compute {0}', op.compute.name));
            if (++failures >= maxConsecutiveFailures) {
                void vscode.window.showWarningMessage(
                    vscode.l10n.t(
                        'Stopped following compute {0}: {1} Refresh the view to see its state.',
                        op.compute.name,
                        explained.detail,
                    ),
                );
                return;
            }
            setTimeout(() => void poll(), pollIntervalMs());
            return;
        }
        refreshComputeViews(op.compute);
        if (current && isTransitional(current.provisioningState)) {
            setTimeout(() => void poll(), pollIntervalMs());
            return;
        }
        void report(op, current);
    };
    setTimeout(() => void poll(), pollIntervalMs());
}

async function report(op: FollowedOperation, current: ComputeInfo | undefined): Promise<void> {
    const name = op.compute.name;
    const ws = op.workspace.name;
    if (op.operation === 'detach') {
        if (!current) {
            void vscode.window.showInformationMessage(
                vscode.l10n.t(
                    'Detached compute {0} from workspace {1}. The cluster and its workloads were not touched.',
                    name,
                    ws,
                ),
            );
        } else {
            await reportFailure(
                op,
                vscode.l10n.t(
                    'Detaching compute {0} from workspace {1} failed: {2}',
                    name,
                    ws,
                    lastError(current) ?? current.provisioningState,
                ),
                current,
            );
        }
        return;
    }
    if (!current) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Compute {0} is no longer in workspace {1}.', name, ws));
        return;
    }
    const what =
        op.operation === 'attach'
            ? vscode.l10n.t('Attaching {0} to workspace {1} as compute {2}', op.clusterName ?? '', ws, name)
            : vscode.l10n.t('Updating the identity of compute {0} in workspace {1}', name, ws);
    if (current.provisioningState === 'Succeeded') {
        void vscode.window.showInformationMessage(vscode.l10n.t('{0} succeeded.', what));
    } else {
        await reportFailure(
            op,
            vscode.l10n.t(
                '{0} ended {1}: {2}',
                what,
                current.provisioningState,
                lastError(current) ?? vscode.l10n.t('no error was given'),
            ),
            current,
        );
    }
}

/** The error, with "Show Details" opening the compute's panel (its status section has the errors in full). */
async function reportFailure(op: FollowedOperation, message: string, compute: ComputeInfo): Promise<void> {
    for (const e of compute.provisioningErrors) {
        ext.outputChannel.error(`${compute.id}: ${e.code ?? 'Error'}: ${e.message}`);
    }
    const details = vscode.l10n.t('Show Details');
    if ((await vscode.window.showErrorMessage(message, details)) === details) {
        const node = new ComputeNode(`workspaces${compute.id.toLowerCase()}`, op.subscription, compute, false);
        await vscode.commands.executeCommand('azuremlK8s.showComputeDetails', node);
    }
}
