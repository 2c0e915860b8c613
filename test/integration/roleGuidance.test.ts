/** The compute panel's Azure reads through the real SDK clients: row checks, a user-assigned principal, an Arc relay, resources to add. */
import * as assert from 'assert';
import { userAssignedPrincipalId } from '../../src/azure/inventory';
import { checkRequirement } from '../../src/azure/roleAssignments';
import { clusterRefFor, listAddableResources } from '../../src/azure/roleGuidance';
import { trainingRowRequirements } from '../../src/domain/roleGuidance';
import { defaultWorld, type RunningEmulator } from '../emulator';
import { ids, startTestEmulator, sub1, sub2, sub4, subscriptionContext, uaiTraining } from './helpers';

const registry = defaultWorld.registries.vision.id;
const storage = defaultWorld.storageAccounts.vision.id;
const k8sGpuPrincipal = defaultWorld.computes.k8sGpu.principalId ?? '';

describe('compute panel role guidance against the emulator', function () {
    this.timeout(30_000);
    let em: RunningEmulator;
    const context = (subscriptionId: string, name: string) => subscriptionContext(em, subscriptionId, name);

    before(async () => {
        em = await startTestEmulator();
        em.admin.setFaults({});
    });
    after(() => em?.stop());

    it("checks k8s-gpu's training roles: AcrPull granted, Storage Blob Data Reader missing and assignable", async () => {
        const dev = context(sub1, 'ML Platform Dev');
        const [acr, reader] = trainingRowRequirements({ containerRegistry: registry, storageAccount: storage }).map(
            (r) => r.requirement,
        );
        const acrResult = await checkRequirement(dev, acr, k8sGpuPrincipal);
        assert.strictEqual(acrResult.status.state, 'granted', JSON.stringify(acrResult));
        const readerResult = await checkRequirement(dev, reader, k8sGpuPrincipal);
        assert.deepStrictEqual(readerResult, { status: { state: 'missing' }, canWrite: true });
    });

    it("reads a user-assigned identity's principal id and an Arc cluster's relay", async () => {
        const dev = context(sub1, 'ML Platform Dev');
        assert.strictEqual(await userAssignedPrincipalId(dev, ids.uaiTraining), uaiTraining.principalId);
        assert.deepStrictEqual(await clusterRefFor(dev, ids.arcOnprem), {
            id: ids.arcOnprem,
            kind: 'arc',
            relayId: ids.relayNamespace,
            trustedAccess: false,
        });
        const localOff = defaultWorld.clusters.aksLocalOff.id;
        assert.deepStrictEqual(
            await clusterRefFor(dev, localOff),
            { id: localOff, kind: 'aks', relayId: undefined, trustedAccess: true },
            'an AKS cluster with local accounts disabled is reached through Trusted Access',
        );
    });

    it('lists the registries and storage accounts of the subscriptions through Resource Graph', async () => {
        const resources = await listAddableResources([
            context(sub1, 'ML Platform Dev'),
            context(sub2, 'ML Platform Prod'),
            context(sub4, 'Research Shared'),
        ]);
        assert.ok(resources.length > 0);
        assert.ok(
            resources.some((r) => r.kind === 'registry' && r.name === 'crvisiondev'),
            JSON.stringify(resources),
        );
        assert.ok(
            resources.some((r) => r.kind === 'storage' && r.name === 'stvisiondev'),
            JSON.stringify(resources),
        );
        assert.ok(resources.every((r) => r.subscriptionId && r.resourceGroup));
    });
});
