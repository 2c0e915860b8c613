/**
 * The attach path's Azure side through the real SDK clients: one PUT, never over an existing compute, safe after a
 * lost response or a dropped connection (it GETs before it sends the PUT again); identity edits and detaches under the
 * same faults; the preflight's checks; granting a missing role.
 */
import * as assert from 'assert';
import { attachCompute, ComputeNameTakenError, detachCompute } from '../../src/azure/computeOperations';
import { updateComputeIdentity } from '../../src/azure/identityUpdate';
import { getCompute, listWorkspaces, getCluster } from '../../src/azure/inventory';
import type { WorkspaceInfo } from '../../src/domain/models';
import { runPreflight, type PreflightCheck } from '../../src/azure/preflight';
import { assignableRoles, preflightPlan, preselected } from '../../src/commands/attachCluster/preflightPlan';
import { canWriteRoleAssignments, grantRole, ForbiddenRoleError } from '../../src/azure/roleAssignments';
import type { SubscriptionContext } from '../../src/azure/subscriptionContext';
import { attachRequestBody, type AttachPlan } from '../../src/domain/attachPlan';
import { builtInRoles } from '../../src/domain/roles';
import type { RunningEmulator } from '../emulator/server';
import { followToEnd, productFollowLoop } from './followLoop';
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
    /** The requests on one compute, in order: `METHOD status [fault]`. */
    const onCompute = (name: string) =>
        em.admin
            .requests()
            .filter((r) => r.path.endsWith(`/computes/${name}`))
            .map((r) => `${r.method} ${r.status}${r.fault ? ` ${r.fault}` : ''}`);

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

    it('after a lost response (handled, then the connection dropped), GETs, finds the compute it created and sends no second PUT', async () => {
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
        assert.deepStrictEqual(onCompute('lost-one'), ['GET 404', 'PUT 201 lost', 'GET 200']);
        const settled = await settle(dev, vision, 'lost-one');
        assert.strictEqual(settled?.provisioningState, 'Succeeded');
        assert.strictEqual(settled?.namespace, 'default');
        assert.strictEqual(settled?.clusterId?.toLowerCase(), ids.aksGpuDev.toLowerCase());
        assert.strictEqual(settled?.identity.type, 'SystemAssigned');
        assert.strictEqual(puts('lost-one').length, 1, 'exactly one PUT reached the service');
    });

    it('after a dropped connection that did not arrive, GETs (not found), then sends the PUT again once', async () => {
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
        assert.deepStrictEqual(onCompute('dropped-one'), ['GET 404', 'PUT 0 drop', 'GET 404', 'PUT 201']);
        assert.strictEqual((await settle(dev, vision, 'dropped-one'))?.provisioningState, 'Succeeded');
    });

    it('after a dropped connection, never PUTs over a compute someone else made meanwhile', async () => {
        em.admin.setFaults({
            rules: [
                { name: 'drop', method: 'PUT', path: '/computes/raced-one$', drop: true, latencyMs: 400, count: 1 },
            ],
        });
        const attaching = attachCompute(
            dev,
            vision,
            'raced-one',
            attachRequestBody(plan(vision, 'raced-one')),
            async () => undefined,
        );
        // While the PUT is on its way (and about to be lost), another client attaches a different cluster.
        await new Promise((r) => setTimeout(r, 150));
        const theirs = await attachCompute(
            dev,
            vision,
            'raced-one',
            attachRequestBody({ ...plan(vision, 'raced-one', ids.arcOnprem), namespace: 'theirs' }),
        );
        await assert.rejects(attaching, ComputeNameTakenError);
        assert.deepStrictEqual(
            puts('raced-one').map((r) => `${r.status}${r.fault ? ` ${r.fault}` : ''}`),
            ['201', '0 drop'],
            'their PUT, then ours lost before it arrived; none sent again',
        );
        const after = await getCompute(dev, vision, 'raced-one');
        assert.strictEqual(after?.namespace, 'theirs');
        assert.strictEqual(after?.clusterId?.toLowerCase(), theirs.clusterId?.toLowerCase());
    });

    it('when the last attempt is the one that arrives, GETs before giving up and returns the compute', async () => {
        em.admin.setFaults({
            rules: [
                { name: 'drop', method: 'PUT', path: '/computes/last-try$', drop: true, count: 3 },
                { name: 'lost', method: 'PUT', path: '/computes/last-try$', dropResponse: true, count: 1 },
            ],
        });
        const compute = await attachCompute(
            dev,
            vision,
            'last-try',
            attachRequestBody(plan(vision, 'last-try')),
            async () => undefined,
        );
        assert.strictEqual(compute.name, 'last-try');
        assert.deepStrictEqual(onCompute('last-try'), [
            'GET 404',
            'PUT 0 drop',
            'GET 404',
            'PUT 0 drop',
            'GET 404',
            'PUT 0 drop',
            'GET 404',
            'PUT 201 lost',
            'GET 200',
        ]);
    });

    it('a PUT that was accepted counts even when the first read of its operation status fails', async () => {
        em.admin.setFaults({
            rules: [{ name: 'poll', method: 'GET', path: '/computeOperationsStatus/', status: 503, count: 1 }],
        });
        const compute = await attachCompute(dev, vision, 'poll-fails', attachRequestBody(plan(vision, 'poll-fails')));
        assert.strictEqual(compute.provisioningState, 'Creating');
        assert.deepStrictEqual(onCompute('poll-fails'), ['GET 404', 'PUT 201'], 'no GET needed, no second PUT');
        assert.strictEqual(em.admin.getFaults().rules[0].applied, 1);
    });

    it('detaches with underlyingResourceAction=Detach and the compute goes away', async () => {
        em.admin.setFaults({});
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
        // What the preflight offers for it: the extension's fix first; the roles, all but the cluster admin checked.
        assert.deepStrictEqual(preflightPlan(checks).slice(0, 2), [
            { kind: 'heading', heading: 'blockers' },
            { kind: 'action', action: 'fixExtension' },
        ]);
        assert.deepStrictEqual(
            assignableRoles(checks).map((c) => `${c.requirement.role.name}:${preselected(c)}`),
            [
                'Reader:true',
                'Kubernetes Extension Contributor:true',
                'Azure Kubernetes Service Cluster Admin Role:false',
            ],
        );
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
        // The name is taken: choosing another comes first; the missing role is for an administrator, not assigned here.
        const actions = preflightPlan(checks).flatMap((e) => (e.kind === 'action' ? [e.action] : []));
        assert.deepStrictEqual(actions, ['rename', 'copyCommands', 'recheck', 'cancel']);
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
        const uai = ids.uaiTraining;
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
        await settle(dev, vision, 'k8s-gpu');
        const afterNone = await updateComputeIdentity(dev, vision, 'k8s-gpu', { type: 'None' });
        assert.strictEqual(afterNone.identity.type, 'None');
        await settle(dev, vision, 'k8s-gpu');
    });

    const onK8sGpu = () =>
        em.admin
            .requests()
            .filter((r) => r.path.endsWith('/computes/k8s-gpu'))
            .map((r) => `${r.method} ${r.status}${r.fault ? ` ${r.fault}` : ''}`);
    const userAssigned = (id: string) => ({ type: 'UserAssigned' as const, userAssignedIdentities: { [id]: {} } });

    it('a refused identity PUT is sent again from a fresh read, also from one user-assigned identity to another', async () => {
        await updateComputeIdentity(dev, vision, 'k8s-gpu', userAssigned(ids.uaiTraining));
        await settle(dev, vision, 'k8s-gpu');
        em.admin.clearRequests();
        em.admin.setFaults({
            rules: [{ name: 'busy', method: 'PUT', path: '/computes/k8s-gpu$', status: 503, count: 1 }],
        });
        const updated = await updateComputeIdentity(
            dev,
            vision,
            'k8s-gpu',
            userAssigned(ids.uaiWsNlp),
            undefined,
            async () => undefined,
        );
        assert.deepStrictEqual(
            updated.identity.userAssigned.map((u) => u.id.toLowerCase()),
            [ids.uaiWsNlp.toLowerCase()],
            'the new user-assigned identity, not the old one of the same type',
        );
        assert.deepStrictEqual(onK8sGpu(), ['GET 200', 'PUT 503 busy', 'GET 200', 'PUT 200']);
        assert.strictEqual((await settle(dev, vision, 'k8s-gpu'))?.namespace, 'vision');
    });

    it('after a lost response to the identity PUT, GETs, sees the change made and sends no second PUT', async () => {
        em.admin.clearRequests();
        em.admin.setFaults({
            rules: [{ name: 'lost', method: 'PUT', path: '/computes/k8s-gpu$', dropResponse: true, count: 1 }],
        });
        const updated = await updateComputeIdentity(dev, vision, 'k8s-gpu', { type: 'SystemAssigned' });
        assert.strictEqual(updated.identity.type, 'SystemAssigned');
        assert.deepStrictEqual(onK8sGpu(), ['GET 200', 'PUT 200 lost', 'GET 200']);
        await settle(dev, vision, 'k8s-gpu');
    });

    it('a throttled first read of the operation status after an accepted identity PUT is not an error', async () => {
        em.admin.clearRequests();
        em.admin.setFaults({
            rules: [
                {
                    name: 'throttled',
                    method: 'GET',
                    path: '/computeOperationsStatus/',
                    status: 429,
                    retryAfterSeconds: 1,
                    count: 1,
                },
            ],
        });
        const updated = await updateComputeIdentity(dev, vision, 'k8s-gpu', { type: 'None' });
        assert.strictEqual(updated.identity.type, 'None');
        assert.deepStrictEqual(onK8sGpu(), ['GET 200', 'PUT 200']);
        assert.strictEqual(em.admin.getFaults().rules[0].applied, 1);
        await settle(dev, vision, 'k8s-gpu');
    });

    it('a detach whose DELETE was accepted is not reported as failed when reading its status fails', async () => {
        em.admin.setFaults({
            rules: [{ name: 'busy', method: 'GET', path: '/computeOperationsStatus/', status: 503, count: 4 }],
        });
        await detachCompute(dev, vision, 'k8s-gpu');
        assert.strictEqual(em.admin.getFaults().rules[0].applied, 4, 'the status read failed, SDK retries included');
        em.admin.setFaults({});
        const end = await followToEnd(loop, 'detach', dev, vision, 'k8s-gpu');
        assert.strictEqual(end.kind === 'ended' && end.end.kind, 'succeeded');
    });
});

/** The product's follow loop, reading ten times a second (it holds no timer once an operation has ended). */
const loop = productFollowLoop(100);

/** Follows a compute until it settles, with the extension's own loop. */
async function settle(sub: SubscriptionContext, workspace: WorkspaceInfo, name: string) {
    const result = await followToEnd(loop, 'attach', sub, workspace, name);
    assert.strictEqual(result.kind, 'ended');
    return result.kind === 'ended' && result.end.kind !== 'gone' ? result.end.compute : undefined;
}
