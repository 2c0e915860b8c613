/**
 * The cluster panel's messages that act on the cluster: the AzureML extension's commands (Install, Update Settings,
 * Uninstall: run by id with `{ subscriptionId, clusterId }`), a compute's own panel, copy a value or a role row's az
 * command, the portal, and Collect diagnostics (azuremlK8s.collectDiagnostics). Every message has been validated
 * against the contract before it gets here (panelMessages.ts).
 */
import * as vscode from 'vscode';
import { armIdsEqual } from '../../domain/armId';
import { azInstallExtensionCommand } from '../../domain/azCommands';
import { portalResourceUrl } from '../../domain/cloud';
import type { ClusterInfo, ComputeInfo } from '../../domain/models';
import type { SubscriptionContext } from '../../azure/subscriptionContext';
import { ext } from '../../extensionVariables';
import { ComputeNode } from '../../tree/ComputeNode';
import { workspaceComputeNodeId } from '../../tree/nodeIds';
import type { ClusterPanelState, CopyWhat, ExtensionCommand, RoleRow } from './contract';

/** What the actions need of the panel. */
export interface PanelHost {
    readonly subscription: SubscriptionContext | undefined;
    readonly cluster: ClusterInfo | undefined;
    readonly state: ClusterPanelState;
    /** The computes attaching the cluster, as last read. */
    readonly computes: readonly ComputeInfo[];
    readonly prerequisites: { find(rowId: string): RoleRow | undefined };
    notice(text: string): void;
}

/** The shared command ids (ext-install's and this panel's); each takes `{ subscriptionId, clusterId }`. */
export const extensionCommandIds: Record<ExtensionCommand, string> = {
    install: 'azuremlK8s.installExtension',
    updateSettings: 'azuremlK8s.updateExtensionSettings',
    uninstall: 'azuremlK8s.uninstallExtension',
};

export class PanelActions {
    constructor(private readonly host: PanelHost) {}

    private get clusterArgument() {
        return { subscriptionId: this.host.state.subscriptionId, clusterId: this.host.state.clusterId };
    }

    async runExtensionCommand(command: ExtensionCommand): Promise<void> {
        await vscode.commands.executeCommand(extensionCommandIds[command], this.clusterArgument);
    }

    async collectDiagnostics(): Promise<void> {
        await vscode.commands.executeCommand('azuremlK8s.collectDiagnostics', this.clusterArgument);
    }

    /** A compute row's own panel (Show Compute Details takes a Workspaces-tree compute row). */
    async openCompute(computeId: string): Promise<void> {
        const compute = this.host.computes.find((c) => armIdsEqual(c.id, computeId));
        const subscriptions = await ext.session.getAllSubscriptions();
        const sub = compute && subscriptions.find((s) => armIdsEqual(s.subscriptionId, compute.subscriptionId));
        if (!compute || !sub) {
            return; // not one of the panel's rows
        }
        const node = new ComputeNode(workspaceComputeNodeId(compute.id), sub, compute, false);
        await vscode.commands.executeCommand('azuremlK8s.showComputeDetails', node);
    }

    async copyAzCommand(rowId: string): Promise<void> {
        const row = this.host.prerequisites.find(rowId);
        if (row?.azCommand) {
            await vscode.env.clipboard.writeText(row.azCommand);
            this.host.notice(vscode.l10n.t('Copied the az command for {0}.', row.roleName));
        }
    }

    async copy(what: CopyWhat): Promise<void> {
        const { state } = this.host;
        const values: Record<CopyWhat, string | undefined> = {
            healthCommands: state.health.state === 'commands' ? state.health.commands.join('\n') : undefined,
            installCommand: azInstallExtensionCommand(state.clusterId, state.kind),
            clusterId: state.clusterId,
        };
        const text = values[what];
        if (text) {
            await vscode.env.clipboard.writeText(text);
            const said: Record<CopyWhat, string> = {
                healthCommands: vscode.l10n.t('Copied the kubectl commands.'),
                installCommand: vscode.l10n.t('Copied the az k8s-extension create command.'),
                clusterId: vscode.l10n.t('Copied {0}', text),
            };
            this.host.notice(said[what]);
        }
    }

    async openInPortal(): Promise<void> {
        const sub = this.host.subscription;
        if (sub) {
            const url = portalResourceUrl(sub.cloud, sub.tenantId, this.host.state.clusterId, 'overview');
            await vscode.env.openExternal(vscode.Uri.parse(url, true));
        }
    }
}
