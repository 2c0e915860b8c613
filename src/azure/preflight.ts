/**
 * The checks made before an attach writes anything: the AzureML extension on the cluster, the roles a workspace's
 * user-assigned identity needs, and that the compute name is still free. Each check carries what is needed to
 * explain it and to fix it.
 */
import {
    workspaceIdentityRequirements,
    type RequirementStatus,
    type RoleRequirement,
} from '../domain/roleRequirements';
import { armIdsEqual, parseArmId, resourceName } from '../domain/armId';
import { clusterLimits, mlWorkloadBindingFor, needsTrustedAccess, type ClusterLimit } from '../domain/clusterLimits';
import { describeAzureError } from './errors';
import { getCompute, userAssignedPrincipalId } from './inventory';
import type { AzureMlExtensionState, ClusterInfo, TrustedAccessBindingInfo, WorkspaceInfo } from '../domain/models';
import { listTrustedAccessBindings, mayCreateTrustedAccessBinding } from './trustedAccess';
import { checkRequirement } from './roleAssignments';
import type { SubscriptionContext } from './subscriptionContext';

export type CheckState = 'passed' | 'failed' | 'unknown';

export type PreflightCheck =
    | {
          readonly kind: 'extension';
          readonly state: CheckState;
          readonly extension: AzureMlExtensionState;
          readonly clusterName: string;
      }
    | {
          readonly kind: 'role';
          readonly state: CheckState;
          readonly requirement: RoleRequirement;
          readonly status: RequirementStatus;
          readonly principalId: string;
          readonly identityName: string;
          /** Whether the signed-in user may grant it (only asked for missing roles). */
          readonly canGrant: boolean;
      }
    | { readonly kind: 'name'; readonly state: CheckState; readonly name: string; readonly workspaceName: string }
    /** A documented limit the cluster hits (another subscription, a service principal): always failed. */
    | {
          readonly kind: 'limit';
          readonly state: 'failed';
          readonly limit: ClusterLimit;
          readonly clusterName: string;
          readonly workspaceSubscriptionName: string;
      }
    /** AKS with local accounts disabled: the workspace's `mlworkload` trusted access role binding on the cluster. */
    | {
          readonly kind: 'trustedAccess';
          readonly state: CheckState;
          readonly clusterName: string;
          readonly workspaceName: string;
          readonly binding?: TrustedAccessBindingInfo;
          /** Whether the signed-in user may create the binding (only asked when it is missing). */
          readonly canCreate: boolean;
          readonly reason?: string;
      };

export interface PreflightInput {
    readonly workspaceSubscription: SubscriptionContext;
    readonly workspace: WorkspaceInfo;
    readonly clusterSubscription: SubscriptionContext;
    readonly cluster: ClusterInfo;
    readonly computeName: string;
    /** The caller has just heard from the service that the name is free: it is not asked again. */
    readonly nameKnownFree?: boolean;
}

export async function runPreflight(input: PreflightInput): Promise<PreflightCheck[]> {
    const limits = clusterLimits(input.cluster, input.workspace.subscriptionId, input.workspaceSubscription.cloud.name);
    const [roleChecks, nameTaken, trustedAccess] = await Promise.all([
        roleChecksFor(input),
        input.nameKnownFree ? undefined : getCompute(input.workspaceSubscription, input.workspace, input.computeName),
        limits.length === 0 && needsTrustedAccess(input.cluster) ? trustedAccessCheck(input) : undefined,
    ]);
    const extension = input.cluster.azureMlExtension;
    return [
        ...limits.map((limit): PreflightCheck => ({
            kind: 'limit',
            state: 'failed',
            limit,
            clusterName: input.cluster.name,
            workspaceSubscriptionName: input.workspaceSubscription.name,
        })),
        ...(trustedAccess ? [trustedAccess] : []),
        {
            kind: 'extension',
            state: extension.status === 'installed' ? 'passed' : extension.status === 'unknown' ? 'unknown' : 'failed',
            extension,
            clusterName: input.cluster.name,
        },
        ...roleChecks,
        {
            kind: 'name',
            state: nameTaken ? 'failed' : 'passed',
            name: input.computeName,
            workspaceName: input.workspace.name,
        },
    ];
}

async function trustedAccessCheck(input: PreflightInput): Promise<PreflightCheck> {
    const base = {
        kind: 'trustedAccess',
        clusterName: input.cluster.name,
        workspaceName: input.workspace.name,
    } as const;
    try {
        const bindings = await listTrustedAccessBindings(input.clusterSubscription, input.cluster.id);
        const binding = mlWorkloadBindingFor(bindings, input.workspace.id);
        if (binding) {
            return { ...base, state: 'passed', binding, canCreate: false };
        }
        const canCreate = await mayCreateTrustedAccessBinding(input.clusterSubscription, input.cluster.id);
        return { ...base, state: 'failed', canCreate };
    } catch (error) {
        return { ...base, state: 'unknown', canCreate: false, reason: describeAzureError(error).message };
    }
}

/** The workspace's user-assigned identity (the primary one), with its principal id. */
export async function workspaceUserAssignedIdentity(
    sub: SubscriptionContext,
    workspace: WorkspaceInfo,
): Promise<{ id: string; name: string; principalId: string } | undefined> {
    if (!workspace.identity.type.includes('UserAssigned')) {
        return undefined;
    }
    const id = workspace.primaryUserAssignedIdentity ?? workspace.identity.userAssigned[0]?.id;
    if (!id) {
        return undefined;
    }
    const name = resourceName(parseArmId(id) ?? { subscriptionId: '', segments: [] }) ?? id;
    const principalId =
        workspace.identity.userAssigned.find((u) => armIdsEqual(u.id, id))?.principalId ??
        (await userAssignedPrincipalId(sub, id));
    return principalId ? { id, name, principalId } : undefined;
}

async function roleChecksFor(input: PreflightInput): Promise<PreflightCheck[]> {
    const identity = await workspaceUserAssignedIdentity(input.workspaceSubscription, input.workspace);
    if (!identity) {
        return [];
    }
    const extension = input.cluster.azureMlExtension;
    const relayId = 'relayId' in extension ? extension.relayId : undefined;
    const requirements = workspaceIdentityRequirements({
        id: input.cluster.id,
        kind: input.cluster.kind,
        relayId,
        trustedAccess: needsTrustedAccess(input.cluster),
    });
    return Promise.all(
        requirements.map(async (requirement): Promise<PreflightCheck> => {
            const { status, canWrite } = await checkRequirement(
                input.clusterSubscription,
                requirement,
                identity.principalId,
            );
            const state: CheckState =
                status.state === 'granted' ? 'passed' : status.state === 'missing' ? 'failed' : 'unknown';
            return {
                kind: 'role',
                state,
                requirement,
                status,
                principalId: identity.principalId,
                identityName: identity.name,
                canGrant: state === 'failed' && canWrite === true,
            };
        }),
    );
}
