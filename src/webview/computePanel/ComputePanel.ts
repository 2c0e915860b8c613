import * as vscode from 'vscode';
import { armIdsEqual, nameFromId, parseArmId } from '../../domain/armId';
import type { ComputeInfo, WorkspaceInfo } from '../../domain/models';
import type { SubscriptionContext } from '../../azure/subscriptionContext';
import { computePrincipal } from '../../domain/roleGuidance';
import { ext } from '../../extensionVariables';
import type { ComputeUpdate } from '../../operations/computeWatcher';
import { explainError } from '../../ui/errorText';
import { computePanelViewType, type GoneSection, type InitialState, type RoleRow, type ToPage } from './contract';
import { goneState, panelTitle } from './goneState';
import { statusWithNextSteps } from './nextSteps';
import { PanelActions, type PanelHost } from './panelActions';
import { pageHtml, webviewOptions } from '../shared/panelHtml';
import { computePage } from '../shared/pageDocument';
import { panelHandlers, receiveMessage } from './panelMessages';
import { PanelRoles, type RolesHost } from './panelRoles';
import { attachmentOf, identityOf, placeholderState, withRow, workspaceIdOf } from './panelState';
import { panelWarnings } from './panelWarnings';

/**
 * The compute details panel, one per compute: status (live while it changes and the panel is visible), attachment,
 * identity, warnings (panelWarnings.ts) and role guidance (panelRoles.ts); actions are panelActions.ts's. The page is
 * `dist/webview/computePanel.js`; every message from it is validated (panelMessages.ts).
 */
export class ComputePanel implements PanelHost, RolesHost {
    private static readonly panels = new Map<string, ComputePanel>();

    private current: InitialState;
    private workspaceRead: WorkspaceInfo | undefined;
    private computeRead: ComputeInfo | undefined;
    private readonly roles: PanelRoles;
    /** The compute watcher's reads, heard while the panel is visible. */
    private watching: vscode.Disposable | undefined;
    private disposed = false;
    private readonly disposables: vscode.Disposable[] = [];

    /** Opens (or reveals) the panel of a compute. */
    static show(subscription: SubscriptionContext, compute: ComputeInfo): ComputePanel {
        const existing = ComputePanel.panels.get(compute.id.toLowerCase());
        if (existing) {
            existing.panel.reveal();
            if (existing.current.gone) {
                // A compute of that name is back (attached again): read it.
                existing.subscriptionRead = subscription;
                void existing.load();
            }
            return existing;
        }
        const panel = vscode.window.createWebviewPanel(
            computePanelViewType,
            compute.name,
            vscode.ViewColumn.Active,
            webviewOptions(),
        );
        return new ComputePanel(panel, subscription.subscriptionId, compute.id, subscription, compute);
    }

    /** Brings back a panel after a window reload, from the state the page saved. */
    static async revive(panel: vscode.WebviewPanel, saved: unknown): Promise<void> {
        const { subscriptionId, computeId } = (saved ?? {}) as Partial<InitialState>;
        if (typeof subscriptionId !== 'string' || typeof computeId !== 'string' || !parseArmId(computeId)) {
            panel.dispose();
            return;
        }
        if (ComputePanel.panels.has(computeId.toLowerCase())) {
            panel.dispose();
            ComputePanel.panels.get(computeId.toLowerCase())?.panel.reveal();
            return;
        }
        panel.webview.options = webviewOptions();
        new ComputePanel(panel, subscriptionId, computeId, undefined, undefined, saved as InitialState);
    }

    private constructor(
        private readonly panel: vscode.WebviewPanel,
        private readonly subscriptionId: string,
        private readonly computeId: string,
        private subscriptionRead: SubscriptionContext | undefined,
        compute: ComputeInfo | undefined,
        saved?: InitialState,
    ) {
        ComputePanel.panels.set(computeId.toLowerCase(), this);
        this.computeRead = compute;
        this.current = saved ?? placeholderState(subscriptionId, computeId, compute);
        this.roles = new PanelRoles(this, computeId);
        const handlers = panelHandlers({ panel: this, roles: this.roles, actions: new PanelActions(this, this.roles) });
        panel.iconPath = vscode.Uri.joinPath(ext.context.extensionUri, 'resources', 'icons', 'activitybar.svg');
        panel.title = this.current.computeName;
        panel.webview.html = pageHtml(panel.webview, computePage);
        this.disposables.push(
            panel.onDidDispose(() => this.dispose()),
            panel.webview.onDidReceiveMessage(
                (message: unknown) => void receiveMessage(message, handlers, (error) => this.failed(error)),
            ),
            panel.onDidChangeViewState(() => {
                if (!panel.visible) {
                    this.unwatch();
                } else if (!this.watching) {
                    this.watch(true);
                }
            }),
        );
        void this.load();
    }

    private dispose(): void {
        this.disposed = true;
        this.unwatch();
        ComputePanel.panels.delete(this.computeId.toLowerCase());
        this.disposables.forEach((d) => d.dispose());
    }

    // ---- what the role rows and the actions read and tell ------------------------------------------------------

    get subscription(): SubscriptionContext | undefined {
        return this.subscriptionRead;
    }

    get workspace(): WorkspaceInfo | undefined {
        return this.workspaceRead;
    }

    get compute(): ComputeInfo | undefined {
        return this.computeRead;
    }

    get state(): InitialState {
        return this.current;
    }

