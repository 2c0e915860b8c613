import * as vscode from 'vscode';
import { armIdsEqual, parseArmId } from '../../domain/armId';
import type { ComputeInfo, WorkspaceInfo } from '../../domain/models';
import { workspaceUserAssignedIdentity } from '../../azure/preflight';
import { userAssignedPrincipalId } from '../../azure/inventory';
import { checkRequirement } from '../../azure/roleAssignments';
import { clusterRefFor, listAddableResources } from '../../azure/roleGuidance';
import type { SubscriptionContext } from '../../azure/subscriptionContext';
import {
    buildRoleRow,
    computePrincipal,
    trainingRowRequirements,
    type GuidancePrincipal,
    type RowEvaluation,
    type RowSection,
} from '../../domain/roleGuidance';
import { workspaceIdentityRequirements, type RoleRequirement } from '../../domain/roleRequirements';
import { ext } from '../../extensionVariables';
import type { ComputeUpdate } from '../../operations/computeWatcher';
import { pageHtml, webviewOptions } from './panelHtml';
import { attachmentOf, clusterKindOf, identityOf, nameOf, placeholderState } from './panelState';
import { goneState, panelTitle } from './goneState';
import { statusWithNextSteps } from './nextSteps';
import { handlePanelAction, type PanelHost } from './panelActions';
import { confirmAndGrant } from '../../ui/confirmAndGrant';
import { explainError } from '../../ui/errorText';
import { computeGrantee, type Grantee } from '../../ui/grantee';
import {
    computePanelViewType,
    validateToExtensionMessage,
    type GoneSection,
    type InitialState,
    type RoleRow,
    type RowsSection,
    type ToExtension,
    type ToPage,
} from './contract';

interface TrackedRow {
    readonly section: RowSection;
    readonly requirement: RoleRequirement;
    readonly principal: GuidancePrincipal;
    readonly added: boolean;
    row: RoleRow;
}

const addedResourcesKey = (computeId: string) => `azuremlK8s.computePanel.addedResources|${computeId.toLowerCase()}`;

/**
 * The compute details panel: one per compute (reopening reveals it). It shows the compute's status (followed live
 * while it changes and the panel is visible), attachment, identity and role guidance, and assigns roles after a
 * confirmation. The page is `dist/webview/computePanel.js`; every message from it is validated.
 */
export class ComputePanel {
    private static readonly panels = new Map<string, ComputePanel>();

    private state: InitialState;
    private workspace: WorkspaceInfo | undefined;
    private compute: ComputeInfo | undefined;
    private rows: TrackedRow[] = [];
    /** The compute watcher's reads, heard while the panel is visible. */
    private watching: vscode.Disposable | undefined;
    private disposed = false;
    /** Bumped on every full load, so role checks from an older load do not overwrite newer rows. */
    private generation = 0;
    private readonly disposables: vscode.Disposable[] = [];

