import * as assert from 'assert';
import {
    actionMatches,
    applicableAssignments,
    assignmentScope,
    evaluateAccess,
    findCoveringAssignment,
    findRoleDefinition,
    roleAllowsAction,
    roleCoversRole,
    type RoleAssignmentLike,
    type RoleDefinitionLike,
} from '../../src/domain/permissions';
import { builtInRoles } from '../emulator/builtinRoles';
import { defaultWorld } from '../emulator/defaultWorld';

const role = (roleName: string): RoleDefinitionLike => {
    const found = builtInRoles.find((r) => r.roleName === roleName);
    assert.ok(found, roleName);
    return { ...found, id: `/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/${found.name}` };
};
const owner = role('Owner');
const contributor = role('Contributor');
const reader = role('Reader');
const relayOwner = role('Azure Relay Owner');
const blobReader = role('Storage Blob Data Reader');
const blobContributor = role('Storage Blob Data Contributor');
const uaa = role('User Access Administrator');
const rbacAdmin = role('Role Based Access Control Administrator');
const acrPull = role('AcrPull');

const sub = defaultWorld.subscriptions.dev.scope;
const rg = defaultWorld.clusters.aksGpuDev.resourceGroupId;
const cluster = defaultWorld.clusters.aksGpuDev.id;
const principal = defaultWorld.identities.wsNlp.principalId;

function assignment(name: string, scope: string, def: RoleDefinitionLike, principalId = principal): RoleAssignmentLike {
    return {
        id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
        name,
        scope,
        roleDefinitionId: `${sub}/providers/Microsoft.Authorization/roleDefinitions/${def.name}`,
        principalId,
        principalType: 'ServicePrincipal',
    };
}

const definitions = [owner, contributor, reader, relayOwner, blobReader, blobContributor, uaa, rbacAdmin, acrPull];

describe('actionMatches', () => {
    it('is case-insensitive', () =>
        assert.ok(actionMatches('microsoft.compute/*/READ', 'Microsoft.Compute/virtualMachines/read')));
    it('expands * across segments', () =>
        assert.ok(actionMatches('*/read', 'Microsoft.MachineLearningServices/workspaces/computes/read')));
    it('matches everything with *', () =>
        assert.ok(actionMatches('*', 'Microsoft.Authorization/roleAssignments/write')));
    it('does not match a different action', () =>
        assert.ok(!actionMatches('*/read', 'Microsoft.MachineLearningServices/workspaces/computes/write')));
    it('escapes regex characters', () =>
        assert.ok(!actionMatches('Microsoft.Relay/namespaces', 'MicrosoftXRelay/namespaces')));
    it('treats * in the action literally', () =>
        assert.ok(!actionMatches('Microsoft.Relay/namespaces/read', 'Microsoft.Relay/*')));
});

describe('roleAllowsAction', () => {
    it('Owner allows role assignment writes', () =>
        assert.ok(roleAllowsAction(owner, 'Microsoft.Authorization/roleAssignments/write')));
    it('Contributor is denied role assignment writes by notActions', () =>
        assert.ok(!roleAllowsAction(contributor, 'Microsoft.Authorization/roleAssignments/write')));
    it('Contributor may write computes', () =>
        assert.ok(roleAllowsAction(contributor, 'Microsoft.MachineLearningServices/workspaces/computes/write')));
    it('Reader only reads', () => {
        assert.ok(roleAllowsAction(reader, 'Microsoft.ContainerService/managedClusters/read'));
        assert.ok(!roleAllowsAction(reader, 'Microsoft.ContainerService/managedClusters/runcommand/action'));
    });
    it('data actions are separate from actions', () => {
        const blobRead = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read';
        assert.ok(!roleAllowsAction(blobReader, blobRead));
        assert.ok(roleAllowsAction(blobReader, blobRead, { data: true }));
        assert.ok(!roleAllowsAction(owner, blobRead, { data: true }));
    });
    it('notDataActions subtract from dataActions', () => {
        const def: RoleDefinitionLike = {
            permissions: [{ dataActions: ['Microsoft.Storage/*'], notDataActions: ['Microsoft.Storage/*/delete'] }],
        };
        assert.ok(
            roleAllowsAction(def, 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read', {
                data: true,
            }),
        );
        assert.ok(
            !roleAllowsAction(def, 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete', {
                data: true,
            }),
        );
    });
    it('a role without permissions allows nothing', () =>
        assert.ok(!roleAllowsAction({ roleName: 'empty' }, 'x/read')));
});

