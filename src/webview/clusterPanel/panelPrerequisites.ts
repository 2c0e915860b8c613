/**
 * The workspace-identity prerequisites of each workspace that attaches the cluster: the compute panel's rows
 * (trackedRows.ts: made from the workspace's user-assigned identity and roleRequirements.ts, checked one by one
 * against Azure), one list per workspace. Row ids carry the workspace, so two workspaces' rows stay apart.
 */
import * as vscode from 'vscode';
import type { ComputeInfo, WorkspaceInfo } from '../../domain/models';
import type { SubscriptionContext } from '../../azure/subscriptionContext';
import { evaluated, evaluateRow, prerequisiteRows, type TrackedRow } from '../computePanel/trackedRows';
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
}

function panelRowId(r: PanelRow): string {
    return `${r.workspaceId.toLowerCase()}|${r.tracked.row.id}`;
}