    /** Opens (or reveals) the panel of a compute. */
    static show(subscription: SubscriptionContext, compute: ComputeInfo): ComputePanel {
        const existing = ComputePanel.panels.get(compute.id.toLowerCase());
        if (existing) {
            existing.panel.reveal();
            if (existing.state.gone) {
                // A compute of that name is back (attached again): read it.
                existing.subscription = subscription;
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
        private subscription: SubscriptionContext | undefined,
        compute: ComputeInfo | undefined,
        saved?: InitialState,
    ) {
        ComputePanel.panels.set(computeId.toLowerCase(), this);
        this.compute = compute;
        this.state = saved ?? placeholderState(subscriptionId, computeId, compute);
        panel.iconPath = vscode.Uri.joinPath(ext.context.extensionUri, 'resources', 'icons', 'activitybar.svg');
        panel.title = this.state.computeName;
        panel.webview.html = pageHtml(panel.webview);
        this.disposables.push(
            panel.onDidDispose(() => this.dispose()),
            panel.webview.onDidReceiveMessage((message: unknown) => void this.onMessage(message)),
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
        for (const d of this.disposables) {
            d.dispose();
        }
    }

    private post(message: ToPage): void {
        if (!this.disposed) {
            void this.panel.webview.postMessage(message);
        }
    }

    private setState(state: InitialState): void {
        this.state = state;
        this.panel.title = panelTitle(state);
        this.post({ type: 'state', state });
    }

    // ---- loading -----------------------------------------------------------------------------------------------

    /** Reads the compute and its workspace, shows them, then checks every role row. */
    private async load(): Promise<void> {
        const generation = ++this.generation;
        this.post({ type: 'busy', busy: true });
        try {
            this.subscription ??= await ext.session.findSubscription(this.subscriptionId);
            if (!this.subscription) {
                throw new Error(
                    vscode.l10n.t(
                        'Subscription {0} is not available; sign in, or select it again.',
                        this.subscriptionId,
                    ),
                );
            }
            const sub = this.subscription;
            const workspaceId = this.computeId.replace(/\/computes\/[^/]+$/i, '');
            this.workspace = (await ext.inventory.workspaces(sub)).find((w) => armIdsEqual(w.id, workspaceId));
            if (!this.workspace) {
                throw new Error(vscode.l10n.t('Workspace {0} was not found.', nameOf(workspaceId)));
            }
            const compute = await ext.inventory.computeNow(sub, this.workspace, nameOf(this.computeId));
            if (generation !== this.generation) {
                return;
            }
            if (!compute) {
                this.showGone(this.state.gone?.how ?? 'missing');
                return;
            }
            this.compute = compute;
            this.rows = this.trainingRows(this.workspace, compute);
            const prerequisites = await this.prerequisiteRows(sub, this.workspace, compute, generation);
            if (generation !== this.generation) {
                return;
            }
            this.setState(this.fullState(sub, this.workspace, compute, prerequisites));
            this.watch(false);
            await this.checkRows(generation);
        } catch (error) {
            const explained = explainError(error, vscode.l10n.t('Could not read compute {0}', nameOf(this.computeId)));
            if (generation === this.generation) {
                this.setState({ ...this.state, status: { ...this.state.status, readError: explained.detail } });
            }
        } finally {
            if (generation === this.generation) {
                this.post({ type: 'busy', busy: false });
            }
        }
    }

    private trainingRows(workspace: WorkspaceInfo, compute: ComputeInfo): TrackedRow[] {
        const principal = computePrincipal(compute);
        if (!principal) {
            return [];
        }
        return trainingRowRequirements(workspace, this.addedResources()).map(({ requirement, added }) => ({
            section: 'training' as const,
            requirement,
            principal,
            added,
            row: buildRoleRow('training', requirement, principal, {}, added),
        }));
    }

    /** The workspace's user-assigned identity's roles on the cluster; undefined when the workspace has none. */
    private async prerequisiteRows(
        sub: SubscriptionContext,
        workspace: WorkspaceInfo,
        compute: ComputeInfo,
        generation: number,
    ): Promise<{ section: RowsSection; identityName?: string } | undefined> {
        if (!workspace.identity.type.includes('UserAssigned')) {
            return undefined;
        }
        try {
            const identity = await workspaceUserAssignedIdentity(sub, workspace);
            if (!identity) {
                return {
                    section: {
                        state: 'unavailable',
                        reason: vscode.l10n.t("The workspace's user-assigned identity could not be read."),
                    },
                };
            }
            if (!compute.clusterId) {
                return {
                    section: { state: 'unavailable', reason: vscode.l10n.t('The compute names no cluster.') },
                    identityName: identity.name,
                };
            }
            const cluster = (await clusterRefFor(sub, compute.clusterId)) ?? {
                id: compute.clusterId,
                kind: clusterKindOf(compute.clusterId),
            };
            if (generation !== this.generation) {
                return undefined;
            }
            const principal: GuidancePrincipal = {
                principalId: identity.principalId,
                name: identity.name,
                identityId: identity.id,
            };
            for (const requirement of workspaceIdentityRequirements(cluster)) {
                this.rows.push({
                    section: 'prerequisite',
                    requirement,
                    principal,
                    added: false,
                    row: buildRoleRow('prerequisite', requirement, principal, {}),
                });
            }
            return { section: { state: 'loading' }, identityName: identity.name };
        } catch (error) {
            const explained = explainError(
                error,
                vscode.l10n.t('Could not read the workspace prerequisites of {0}', workspace.name),
            );
            return { section: { state: 'unavailable', reason: explained.detail } };
        }
    }

    private fullState(
        sub: SubscriptionContext,
        workspace: WorkspaceInfo,
        compute: ComputeInfo,
        prerequisites: { section: RowsSection; identityName?: string } | undefined,
    ): InitialState {
        const training = this.rowsOf('training');
        const principal = computePrincipal(compute);
        const roles: RowsSection = !principal
            ? {
                  state: 'unavailable',
                  reason: vscode.l10n.t(
                      'The compute has no managed identity. Give it one with Edit Identity..., then assign its roles here.',
                  ),
              }
            : training.length === 0
              ? {
                    state: 'unavailable',
                    reason: vscode.l10n.t('The workspace names no container registry or storage account.'),
                }
              : { state: 'ready', rows: training };
        const prereqRows = this.rowsOf('prerequisite');
        return {
            subscriptionId: sub.subscriptionId,
            computeId: compute.id,
            computeName: compute.name,
            status: statusWithNextSteps(compute, this.rows.length > 0),
            attachment: attachmentOf(sub, workspace, compute),
            identity: identityOf(compute),
            roles,
            prerequisites: prerequisites
                ? {
                      ...(prereqRows.length > 0
                          ? { state: 'ready' as const, rows: prereqRows }
                          : prerequisites.section),
                      identityName: prerequisites.identityName,
                  }
                : undefined,
        };
    }

    private rowsOf(section: RowSection): RoleRow[] {
        return this.rows.filter((r) => r.section === section).map((r) => r.row);
    }

    /** Checks each row (a few at a time) and sends each result as it comes. */
    private async checkRows(generation: number, only?: TrackedRow[]): Promise<void> {
        const sub = this.subscription;
        if (!sub) {
            return;
        }
        await Promise.all(
            (only ?? this.rows).map(async (tracked) => {
                const evaluation = await this.evaluate(sub, tracked);
                if (generation !== this.generation || !this.rows.includes(tracked)) {
                    return;
                }
                this.updateRow(tracked, evaluation);
            }),
        );
    }

    private async evaluate(sub: SubscriptionContext, tracked: TrackedRow): Promise<RowEvaluation> {
        try {
            let principalId = tracked.principal.principalId;
            if (!principalId && tracked.principal.identityId) {
                principalId = await userAssignedPrincipalId(sub, tracked.principal.identityId);
            }
            if (!principalId) {
                return {
                    status: { state: 'unknown', reason: vscode.l10n.t("The identity's principal id is not known.") },
                };
            }
            return await checkRequirement(sub, tracked.requirement, principalId);
        } catch (error) {
            const explained = explainError(
                error,
                vscode.l10n.t(
                    'Could not check {0} on {1}',
                    tracked.requirement.role.name,
                    tracked.requirement.scopeLabel,
                ),
            );
            return { status: { state: 'unknown', reason: explained.detail } };
        }
    }

    private updateRow(tracked: TrackedRow, evaluation: RowEvaluation): void {
        tracked.row = buildRoleRow(tracked.section, tracked.requirement, tracked.principal, evaluation, tracked.added);
        const replace = (section: RowsSection | undefined): RowsSection | undefined =>
            section?.state === 'ready'
                ? { state: 'ready', rows: section.rows.map((r) => (r.id === tracked.row.id ? tracked.row : r)) }
                : section;
        this.state = {
            ...this.state,
            roles: replace(this.state.roles) ?? this.state.roles,
            prerequisites: this.state.prerequisites
                ? {
                      ...(replace(this.state.prerequisites) ?? this.state.prerequisites),
                      identityName: this.state.prerequisites.identityName,
                  }
                : undefined,
        };
        this.post({ type: 'rowUpdated', row: tracked.row });
    }

    // ---- live status -------------------------------------------------------------------------------------------

    /**
     * Hears the compute's reads from the compute watcher while the panel is visible: it reads the compute again
     * while it changes, and while an attach, identity edit or detach of it is followed (also after a reload).
     */
    private watch(readNow: boolean): void {
        this.unwatch();
        const { subscription: sub, workspace, compute } = this;
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
        const { subscription: sub, workspace, compute: before } = this;
        if (!sub || !workspace || this.disposed) {
            return;
        }
        if (update.kind === 'error') {
            this.setState({ ...this.state, status: { ...this.state.status, readError: update.detail } });
            return;
        }
        const compute = (this.compute = update.compute);
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
            status: statusWithNextSteps(compute, this.rows.length > 0),
            attachment: attachmentOf(sub, workspace, compute),
            identity: identityOf(compute),
        });
    }

    /**
     * The compute is gone (detached, or deleted elsewhere): the page says so and offers Close instead of showing the
     * old attachment, identity and roles; nothing of them can be acted on any longer.
     */
    private showGone(how: GoneSection['how']): void {
        ++this.generation; // role checks still under way do not write into it
        this.compute = undefined;
        this.rows = [];
        this.setState(goneState(this.state, how));
    }

    // ---- messages ----------------------------------------------------------------------------------------------

    private async onMessage(raw: unknown): Promise<void> {
        const message = validateToExtensionMessage(raw);
        if (!message) {
            ext.outputChannel.warn(`Compute panel: dropped an unexpected message: ${safeJson(raw)}`);
            return;
        }
        try {
            await this.handle(message);
        } catch (error) {
            const explained = explainError(error, vscode.l10n.t('Compute panel'));
            void vscode.window.showErrorMessage(explained.detail);
        }
    }

    private async handle(message: ToExtension): Promise<void> {
        switch (message.type) {
            case 'ready':
                this.post({ type: 'state', state: this.state });
                if (!this.watching) {
                    this.watch(true);
                }
                return;
            case 'refresh':
                if (this.subscription) {
                    ext.inventory.invalidateSubscription(this.subscription.subscriptionId);
                }
                await this.load();
                return;
            case 'copy':
            case 'openInPortal':
            case 'runCommand':
            case 'copyExtensionCommand':
            case 'openTroubleshooting':
            case 'close':
                return handlePanelAction(this.host(), message);
            case 'copyAzCommand': {
                const row = this.findRow(message.rowId)?.row;
                if (row?.azCommand) {
                    await vscode.env.clipboard.writeText(row.azCommand);
                    this.post({ type: 'notice', text: vscode.l10n.t('Copied the az command for {0}.', row.roleName) });
                }
                return;
            }
            case 'assign':
                return this.assign(message.rowId);
            case 'addResource':
                return this.addResource();
            case 'removeResource':
                return this.removeResource(message.rowId);
        }
    }

    private findRow(rowId: string): TrackedRow | undefined {
        return this.rows.find((r) => r.row.id === rowId);
    }

    private host(): PanelHost {
        return {
            subscription: this.subscription,
            compute: this.compute,
            state: this.state,
            rowScope: (rowId) => this.findRow(rowId)?.row.scopeId,
            notice: (text) => this.post({ type: 'notice', text }),
            close: () => this.panel.dispose(),
        };
    }

    private async assign(rowId: string): Promise<void> {
        const tracked = this.findRow(rowId);
        const sub = this.subscription;
        if (!tracked || !sub) {
            // Only rows of the panel's own guidance can be assigned; a row id the panel did not make is refused.
            ext.outputChannel.warn(
                `Compute panel: refused to assign: ${safeJson(rowId)} is not a role row of ${this.computeId}.`,
            );
            return;
        }
        const { row, requirement, principal } = tracked;
        if (!row.canAssign || !requirement.scope || !principal.principalId) {
            ext.outputChannel.warn(
                `Compute panel: refused to assign ${row.roleName} on ${row.scopeLabel}: ${row.cannotAssignReason ?? 'not assignable from here'}.`,
            );
            void vscode.window.showWarningMessage(
                row.cannotAssignReason ??
                    vscode.l10n.t('{0} cannot be assigned from here; copy the az command instead.', row.roleName),
            );
            return;
        }
        const { scope, role } = requirement;
        const principalId = principal.principalId;
        const grantee: Grantee =
            tracked.section === 'prerequisite'
                ? { kind: 'workspace', identityName: principal.name }
                : computeGrantee(
                      this.compute ?? { workspaceName: this.workspace?.name ?? '', name: this.state.computeName },
                      principal,
                  );
        const generation = this.generation;
        try {
            const outcomes = await confirmAndGrant(
                sub,
                [{ role, scope, scopeLabel: requirement.scopeLabel, principalId, grantee }],
                () => this.post({ type: 'busy', busy: true, rowId }),
            );
            if (!outcomes?.[0]?.result) {
                return;
            }
            let evaluation = await this.evaluate(sub, tracked);
            if (evaluation.status?.state !== 'granted') {
                // Role assignments can take a while to show up in reads; the one just created is at the scope itself.
                evaluation = { status: { state: 'granted', roleName: role.name, scope, inherited: false } };
            }
            if (generation === this.generation && this.rows.includes(tracked)) {
                this.updateRow(tracked, evaluation);
            }
        } finally {
            this.post({ type: 'busy', busy: false, rowId });
        }
    }

    private addedResources(): string[] {
        return ext.context.globalState.get<string[]>(addedResourcesKey(this.computeId), []);
    }

    private async addResource(): Promise<void> {
        const subscriptions = await ext.session.getSelectedSubscriptions();
        const present = new Set(this.rows.map((r) => r.requirement.scope?.toLowerCase()));
        const names = new Map(subscriptions.map((s) => [s.subscriptionId.toLowerCase(), s.name]));
        const picked = await vscode.window.showQuickPick<vscode.QuickPickItem & { id: string }>(
            listAddableResources(subscriptions).then((resources) =>
                resources
                    .filter((r) => !present.has(r.id.toLowerCase()))
                    .map((r) => ({
                        label: r.name,
                        description:
                            r.kind === 'registry'
                                ? vscode.l10n.t('Container registry')
                                : vscode.l10n.t('Storage account'),
                        detail: `${names.get(r.subscriptionId.toLowerCase()) ?? r.subscriptionId} · ${r.resourceGroup}`,
                        iconPath: new vscode.ThemeIcon(r.kind === 'registry' ? 'package' : 'database'),
                        id: r.id,
                    })),
            ),
            {
                title: vscode.l10n.t('Add a resource the compute uses'),
                placeHolder: vscode.l10n.t('Pick a container registry or storage account'),
                matchOnDescription: true,
                matchOnDetail: true,
            },
        );
        if (!picked || !this.workspace || !this.compute) {
            return;
        }
        await ext.context.globalState.update(addedResourcesKey(this.computeId), [...this.addedResources(), picked.id]);
        await this.rebuildTrainingRows();
    }

    private async removeResource(rowId: string): Promise<void> {
        const tracked = this.findRow(rowId);
        if (!tracked?.added || !tracked.requirement.scope) {
            return;
        }
        const scope = tracked.requirement.scope.toLowerCase();
        await ext.context.globalState.update(
            addedResourcesKey(this.computeId),
            this.addedResources().filter((id) => id.toLowerCase() !== scope),
        );
        await this.rebuildTrainingRows();
    }

    /** After the added resources changed: keeps the rows already checked, checks the new ones. */
    private async rebuildTrainingRows(): Promise<void> {
        const { subscription: sub, workspace, compute } = this;
        if (!sub || !workspace || !compute) {
            return;
        }
        const previous = new Map(this.rows.map((r) => [r.row.id, r]));
        const training = this.trainingRows(workspace, compute).map((r) => previous.get(r.row.id) ?? r);
        const fresh = training.filter((r) => !previous.has(r.row.id));
        this.rows = [...training, ...this.rows.filter((r) => r.section === 'prerequisite')];
        this.setState({ ...this.state, roles: { state: 'ready', rows: this.rowsOf('training') } });
        await this.checkRows(this.generation, fresh);
    }
}

function safeJson(value: unknown): string {
    try {
        return JSON.stringify(value)?.slice(0, 300) ?? String(value);
    } catch {
        return String(value);
    }
}
