/**
 * The compute panel's role rows, kept for the compute as last read: each checked against Azure, assigned after a
 * confirmation (through the one grant flow, confirmAndGrant) and checked again; the az command copied; the resources
 * the user adds to the guidance. trackedRows.ts makes and evaluates the rows.
 */
import * as vscode from 'vscode';
import type { ComputeInfo, WorkspaceInfo } from '../../domain/models';
import type { SubscriptionContext } from '../../azure/subscriptionContext';
import type { RowEvaluation } from '../../domain/roleGuidance';
import { ext } from '../../extensionVariables';
import { confirmAndGrant } from '../../ui/confirmAndGrant';
import { computeGrantee, type Grantee } from '../../ui/grantee';
import { addedResources, pickAddableResource, saveAddedResources } from './addedResources';
import { messageForLog, type InitialState, type RoleRow, type ToPage } from './contract';
import {
    evaluated,
    evaluateRow,
    prerequisiteRows,
    roleSections,
    rowsOf,
    trainingRows,
    type RoleSections,
    type TrackedRow,
} from './trackedRows';

/** What the role rows read of the panel, and how they tell it. */
export interface RolesHost {
    readonly subscription: SubscriptionContext | undefined;
    readonly workspace: WorkspaceInfo | undefined;
    /** The compute as last read; undefined before the first read and once it is gone. */
    readonly compute: ComputeInfo | undefined;
    readonly state: InitialState;
    setState(state: InitialState): void;
    /** A row's new status: the panel keeps it in its state and sends it to the page. */
    rowUpdated(row: RoleRow): void;
    post(message: ToPage): void;
}

export class PanelRoles {
    private rows: TrackedRow[] = [];
    /** Bumped on every full load, so role checks from an older load do not overwrite newer rows. */
    private generation = 0;

    constructor(
        private readonly host: RolesHost,
        private readonly computeId: string,
    ) {}

    /** A full load begins: checks of the rows read before it no longer write. */
    nextGeneration(): number {
        return ++this.generation;
    }

    isCurrent(generation: number): boolean {
        return generation === this.generation;
    }

    /** The compute is gone: no rows are left, and checks still under way do not write. */
    clear(): void {
        ++this.generation;
        this.rows = [];
    }

    get hasRows(): boolean {
        return this.rows.length > 0;
    }

    /** The scope of one of the rows; undefined for an id the panel did not make. */
    scopeOf(rowId: string): string | undefined {
        return this.find(rowId)?.row.scopeId;
    }

    /** The rows of the compute just read, not checked yet: the compute's roles, then the workspace prerequisites. */
    async build(
        sub: SubscriptionContext,
        workspace: WorkspaceInfo,
        compute: ComputeInfo,
        generation: number,
    ): Promise<RoleSections> {
        this.rows = trainingRows(workspace, compute, addedResources(this.computeId));
        const prerequisites = await prerequisiteRows(sub, workspace, compute, () => this.isCurrent(generation));
        if (prerequisites && this.isCurrent(generation)) {
            this.rows.push(...prerequisites.rows);
        }
        return roleSections(compute, this.rows, prerequisites);
    }

    /** Checks each row and sends each result as it comes. */
    check(generation: number): Promise<void> {
        return this.checkRows(generation, this.rows);
    }

    private async checkRows(generation: number, rows: readonly TrackedRow[]): Promise<void> {
        const sub = this.host.subscription;
        if (!sub) {
            return;
        }
        await Promise.all(
            rows.map(async (tracked) => {
                const evaluation = await evaluateRow(sub, tracked);
                if (!this.isCurrent(generation) || !this.rows.includes(tracked)) {
                    return;
                }
                this.update(tracked, evaluation);
            }),
        );
    }

    private find(rowId: string): TrackedRow | undefined {
        return this.rows.find((r) => r.row.id === rowId);
    }

    private update(tracked: TrackedRow, evaluation: RowEvaluation): void {
        tracked.row = evaluated(tracked, evaluation);
        this.host.rowUpdated(tracked.row);
    }

    /** Assigns a row's role after a confirmation, then checks the row again. Only the panel's own rows. */
    async assign(rowId: string): Promise<void> {
        const tracked = this.find(rowId);
        const sub = this.host.subscription;
        if (!tracked || !sub) {
            // Only rows of the panel's own guidance can be assigned; a row id the panel did not make is refused.
            ext.outputChannel.warn(
                `Compute panel: refused to assign: ${messageForLog(rowId)} is not a role row of ${this.computeId}.`,
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
        const { compute, workspace, state } = this.host;
        const grantee: Grantee =
            tracked.section === 'prerequisite'
                ? { kind: 'workspace', identityName: principal.name }
                : computeGrantee(
                      compute ?? { workspaceName: workspace?.name ?? '', name: state.computeName },
                      principal,
                  );
        const generation = this.generation;
        try {
            const outcomes = await confirmAndGrant(
                sub,
                [{ role, scope, scopeLabel: requirement.scopeLabel, principalId, grantee }],
                () => this.host.post({ type: 'busy', busy: true, rowId }),
            );
            if (!outcomes?.[0]?.result) {
                return;
            }
            let evaluation = await evaluateRow(sub, tracked);
            if (evaluation.status?.state !== 'granted') {
                // Role assignments can take a while to show up in reads; the one just created is at the scope itself.
                evaluation = { status: { state: 'granted', roleName: role.name, scope, inherited: false } };
            }
            if (this.isCurrent(generation) && this.rows.includes(tracked)) {
                this.update(tracked, evaluation);
            }
        } finally {
            this.host.post({ type: 'busy', busy: false, rowId });
        }
    }

    async copyAzCommand(rowId: string): Promise<void> {
        const row = this.find(rowId)?.row;
        if (row?.azCommand) {
            await vscode.env.clipboard.writeText(row.azCommand);
            this.host.post({ type: 'notice', text: vscode.l10n.t('Copied the az command for {0}.', row.roleName) });
        }
    }

    async addResource(): Promise<void> {
        const picked = await pickAddableResource(new Set(this.rows.map((r) => r.requirement.scope?.toLowerCase())));
        if (!picked || !this.host.workspace || !this.host.compute) {
            return;
        }
        await saveAddedResources(this.computeId, [...addedResources(this.computeId), picked]);
        await this.rebuildTrainingRows();
    }

    async removeResource(rowId: string): Promise<void> {
        const tracked = this.find(rowId);
        if (!tracked?.added || !tracked.requirement.scope) {
            return;
        }
        const scope = tracked.requirement.scope.toLowerCase();
        await saveAddedResources(
            this.computeId,
            addedResources(this.computeId).filter((id) => id.toLowerCase() !== scope),
        );
        await this.rebuildTrainingRows();
    }

    /** After the added resources changed: keeps the rows already checked, checks the new ones. */
    private async rebuildTrainingRows(): Promise<void> {
        const { subscription: sub, workspace, compute, state } = this.host;
        if (!sub || !workspace || !compute) {
            return;
        }
        const previous = new Map(this.rows.map((r) => [r.row.id, r]));
        const training = trainingRows(workspace, compute, addedResources(this.computeId)).map(
            (r) => previous.get(r.row.id) ?? r,
        );
        const fresh = training.filter((r) => !previous.has(r.row.id));
        this.rows = [...training, ...this.rows.filter((r) => r.section === 'prerequisite')];
        this.host.setState({ ...state, roles: { state: 'ready', rows: rowsOf(this.rows, 'training') } });
        await this.checkRows(this.generation, fresh);
    }
}
