/**
 * AKS trusted access role bindings: how Azure ML reaches a cluster whose local accounts are disabled
 * (`@azure/arm-containerservice` `trustedAccessRoleBindings`).
 */
import { parseArmId, resourceName } from '../domain/armId';
import { mlWorkloadBindingFor, mlWorkloadRole, trustedAccessBindingName } from '../domain/clusterLimits';
import type { TrustedAccessBindingInfo, WorkspaceInfo } from '../domain/models';
import { createContainerServiceClient } from './clients';
import { listAll } from './concurrency';
import { mayPerform } from './roleAssignments';
import type { SubscriptionContext } from './subscriptionContext';

export const trustedAccessWriteAction = 'Microsoft.ContainerService/managedClusters/trustedAccessRoleBindings/write';

interface TrustedAccessBindingShape {
    id?: string;
    name?: string;
    sourceResourceId?: string;
    roles?: readonly string[];
    provisioningState?: string;
    systemData?: { createdAt?: Date | string };
}

export function toTrustedAccessBinding(binding: TrustedAccessBindingShape): TrustedAccessBindingInfo | undefined {
    if (!binding.id || !binding.sourceResourceId) {
        return undefined;
    }
    const createdAt = binding.systemData?.createdAt;
    const createdOn = createdAt ? new Date(createdAt) : undefined;
    return {
        id: binding.id,
        name:
            binding.name ?? resourceName(parseArmId(binding.id) ?? { subscriptionId: '', segments: [] }) ?? binding.id,
        sourceResourceId: binding.sourceResourceId,
        roles: [...(binding.roles ?? [])],
        provisioningState: binding.provisioningState,
        createdOn: createdOn && !Number.isNaN(createdOn.getTime()) ? createdOn : undefined,
    };
}

function clusterParts(clusterId: string): { subscriptionId: string; resourceGroup: string; name: string } {
    const parsed = parseArmId(clusterId);
    const name = parsed?.segments[0]?.name;
    if (!parsed?.resourceGroup || !name) {
        throw new Error(`Not an AKS cluster id: ${clusterId}`);
    }
    return { subscriptionId: parsed.subscriptionId, resourceGroup: parsed.resourceGroup, name };
}

/** The cluster's trusted access role bindings, read with the credential of `caller` aimed at the cluster's subscription. */
export async function listTrustedAccessBindings(
    caller: SubscriptionContext,
    clusterId: string,
): Promise<TrustedAccessBindingInfo[]> {
    const { subscriptionId, resourceGroup, name } = clusterParts(clusterId);
    const client = await createContainerServiceClient({ ...caller, subscriptionId });
    const bindings = await listAll(client.trustedAccessRoleBindings.list(resourceGroup, name));
    return bindings.map(toTrustedAccessBinding).filter((b): b is TrustedAccessBindingInfo => !!b);
}

/** May the signed-in user create trusted access role bindings on the cluster? */
export function mayCreateTrustedAccessBinding(caller: SubscriptionContext, clusterId: string): Promise<boolean> {
    return mayPerform(caller, clusterId, trustedAccessWriteAction);
}

/**
 * Creates the workspace's `mlworkload` binding (named after the workspace, free on this cluster) and waits until the
 * service has it. Returns the existing binding when one appeared meanwhile.
 */
export async function createMlWorkloadBinding(
    caller: SubscriptionContext,
    clusterId: string,
    workspace: Pick<WorkspaceInfo, 'id' | 'name'>,
): Promise<TrustedAccessBindingInfo> {
    const existing = await listTrustedAccessBindings(caller, clusterId);
    const found = mlWorkloadBindingFor(existing, workspace.id);
    if (found) {
        return found;
    }
    const { subscriptionId, resourceGroup, name } = clusterParts(clusterId);
    const client = await createContainerServiceClient({ ...caller, subscriptionId });
    const bindingName = trustedAccessBindingName(
        workspace,
        existing.map((b) => b.name),
    );
    const created = await client.trustedAccessRoleBindings.createOrUpdate(resourceGroup, name, bindingName, {
        sourceResourceId: workspace.id,
        roles: [mlWorkloadRole],
    });
    const binding = toTrustedAccessBinding(created);
    if (!binding) {
        throw new Error(`The service did not return the trusted access role binding ${bindingName}.`);
    }
    return binding;
}
