/**
 * The compute panel's role guidance, as rows: which roles a compute's identity needs for training (and, when the
 * workspace has a user-assigned identity, which roles that identity needs on the cluster), with each row's status,
 * whether the user may assign it, and the equivalent `az` command. Pure: the Azure reads happen in src/azure.
 */
import { armIdsEqual, isResourceOfType, nameFromId, parseArmId, resourceName } from './armId';
import type { ComputeInfo, WorkspaceInfo } from './models';
import type { RoleRow, RowStatus } from './roleRows';
import { azRoleAssignmentCommand } from './azCommands';
import type { RequirementStatus, RoleRequirement } from './roleRequirements';
import { trainingRequirements } from './roleRequirements';
import { builtInRoles, grantRefusal, neverGrantedRoleIds } from './roles';

export type RowSection = RoleRow['section'];

/** The principal roles are granted to. */
export interface GuidancePrincipal {
    /** Undefined when not known yet (a user-assigned identity whose principal id has to be read). */
    readonly principalId?: string;
    /** As the confirmation and the portal show it. */
    readonly name: string;
    /** The user-assigned identity's resource id. */
    readonly identityId?: string;
}

/** `<workspace>/computes/<compute>`: the display name of a compute's system-assigned identity in Entra ID. */
export function systemAssignedDisplayName(workspaceName: string, computeName: string): string {
    return `${workspaceName}/computes/${computeName}`;
}

/**
 * Whose roles the panel shows for a compute: its system-assigned identity or its (first) user-assigned one;
 * undefined when it has none.
 */
export function computePrincipal(compute: ComputeInfo): GuidancePrincipal | undefined {
    const identity = compute.identity;
    if (identity.type === 'SystemAssigned' || identity.type === 'SystemAssigned,UserAssigned') {
        return {
            principalId: identity.principalId,
            name: systemAssignedDisplayName(compute.workspaceName, compute.name),
        };
    }
    if (identity.type === 'UserAssigned') {
        const uai = identity.userAssigned[0];
        if (!uai) {
            return undefined;
        }
        return { principalId: uai.principalId, name: nameFromId(uai.id), identityId: uai.id };
    }
    return undefined;
}

export type AddedResourceKind = 'registry' | 'storage';

export const addableResourceTypes: Record<AddedResourceKind, string> = {
    registry: 'Microsoft.ContainerRegistry/registries',
    storage: 'Microsoft.Storage/storageAccounts',
};

/** The kind of a resource "Add a resource..." accepts, or undefined. */
export function addedResourceKind(id: string): AddedResourceKind | undefined {
    if (isResourceOfType(id, addableResourceTypes.registry)) {
        return 'registry';
    }
    if (isResourceOfType(id, addableResourceTypes.storage)) {
        return 'storage';
    }
    return undefined;
}

function requirementsFor(resourceId: string): RoleRequirement[] {
    const kind = addedResourceKind(resourceId);
    if (kind === 'registry') {
        return trainingRequirements({ containerRegistry: resourceId });
    }
    if (kind === 'storage') {
        return trainingRequirements({ storageAccount: resourceId });
    }
    return [];
}

/** Training roles for the workspace's registry and storage account, then for each added resource (no duplicates). */
export function trainingRowRequirements(
    workspace: Pick<WorkspaceInfo, 'containerRegistry' | 'storageAccount'>,
    addedResources: readonly string[] = [],
): { requirement: RoleRequirement; added: boolean }[] {
    const rows = trainingRequirements(workspace).map((requirement) => ({ requirement, added: false }));
    for (const id of addedResources) {
        for (const requirement of requirementsFor(id)) {
            if (
                !rows.some(
                    (r) =>
                        r.requirement.role.id === requirement.role.id &&
                        armIdsEqual(r.requirement.scope, requirement.scope),
                )
            ) {
                rows.push({ requirement, added: true });
            }
        }
    }
    return rows;
}

export function rowId(section: RowSection, requirement: RoleRequirement): string {
    return `${section}|${requirement.role.id}|${(requirement.scope ?? requirement.scopeLabel).toLowerCase()}`;
}

export const whoCanAssign =
    'You need Owner, User Access Administrator or Role Based Access Control Administrator on the scope (or above it) to assign roles there.';

