import * as vscode from 'vscode';
import { armIdsEqual, nameFromId } from '../../domain/armId';
import type { ComputeInfo, WorkspaceInfo } from '../../domain/models';
import type { SubscriptionContext } from '../../azure/subscriptionContext';
import { computePrincipal } from '../../domain/roleGuidance';
import { ext } from '../../extensionVariables';
import type { ComputeUpdate } from '../../operations/computeWatcher';
import { explainError } from '../../ui/errorText';
import {
    computePanelViewType,
    type GoneSection,
    type InitialState,
    type RoleRow,
    type ToExtension,
    type ToPage,
    withRow,
} from './contract';
import { goneState, panelTitle } from './goneState';
import { statusWithNextSteps } from './nextSteps';
import { PanelActions, type PanelHost as ActionsHost } from './panelActions';
import { computePage } from '../shared/pageDocument';
import { OpenPanels, PanelHost, type PanelKind } from '../shared/PanelHost';
import { instanceTypesOf, PanelInstanceTypes } from './panelInstanceTypes';
import { panelHandlers, receiveMessage } from './panelMessages';
import { PanelRoles, type RolesHost } from './panelRoles';
import { attachmentOf, identityOf, placeholderState, workspaceIdOf } from './panelState';
import { panelWarnings } from './panelWarnings';

const panelKind: PanelKind<InitialState, ToExtension> = {
    page: computePage,
    title: panelTitle,
    failureTitle: () => vscode.l10n.t('Compute panel'),
    receive: receiveMessage,
};

/**
 * The compute details panel, one per compute: status (live while it changes and the panel is visible), attachment,
 * identity, warnings (panelWarnings.ts) and role guidance (panelRoles.ts); actions are panelActions.ts's. The page is
 * `dist/webview/computePanel.js`; every message from it is validated (panelMessages.ts).
 */
export class ComputePanel implements ActionsHost, RolesHost {
    private static readonly open = new OpenPanels<ComputePanel>(computePanelViewType, 'computeId');

    private readonly host: PanelHost<InitialState, ToExtension, ToPage>;
    private workspaceRead: WorkspaceInfo | undefined;
    private computeRead: ComputeInfo | undefined;
    private readonly roles: PanelRoles;
    /** The compute watcher's reads, heard while the panel is visible. */
    private watching: vscode.Disposable | undefined;
    /** A load is reading the compute: it starts the watch once done, without a read of its own. */
    private loading = false;

    /** Opens (or reveals) the panel of a compute. */
    static show(subscription: SubscriptionContext, compute: ComputeInfo): ComputePanel {
        return ComputePanel.open.show(
            compute.id,
            compute.name,
            (panel) => new ComputePanel(panel, subscription.subscriptionId, compute.id, subscription, compute),
            (open) => {
                if (open.state.gone) {
                    // A compute of that name is back (attached again): read it.
                    open.subscriptionRead = subscription;
                    void open.load();
                }
            },
        );
    }

    /** Brings back a panel after a window reload, from the state the page saved. */
    static revive(panel: vscode.WebviewPanel, saved: unknown): void {
        ComputePanel.open.revive(panel, saved, (revived, { subscriptionId, resourceId }) => {
            new ComputePanel(revived, subscriptionId, resourceId, undefined, undefined, saved as InitialState);
        });
    }

    private constructor(
        panel: vscode.WebviewPanel,
        private readonly subscriptionId: string,
        private readonly computeId: string,
        private subscriptionRead: SubscriptionContext | undefined,
        compute: ComputeInfo | undefined,
        saved?: InitialState,
    ) {
        this.computeRead = compute;
        this.host = new PanelHost(panel, panelKind, saved ?? placeholderState(subscriptionId, computeId, compute));
        this.roles = new PanelRoles(this, computeId);
        this.host.own(ComputePanel.open.add(computeId, this), { dispose: () => this.unwatch() });
        const actions = new PanelActions(this, this.roles);
        this.host.handle(
            panelHandlers({ panel: this, roles: this.roles, actions, instanceTypes: new PanelInstanceTypes(this) }),
        );
        this.host.onVisibility((visible) => {
            if (!visible) {
                this.unwatch();
            } else if (!this.watching) {
                this.watch(true);
            }
        });
        void this.load();
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
        return this.host.state;
    }

    post(message: ToPage): void {
        this.host.post(message);
    }

    setState(state: InitialState): void {
        this.host.setState(state);
    }

    rowUpdated(row: RoleRow): void {
        this.host.keep(withRow(this.state, row));
        this.post({ type: 'rowUpdated', row });
    }

    notice(text: string): void {
        this.host.notice(text);
    }

    reveal(): void {
        this.host.reveal();
    }

    close(): void {
        this.host.close();
    }

    // ---- what the page asks of the panel itself ----------------------------------------------------------------

    pageReady(): void {
        this.host.pageReady();
        if (!this.watching) {
            this.watch(true);
        }
    }

    async readComputeAgain(): Promise<ComputeInfo | undefined> {
        const { subscriptionRead: sub, workspaceRead: workspace } = this;
        const compute =
            sub && workspace ? await ext.inventory.computeNow(sub, workspace, this.state.computeName) : undefined;
        if (compute) {
            this.computeRead = compute;
        }
        return compute;
    }

    async refresh(): Promise<void> {
        if (this.subscriptionRead) {
            ext.inventory.invalidateSubscription(this.subscriptionRead.subscriptionId);
        }
        await this.load();
    }

    // ---- loading -----------------------------------------------------------------------------------------------

    /** Reads the compute and its workspace, shows them, then checks every role row. */
    private async load(): Promise<void> {
        const generation = this.roles.nextGeneration();
        this.host.busy(true);
        this.loading = true;
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
                this.showGone(this.state.gone?.how ?? 'missing');
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
                instanceTypes: instanceTypesOf(compute, this.state.instanceTypes),
            });
            this.loading = false;
            this.watch(false);
            await this.roles.check(generation);
        } catch (error) {
            const explained = explainError(
                error,
                vscode.l10n.t('Could not read compute {0}', nameFromId(this.computeId)),
            );
            if (this.roles.isCurrent(generation)) {
                this.setState({ ...this.state, status: { ...this.state.status, readError: explained.detail } });
                this.watch(false); // what the panel was opened with is still followed while it changes
            }
        } finally {
            if (this.roles.isCurrent(generation)) {
                this.loading = false;
                this.host.busy(false);
            }
        }
    }

    // ---- live status -------------------------------------------------------------------------------------------

    /**
     * Hears the compute's reads from the compute watcher while the panel is visible: it reads the compute again
     * while it changes, and while an attach, identity edit or detach of it is followed (also after a reload).
     */
    private watch(readNow: boolean): void {
        if (readNow && this.loading) {
            return; // the load reads the compute, and starts the watch once done
        }
        this.unwatch();
        const { subscriptionRead: sub, workspaceRead: workspace, computeRead: compute } = this;
        if (!this.host.visible || !sub || !workspace || !compute) {
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
        if (!sub || !workspace || this.host.isDisposed) {
            return;
        }
        if (update.kind === 'error') {
            this.setState({ ...this.state, status: { ...this.state.status, readError: update.detail } });
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
            ...this.state,
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
        this.setState(goneState(this.state, how));
    }
}