    post(message: ToPage): void {
        if (!this.disposed) {
            void this.panel.webview.postMessage(message);
        }
    }

    setState(state: InitialState): void {
        this.current = state;
        this.panel.title = panelTitle(state);
        this.post({ type: 'state', state });
    }

    rowUpdated(row: RoleRow): void {
        this.current = withRow(this.current, row);
        this.post({ type: 'rowUpdated', row });
    }

    notice(text: string): void {
        this.post({ type: 'notice', text });
    }

    close(): void {
        this.panel.dispose();
    }

    // ---- what the page asks of the panel itself ----------------------------------------------------------------

    pageReady(): void {
        this.post({ type: 'state', state: this.current });
        if (!this.watching) {
            this.watch(true);
        }
    }

    async refresh(): Promise<void> {
        if (this.subscriptionRead) {
            ext.inventory.invalidateSubscription(this.subscriptionRead.subscriptionId);
        }
        await this.load();
    }

    private failed(error: unknown): void {
        const explained = explainError(error, vscode.l10n.t('Compute panel'));
        void vscode.window.showErrorMessage(explained.detail);
    }

    // ---- loading -----------------------------------------------------------------------------------------------

    /** Reads the compute and its workspace, shows them, then checks every role row. */
    private async load(): Promise<void> {
        const generation = this.roles.nextGeneration();
        this.post({ type: 'busy', busy: true });
        try {
            this.subscriptionRead ??= await ext.session.findSubscription(this.subscriptionId);
            if (!this.subscriptionRead) {
                throw new Error(
                    vscode.l10n.t(
                        'Subscription {0} is not available; sign in, or select it again.',
                        this.subscriptionId,
                    ),
                );
            }
            const sub = this.subscriptionRead;
            const workspaceId = workspaceIdOf(this.computeId);
            const workspace = (await ext.inventory.workspaces(sub)).find((w) => armIdsEqual(w.id, workspaceId));
            this.workspaceRead = workspace;
            if (!workspace) {
                throw new Error(vscode.l10n.t('Workspace {0} was not found.', nameFromId(workspaceId)));
            }
            const compute = await ext.inventory.computeNow(sub, workspace, nameFromId(this.computeId));
            if (!this.roles.isCurrent(generation)) {
                return;
            }
            if (!compute) {
                this.showGone(this.current.gone?.how ?? 'missing');
                return;
            }
            this.computeRead = compute;
            const [sections, warnings] = await Promise.all([
                this.roles.build(sub, workspace, compute, generation),
                panelWarnings(sub, workspace, compute),
            ]);
            if (!this.roles.isCurrent(generation)) {
                return;
            }
            this.setState({
                subscriptionId: sub.subscriptionId,
                computeId: compute.id,
                computeName: compute.name,
                status: statusWithNextSteps(compute, this.roles.hasRows),
                attachment: attachmentOf(sub, workspace, compute),
                identity: identityOf(compute),
                ...sections,
                warnings,
            });
            this.watch(false);
            await this.roles.check(generation);
        } catch (error) {
            const explained = explainError(
                error,
                vscode.l10n.t('Could not read compute {0}', nameFromId(this.computeId)),
            );
            if (this.roles.isCurrent(generation)) {
                this.setState({ ...this.current, status: { ...this.current.status, readError: explained.detail } });
            }
        } finally {
            if (this.roles.isCurrent(generation)) {
                this.post({ type: 'busy', busy: false });
            }
        }
    }

    // ---- live status -------------------------------------------------------------------------------------------

    /**
     * Hears the compute's reads from the compute watcher while the panel is visible: it reads the compute again
     * while it changes, and while an attach, identity edit or detach of it is followed (also after a reload).
     */
    private watch(readNow: boolean): void {
        this.unwatch();
        const { subscriptionRead: sub, workspaceRead: workspace, computeRead: compute } = this;
        if (this.disposed || !this.panel.visible || !sub || !workspace || !compute) {
            return;
        }
        this.watching = ext.computeWatcher.subscribe(sub, workspace, compute, (u) => void this.onUpdate(u), readNow);
    }

    private unwatch(): void {
        this.watching?.dispose();
        this.watching = undefined;
    }

    private async onUpdate(update: ComputeUpdate): Promise<void> {
        const { subscriptionRead: sub, workspaceRead: workspace, computeRead: before } = this;
        if (!sub || !workspace || this.disposed) {
            return;
        }
        if (update.kind === 'error') {
            this.setState({ ...this.current, status: { ...this.current.status, readError: update.detail } });
            return;
        }
        const compute = (this.computeRead = update.compute);
        if (!compute) {
            this.showGone(update.operation === 'detach' ? 'detached' : 'missing');
            return;
        }
        if (before && computePrincipal(compute)?.principalId !== computePrincipal(before)?.principalId) {
            await this.load();
            return;
        }
        this.setState({
            ...this.current,
            status: statusWithNextSteps(compute, this.roles.hasRows),
            attachment: attachmentOf(sub, workspace, compute),
            identity: identityOf(compute),
        });
    }

    /**
     * The compute is gone (detached, or deleted elsewhere): the page says so and offers Close instead of showing the
     * old attachment, identity and roles; nothing of them can be acted on any longer.
     */
    private showGone(how: GoneSection['how']): void {
        this.roles.clear(); // no rows left to assign; role checks still under way do not write into it
        this.computeRead = undefined;
        this.setState(goneState(this.current, how));
    }
}
