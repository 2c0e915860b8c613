/**
 * The panel's messages that act on the compute itself rather than on its role rows: copy a value, open the portal,
 * run the compute's commands (as from its context menu), copy the AzureML extension's install command, open the
 * troubleshooting guide, close. Every message has been validated against the contract before it gets here.
 */
import * as vscode from 'vscode';
import { portalResourceUrl } from '../../domain/cloud';
import type { ComputeInfo } from '../../domain/models';
import type { SubscriptionContext } from '../../azure/subscriptionContext';
import { azInstallExtensionCommand } from '../../domain/azCommands';
import { ComputeNode } from '../../tree/ComputeNode';
import { workspaceComputeNodeId } from '../../tree/nodeIds';
import type { ComputeCommand, CopyKind, InitialState, PortalTarget, ToExtension } from './contract';
import { troubleshootingUrl } from './nextSteps';
import { clusterKindOf, nameOf } from './panelState';

/** What the handlers need of the panel. */
export interface PanelHost {
    readonly subscription: SubscriptionContext | undefined;
    /** The compute as last read; undefined before the first read and once it is gone. */
    readonly compute: ComputeInfo | undefined;
    readonly state: InitialState;
    /** The scope of one of the panel's role rows. */
    rowScope(rowId: string): string | undefined;
    notice(text: string): void;
    close(): void;
}

export type PanelAction = Extract<
    ToExtension,
    { type: 'copy' | 'openInPortal' | 'runCommand' | 'copyExtensionCommand' | 'openTroubleshooting' | 'close' }
>;

const commandIds: Record<ComputeCommand, string> = {
    editIdentity: 'azuremlK8s.editIdentity',
    detach: 'azuremlK8s.detachCompute',
    openInStudio: 'azuremlK8s.openInStudio',
};

export async function handlePanelAction(host: PanelHost, message: PanelAction): Promise<void> {
    switch (message.type) {
        case 'copy':
            return copy(host, message.kind);
        case 'openInPortal':
            return openInPortal(host, 'rowId' in message ? { rowId: message.rowId } : { target: message.target });
        case 'runCommand':
            return runCommand(host, message.command);
        case 'copyExtensionCommand':
            return copyExtensionCommand(host);
        case 'openTroubleshooting':
            await vscode.env.openExternal(vscode.Uri.parse(troubleshootingUrl, true));
            return;
        case 'close':
            host.close();
            return;
    }
}

async function copy(host: PanelHost, kind: CopyKind): Promise<void> {
    const { identity, attachment } = host.state;
    const values: Record<CopyKind, string | undefined> = {
        displayName: identity.displayName,
        principalId: identity.principalId ?? identity.userAssigned?.principalId,
        clientId: identity.userAssigned?.clientId,
        tenantId: identity.tenantId,
        computeId: host.state.computeId,
        clusterId: attachment.clusterId,
        azAttachCommand: attachment.azCommand,
    };
    const text = values[kind];
    if (text) {
        await vscode.env.clipboard.writeText(text);
        host.notice(vscode.l10n.t('Copied {0}', kind === 'azAttachCommand' ? vscode.l10n.t('the az command') : text));
    }
}

async function openInPortal(host: PanelHost, what: { rowId: string } | { target: PortalTarget }): Promise<void> {
    const sub = host.subscription;
    if (!sub) {
        return;
    }
    let url: string | undefined;
    if ('rowId' in what) {
        const scope = host.rowScope(what.rowId);
        url = scope ? portalResourceUrl(sub.cloud, sub.tenantId, scope, 'users') : undefined;
    } else {
        const ids: Record<PortalTarget, string | undefined> = {
            compute: host.state.computeId,
            workspace: host.state.attachment.workspaceId,
            cluster: host.state.attachment.clusterId,
            identity: host.state.identity.userAssigned?.id,
        };
        const id = ids[what.target];
        url = id ? portalResourceUrl(sub.cloud, sub.tenantId, id, 'overview') : undefined;
    }
    if (url) {
        await vscode.env.openExternal(vscode.Uri.parse(url, true));
    }
}

/** Runs the compute's command as its context menu in the Workspaces view does, with the compute as last read. */
async function runCommand(host: PanelHost, command: ComputeCommand): Promise<void> {
    const { subscription, compute } = host;
    if (!subscription || !compute) {
        host.notice(vscode.l10n.t('{0} has not been read yet; try again in a moment.', host.state.computeName));
        return;
    }
    const node = new ComputeNode(workspaceComputeNodeId(compute.id), subscription, compute, false);
    await vscode.commands.executeCommand(commandIds[command], node);
}

async function copyExtensionCommand(host: PanelHost): Promise<void> {
    const clusterId = host.compute?.clusterId ?? host.state.attachment.clusterId;
    if (!clusterId) {
        return;
    }
    await vscode.env.clipboard.writeText(azInstallExtensionCommand(clusterId, clusterKindOf(clusterId)));
    host.notice(
        vscode.l10n.t(
            'Copied the az k8s-extension create command that installs the AzureML extension on {0}.',
            nameOf(clusterId),
        ),
    );
}
