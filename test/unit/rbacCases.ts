/**
 * Cases of Azure RBAC decisions taken from its documentation ("Understand Azure role definitions", "Understand scope",
 * "Azure custom roles"), with the answers written by hand: what the emulator's evaluator (emulatorRbac.test.ts) and the
 * extension's are both checked against.
 */

import { builtInRole } from '../emulator/builtinRoles';
import type { Assignment, Plane, RoleDefinition } from '../emulator/rbac/evaluate';

export const owner = builtInRole('Owner');
const contributor = builtInRole('Contributor');
export const reader = builtInRole('Reader');
const userAccessAdmin = builtInRole('User Access Administrator');
export const relayOwner = builtInRole('Azure Relay Owner');
const blobReader = builtInRole('Storage Blob Data Reader');

function custom(
    name: string,
    actions: string[],
    notActions: string[] = [],
    dataActions: string[] = [],
): RoleDefinition {
    return { name, permissions: [{ actions, notActions, dataActions, notDataActions: [] }] };
}

/** "Azure custom roles", the documentation's example custom role. */
const vmOperator = custom('88888888-8888-4888-8888-888888888801', [
    'Microsoft.Storage/*/read',
    'Microsoft.Network/*/read',
    'Microsoft.Compute/*/read',
    'Microsoft.Compute/virtualMachines/start/action',
    'Microsoft.Compute/virtualMachines/restart/action',
    'Microsoft.Authorization/*/read',
    'Microsoft.ResourceHealth/availabilityStatuses/read',
    'Microsoft.Resources/subscriptions/resourceGroups/read',
    'Microsoft.Insights/alertRules/*',
    'Microsoft.Support/*',
]);
/** Everything on compute but deleting it ("NotActions" with a wildcard in the middle). */
const computeNoDelete = custom(
    '88888888-8888-4888-8888-888888888802',
    ['Microsoft.Compute/*'],
    ['Microsoft.Compute/*/delete'],
);
/** Only sees that the subscription exists (the emulator's Finance Sandbox role). */
const subscriptionViewer = custom('88888888-8888-4888-8888-888888888803', ['Microsoft.Resources/subscriptions/read']);

export const definitions: RoleDefinition[] = [
    owner,
    contributor,
    reader,
    userAccessAdmin,
    relayOwner,
    blobReader,
    vmOperator,
    computeNoDelete,
    subscriptionViewer,
];

export const sub = '/subscriptions/0a0a0a0a-0000-4000-8000-00000000000a';
export const otherSub = '/subscriptions/0b0b0b0b-0000-4000-8000-00000000000b';
export const rg = `${sub}/resourceGroups/rg-app`;
export const rg2 = `${sub}/resourceGroups/rg-app2`;
export const vm = `${rg}/providers/Microsoft.Compute/virtualMachines/vm1`;
export const storage = `${rg}/providers/Microsoft.Storage/storageAccounts/stapp`;
export const relay = `${rg}/providers/Microsoft.Relay/namespaces/relay1`;
export const alice = '0c0c0c0c-0000-4000-8000-0000000a11ce';
export const bob = '0d0d0d0d-0000-4000-8000-000000000b0b';

/** An assignment at `scope`, naming the role by its full id (as ARM stores it) or, with `bare`, by its GUID. */
export function grant(role: RoleDefinition, scope: string, principalId = alice, bare = false): Assignment {
    return {
        principalId,
        scope,
        roleDefinitionId: bare ? role.name : `${sub}/providers/Microsoft.Authorization/roleDefinitions/${role.name}`,
    };
}

export interface AccessCase {
    why: string;
    assignments: Assignment[];
    scope: string;
    operation: string;
    plane?: Plane;
    allowed: boolean;
}

const allows = (
    why: string,
    assignments: Assignment[],
    scope: string,
    operation: string,
    plane?: Plane,
): AccessCase => ({
    why,
    assignments,
    scope,
    operation,
    plane,
    allowed: true,
});
const refuses = (
    why: string,
    assignments: Assignment[],
    scope: string,
    operation: string,
    plane?: Plane,
): AccessCase => ({
    ...allows(why, assignments, scope, operation, plane),
    allowed: false,
});