export interface RowEvaluation {
    /** Undefined while it is being checked. */
    readonly status?: RequirementStatus;
    /** May the signed-in user create role assignments at the scope? Undefined when not asked. */
    readonly canWrite?: boolean;
}

/** One row of the role guidance (or workspace prerequisites) table. */
export function buildRoleRow(
    section: RowSection,
    requirement: RoleRequirement,
    principal: GuidancePrincipal,
    evaluation: RowEvaluation,
    added = false,
): RoleRow {
    const status = toRowStatus(requirement, evaluation.status);
    const refused = neverGrantedRoleIds.includes(requirement.role.id.toLowerCase());
    const refusal = requirement.scope ? grantRefusal(requirement.role.id, requirement.scope) : undefined;
    const canAssign =
        status.state === 'missing' &&
        !!requirement.scope &&
        !!principal.principalId &&
        !refusal &&
        evaluation.canWrite === true;
    let cannotAssignReason: string | undefined;
    if (status.state === 'missing' && !canAssign) {
        if (refused) {
            cannotAssignReason = `This extension never grants ${requirement.role.name}.`;
        } else if (refusal) {
            cannotAssignReason = refusal;
        } else if (!principal.principalId) {
            cannotAssignReason = "The identity's principal id is not known.";
        } else if (evaluation.canWrite === false) {
            cannotAssignReason = `${whoCanAssign} Ask someone who has one of them to run the az command.`;
        }
    }
    return {
        id: rowId(section, requirement),
        section,
        roleId: requirement.role.id,
        roleName: requirement.role.name,
        purpose: purposeOf(requirement),
        scopeLabel: requirement.scopeLabel,
        scopeId: requirement.scope,
        optional: requirement.optional ?? false,
        added,
        status,
        canAssign,
        cannotAssignReason,
        azCommand:
            requirement.scope && principal.principalId
                ? azRoleAssignmentCommand(principal.principalId, requirement.role.name, requirement.scope)
                : undefined,
        principalName: principal.name,
    };
}

function toRowStatus(requirement: RoleRequirement, status: RequirementStatus | undefined): RowStatus {
    if (!status) {
        return { state: 'checking' };
    }
    if (status.state !== 'granted') {
        return status;
    }
    const atScope = armIdsEqual(status.scope, requirement.scope);
    return {
        state: 'granted',
        inherited: status.inherited,
        grantedAt: status.scope,
        grantedAtLabel: atScope ? requirement.scopeLabel : scopeLabel(status.scope),
        viaRole: status.roleName,
    };
}

/** A readable name for a scope: "subscription 1111...", "resource group rg-ml-dev", "crvisiondev". */
export function scopeLabel(scope: string): string {
    const parsed = parseArmId(scope);
    if (!parsed) {
        return scope === '/' ? 'the root scope' : scope;
    }
    if (parsed.segments.length > 0) {
        return resourceName(parsed) ?? scope;
    }
    if (parsed.resourceGroup) {
        return `resource group ${parsed.resourceGroup}`;
    }
    return `subscription ${parsed.subscriptionId}`;
}

function purposeOf(requirement: RoleRequirement): string {
    switch (requirement.role.id) {
        case builtInRoles.acrPull.id:
            return 'Pull the images jobs run in';
        case builtInRoles.storageBlobDataReader.id:
            return 'Read code and data from blob storage';
        case builtInRoles.storageBlobDataContributor.id:
            return 'Write outputs to blob storage (when jobs write)';
        // The prerequisites say which documentation lists them and what goes wrong without them (AML-Kubernetes #279).
        case builtInRoles.reader.id:
            return 'Attach prerequisite: without it the cluster cannot be read';
        case builtInRoles.azureRelayOwner.id:
            return "Attach prerequisite: without it Azure ML cannot use the cluster's Azure Relay";
        case builtInRoles.kubernetesExtensionContributor.id:
            return 'Newer documentation: without it, "extension not installed"';
        case builtInRoles.aksClusterAdmin.id:
            return 'Newer documentation: without it, an internal server error ("AKS role check failed")';
        case builtInRoles.contributor.id:
            return 'Newer documentation, for Trusted Access: without it Azure ML cannot reach the cluster';
        default:
            return requirement.source === 'newerDocumentation' ? 'Listed by newer documentation' : '';
    }
}
