/** The panel's sections, built from what the service returns. Pure apart from the clock. */
import { clusterKindFromId, nameFromId, parseArmId } from '../../domain/armId';
import type { ComputeInfo, WorkspaceInfo } from '../../domain/models';
import type { SubscriptionContext } from '../../azure/subscriptionContext';
import { azAttachCommand, type AttachIdentity } from '../../domain/attachPlan';
import { isTransitional, stateIcon } from '../../domain/computeState';
import type { AttachmentSection, IdentitySection, InitialState } from './contract';

export function now(): string {
    return new Date().toISOString();
}

/** The id of the workspace a compute id is under. */
export function workspaceIdOf(computeId: string): string {
    return computeId.replace(/\/computes\/[^/]+$/i, '');
}

export function statusOf(compute: ComputeInfo): InitialState['status'] {
    const icon = stateIcon(compute.provisioningState);
    return {
        provisioningState: compute.provisioningState,
        transitional: isTransitional(compute.provisioningState),
        icon: icon.icon,
        iconColor: icon.color,
        createdOn: compute.createdOn?.toISOString(),
        modifiedOn: compute.modifiedOn?.toISOString(),
        errors: compute.provisioningErrors.map((e) => ({ code: e.code, message: e.message })),
        checkedAt: now(),
    };
}

/** The status once the compute is no longer there (detached, or deleted elsewhere). */
export function goneStatus(status: InitialState['status']): InitialState['status'] {
    return { ...status, gone: true, transitional: false, icon: 'circle-slash', iconColor: undefined, checkedAt: now() };
}

export function attachmentOf(
    sub: SubscriptionContext,
    workspace: WorkspaceInfo,
    compute: ComputeInfo,
): AttachmentSection {
    const identity: AttachIdentity =
        compute.identity.type === 'UserAssigned' && compute.identity.userAssigned[0]
            ? { type: 'UserAssigned', identityId: compute.identity.userAssigned[0].id }
            : compute.identity.type.startsWith('SystemAssigned')
              ? { type: 'SystemAssigned' }
              : { type: 'None' };
    const kind = compute.clusterId ? clusterKindFromId(compute.clusterId) : undefined;
    return {
        workspaceName: workspace.name,
        workspaceId: workspace.id,
        subscriptionName: sub.name,
        resourceGroup: workspace.resourceGroup,
        clusterName: compute.clusterId ? nameFromId(compute.clusterId) : undefined,
        clusterKind: kind,
        clusterId: compute.clusterId,
        namespace: compute.namespace ?? 'default',
        azCommand: azAttachCommand({
            workspace,
            cluster: { id: compute.clusterId ?? '<cluster resource id>', kind: kind ?? 'aks' },
            computeName: compute.name,
            namespace: compute.namespace ?? 'default',
            identity,
        }),
    };
}

export function identityOf(compute: ComputeInfo): IdentitySection {
    const identity = compute.identity;
    const uai = identity.userAssigned[0];
    const system = identity.type.startsWith('SystemAssigned');
    return {
        type: identity.type,
        principalId: system ? identity.principalId : undefined,
        tenantId: identity.tenantId,
        displayName: system ? `${compute.workspaceName}/computes/${compute.name}` : undefined,
        userAssigned: uai
            ? { id: uai.id, name: nameFromId(uai.id), clientId: uai.clientId, principalId: uai.principalId }
            : undefined,
    };
}

/** What the panel shows before the first read (or after a reload, before the page's saved state arrives). */
export function placeholderState(
    subscriptionId: string,
    computeId: string,
    compute: ComputeInfo | undefined,
): InitialState {
    const workspaceId = workspaceIdOf(computeId);
    return {
        subscriptionId,
        computeId,
        computeName: nameFromId(computeId),
        status: compute
            ? statusOf(compute)
            : { provisioningState: 'Unknown', transitional: false, icon: 'loading~spin', errors: [], checkedAt: now() },
        attachment: {
            workspaceName: compute?.workspaceName ?? nameFromId(workspaceId),
            workspaceId,
            subscriptionName: '',
            resourceGroup: parseArmId(computeId)?.resourceGroup ?? '',
            clusterId: compute?.clusterId,
            clusterName: compute?.clusterId ? nameFromId(compute.clusterId) : undefined,
            clusterKind: compute?.clusterId ? clusterKindFromId(compute.clusterId) : undefined,
            namespace: compute?.namespace ?? 'default',
            azCommand: '',
        },
        identity: compute ? identityOf(compute) : { type: 'None' },
        roles: { state: 'loading' },
    };
}
