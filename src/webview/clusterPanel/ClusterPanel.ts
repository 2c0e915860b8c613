import * as vscode from 'vscode';
import { armIdsEqual, nameFromId } from '../../domain/armId';
import type { ClusterInfo, ComputeInfo } from '../../domain/models';
import { healthCommands } from '../../domain/podHealth';
import { readPodHealth } from '../../azure/clusterHealth';
import { getCluster } from '../../azure/inventory';
import type { SubscriptionContext } from '../../azure/subscriptionContext';
import { ext } from '../../extensionVariables';
import { explainError } from '../../ui/errorText';
import { clusterPage } from '../shared/pageDocument';
import { OpenPanels, PanelHost, type PanelKind } from '../shared/PanelHost';
import {
    attachingWorkspaces,
    placeholderState,
    readAttachedComputes,
    readExtensionSection,
    readTrustedAccess,
} from './clusterReads';
import { limitNotes } from './clusterSections';
import { clusterPanelViewType, type ClusterPanelState, type ExtensionView, type ToExtension } from './contract';
import { PanelActions } from './panelActions';
import { panelHandlers, receiveMessage } from './panelMessages';
import { PanelPrerequisites } from './panelPrerequisites';

const t = vscode.l10n.t;

const panelKind: PanelKind<ClusterPanelState, ToExtension> = {
    page: clusterPage,
    title: (state) => state.clusterName,
    failureTitle: () => t('Cluster panel'),
    receive: receiveMessage,
};

/**
 * The cluster details panel, one per cluster: the AzureML extension, the computes that attach the cluster, the
 * workspace-identity prerequisites of their workspaces, the documented limits, and the extension's health (AKS pods
 * through run-command; Arc: the commands). Actions are panelActions.ts's; every message is validated (panelMessages.ts).
 */
export class ClusterPanel {
    private static readonly open = new OpenPanels<ClusterPanel>(clusterPanelViewType, 'clusterId');

    private readonly host: PanelHost<ClusterPanelState, ToExtension>;
    private sub: SubscriptionContext | undefined;
    private clusterRead: ClusterInfo | undefined;
    private computesRead: readonly ComputeInfo[] = [];
    private generation = 0;
    readonly prerequisites = new PanelPrerequisites();

    /** Opens (or reveals) the panel of a cluster. */
    static show(sub: SubscriptionContext, cluster: ClusterInfo): ClusterPanel {
        return ClusterPanel.open.show(
            cluster.id,
            cluster.name,
            (panel) => new ClusterPanel(panel, sub.subscriptionId, cluster.id, sub, cluster),
        );
    }

    /** Brings back a panel after a window reload, from the state the page saved. */
    static revive(panel: vscode.WebviewPanel, saved: unknown): void {
        ClusterPanel.open.revive(panel, saved, (revived, { subscriptionId, resourceId }) => {
            new ClusterPanel(revived, subscriptionId, resourceId, undefined, undefined);
        });
    }

    private constructor(
        panel: vscode.WebviewPanel,
        private readonly subscriptionId: string,
        private readonly clusterId: string,
        sub: SubscriptionContext | undefined,
        cluster: ClusterInfo | undefined,
    ) {
        this.sub = sub;
        this.clusterRead = cluster;
        this.host = new PanelHost(panel, panelKind, placeholderState(subscriptionId, clusterId, cluster, sub));
        this.host.own(
            ClusterPanel.open.add(clusterId, this),
            // Install, Update Settings and Uninstall (from here, the tree or the preflight) are followed by the
            // extension watcher: the panel shows each state it reads, and reads everything again at the end.
            ext.extensionWatcher.onDidChange((changedId) => {
                if (armIdsEqual(changedId, clusterId)) {
                    void this.extensionChanged();
                }
            }),
        );
        this.host.handle(panelHandlers({ panel: this, actions: new PanelActions(this) }));
        void this.load();
    }

    // ---- what the actions read and tell ------------------------------------------------------------------------

    get subscription(): SubscriptionContext | undefined {
        return this.sub;
    }

    get cluster(): ClusterInfo | undefined {
        return this.clusterRead;
    }

    get computes(): readonly ComputeInfo[] {
        return this.computesRead;
    }

    get state(): ClusterPanelState {
        return this.host.state;
    }

    notice(text: string): void {
        this.host.notice(text);
    }

    reveal(): void {
        this.host.reveal();
    }

    private update(generation: number, change: Partial<ClusterPanelState>): void {
        if (generation === this.generation) {
            this.host.setState({ ...this.state, ...change });
        }
    }

    // ---- what the page asks of the panel itself ----------------------------------------------------------------

    pageReady(): void {
        this.host.pageReady();
    }

    async refresh(): Promise<void> {
        ext.inventory.invalidateSubscription(this.subscriptionId);
        this.clusterRead = undefined;
        await this.load();
    }

