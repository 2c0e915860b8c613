/**
 * The attach path's Azure side through the real SDK clients: one PUT, never over an existing compute, safe after a
 * lost response; the preflight's checks; granting a missing role.
 */
import * as assert from 'assert';
import {
    attachCompute,
    ComputeNameTakenError,
    detachCompute,
    updateComputeIdentity,
} from '../../src/azure/computeOperations';
import { getCompute, listWorkspaces, getCluster } from '../../src/azure/inventory';
import type { WorkspaceInfo } from '../../src/azure/models';
import { runPreflight, type PreflightCheck } from '../../src/azure/preflight';
import { canWriteRoleAssignments, grantRole, ForbiddenRoleError } from '../../src/azure/roleAssignments';
import type { SubscriptionContext } from '../../src/azure/subscriptionContext';
import { attachRequestBody, type AttachPlan } from '../../src/domain/attachPlan';
import { builtInRoles } from '../../src/domain/roles';
import type { RunningEmulator } from '../emulator/server';
import { ids, startTestEmulator, sub1, sub2, subscriptionContext, uaiWsNlp } from './helpers';

describe('attach through the extension against the emulator', function () {
    this.timeout(30_000);
    let em: RunningEmulator;
    let dev: SubscriptionContext;
    let prod: SubscriptionContext;
    let vision: WorkspaceInfo;
    let nlp: WorkspaceInfo;

    const context = (subscriptionId: string, name: string) => subscriptionContext(em, subscriptionId, name);
    const plan = (workspace: WorkspaceInfo, computeName: string, clusterId = ids.aksGpuDev): AttachPlan => ({
        workspace,
        cluster: { id: clusterId, kind: clusterId.includes('managedClusters') ? 'aks' : 'arc' },
        computeName,
        namespace: 'default',
        identity: { type: 'SystemAssigned' },
    });
    const puts = (name: string) =>
        em.admin.requests().filter((r) => r.method === 'PUT' && r.path.endsWith(`/computes/${name}`));

    before(async () => {
        em = await startTestEmulator();
        dev = context(sub1, 'ML Platform Dev');
        prod = context(sub2, 'ML Platform Prod');
        const workspaces = await listWorkspaces(dev);
        vision = workspaces.find((w) => w.name === 'ws-vision')!;
        nlp = workspaces.find((w) => w.name === 'ws-nlp')!;
    });
    after(() => em?.stop());

    it('sends one PUT with the documented body and returns the compute as Creating', async () => {
        const compute = await attachCompute(dev, vision, 'gpu-two', attachRequestBody(plan(vision, 'gpu-two')));
        assert.strictEqual(compute.provisioningState, 'Creating');
        const sent = puts('gpu-two');
        assert.strictEqual(sent.length, 1);
        assert.deepStrictEqual((sent[0].requestBody as { properties: unknown }).properties, {
            computeType: 'Kubernetes',
            computeLocation: 'eastus',
            resourceId: ids.aksGpuDev,
            properties: { namespace: 'default' },
        });
    });

    it('refuses a name that is taken, without sending a PUT', async () => {
        await assert.rejects(
            attachCompute(dev, vision, 'k8s-gpu', attachRequestBody(plan(vision, 'k8s-gpu'))),
            ComputeNameTakenError,
        );
        assert.strictEqual(puts('k8s-gpu').length, 0);
    });

    it('after a lost response, finds the compute it created instead of sending the PUT again', async () => {
        em.admin.setFaults({
            rules: [{ name: 'lost', method: 'PUT', path: '/computes/lost-one$', dropResponse: true, count: 1 }],
        });
        const compute = await attachCompute(
            dev,
            vision,
            'lost-one',
            attachRequestBody(plan(vision, 'lost-one')),
            async () => undefined,
        );
        assert.strictEqual(compute.name, 'lost-one');
        assert.strictEqual(puts('lost-one').length, 1, 'exactly one PUT reached the service');
    });

    it('after a dropped connection that did not arrive, sends the PUT again once', async () => {
        em.admin.setFaults({
            rules: [{ name: 'drop', method: 'PUT', path: '/computes/dropped-one$', drop: true, count: 1 }],
        });
        const compute = await attachCompute(
            dev,
            vision,
            'dropped-one',
            attachRequestBody(plan(vision, 'dropped-one')),
            async () => undefined,
        );
        assert.strictEqual(compute.name, 'dropped-one');
        assert.deepStrictEqual(
            puts('dropped-one').map((r) => r.status),
            [0, 201],
        );
    });

    it('detaches with underlyingResourceAction=Detach and the compute goes away', async () => {
        for (
            let i = 0;
            i < 20 && (await getCompute(dev, vision, 'dropped-one'))?.provisioningState !== 'Succeeded';
            i++
        ) {
            await new Promise((r) => setTimeout(r, 100));
        }
        await detachCompute(dev, vision, 'dropped-one');
        const del = em.admin.requests().find((r) => r.method === 'DELETE' && r.path.endsWith('/computes/dropped-one'));
        assert.match(JSON.stringify(del?.query), /underlyingResourceAction.{0,5}Detach/);
        for (let i = 0; i < 20 && (await getCompute(dev, vision, 'dropped-one')); i++) {
            await new Promise((r) => setTimeout(r, 200));
        }
        assert.strictEqual(await getCompute(dev, vision, 'dropped-one'), undefined);
    });

    const byKind = (checks: PreflightCheck[]) =>
        checks.map((c) => (c.kind === 'role' ? `${c.requirement.role.name}:${c.state}` : `${c.kind}:${c.state}`));

    it('preflight for a user-assigned workspace identity: missing extension and Reader on a bare AKS cluster', async () => {
        const cluster = (await getCluster(dev, ids.aksCpuNoExt))!;
        const checks = await runPreflight({
            workspaceSubscription: dev,
            workspace: nlp,
            clusterSubscription: dev,
            cluster,
            computeName: 'new-one',
        });
        assert.deepStrictEqual(byKind(checks), [
            'extension:failed',
            'Reader:failed',
            'Kubernetes Extension Contributor:failed',
            'Azure Kubernetes Service Cluster Admin Role:failed',
            'name:passed',
        ]);
        const reader = checks.find((c) => c.kind === 'role' && c.requirement.role.name === 'Reader');
        assert.ok(reader?.kind === 'role' && reader.canGrant && reader.principalId === uaiWsNlp.principalId);
    });

    it('preflight for an Arc cluster in another subscription finds Reader and Azure Relay Owner, through the relay from the extension', async () => {
        const cluster = (await getCluster(prod, ids.arcOnprem))!;
        const checks = await runPreflight({
            workspaceSubscription: dev,
            workspace: nlp,
            clusterSubscription: prod,
            cluster,
            computeName: 'arc-nlp',
        });
        assert.deepStrictEqual(byKind(checks), [
            'extension:passed',
            'Reader:passed',
            'Azure Relay Owner:passed',
            'Kubernetes Extension Contributor:failed',
            'name:failed',
        ]);
        const extensionContributor = checks.find(
            (c) => c.kind === 'role' && c.requirement.role.name === 'Kubernetes Extension Contributor',
        );
        assert.ok(
            extensionContributor?.kind === 'role' && !extensionContributor.canGrant,
            'Contributor in Prod may not grant roles',
        );
    });

    it('a system-assigned workspace has no identity role checks', async () => {
        const cluster = (await getCluster(dev, ids.aksGpuDev))!;
        const checks = await runPreflight({
            workspaceSubscription: dev,
            workspace: vision,
            clusterSubscription: dev,
            cluster,
            computeName: 'fresh',
        });
        assert.deepStrictEqual(byKind(checks), ['extension:passed', 'name:passed']);
    });

    it('grants a missing role where the user may, and the preflight then sees it', async () => {
        assert.strictEqual(await canWriteRoleAssignments(dev, ids.aksCpuNoExt), true);
        assert.strictEqual(await canWriteRoleAssignments(prod, ids.arcOnprem), false);
        assert.strictEqual(
            await grantRole(dev, ids.aksCpuNoExt, builtInRoles.reader.id, uaiWsNlp.principalId),
            'created',
        );
        assert.strictEqual(
            await grantRole(dev, ids.aksCpuNoExt, builtInRoles.reader.id, uaiWsNlp.principalId),
            'alreadyExisted',
        );
        const cluster = (await getCluster(dev, ids.aksCpuNoExt))!;
        const checks = await runPreflight({
            workspaceSubscription: dev,
            workspace: nlp,
            clusterSubscription: dev,
            cluster,
            computeName: 'x-one',
        });
        assert.ok(byKind(checks).includes('Reader:passed'));
    });

    it('never grants Owner, Contributor or User Access Administrator', async () => {
        for (const role of [builtInRoles.owner, builtInRoles.contributor, builtInRoles.userAccessAdministrator]) {
            await assert.rejects(grantRole(dev, ids.aksCpuNoExt, role.id, uaiWsNlp.principalId), ForbiddenRoleError);
        }
        const created = em.admin.requests().filter((r) => r.method === 'PUT' && /roleAssignments/.test(r.path));
        assert.strictEqual(created.length, 2, 'only the two Reader attempts were sent');
    });
});