export const accessCases: AccessCase[] = [
    // Wildcards and case.
    allows('Owner (*) writes anything', [grant(owner, sub)], vm, 'Microsoft.Compute/virtualMachines/write'),
    allows('Reader (*/read) reads any type', [grant(reader, sub)], storage, 'Microsoft.Storage/storageAccounts/read'),
    refuses('Reader does not write', [grant(reader, sub)], vm, 'Microsoft.Compute/virtualMachines/write'),
    refuses(
        'Reader does not list keys (an action, not a read)',
        [grant(reader, sub)],
        storage,
        'Microsoft.Storage/storageAccounts/listKeys/action',
    ),
    allows('operation strings ignore case', [grant(reader, sub)], vm, 'MICROSOFT.COMPUTE/VIRTUALMACHINES/READ'),
    allows(
        'a wildcard spans several segments',
        [grant(computeNoDelete, sub)],
        vm,
        'Microsoft.Compute/virtualMachines/extensions/write',
    ),
    refuses(
        'a provider wildcard stays in its provider',
        [grant(computeNoDelete, sub)],
        vm,
        'Microsoft.Network/virtualNetworks/write',
    ),
    refuses(
        'a provider name that only starts the same is another provider',
        [grant(computeNoDelete, sub)],
        vm,
        'Microsoft.ComputeSchedule/actions/write',
    ),
    // NotActions.
    refuses(
        'Contributor: */Write of Microsoft.Authorization is left out',
        [grant(contributor, sub)],
        rg,
        'Microsoft.Authorization/roleAssignments/write',
    ),
    allows(
        'Contributor still reads role assignments',
        [grant(contributor, sub)],
        rg,
        'Microsoft.Authorization/roleAssignments/read',
    ),
    allows('Contributor manages resources', [grant(contributor, sub)], vm, 'Microsoft.Compute/virtualMachines/write'),
    refuses(
        'a NotActions wildcard in the middle',
        [grant(computeNoDelete, sub)],
        vm,
        'Microsoft.Compute/virtualMachines/delete',
    ),
    allows(
        'NotActions take out only what they name',
        [grant(computeNoDelete, sub)],
        vm,
        'Microsoft.Compute/virtualMachines/deallocate/action',
    ),
    allows(
        'NotActions is not a deny: another role grants it back',
        [grant(contributor, sub), grant(userAccessAdmin, rg)],
        rg,
        'Microsoft.Authorization/roleAssignments/write',
    ),
    // Data actions.
    refuses(
        'Owner has no data actions: no blob data',
        [grant(owner, sub)],
        storage,
        'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read',
        'data',
    ),
    allows(
        'Storage Blob Data Reader reads blob data',
        [grant(blobReader, storage)],
        storage,
        'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read',
        'data',
    ),
    refuses(
        'data actions do not grant a control-plane request',
        [grant(blobReader, storage)],
        storage,
        'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read',
    ),
    allows(
        'Storage Blob Data Reader lists containers on the control plane',
        [grant(blobReader, storage)],
        storage,
        'Microsoft.Storage/storageAccounts/blobServices/containers/read',
    ),
    allows(
        'Azure Relay Owner: Microsoft.Relay on both planes',
        [grant(relayOwner, relay)],
        relay,
        'Microsoft.Relay/namespaces/hybridConnections/write',
    ),
    // Scope and inheritance.
    allows(
        'inherited from the subscription by a child resource',
        [grant(reader, sub)],
        `${vm}/extensions/ext1`,
        'Microsoft.Compute/virtualMachines/extensions/read',
    ),
    allows('inherited from the root by everything', [grant(reader, '/')], vm, 'Microsoft.Compute/virtualMachines/read'),
    refuses(
        'not inherited upwards: resource group to subscription',
        [grant(reader, rg)],
        sub,
        'Microsoft.Resources/subscriptions/read',
    ),
    refuses(
        'not across to a sibling resource group',
        [grant(reader, rg)],
        `${rg2}/providers/Microsoft.Compute/virtualMachines/vm2`,
        'Microsoft.Compute/virtualMachines/read',
    ),
    refuses(
        'not to another subscription',
        [grant(owner, sub)],
        `${otherSub}/resourceGroups/rg-app`,
        'Microsoft.Resources/subscriptions/resourceGroups/read',
    ),
    allows('scope ids ignore case', [grant(reader, rg.toUpperCase())], vm, 'Microsoft.Compute/virtualMachines/read'),
    refuses(
        "another principal's assignment does not count",
        [grant(owner, sub, bob)],
        vm,
        'Microsoft.Compute/virtualMachines/read',
    ),
    refuses('no assignment, no access', [], vm, 'Microsoft.Compute/virtualMachines/read'),
    // Custom roles.
    allows('custom role: starts a VM', [grant(vmOperator, rg)], vm, 'Microsoft.Compute/virtualMachines/start/action'),
    allows(
        'custom role: reads storage (Microsoft.Storage/*/read)',
        [grant(vmOperator, rg)],
        storage,
        'Microsoft.Storage/storageAccounts/read',
    ),
    refuses(
        'custom role: does not deallocate',
        [grant(vmOperator, rg)],
        vm,
        'Microsoft.Compute/virtualMachines/deallocate/action',
    ),
    allows(
        'custom role by bare GUID',
        [grant(vmOperator, rg, alice, true)],
        vm,
        'Microsoft.Compute/virtualMachines/restart/action',
    ),
    refuses(
        'custom role: the subscription only, not what is in it',
        [grant(subscriptionViewer, sub)],
        rg,
        'Microsoft.Resources/subscriptions/resourceGroups/read',
    ),
    allows(
        'custom role: the subscription itself',
        [grant(subscriptionViewer, sub)],
        sub,
        'Microsoft.Resources/subscriptions/read',
    ),
];