    /** Assigns a prerequisite row's role, after the grant flow's confirmation; the page shows the row as checked. */
    async assign(rowId: string): Promise<void> {
        try {
            if (await this.prerequisites.assign(rowId, () => this.host.busy(true))) {
                // The rows are the ones the panel keeps (a load since then made new ones, and shows them itself).
                this.host.setState({
                    ...this.state,
                    prerequisites: this.prerequisites.sections(this.state.prerequisites),
                });
            }
        } finally {
            this.host.busy(false);
        }
    }

    /** Reads the extension's pods and their events through run-command (AKS only). */
    async checkHealth(): Promise<void> {
        const { sub, clusterRead: cluster } = this;
        if (!sub || !cluster || cluster.kind !== 'aks') {
            return;
        }
        const generation = this.generation;
        this.update(generation, { health: { state: 'loading' } });
        try {
            const pods = await readPodHealth(sub, cluster.id, this.releaseNamespace());
            this.update(generation, { health: { state: 'ready', pods, checkedAt: new Date().toISOString() } });
        } catch (error) {
            const explained = explainError(error, t('Could not read the pods of {0}', cluster.name));
            this.update(generation, { health: { state: 'unavailable', reason: explained.detail } });
        }
    }

    private async extensionChanged(): Promise<void> {
        const change = ext.extensionWatcher.changeOf(this.clusterId);
        if (!change) {
            await this.refresh();
            return;
        }
        const extension = this.state.extension;
        const details: ExtensionView =
            extension.state === 'ready'
                ? extension.details
                : {
                      name: 'azureml',
                      provisioningState: '',
                      settings: [],
                      hiddenSettings: [],
                      errors: [],
                      statuses: [],
                  };
        this.update(this.generation, {
            extension: { state: 'ready', details: { ...details, provisioningState: change.provisioningState } },
        });
    }

    /** The namespace the extension was installed into, as last read (`azureml` unless told otherwise). */
    releaseNamespace(): string | undefined {
        const extension = this.state.extension;
        return extension.state === 'ready' ? extension.details.releaseNamespace : undefined;
    }

    // ---- loading -----------------------------------------------------------------------------------------------

    /** Reads the cluster, then its extension, its computes and their workspaces' prerequisites, side by side. */
    private async load(): Promise<void> {
        const generation = ++this.generation;
        this.host.busy(true);
        try {
            this.sub ??= await ext.session.findSubscription(this.subscriptionId);
            const sub = this.sub;
            if (!sub) {
                throw new Error(
                    t('Subscription {0} is not available; sign in, or select it again.', this.subscriptionId),
                );
            }
            const cluster =
                this.clusterRead ??
                (await ext.inventory.clusters(sub)).find((c) => armIdsEqual(c.id, this.clusterId)) ??
                (await getCluster(sub, this.clusterId));
            if (!cluster) {
                throw new Error(t('Cluster {0} was not found.', nameFromId(this.clusterId)));
            }
            this.clusterRead = cluster;
            this.update(generation, {
                ...placeholderState(this.subscriptionId, cluster.id, cluster, sub),
                health: cluster.kind === 'arc' ? { state: 'commands', commands: healthCommands() } : this.state.health,
            });
            await Promise.all([this.loadExtension(generation, sub, cluster), this.loadAttached(generation, cluster)]);
        } catch (error) {
            const explained = explainError(error, t('Could not read cluster {0}', nameFromId(this.clusterId)));
            this.update(generation, { readError: explained.detail });
        } finally {
            if (generation === this.generation) {
                this.host.busy(false);
            }
        }
    }

    private async loadExtension(generation: number, sub: SubscriptionContext, cluster: ClusterInfo): Promise<void> {
        const extension = await readExtensionSection(sub, cluster);
        this.update(generation, { extension });
        if (extension.state === 'ready' && cluster.kind === 'arc') {
            this.update(generation, {
                health: { state: 'commands', commands: healthCommands(this.releaseNamespace()) },
            });
        }
    }

    /** The computes attaching the cluster, their workspaces' prerequisites (checked one by one) and the limits. */
    private async loadAttached(generation: number, cluster: ClusterInfo): Promise<void> {
        const subscriptions = await ext.session.getAllSubscriptions();
        const { computes, section } = await readAttachedComputes(cluster, subscriptions);
        this.computesRead = computes;
        this.update(generation, { computes: section });
        const attaching = await attachingWorkspaces(computes, subscriptions);
        const isCurrent = () => generation === this.generation;
        const [prerequisites, trustedAccess] = await Promise.all([
            this.prerequisites.build(attaching, isCurrent),
            readTrustedAccess(this.sub, cluster),
        ]);
        const workspaces = attaching.map((a) => a.workspace);
        const cloudName = this.sub?.cloud.name ?? 'AzureCloud';
        this.update(generation, {
            prerequisites,
            limits: limitNotes(cluster, workspaces, trustedAccess, cloudName, t),
        });
        const checked = await this.prerequisites.check(prerequisites);
        this.update(generation, { prerequisites: checked });
    }
}