describe('edit a compute identity against the emulator', function () {
    this.timeout(30_000);
    let em: RunningEmulator;
    let dev: SubscriptionContext;
    let vision: WorkspaceInfo;

    before(async () => {
        em = await startTestEmulator();
        dev = subscriptionContext(em, sub1, 'ML Platform Dev');
        vision = (await listWorkspaces(dev)).find((w) => w.name === 'ws-vision')!;
    });
    after(() => em?.stop());

    it('GETs the compute and PUTs it back whole with only the identity changed (system → user-assigned → none)', async () => {
        const before = (await getCompute(dev, vision, 'k8s-gpu'))!;
        assert.strictEqual(before.identity.type, 'SystemAssigned');
        const uai = `/subscriptions/${sub1}/resourceGroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-training`;
        const afterUser = await updateComputeIdentity(dev, vision, 'k8s-gpu', {
            type: 'UserAssigned',
            userAssignedIdentities: { [uai]: {} },
        });
        assert.strictEqual(afterUser.identity.type, 'UserAssigned');
        assert.strictEqual(afterUser.identity.userAssigned[0]?.id.toLowerCase(), uai.toLowerCase());
        assert.strictEqual(afterUser.namespace, 'vision', 'the rest of the compute is kept');
        assert.strictEqual(afterUser.clusterId, before.clusterId);
        const put = em.admin.requests().filter((r) => r.method === 'PUT' && r.path.endsWith('/computes/k8s-gpu'));
        assert.strictEqual(put.length, 1);
        const body = put[0].requestBody as {
            properties: { computeType: string; resourceId: string; properties: { namespace: string } };
        };
        assert.strictEqual(body.properties.computeType, 'Kubernetes');
        assert.strictEqual(body.properties.properties.namespace, 'vision');
        assert.ok(!em.admin.requests().some((r) => r.method === 'PATCH'), 'no PATCH');
        for (let i = 0; i < 30 && (await getCompute(dev, vision, 'k8s-gpu'))?.provisioningState !== 'Succeeded'; i++) {
            await new Promise((r) => setTimeout(r, 100));
        }
        const afterNone = await updateComputeIdentity(dev, vision, 'k8s-gpu', { type: 'None' });
        assert.strictEqual(afterNone.identity.type, 'None');
    });
});