export interface HoldsCase {
    why: string;
    assignments: Assignment[];
    scope: string;
    role: RoleDefinition;
    holds: boolean;
}

const holds = (why: string, assignments: Assignment[], scope: string, role: RoleDefinition): HoldsCase => ({
    why,
    assignments,
    scope,
    role,
    holds: true,
});
const lacks = (why: string, assignments: Assignment[], scope: string, role: RoleDefinition): HoldsCase => ({
    ...holds(why, assignments, scope, role),
    holds: false,
});
const relayControl = custom('relay-control', ['Microsoft.Relay/*']);

export const holdsCases: HoldsCase[] = [
    holds('Owner holds Reader', [grant(owner, sub)], vm, reader),
    holds('Contributor holds Reader', [grant(contributor, rg)], vm, reader),
    holds('User Access Administrator holds Reader (*/read)', [grant(userAccessAdmin, sub)], vm, reader),
    holds('Reader holds Reader', [grant(reader, vm)], vm, reader),
    lacks('Reader below the scope does not hold it there', [grant(reader, vm)], rg, reader),
    lacks('reading one type is not Reader', [grant(subscriptionViewer, sub)], sub, reader),
    lacks('Reader does not hold Contributor', [grant(reader, sub)], vm, contributor),
    holds('Owner holds Contributor (what Contributor leaves out is not needed)', [grant(owner, sub)], vm, contributor),
    holds('Contributor holds Contributor', [grant(contributor, sub)], vm, contributor),
    lacks(
        'Contributor does not hold User Access Administrator (Microsoft.Authorization/*/Write)',
        [grant(contributor, sub)],
        vm,
        userAccessAdmin,
    ),
    holds('Contributor holds control-plane Relay access', [grant(contributor, rg)], relay, relayControl),
    lacks('Reader does not hold control-plane Relay access', [grant(reader, rg)], relay, relayControl),
    lacks(
        'a NotActions wildcard takes part of a wanted pattern away',
        [grant(computeNoDelete, sub)],
        vm,
        custom('compute-all', ['Microsoft.Compute/*']),
    ),
    holds(
        'unless the wanted role leaves that part out too',
        [grant(computeNoDelete, sub)],
        vm,
        custom('compute-no-delete', ['Microsoft.Compute/*'], ['Microsoft.Compute/*/delete']),
    ),
    holds(
        'permissions add up: Reader and Azure Relay Owner between them',
        [grant(reader, sub), grant(relayOwner, relay)],
        relay,
        custom('read-and-relay', ['*/read', 'Microsoft.Relay/*']),
    ),
];
