/**
 * The emulator's own Azure RBAC evaluator (test/emulator/rbac), checked against cases taken from the Azure RBAC
 * documentation (rbacCases.ts: the expected answers are written by hand from it, not computed by either evaluator). The access and role-holding cases
 * run against the extension's evaluator (src/domain/permissions) too: the two are written apart, and a mistake in
 * either shows here as a failed case rather than as a preflight and an emulator that agree on a wrong answer.
 */

import * as assert from 'assert';
import { evaluateAccess, findCoveringAssignment, type RoleDefinitionLike } from '../../src/domain/permissions';
import {
    assignmentsInEffect,
    definitionFor,
    holdsOperationsOf,
    mayPerform,
    roleGrants,
} from '../emulator/rbac/evaluate';
import { operationMatches, patternCovers, patternsOverlap } from '../emulator/rbac/patterns';
import { isAtOrAbove, normalizeScope, scopeAndAncestors, scopeOfAssignmentId } from '../emulator/rbac/scopes';

import {
    accessCases,
    alice,
    bob,
    definitions,
    grant,
    holdsCases,
    otherSub,
    owner,
    reader,
    relayOwner,
    rg,
    rg2,
    sub,
    vm,
} from './rbacCases';

describe("the emulator's RBAC evaluator, against the Azure RBAC documentation", () => {
    describe('operation patterns', () => {
        it('* matches any run of characters, / included, and nothing else is a wildcard', () => {
            assert.ok(operationMatches('*', 'Microsoft.Authorization/roleAssignments/write'));
            assert.ok(operationMatches('*/read', 'Microsoft.MachineLearningServices/workspaces/computes/read'));
            assert.ok(
                operationMatches('Microsoft.Authorization/*/Write', 'microsoft.authorization/roleassignments/write'),
            );
            assert.ok(operationMatches('Microsoft.Compute/*', 'Microsoft.Compute/virtualMachines'));
            assert.ok(!operationMatches('Microsoft.Relay/namespaces', 'MicrosoftXRelay/namespaces'));
            assert.ok(!operationMatches('*/read', 'Microsoft.Compute/virtualMachines/read/action'));
            assert.ok(!operationMatches('Microsoft.Compute/*/read', 'Microsoft.Compute/read'));
            assert.ok(operationMatches(' Microsoft.Compute/*/read ', 'Microsoft.Compute/disks/read'), 'spaces around');
        });
        it('one pattern covers another when every operation of the second is in the first', () => {
            assert.ok(patternCovers('*', '*/read'));
            assert.ok(patternCovers('*/read', 'Microsoft.Compute/*/read'));
            assert.ok(patternCovers('Microsoft.Relay/*', 'Microsoft.Relay/namespaces/*'));
            assert.ok(!patternCovers('*/read', '*'));
            assert.ok(!patternCovers('Microsoft.Compute/*/read', '*/read'));
            assert.ok(!patternCovers('Microsoft.Relay/namespaces/*', 'Microsoft.Relay/*'));
        });
        it('two patterns overlap when some operation is in both', () => {
            assert.ok(patternsOverlap('Microsoft.Authorization/*/Write', '*/write'));
            assert.ok(patternsOverlap('Microsoft.Authorization/*', '*/roleAssignments/*'), 'neither covers the other');
            assert.ok(patternsOverlap('*', 'Microsoft.Relay/*'));
            assert.ok(!patternsOverlap('Microsoft.Authorization/*/Delete', '*/read'));
            assert.ok(!patternsOverlap('Microsoft.Authorization/*', 'Microsoft.Relay/*'));
            assert.ok(!patternsOverlap('a*b', 'c*'));
        });
    });

    describe('scopes', () => {
        it('a scope is at or above itself, its children and everything for the root; names that only start alike are not', () => {
            assert.ok(isAtOrAbove(sub, vm));
            assert.ok(isAtOrAbove(rg, rg));
            assert.ok(isAtOrAbove('/', vm));
            assert.ok(isAtOrAbove('', sub), 'empty is the root');
            assert.ok(isAtOrAbove(`${rg}/`, vm.toUpperCase()), 'trailing slash, any case');
            assert.ok(!isAtOrAbove(rg, rg2));
            assert.ok(!isAtOrAbove(vm, rg));
        });
        it('normalizes and walks up to the root', () => {
            assert.strictEqual(normalizeScope(''), '/');
            assert.strictEqual(normalizeScope('subscriptions/x//'), '/subscriptions/x');
            assert.deepStrictEqual(scopeAndAncestors('/Subscriptions/S/resourceGroups/RG'), [
                '/subscriptions/s/resourcegroups/rg',
                '/subscriptions/s/resourcegroups',
                '/subscriptions/s',
                '/subscriptions',
                '/',
            ]);
            assert.deepStrictEqual(scopeAndAncestors('/'), ['/']);
        });
        it('reads the scope of an assignment from its id', () => {
            assert.strictEqual(scopeOfAssignmentId(`${rg}/providers/Microsoft.Authorization/roleAssignments/a1`), rg);
            assert.strictEqual(scopeOfAssignmentId('/providers/Microsoft.Authorization/roleAssignments/a1'), '/');
            assert.strictEqual(scopeOfAssignmentId(vm), undefined);
        });
    });

    describe('role definitions and assignments in effect', () => {
        it('finds a definition by its GUID, whatever scope its id was read at', () => {
            assert.strictEqual(
                definitionFor(
                    definitions,
                    `${otherSub}/providers/Microsoft.Authorization/roleDefinitions/${reader.name.toUpperCase()}`,
                ),
                reader,
            );
            assert.strictEqual(definitionFor(definitions, reader.name), reader);
            assert.strictEqual(definitionFor(definitions, '99999999-9999-4999-8999-999999999999'), undefined);
            assert.strictEqual(definitionFor(definitions, undefined), undefined);
        });
        it('lists the assignments in effect at a scope, the closest first, saying which are inherited', () => {
            const atSub = grant(reader, sub);
            const atVm = grant(owner, vm);
            const result = assignmentsInEffect([atSub, grant(owner, rg2), atVm, grant(owner, vm, bob)], alice, vm);
            assert.deepStrictEqual(result, [
                { assignment: atVm, inherited: false },
                { assignment: atSub, inherited: true },
            ]);
        });
        it('a role grants on one plane only', () => {
            assert.ok(roleGrants(relayOwner, 'Microsoft.Relay/namespaces/read', 'data'));
            assert.ok(
                !roleGrants(owner, 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read', 'data'),
            );
            assert.ok(roleGrants(owner, 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'));
        });
    });

    describe('access decisions', () => {
        for (const c of accessCases) {
            it(`${c.allowed ? 'allows' : 'refuses'}: ${c.why}`, () => {
                const request = { assignments: c.assignments, definitions, principalId: alice, scope: c.scope };
                assert.strictEqual(mayPerform({ ...request, operation: c.operation, plane: c.plane }), c.allowed);
            });
        }
    });

    describe('holding the operations of a role (the attach prerequisites)', () => {
        for (const c of holdsCases) {
            it(`${c.holds ? 'holds' : 'does not hold'}: ${c.why}`, () => {
                const request = { assignments: c.assignments, definitions, principalId: alice, scope: c.scope };
                assert.strictEqual(holdsOperationsOf({ ...request, role: c.role }), c.holds);
            });
        }
    });
});

/** The extension's evaluator takes the same data: the role definitions are plain records either way. */
const extensionDefinitions: RoleDefinitionLike[] = definitions;

describe("the extension's RBAC evaluator, on the same documented cases", () => {
    for (const c of accessCases) {
        it(`${c.allowed ? 'allows' : 'refuses'}: ${c.why}`, () => {
            const result = evaluateAccess({
                assignments: c.assignments,
                definitions: extensionDefinitions,
                principalId: alice,
                scope: c.scope,
                action: c.operation,
                data: c.plane === 'data',
            });
            assert.strictEqual(result.allowed, c.allowed);
        });
    }
    // Only the cases one assignment decides: the extension asks for one role that covers the wanted one.
    for (const c of holdsCases.filter((h) => h.assignments.length === 1)) {
        it(`${c.holds ? 'covers' : 'does not cover'}: ${c.why}`, () => {
            const result = findCoveringAssignment({
                assignments: c.assignments,
                definitions: extensionDefinitions,
                principalId: alice,
                scope: c.scope,
                requiredRole: c.role,
            });
            assert.strictEqual(result.allowed, c.holds);
        });
    }
});
