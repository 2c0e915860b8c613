import * as assert from 'assert';
import { defaultWorld, type RunningEmulator } from '../emulator';
import { armToken, clients, collect, raw, startTestEmulator } from './helpers';

const vision = defaultWorld.workspaces.vision;
const mlWorkload = 'Microsoft.MachineLearningServices/workspaces/mlworkload';

describe('AKS Trusted Access through @azure/arm-containerservice', () => {
    let em: RunningEmulator;
    before(async () => {
        em = await startTestEmulator();
        em.admin.setFaults({});
    });
    after(async () => em.stop());
    afterEach(() => em.admin.reset());

    it('managedClusters.get reads the identity fields the documented limits depend on', async () => {
        const aks = clients(em).aks;
        const gpu = await aks.managedClusters.get('rg-aks-dev', 'aks-gpu-dev');
        assert.strictEqual(gpu.identity?.type, 'SystemAssigned');
        assert.strictEqual(gpu.servicePrincipalProfile?.clientId, 'msi');
        assert.match(gpu.identityProfile?.kubeletidentity?.objectId ?? '', /^[0-9a-f-]{36}$/);
        assert.match(
            gpu.identityProfile?.kubeletidentity?.resourceId ?? '',
            /userAssignedIdentities\/aks-gpu-dev-agentpool$/,
        );
        assert.strictEqual(gpu.disableLocalAccounts, false);
        assert.strictEqual(gpu.enableRbac, true);

        const legacy = await aks.managedClusters.get('rg-aks-dev', 'aks-sp-legacy');
        assert.strictEqual(legacy.identity, undefined);
        assert.strictEqual(legacy.identityProfile, undefined);
        assert.match(legacy.servicePrincipalProfile?.clientId ?? '', /^[0-9a-f-]{36}$/);

        const off = await aks.managedClusters.get('rg-aks-dev', 'aks-local-off');
        assert.strictEqual(off.disableLocalAccounts, true);
        assert.deepStrictEqual(
            [off.aadProfile?.managed, off.aadProfile?.enableAzureRbac, off.aadProfile?.tenantID],
            [true, true, defaultWorld.tenant.tenantId],
        );
    });

    it('trustedAccessRoles.list offers the Azure ML workspace roles with their rules', async () => {
        const roles = await collect(clients(em).aks.trustedAccessRoles.list('eastus'));
        const ml = roles.filter((r) => r.sourceResourceType === 'Microsoft.MachineLearningServices/workspaces');
        assert.deepStrictEqual(ml.map((r) => r.name).sort(), ['inference-v1', 'mlworkload']);
        const rule = ml[0].rules?.[0];
        assert.ok(rule?.verbs?.length && rule.apiGroups && rule.resources?.length, JSON.stringify(rule));
    });

    it('creates, gets, lists and deletes a role binding; the create is long-running (201 + Azure-AsyncOperation)', async () => {
        const aks = clients(em).aks;
        em.admin.clearRequests();
        const created = await aks.trustedAccessRoleBindings.createOrUpdate('rg-aks-dev', 'aks-local-off', 'ws-vision', {
            sourceResourceId: vision.id,
            roles: [mlWorkload],
        });
        assert.strictEqual(created.provisioningState, 'Succeeded');
        assert.strictEqual(created.sourceResourceId, vision.id);
        const put = em.admin.requests().find((r) => r.method === 'PUT');
        assert.strictEqual(put?.status, 201);
        assert.ok(
            em.admin.requests().some((r) => /\/locations\/eastus\/operations\//.test(r.path)),
            'polled the operation status',
        );

        const got = await aks.trustedAccessRoleBindings.get('rg-aks-dev', 'aks-local-off', 'ws-vision');
        assert.deepStrictEqual([got.name, got.roles], ['ws-vision', [mlWorkload]]);
        const listed = await collect(aks.trustedAccessRoleBindings.list('rg-aks-dev', 'aks-local-off'));
        assert.deepStrictEqual(
            listed.map((b) => b.name),
            ['ws-vision'],
        );

        await aks.trustedAccessRoleBindings.delete('rg-aks-dev', 'aks-local-off', 'ws-vision');
        assert.deepStrictEqual(await collect(aks.trustedAccessRoleBindings.list('rg-aks-dev', 'aks-local-off')), []);
        await assert.rejects(
            aks.trustedAccessRoleBindings.get('rg-aks-dev', 'aks-local-off', 'ws-vision'),
            (e: { statusCode?: number }) => e.statusCode === 404,
        );
    });

    it('a reset ends the binding operations in progress: their status URLs are gone with the world they ran in', async () => {
        em.admin.setOptions({ provisioningDelayMs: 60_000 });
        const token = await armToken(em);
        const binding = `${defaultWorld.clusters.aksLocalOff.id}/trustedAccessRoleBindings/ws-vision?api-version=2025-10-01`;
        const put = await raw(em, 'PUT', binding, {
            token,
            body: { properties: { sourceResourceId: vision.id, roles: [mlWorkload] } },
        });
        assert.strictEqual(put.status, 201, put.text);
        const status = new URL(String(put.headers['azure-asyncoperation']));
        const before = await raw(em, 'GET', status.pathname + status.search, { token });
        assert.deepStrictEqual([before.status, before.body?.status], [200, 'InProgress']);
        em.admin.reset();
        const after = await raw(em, 'GET', status.pathname + status.search, { token: await armToken(em) });
        assert.strictEqual(after.status, 404, after.text);
    });

    it('refuses a role that does not exist, a source of the wrong type, and a source that does not exist', async () => {
        const aks = clients(em).aks;
        const attempt = (sourceResourceId: string, role: string) =>
            aks.trustedAccessRoleBindings.createOrUpdate('rg-aks-dev', 'aks-local-off', 'bad', {
                sourceResourceId,
                roles: [role],
            });
        const refused = (pattern: RegExp) => (e: { statusCode?: number; code?: string; message?: string }) =>
            e.statusCode === 400 && e.code === 'InvalidParameter' && pattern.test(e.message ?? '');
        await assert.rejects(
            attempt(vision.id, 'Microsoft.MachineLearningServices/workspaces/admin'),
            refused(/role '.*\/admin' does not exist/),
        );
        await assert.rejects(
            attempt(defaultWorld.storageAccounts.vision.id, mlWorkload),
            refused(/can only be bound to a resource of type 'Microsoft\.MachineLearningServices\/workspaces'/),
        );
        await assert.rejects(
            attempt(
                `${vision.resourceGroupId}/providers/Microsoft.MachineLearningServices/workspaces/ws-gone`,
                mlWorkload,
            ),
            refused(/was not found/),
        );
        assert.deepStrictEqual(await collect(aks.trustedAccessRoleBindings.list('rg-aks-dev', 'aks-local-off')), []);
    });

    it('authorizes with the caller’s roles: who may only see Finance Sandbox may not read its bindings', async () => {
        const finance = clients(em, defaultWorld.subscriptions.finance.id).aks;
        await assert.rejects(
            finance.trustedAccessRoleBindings.get('rg-finance', 'aks-finance', 'any'),
            (e: { statusCode?: number; code?: string; message?: string }) =>
                e.statusCode === 403 &&
                e.code === 'AuthorizationFailed' &&
                /managedClusters\/trustedAccessRoleBindings\/read/.test(e.message ?? ''),
        );
    });
});
