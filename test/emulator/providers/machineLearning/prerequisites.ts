/**
 * Why attaching a Kubernetes compute fails, as the service decides when it provisions it: the cluster exists, its
 * AzureML extension is installed and Succeeded, and a workspace with a user-assigned identity has the roles the
 * documentation asks for: Reader on the cluster, and on Arc Azure Relay Owner on the extension's relay.
 */

import { classifyArmPath, sameId, typeOfId } from '../../armPath';
import { builtInRole } from '../../builtinRoles';
import type { Emulator } from '../../emulator';
import type { ArmResource, Json } from '../../model';
import { holdsOperationsOf, type RoleDefinition } from '../../rbac/evaluate';
import { azureMlExtensionType, connectedClusterType } from './common';

/** The AzureML cluster extension on a cluster, if installed. */
export function azureMlExtension(em: Emulator, clusterId: string): ArmResource | undefined {
    return em.state
        .inCollection(`${clusterId}/providers/Microsoft.KubernetesConfiguration/extensions`)
        .find(
            (r) =>
                String((r.properties ?? {}).extensionType ?? '').toLowerCase() === azureMlExtensionType.toLowerCase(),
        );
}

/**
 * Does the principal hold, at `scope`, every control-plane operation of `role` (through that role or others, such as
 * Owner or Contributor)? The service acts on the cluster and the relay through ARM, so data actions do not count.
 */
export function holds(em: Emulator, principalId: string, scope: string, role: RoleDefinition): boolean {
    return holdsOperationsOf({
        assignments: em.state.assignmentsCovering(principalId, scope),
        definitions: em.state.roleDefinitions(),
        principalId,
        scope,
        role,
    });
}

/** The workspace a compute belongs to. */
export function workspaceOf(em: Emulator, compute: ArmResource): ArmResource | undefined {
    return em.state.get(classifyArmPath(classifyArmPath(compute.id)?.parent ?? '')?.parent ?? '');
}

/** The workspace's primary user-assigned identity and its principal, when the workspace has one. */
export function workspaceUserAssignedIdentity(
    em: Emulator,
    workspace: ArmResource | undefined,
): { primary: string; principalId: string } | undefined {
    const identity = (workspace?.identity ?? {}) as Json;
    if (
        !String(identity.type ?? '')
            .toLowerCase()
            .includes('userassigned')
    ) {
        return undefined;
    }
    const uais = (identity.userAssignedIdentities ?? {}) as Record<string, Json>;
    const primary = String(
        ((workspace?.properties ?? {}) as Json).primaryUserAssignedIdentity ?? Object.keys(uais)[0] ?? '',
    );
    const uai = em.state.get(primary);
    const principalId = String(
        ((uai?.properties ?? {}) as Json).principalId ??
            Object.entries(uais).find(([k]) => sameId(k, primary))?.[1]?.principalId ??
            '',
    );
    return { primary, principalId };
}

/** Why provisioning a Kubernetes compute fails, or undefined when every prerequisite holds. */
export function kubernetesPrerequisiteError(
    em: Emulator,
    compute: ArmResource,
): { code: string; message: string } | undefined {
    const props = (compute.properties ?? {}) as Json;
    const clusterId = String(props.resourceId ?? '');
    if (!em.state.get(clusterId)) {
        return { code: 'ClusterNotFound', message: `The Kubernetes cluster '${clusterId}' was not found.` };
    }
    const extension = azureMlExtension(em, clusterId);
    if (!extension) {
        return {
            code: 'AzureMLExtensionNotInstalled',
            message: `The AzureML extension (extension type '${azureMlExtensionType}') is not installed on cluster '${clusterId}'. Deploy the AzureML extension to the cluster, then attach it again.`,
        };
    }
    const extensionProps = (extension.properties ?? {}) as Json;
    const extState = String(extensionProps.provisioningState ?? 'Unknown');
    if (extState.toLowerCase() !== 'succeeded') {
        return {
            code: 'AzureMLExtensionNotReady',
            message: `The AzureML extension '${extension.name}' on cluster '${clusterId}' is in provisioning state '${extState}'; it must be 'Succeeded' before the cluster can be attached.`,
        };
    }
    const uai = workspaceUserAssignedIdentity(em, workspaceOf(em, compute));
    if (!uai) {
        return undefined;
    }
    const { primary, principalId } = uai;
    if (!holds(em, principalId, clusterId, builtInRole('Reader'))) {
        return {
            code: 'UserAssignedIdentityMissingRole',
            message: `The workspace's user-assigned identity '${primary}' (principal '${principalId}') does not have the 'Reader' role on cluster '${clusterId}'. Grant it Reader on the cluster, then attach again.`,
        };
    }
    if (sameId(typeOfId(clusterId), connectedClusterType)) {
        const settings = (extensionProps.configurationSettings ?? {}) as Record<string, unknown>;
        const relayKey = Object.keys(settings).find(
            (k) => k.toLowerCase() === 'relayserver.hybridconnectionresourceid',
        );
        const relayId = relayKey ? String(settings[relayKey]) : '';
        if (relayId && !holds(em, principalId, relayId, builtInRole('Azure Relay Owner'))) {
            return {
                code: 'UserAssignedIdentityMissingRole',
                message: `The workspace's user-assigned identity '${primary}' (principal '${principalId}') does not have the 'Azure Relay Owner' role on the Azure Relay '${relayId}' used by the AzureML extension of cluster '${clusterId}'.`,
            };
        }
    }
    return undefined;
}
