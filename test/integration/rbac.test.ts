import * as assert from 'assert';
import type { RunningEmulator } from '../emulator/server';
import { defaultWorld } from '../emulator';
import {
    clients,
    collect,
    ids,
    roles,
    spObjectId,
    startTestEmulator,
    sub1,
    sub2,
    uaiTraining,
    uaiWsNlp,
} from './helpers';

describe('role definitions, role assignments and permissions', () => {
    let em: RunningEmulator;
    before(async () => {
        em = await startTestEmulator();
        em.admin.setFaults({});
    });
    after(async () => em.stop());

    it('lists built-in role definitions with a roleName filter and gets one by id', async () => {
        const auth = clients(em).authorization;
        const readers = await collect(
            auth.roleDefinitions.list(`subscriptions/${sub1}`, { filter: "roleName eq 'Reader'" }),
        );
        assert.strictEqual(readers.length, 1);
        assert.strictEqual(readers[0].name, roles.reader);
        assert.strictEqual(
            readers[0].id,
            `/subscriptions/${sub1}/providers/Microsoft.Authorization/roleDefinitions/${roles.reader}`,
        );
        assert.strictEqual(readers[0].roleType, 'BuiltInRole');
        assert.deepStrictEqual(readers[0].permissions?.[0].actions, ['*/read']);
        const all = await collect(auth.roleDefinitions.list(`subscriptions/${sub1}`));
        for (const name of [
            'Owner',
            'Contributor',
            'Reader',
            'User Access Administrator',
            'Role Based Access Control Administrator',
            'Azure Relay Owner',
            'AcrPull',
            'Storage Blob Data Reader',
            'Storage Blob Data Contributor',
            'Kubernetes Extension Contributor',
            'Azure Kubernetes Service Cluster Admin Role',
        ]) {
            assert.ok(
                all.some((d) => d.roleName === name),
                name,
            );
        }
        const custom = await collect(
            auth.roleDefinitions.list(`subscriptions/${sub1}`, { filter: "type eq 'CustomRole'" }),
        );
        assert.deepStrictEqual(custom, [], 'the Finance Sandbox custom role is not assignable in sub 1');
        const relay = await auth.roleDefinitions.get(ids.relayNamespace.slice(1), roles.relayOwner);
        assert.strictEqual(relay.roleName, 'Azure Relay Owner');
        const byId = await auth.roleDefinitions.getById(
            `/subscriptions/${sub1}/providers/Microsoft.Authorization/roleDefinitions/${roles.acrPull}`,
        );
        assert.strictEqual(byId.roleName, 'AcrPull');
    });

    it('listForScope with principalId returns assignments at, above and below the scope', async () => {
        const auth = clients(em).authorization;
        const atCluster = await collect(
            auth.roleAssignments.listForScope(ids.aksGpuDev.slice(1), {
                filter: `principalId eq '${uaiWsNlp.principalId}'`,
            }),
        );
        assert.deepStrictEqual(
            atCluster.map((a) => a.scope),
            [ids.aksGpuDev],
        );
        assert.strictEqual(
            atCluster[0].roleDefinitionId,
            `/subscriptions/${sub1}/providers/Microsoft.Authorization/roleDefinitions/${roles.reader}`,
        );
        assert.strictEqual(atCluster[0].principalType, 'ServicePrincipal');
        const atSub = await collect(
            auth.roleAssignments.listForScope(`subscriptions/${sub1}`, {
                filter: `principalId eq '${uaiWsNlp.principalId}'`,
            }),
        );
        assert.deepStrictEqual(
            atSub.map((a) => a.scope),
            [ids.aksGpuDev],
            'below the scope is included',
        );
        const spAtCluster = await collect(
            auth.roleAssignments.listForScope(ids.aksGpuDev.slice(1), { filter: `assignedTo('${spObjectId}')` }),
        );
        assert.deepStrictEqual(
            spAtCluster.map((a) => a.scope),
            [`/subscriptions/${sub1}`],
            'above the scope is included',
        );
        const atScopeOnly = await collect(
            auth.roleAssignments.listForScope(`subscriptions/${sub1}`, { filter: 'atScope()' }),
        );
        assert.ok(atScopeOnly.every((a) => a.scope === `/subscriptions/${sub1}`));
        const forSub = await collect(auth.roleAssignments.listForSubscription());
        assert.ok(forSub.length >= 4);
    });

    it('creates an assignment (201), answers 409 RoleAssignmentExists for an identical one, and deletes', async () => {
        const auth = clients(em).authorization;
        const scope = defaultWorld.registries.nlp.id.slice(1);
        const params = {
            roleDefinitionId: `/subscriptions/${sub1}/providers/Microsoft.Authorization/roleDefinitions/${roles.acrPull}`,
            principalId: uaiTraining.principalId,
            principalType: 'ServicePrincipal' as const,
        };
        const created = await auth.roleAssignments.create(scope, 'b0b0b0b0-0000-4000-8000-000000000001', params);
        assert.strictEqual(created.scope, `/${scope}`);
        assert.strictEqual(created.principalId, params.principalId);
        await assert.rejects(
            auth.roleAssignments.create(scope, 'b0b0b0b0-0000-4000-8000-000000000002', params),
            (e: { statusCode?: number; code?: string }) => {
                assert.strictEqual(e.statusCode, 409);
                assert.strictEqual(e.code, 'RoleAssignmentExists');
                return true;
            },
        );
        const got = await auth.roleAssignments.get(scope, 'b0b0b0b0-0000-4000-8000-000000000001');
        assert.strictEqual(got.roleDefinitionId, params.roleDefinitionId);
        await auth.roleAssignments.delete(scope, 'b0b0b0b0-0000-4000-8000-000000000001');
        await assert.rejects(
            auth.roleAssignments.get(scope, 'b0b0b0b0-0000-4000-8000-000000000001'),
            (e: { statusCode?: number }) => e.statusCode === 404,
        );
    });

    it('rejects a bad role definition id (400) and an unknown principal without principalType (400 PrincipalNotFound)', async () => {
        const auth = clients(em).authorization;
        const scope = defaultWorld.workspaces.vision.resourceGroupId.slice(1);
        await assert.rejects(
            auth.roleAssignments.create(scope, 'c0c0c0c0-0000-4000-8000-000000000001', {
                roleDefinitionId: `/subscriptions/${sub1}/providers/Microsoft.Authorization/roleDefinitions/00000000-0000-4000-8000-000000000000`,
                principalId: uaiWsNlp.principalId,
            }),
            (e: { statusCode?: number; code?: string }) =>
                e.statusCode === 400 && e.code === 'RoleDefinitionDoesNotExist',
        );
        await assert.rejects(
            auth.roleAssignments.create(scope, 'c0c0c0c0-0000-4000-8000-000000000002', {
                roleDefinitionId: `/subscriptions/${sub1}/providers/Microsoft.Authorization/roleDefinitions/${roles.reader}`,
                principalId: '99999999-9999-4999-8999-999999999999',
            }),
            (e: { statusCode?: number; code?: string }) => e.statusCode === 400 && e.code === 'PrincipalNotFound',
        );
    });

    it('Contributor (sub 2) may not write role assignments: 403 AuthorizationFailed', async () => {
        const auth = clients(em, sub2).authorization;
        await assert.rejects(
            auth.roleAssignments.create(ids.relayNamespace.slice(1), 'd0d0d0d0-0000-4000-8000-000000000001', {
                roleDefinitionId: `/subscriptions/${sub2}/providers/Microsoft.Authorization/roleDefinitions/${roles.relayOwner}`,
                principalId: defaultWorld.identities.prodTraining.principalId,
                principalType: 'ServicePrincipal',
            }),
            (e: { statusCode?: number; code?: string; message?: string }) => {
                assert.strictEqual(e.statusCode, 403);
                assert.strictEqual(e.code, 'AuthorizationFailed');
                assert.match(
                    e.message ?? '',
                    /does not have authorization to perform action 'Microsoft.Authorization\/roleAssignments\/write' over scope/,
                );
                return true;
            },
        );
    });

    it('permissions.listForResourceGroup / listForResource tell whether the caller may write role assignments', async () => {
        const p1 = await collect(clients(em).authorization.permissions.listForResourceGroup('rg-ml-dev'));
        assert.deepStrictEqual(
            p1.map((p) => p.actions),
            [['*']],
        );
        const p2 = await collect(
            clients(em, sub2).authorization.permissions.listForResource(
                'rg-arc-prod',
                'Microsoft.Kubernetes',
                '',
                'connectedClusters',
                'arc-onprem-01',
            ),
        );
        assert.strictEqual(p2.length, 1);
        assert.ok(p2[0].notActions?.includes('Microsoft.Authorization/*/Write'));
    });
});
