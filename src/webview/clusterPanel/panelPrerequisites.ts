/**
 * The workspace-identity prerequisites of each workspace that attaches the cluster: the compute panel's rows
 * (trackedRows.ts: made from the workspace's user-assigned identity and roleRequirements.ts, checked one by one
 * against Azure), one list per workspace. Row ids carry the workspace, so two workspaces' rows stay apart.
 */
import * as vscode from 'vscode';
import type { ComputeInfo, WorkspaceInfo } from '../../domain/models';
import type { SubscriptionContext } from '../../azure/subscriptionContext';
import { ext } from '../../extensionVariables';
import { confirmAndGrant } from '../../ui/confirmAndGrant';
import { evaluated, evaluateRow, prerequisiteRows, type TrackedRow } from '../computePanel/trackedRows';
import { messageForLog } from '../shared/messages';
import type { RoleRow, WorkspacePrerequisites } from './contract';

export interface AttachingWorkspace {
    readonly sub: SubscriptionContext;
    readonly workspace: WorkspaceInfo;
    /** One of its computes attaching the cluster (the rows are the same for each). */
    readonly compute: ComputeInfo;
}

interface PanelRow {
    readonly workspaceId: string;
    readonly sub: SubscriptionContext;
    readonly tracked: TrackedRow;
}

export class PanelPrerequisites {
    private rows: PanelRow[] = [];

    /** The row (by the panel's id) for its az command; undefined for an id the panel did not make. */
    find(rowId: string): RoleRow | undefined {
        return this.rows.find((r) => panelRowId(r) === rowId)?.tracked.row;
    }

    /**
     * Assigns one row's role after the one grant flow's confirmation (confirmAndGrant: only as the guidance names it,
     * never a privileged role), then checks it again; true when it was assigned. Only the panel's own rows.
     */
    async assign(rowId: string, onConfirmed: () => void): Promise<boolean> {
        const found = this.rows.find((r) => panelRowId(r) === rowId);
        const { requirement, principal, row } = found?.tracked ?? {};
        if (!found || !requirement?.scope || !principal?.principalId || !row?.canAssign) {
            ext.outputChannel.warn(`Cluster panel: refused to assign ${messageForLog(rowId)}: not an assignable row.`);
            return false;
        }
        const outcomes = await confirmAndGrant(
            found.sub,
            [
                {
                    role: requirement.role,
                    scope: requirement.scope,
                    scopeLabel: requirement.scopeLabel,
                    principalId: principal.principalId,
                    grantee: { kind: 'workspace', identityName: principal.name },
                },
            ],
            onConfirmed,
        );
        if (!outcomes?.[0]?.result) {
            return false;
        }
        const evaluation = await evaluateRow(found.sub, found.tracked);
        // Role assignments can take a while to show in reads; the one just created is at the scope itself.
        found.tracked.row = evaluated(
            found.tracked,
            evaluation.status?.state === 'granted'
                ? evaluation
                : {
                      status: {
                          state: 'granted',
                          roleName: requirement.role.name,
                          scope: requirement.scope,
                          inherited: false,
                      },
                  },
        );
        return true;
    }

    /** The sections with each row as last checked. */
    sections(sections: readonly WorkspacePrerequisites[]): WorkspacePrerequisites[] {
        return sections.map((section) => {
            const mine = this.rows.filter((r) => r.workspaceId === section.workspaceId);
            return mine.length === 0
                ? section
                : {
                      ...section,
                      rows: { state: 'ready', rows: mine.map((r) => ({ ...r.tracked.row, id: panelRowId(r) })) },
                  };
        });
    }

    /** The sections, not checked yet, for the workspaces with a user-assigned identity. */
    async build(attaching: readonly AttachingWorkspace[], isCurrent: () => boolean): Promise<WorkspacePrerequisites[]> {
        this.rows = [];
        const sections: WorkspacePrerequisites[] = [];
        for (const { sub, workspace, compute } of attaching) {
            const prerequisites = await prerequisiteRows(sub, workspace, compute, isCurrent);
            if (!prerequisites || !isCurrent()) {
                continue;
            }
            const rows = prerequisites.rows.map((tracked) => ({ workspaceId: workspace.id, sub, tracked }));
            this.rows.push(...rows);
            sections.push({
                workspaceId: workspace.id,
                workspaceName: workspace.name,
                identityName: prerequisites.identityName,
                rows:
                    rows.length > 0
                        ? { state: 'loading' }
                        : prerequisites.section.state === 'unavailable'
                          ? prerequisites.section
                          : { state: 'unavailable', reason: vscode.l10n.t('No roles to check.') },
            });
        }
        return sections;
    }

    /** Checks every row; returns the sections with each workspace's rows as Azure says now. */
    async check(sections: readonly WorkspacePrerequisites[]): Promise<WorkspacePrerequisites[]> {
        await Promise.all(
            this.rows.map(async (r) => {
                r.tracked.row = evaluated(r.tracked, await evaluateRow(r.sub, r.tracked));
            }),
        );
        return this.sections(sections);
    }
}

function panelRowId(r: PanelRow): string {
    return `${r.workspaceId.toLowerCase()}|${r.tracked.row.id}`;
}
