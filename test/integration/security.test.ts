/**
 * Security through the real SDK clients against the emulator: grants outside the guidance are refused before any
 * request; hostile strings in every field the emulator returns come back through the extension's models unchanged
 * (they are data; the views set them as text); secrets the service returns (relay connection strings, protected
 * extension settings) stay out of the models; surprising but valid ids (odd case, another subscription) resolve.
 */
import * as assert from 'assert';
import { getCluster, getCompute, listClusters, listComputes, listWorkspaces } from '../../src/azure/inventory';
import { runPreflight, workspaceUserAssignedIdentity } from '../../src/azure/preflight';
import { ForbiddenRoleError, grantRole } from '../../src/azure/roleAssignments';
import type { SubscriptionContext } from '../../src/azure/subscriptionContext';
import { builtInRoles } from '../../src/domain/roles';
import { validateClusterResourceId } from '../../src/domain/validation';
import { defaultWorld, type RunningEmulator } from '../emulator';
import { allHostile, hostileStrings } from '../fixtures/hostileStrings';
import { hostileIds, hostileResources, hostileValues } from '../fixtures/hostileWorld';
import { ids, startTestEmulator, sub1, sub2, subscriptionContext, tenantId, uaiWsNlp } from './helpers';

const registry = defaultWorld.registries.vision.id;

