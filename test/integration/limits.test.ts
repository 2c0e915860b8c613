/**
 * The documented limits through the product's own code and the real SDK clients: the clusters as the inventory reads
 * them, the preflight's checks, and the Trusted Access binding the preflight creates.
 */
import * as assert from 'assert';
import { getCluster, listWorkspaces } from '../../src/azure/inventory';
import { runPreflight, type PreflightCheck } from '../../src/azure/preflight';
import type { SubscriptionContext } from '../../src/azure/subscriptionContext';
import {
    createMlWorkloadBinding,
    listTrustedAccessBindings,
    mayCreateTrustedAccessBinding,
} from '../../src/azure/trustedAccess';
import { mlWorkloadRole } from '../../src/domain/clusterLimits';
import type { WorkspaceInfo } from '../../src/domain/models';
import type { RunningEmulator } from '../emulator/server';
import { ids, startTestEmulator, sub1, sub4, subscriptionContext } from './helpers';

const clusterId = (name: string) =>
    `/subscriptions/${sub1}/resourceGroups/rg-aks-dev/providers/Microsoft.ContainerService/managedClusters/${name}`;

describe('documented limits through the extension against the emulator', function () {
    this.timeout(30_000);
    let em: RunningEmulator;
    let dev: SubscriptionContext;
    let research: SubscriptionContext;
    let vision: WorkspaceInfo;

    const checksFor = async (cluster: string, clusterSub = dev): Promise<PreflightCheck[]> =>
        runPreflight({
            workspaceSubscription: dev,
            workspace: vision,
            clusterSubscription: clusterSub,
            cluster: (await getCluster(clusterSub, cluster))!,
            computeName: 'limits-1',
        });
    const kinds = (checks: PreflightCheck[]) =>
        checks.map((c) =>
            c.kind === 'limit'
                ? `limit:${c.limit.kind}`
                : c.kind === 'trustedAccess'
                  ? `trustedAccess:${c.state}:${c.canCreate}`
                  : `${c.kind}:${c.state}`,
        );

    before(async () => {
        em = await startTestEmulator();
        dev = subscriptionContext(em, sub1, 'ML Platform Dev');
        research = subscriptionContext(em, sub4, 'Research Shared');
        vision = (await listWorkspaces(dev)).find((w) => w.name === 'ws-vision')!;
    });

    after(() => em?.stop());

    it('reads how each AKS cluster signs in and whether its local accounts are disabled', async () => {
        const [gpu, legacy, localOff] = await Promise.all(
            ['aks-gpu-dev', 'aks-sp-legacy', 'aks-local-off'].map((n) => getCluster(dev, clusterId(n))),
        );
        assert.deepStrictEqual(
            [gpu, legacy, localOff].map((c) => [c?.name, c?.aksIdentity, c?.localAccountsDisabled]),
            [
                ['aks-gpu-dev', 'managedIdentity', false],
                ['aks-sp-legacy', 'servicePrincipal', false],
                ['aks-local-off', 'managedIdentity', true],
            ],
        );
        const ws = (await listWorkspaces(dev)).find((w) => w.name === 'ws-private');
        assert.strictEqual(ws?.privateEndpoint, true);
        assert.strictEqual(vision.privateEndpoint, false);
    });

    it('stops an AKS cluster of another subscription and one with a service principal before anything is written', async () => {
        const before = em.admin.requests().length;
        assert.deepStrictEqual(kinds(await checksFor(ids.aksResearch, research)), [
            'limit:aksOtherSubscription',
            'extension:passed',
            'name:passed',
        ]);
        assert.deepStrictEqual(kinds(await checksFor(clusterId('aks-sp-legacy'))), [
            'limit:aksServicePrincipal',
            'extension:passed',
            'name:passed',
        ]);
        const writes = em.admin
            .requests()
            .slice(before)
            .filter((r) => r.method !== 'GET' && r.method !== 'POST');
        assert.deepStrictEqual(writes, []);
    });

    it('finds the missing Trusted Access binding, creates it, and then the check passes', async () => {
        const localOff = clusterId('aks-local-off');
        assert.deepStrictEqual(kinds(await checksFor(localOff)), [
            'trustedAccess:failed:true',
            'extension:passed',
            'name:passed',
        ]);
        assert.ok(await mayCreateTrustedAccessBinding(dev, localOff));
        const binding = await createMlWorkloadBinding(dev, localOff, vision);
        assert.strictEqual(binding.name, 'aml-ws-vision');
        assert.deepStrictEqual(binding.roles, [mlWorkloadRole]);
        const listed = await listTrustedAccessBindings(dev, localOff);
        assert.ok(
            listed.some((b) => b.name === 'aml-ws-vision' && b.createdOn instanceof Date),
            JSON.stringify(listed),
        );
        const again = await checksFor(localOff);
        assert.deepStrictEqual(kinds(again), ['trustedAccess:passed:false', 'extension:passed', 'name:passed']);
        // Creating it again finds the one there: no second binding for the same workspace.
        const same = await createMlWorkloadBinding(dev, localOff, vision);
        assert.strictEqual(same.name, 'aml-ws-vision');
        assert.strictEqual((await listTrustedAccessBindings(dev, localOff)).length, listed.length);
    });
});
