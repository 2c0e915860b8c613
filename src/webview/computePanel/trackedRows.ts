/**
 * The role rows of one compute, as the panel tracks them: made from the compute and its workspace (the compute
 * identity's roles for training, and the workspace identity's attach prerequisites on the cluster), put into the
 * state's sections, and evaluated against Azure one at a time. panelRoles.ts keeps them and acts on them.
 */
import * as vscode from 'vscode';
import { clusterKindFromId } from '../../domain/armId';
import type { ComputeInfo, WorkspaceInfo } from '../../domain/models';
import { workspaceUserAssignedIdentity } from '../../azure/preflight';
import { userAssignedPrincipalId } from '../../azure/inventory';
import { checkRequirement } from '../../azure/roleAssignments';
import { clusterRefFor } from '../../azure/roleGuidance';
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
import { explainError } from '../../ui/errorText';
import type { InitialState, RoleRow, RowsSection } from './contract';

export interface TrackedRow {
    readonly section: RowSection;
    readonly requirement: RoleRequirement;
    readonly principal: GuidancePrincipal;
    /** A row of a resource the user added ("Add a resource..."), which may be removed again. */
    readonly added: boolean;
    row: RoleRow;
}

/** The role sections of the panel's state. */
export type RoleSections = Pick<InitialState, 'roles' | 'prerequisites'>;

/** The workspace prerequisites' section before its rows are known, and the identity they are for. */
export interface Prerequisites {
    readonly rows: TrackedRow[];
    readonly section: RowsSection;
    readonly identityName?: string;
}

/** The compute identity's rows for training, with the resources the user added; none without an identity. */
export function trainingRows(workspace: WorkspaceInfo, compute: ComputeInfo, added: readonly string[]): TrackedRow[] {
    const principal = computePrincipal(compute);
    if (!principal) {
        return [];
    }
    return trainingRowRequirements(workspace, added).map(({ requirement, added }) => ({
        section: 'training' as const,
        requirement,
        principal,
        added,
        row: buildRoleRow('training', requirement, principal, {}, added),
    }));
}

/**
 * The workspace's user-assigned identity's roles on the cluster; undefined when the workspace has none, or when
 * `isCurrent` says a newer load began while the cluster was read.
 */
export async function prerequisiteRows(
    sub: SubscriptionContext,
    workspace: WorkspaceInfo,
    compute: ComputeInfo,
    isCurrent: () => boolean,
): Promise<Prerequisites | undefined> {
    if (!workspace.identity.type.includes('UserAssigned')) {
        return undefined;
    }
    try {
        const identity = await workspaceUserAssignedIdentity(sub, workspace);
        if (!identity) {
            return {
                rows: [],
                section: {
                    state: 'unavailable',
                    reason: vscode.l10n.t("The workspace's user-assigned identity could not be read."),
                },
            };
        }
        if (!compute.clusterId) {
            return {
                rows: [],
                section: { state: 'unavailable', reason: vscode.l10n.t('The compute names no cluster.') },
                identityName: identity.name,
            };
        }
        const cluster = (await clusterRefFor(sub, compute.clusterId)) ?? {
            id: compute.clusterId,
            kind: clusterKindFromId(compute.clusterId),
        };
        if (!isCurrent()) {
            return undefined;
        }
        const principal: GuidancePrincipal = {
            principalId: identity.principalId,
            name: identity.name,
            identityId: identity.id,
        };
        const rows = workspaceIdentityRequirements(cluster).map((requirement) => ({
            section: 'prerequisite' as const,
            requirement,
            principal,
            added: false,
            row: buildRoleRow('prerequisite', requirement, principal, {}),
        }));
        return { rows, section: { state: 'loading' }, identityName: identity.name };
    } catch (error) {
        const explained = explainError(
            error,
            vscode.l10n.t('Could not read the workspace prerequisites of {0}', workspace.name),
        );
        return { rows: [], section: { state: 'unavailable', reason: explained.detail } };
    }
}

export function rowsOf(rows: readonly TrackedRow[], section: RowSection): RoleRow[] {
    return rows.filter((r) => r.section === section).map((r) => r.row);
}

/** The state's role sections for the compute's rows (`rows`: all of them, training and prerequisites). */
export function roleSections(
    compute: ComputeInfo,
    rows: readonly TrackedRow[],
    prerequisites: Prerequisites | undefined,
): RoleSections {
    const training = rowsOf(rows, 'training');
    const prereqRows = rowsOf(rows, 'prerequisite');
    return {
        roles: !computePrincipal(compute)
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
              : { state: 'ready', rows: training },
        prerequisites: prerequisites
            ? {
                  ...(prereqRows.length > 0 ? { state: 'ready' as const, rows: prereqRows } : prerequisites.section),
                  identityName: prerequisites.identityName,
              }
            : undefined,
    };
}

/** Whether the row's role is granted to its principal, as Azure says now; unknown (with the reason) when unsure. */
export async function evaluateRow(sub: SubscriptionContext, tracked: TrackedRow): Promise<RowEvaluation> {
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
            vscode.l10n.t('Could not check {0} on {1}', tracked.requirement.role.name, tracked.requirement.scopeLabel),
        );
        return { status: { state: 'unknown', reason: explained.detail } };
    }
}

/** The row with its new evaluation. */
export function evaluated(tracked: TrackedRow, evaluation: RowEvaluation): RoleRow {
    return buildRoleRow(tracked.section, tracked.requirement, tracked.principal, evaluation, tracked.added);
}