describe('security against the emulator', function () {
    this.timeout(30_000);
    let em: RunningEmulator;
    let dev: SubscriptionContext;
    let prod: SubscriptionContext;

    before(async () => {
        em = await startTestEmulator();
        em.admin.setFaults({});
        dev = subscriptionContext(em, sub1, 'ML Platform Dev');
        prod = subscriptionContext(em, sub2, 'ML Platform Prod');
    });
    after(() => em?.stop());

    const roleAssignmentPuts = () =>
        em.admin.requests().filter((r) => r.method === 'PUT' && /roleAssignments/i.test(r.path));

    it('refuses grants outside the guidance before sending anything', async () => {
        em.admin.clearRequests();
        const attempts: [string, string, string][] = [
            ['Owner on the registry', builtInRoles.owner.id, registry],
            ['Contributor on the cluster', builtInRoles.contributor.id, ids.aksGpuDev],
            ['User Access Administrator on the cluster', builtInRoles.userAccessAdministrator.id, ids.aksGpuDev],
            ['AcrPull on the subscription', builtInRoles.acrPull.id, `/subscriptions/${sub1}`],
            ['AcrPull on a resource group', builtInRoles.acrPull.id, defaultWorld.workspaces.vision.resourceGroupId],
            ['Reader on the subscription', builtInRoles.reader.id, `/subscriptions/${sub1}`],
            [
                'Kubernetes Extension Contributor on the workspace',
                builtInRoles.kubernetesExtensionContributor.id,
                ids.wsVision,
            ],
            ['a role the guidance never names', '00482a5a-887f-4fb3-b363-3b7fe8e74483', registry],
        ];
        for (const [what, roleId, scope] of attempts) {
            await assert.rejects(grantRole(dev, scope, roleId, uaiWsNlp.principalId), ForbiddenRoleError, what);
        }
        assert.deepStrictEqual(roleAssignmentPuts(), [], 'no role assignment was sent');
        // The guidance's own grant goes through (the refusals are not a broken grant path).
        assert.strictEqual(await grantRole(dev, registry, builtInRoles.acrPull.id, uaiWsNlp.principalId), 'created');
        assert.strictEqual(roleAssignmentPuts().length, 1);
    });

    it('hostile strings in every field come back through the models unchanged', async () => {
        for (const resource of hostileResources((id) => em.admin.getResource(id))) {
            em.admin.upsertResource(resource);
        }
        const vision = (await listWorkspaces(dev)).find((w) => w.name === 'ws-vision')!;
        const computes = await listComputes(dev, vision);
        const compute = computes.find((c) => c.id.toLowerCase() === hostileIds.compute.toLowerCase());
        assert.ok(compute, computes.map((c) => c.name).join(', '));
        assert.strictEqual(compute.name, hostileValues.computeName);
        assert.strictEqual(compute.description, allHostile());
        assert.strictEqual(compute.namespace, hostileValues.namespace);
        assert.deepStrictEqual(
            compute.provisioningErrors.map((e) => e.message),
            [...hostileStrings.map((h) => h.value), hostileValues.lastError],
        );
        const clusters = await listClusters(dev);
        const arc = clusters.find((c) => c.id.toLowerCase() === hostileIds.arc.toLowerCase())!;
        assert.strictEqual(arc.distribution, hostileValues.distribution);
        assert.strictEqual(arc.connectivityStatus, hostileValues.connectivityStatus);
        const aks = clusters.find((c) => c.id.toLowerCase() === hostileIds.aks.toLowerCase())!;
        assert.strictEqual(aks.kubernetesVersion, hostileValues.kubernetesVersion);
    });

    it('keeps the relay connection string and protected settings out of the models', async () => {
        const nlp = (await listWorkspaces(dev)).find((w) => w.name === 'ws-nlp')!;
        const arcNlp = await getCompute(dev, nlp, 'arc-nlp');
        assert.ok(arcNlp);
        const [arc] = (await listClusters(prod)).filter((c) => c.kind === 'arc');
        const text = JSON.stringify([arcNlp, arc, await listComputes(dev, nlp)]);
        for (const secret of [
            'SharedAccessKey',
            'RU1VTEFURUQ',
            'EMULATED-SECRET',
            'relayConnectionString',
            'Endpoint=sb',
        ]) {
            assert.ok(!text.includes(secret), secret);
        }
        // The emulator does return it, as ARM may: the models leave it out, not the service.
        const raw = em.admin.getResource(
            `${ids.wsVision.replace('ws-vision', 'ws-nlp')}/computes/arc-nlp`,
        ) as unknown as {
            properties: { properties: { relayConnectionString?: string } };
        };
        assert.match(raw.properties.properties.relayConnectionString ?? '', /SharedAccessKey=/);
    });

    it('resolves surprising but valid cluster ids: odd case, another subscription', async () => {
        for (const id of [ids.aksGpuDev.toUpperCase(), ids.aksGpuDev.toLowerCase(), ids.arcOnprem]) {
            assert.strictEqual(validateClusterResourceId(id), undefined, id);
            const sub = id.includes(sub2) ? prod : dev;
            const cluster = await getCluster(sub, id);
            assert.ok(cluster, id);
            assert.strictEqual(cluster.id.toLowerCase(), id.toLowerCase());
        }
    });

    it('a workspace whose identity is both system- and user-assigned: the preflight checks its user-assigned one', async () => {
        const raw = JSON.parse(JSON.stringify(em.admin.getResource(ids.wsVision))) as Record<string, unknown>;
        em.admin.upsertResource({
            ...raw,
            identity: {
                type: 'SystemAssigned,UserAssigned',
                principalId: 'aaaaaaaa-0001-4000-8000-00000000aa01',
                tenantId,
                userAssignedIdentities: {
                    [ids.uaiWsNlp]: { principalId: uaiWsNlp.principalId, clientId: uaiWsNlp.clientId },
                },
            },
        });
        const vision = (await listWorkspaces(dev)).find((w) => w.name === 'ws-vision')!;
        assert.strictEqual(vision.identity.type, 'SystemAssigned,UserAssigned');
        const identity = await workspaceUserAssignedIdentity(dev, vision);
        assert.strictEqual(identity?.principalId, uaiWsNlp.principalId);
        const checks = await runPreflight({
            workspaceSubscription: dev,
            workspace: vision,
            clusterSubscription: dev,
            cluster: (await getCluster(dev, ids.aksGpuDev))!,
            computeName: 'both-ids',
        });
        assert.ok(
            checks.some((c) => c.kind === 'role' && c.requirement.role.id === builtInRoles.reader.id),
            JSON.stringify(checks.map((c) => c.kind)),
        );
    });
});
