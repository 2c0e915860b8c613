/**
 * The panel's messages that act on the compute itself rather than on its role rows: copy a value, open the portal,
 * run the compute's commands (as from its context menu), install the AzureML extension on its cluster (or copy the
 * install command where the cluster's subscription is not one the account can use), open the troubleshooting guide,
 * close. Every message has been validated against the contract before it gets here
 * (panelMessages.ts routes each kind to its method).
 */
import * as vscode from 'vscode';
import { portalResourceUrl } from '../../domain/cloud';
import type { ComputeInfo } from '../../domain/models';
import type { SubscriptionContext } from '../../azure/subscriptionContext';
import { clusterKindFromId, nameFromId } from '../../domain/armId';
import { azInstallExtensionCommand, kubectlInstanceTypeReadCommands } from '../../domain/azCommands';
import { ext } from '../../extensionVariables';
import { ComputeNode } from '../../tree/ComputeNode';
import { workspaceComputeNodeId } from '../../tree/nodeIds';
import type { ComputeCommand, CopyKind, InitialState, PortalTarget } from './contract';
import { planInstallExtension } from './failedActions';
import { troubleshootingUrl } from './nextSteps';
import type { PanelRoles } from './panelRoles';

/** What the actions need of the panel. */
export interface PanelHost {
    readonly subscription: SubscriptionContext | undefined;
    /** The compute as last read; undefined before the first read and once it is gone. */
    readonly compute: ComputeInfo | undefined;
    readonly state: InitialState;
    notice(text: string): void;
    close(): void;
}

const commandIds: Record<ComputeCommand, string> = {
    editIdentity: 'azuremlK8s.editIdentity',
    detach: 'azuremlK8s.detachCompute',
    openInStudio: 'azuremlK8s.openInStudio',
};

export class PanelActions {
    constructor(
        private readonly host: PanelHost,
        /** The panel's role rows, whose access control pages open in the portal. */
        private readonly roles: Pick<PanelRoles, 'scopeOf'>,
    ) {}

    async copy(kind: CopyKind): Promise<void> {
        const { identity, attachment, computeId } = this.host.state;
        const values: Record<CopyKind, string | undefined> = {
            displayName: identity.displayName,
            principalId: identity.principalId ?? identity.userAssigned?.principalId,
            clientId: identity.userAssigned?.clientId,
            tenantId: identity.tenantId,
            computeId,
            clusterId: attachment.clusterId,
            azAttachCommand: attachment.azCommand,
            instanceTypeCommands: kubectlInstanceTypeReadCommands.join('\n'),
        };
        const text = values[kind];
        if (text) {
            await vscode.env.clipboard.writeText(text);
            this.host.notice(
                vscode.l10n.t(
                    'Copied {0}',
                    kind === 'azAttachCommand'
                        ? vscode.l10n.t('the az command')
                        : kind === 'instanceTypeCommands'
                          ? vscode.l10n.t('the kubectl commands that read the instance types and the nodes')
                          : text,
                ),
            );
        }
    }

    /** A role row's access control page, or the overview of the compute, its workspace, cluster or identity. */
    async openInPortal(what: { rowId: string } | { target: PortalTarget }): Promise<void> {
        const { subscription: sub, state } = this.host;
        if (!sub) {
            return;
        }
        let url: string | undefined;
        if ('rowId' in what) {
            const scope = this.roles.scopeOf(what.rowId);
            url = scope ? portalResourceUrl(sub.cloud, sub.tenantId, scope, 'users') : undefined;
        } else {
            const ids: Record<PortalTarget, string | undefined> = {
                compute: state.computeId,
                workspace: state.attachment.workspaceId,
                cluster: state.attachment.clusterId,
                identity: state.identity.userAssigned?.id,
            };
            const id = ids[what.target];
            url = id ? portalResourceUrl(sub.cloud, sub.tenantId, id, 'overview') : undefined;
        }
        if (url) {
            await vscode.env.openExternal(vscode.Uri.parse(url, true));
        }
    }

    /** Runs the compute's command as its context menu in the Workspaces view does, with the compute as last read. */
    async runCommand(command: ComputeCommand): Promise<void> {
        const { subscription, compute } = this.host;
        if (!subscription || !compute) {
            this.host.notice(
                vscode.l10n.t('{0} has not been read yet; try again in a moment.', this.host.state.computeName),
            );
            return;
        }
        const node = new ComputeNode(workspaceComputeNodeId(compute.id), subscription, compute, false);
        await vscode.commands.executeCommand(commandIds[command], node);
    }

    /** The Failed compute's installExtension step: Install AzureML Extension... on its cluster, as the cluster's row does. */
    async installExtension(): Promise<void> {
        const clusterId = this.host.compute?.clusterId ?? this.host.state.attachment.clusterId;
        if (!clusterId) {
            return;
        }
        const plan = await planInstallExtension(
            clusterId,
            async (subscriptionId) => (await ext.session.findSubscription(subscriptionId))?.subscriptionId,
        );
        if (plan.kind === 'run') {
            await vscode.commands.executeCommand(plan.command, plan.argument);
            return;
        }
        await vscode.env.clipboard.writeText(azInstallExtensionCommand(clusterId, clusterKindFromId(clusterId)));
        this.host.notice(
            plan.why === 'subscriptionNotUsable'
                ? vscode.l10n.t(
                      'The subscription of {0} is not one you can use here: copied the az k8s-extension create command that installs the AzureML extension on it, for someone who can.',
                      nameFromId(clusterId),
                  )
                : vscode.l10n.t(
                      'Copied the az k8s-extension create command that installs the AzureML extension on {0}.',
                      nameFromId(clusterId),
                  ),
        );
    }

    async openTroubleshooting(): Promise<void> {
        await vscode.env.openExternal(vscode.Uri.parse(troubleshootingUrl, true));
    }

    close(): void {
        this.host.close();
    }
}