describe('roleCoversRole', () => {
    const cases: [RoleDefinitionLike, RoleDefinitionLike, boolean][] = [
        [owner, reader, true],
        [contributor, reader, true],
        [reader, reader, true],
        [contributor, contributor, true],
        [owner, contributor, true],
        [contributor, owner, false],
        [reader, relayOwner, false],
        [owner, blobReader, false],
        [contributor, blobReader, false],
        [blobContributor, blobReader, true],
        [blobReader, blobContributor, false],
        [contributor, uaa, false],
        [owner, uaa, true],
        [uaa, rbacAdmin, true],
        [rbacAdmin, uaa, false],
        [reader, acrPull, true], // registries/pull/read is a read action
        [contributor, acrPull, true],
    ];
    for (const [held, required, expected] of cases) {
        it(`${held.roleName} ${expected ? 'covers' : 'does not cover'} ${required.roleName}`, () =>
            assert.strictEqual(roleCoversRole(held, required), expected));
    }
    it('a held notAction that overlaps a required wildcard breaks coverage', () => {
        const held: RoleDefinitionLike = {
            name: 'a',
            permissions: [{ actions: ['Microsoft.Relay/*'], notActions: ['Microsoft.Relay/namespaces/delete'] }],
        };
        const required: RoleDefinitionLike = { name: 'b', permissions: [{ actions: ['Microsoft.Relay/*'] }] };
        assert.ok(!roleCoversRole(held, required));
    });
    it('a required wildcard is literal against narrower held actions', () => {
        const held: RoleDefinitionLike = { name: 'a', permissions: [{ actions: ['Microsoft.Relay/namespaces/read'] }] };
        const required: RoleDefinitionLike = { name: 'b', permissions: [{ actions: ['Microsoft.Relay/*'] }] };
        assert.ok(!roleCoversRole(held, required));
    });
});

describe('evaluateAccess / findCoveringAssignment', () => {
    const assignments = [
        assignment('a1', cluster, reader),
        assignment('a2', sub, contributor, 'other-principal'),
        assignment('a3', rg, blobReader),
    ];
    it('grants by an assignment on the scope itself', () => {
        const r = evaluateAccess({
            assignments,
            definitions,
            principalId: principal,
            scope: cluster,
            action: 'Microsoft.ContainerService/managedClusters/read',
        });
        assert.ok(r.allowed);
        assert.strictEqual(r.assignment?.name, 'a1');
        assert.strictEqual(r.inherited, false);
    });
    it('grants by an inherited assignment and says so', () => {
        const r = evaluateAccess({
            assignments,
            definitions,
            principalId: 'OTHER-PRINCIPAL',
            scope: cluster,
            action: 'Microsoft.ContainerService/managedClusters/write',
        });
        assert.ok(r.allowed);
        assert.strictEqual(r.assignment?.name, 'a2');
        assert.strictEqual(r.inherited, true);
    });
    it('does not apply assignments below the scope', () => {
        const r = evaluateAccess({
            assignments,
            definitions,
            principalId: principal,
            scope: rg,
            action: 'Microsoft.ContainerService/managedClusters/read',
        });
        assert.ok(!r.allowed);
    });
    it('evaluates data actions when asked', () => {
        const storage = `${rg}/providers/Microsoft.Storage/storageAccounts/st1`;
        const action = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read';
        assert.ok(
            evaluateAccess({ assignments, definitions, principalId: principal, scope: storage, action, data: true })
                .allowed,
        );
        assert.ok(
            !evaluateAccess({ assignments, definitions, principalId: principal, scope: storage, action }).allowed,
        );
    });
    it('finds a covering role: Contributor at the subscription covers Reader on the cluster', () => {
        const r = findCoveringAssignment({
            assignments,
            definitions,
            principalId: 'other-principal',
            scope: cluster,
            requiredRole: reader,
        });
        assert.ok(r.allowed);
        assert.strictEqual(r.definition?.roleName, 'Contributor');
        assert.strictEqual(r.inherited, true);
    });
    it('Reader does not satisfy Azure Relay Owner', () => {
        const r = findCoveringAssignment({
            assignments,
            definitions,
            principalId: principal,
            scope: cluster,
            requiredRole: relayOwner,
        });
        assert.ok(!r.allowed);
    });
    it('prefers the closest scope', () => {
        const list = [assignment('far', sub, owner), assignment('near', cluster, owner)];
        const r = findCoveringAssignment({
            assignments: list,
            definitions,
            principalId: principal,
            scope: cluster,
            requiredRole: reader,
        });
        assert.strictEqual(r.assignment?.name, 'near');
    });
    it('root-scope assignments apply everywhere', () => {
        const list = [{ ...assignment('root', '/', reader), scope: '/' }];
        assert.ok(
            evaluateAccess({
                assignments: list,
                definitions,
                principalId: principal,
                scope: cluster,
                action: 'x/y/read',
            }).allowed,
        );
    });
    it('ignores assignments whose role definition is unknown', () => {
        const list = [
            {
                ...assignment('x', sub, owner),
                roleDefinitionId:
                    '/providers/Microsoft.Authorization/roleDefinitions/00000000-0000-0000-0000-000000000000',
            },
        ];
        assert.ok(
            !evaluateAccess({
                assignments: list,
                definitions,
                principalId: principal,
                scope: cluster,
                action: 'x/read',
            }).allowed,
        );
    });
});

describe('rbac helpers', () => {
    it('assignmentScope falls back to the id', () => {
        assert.strictEqual(assignmentScope({ id: `${rg}/providers/Microsoft.Authorization/roleAssignments/x` }), rg);
    });
    it('findRoleDefinition matches by GUID regardless of the id prefix', () => {
        assert.strictEqual(
            findRoleDefinition(
                definitions,
                `/providers/Microsoft.Authorization/roleDefinitions/${reader.name?.toUpperCase()}`,
            )?.roleName,
            'Reader',
        );
    });
    it('applicableAssignments sorts closest first', () => {
        const list = applicableAssignments(
            [assignment('s', sub, reader), assignment('c', cluster, reader), assignment('r', rg, reader)],
            principal,
            cluster,
        );
        assert.deepStrictEqual(
            list.map((a) => a.assignment.name),
            ['c', 'r', 's'],
        );
    });
});
