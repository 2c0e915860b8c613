import * as assert from 'assert';
import {
    validateClusterResourceId,
    validateComputeName,
    validateNamespace,
    validateUserAssignedIdentityId,
} from '../../src/domain/validation';
import { defaultWorld } from '../emulator/defaultWorld';

const sub = defaultWorld.subscriptions.dev.id;
const aks = defaultWorld.clusters.aksGpuDev.id;
const arc = `/subscriptions/${sub}/resourceGroups/rg-arc/providers/Microsoft.Kubernetes/connectedClusters/arc-edge-lab`;
const uai = defaultWorld.identities.training.id;

describe('compute name rule', () => {
    for (const ok of ['k8s', 'k8s-gpu', 'Gpu-Pool-01', 'a'.repeat(16)]) {
        it(`accepts ${ok}`, () => assert.strictEqual(validateComputeName(ok), undefined));
    }
    const bad: [string, RegExp][] = [
        ['', /Enter a compute name/],
        ['ab', /has 2 characters/],
        ['a'.repeat(17), /has 17 characters/],
        ['1gpu', /not allowed/],
        ['gpu-', /not allowed/],
        ['gpu_pool', /not allowed/],
        ['gpu pool', /not allowed/],
        ['gрu', /not allowed/], // Cyrillic "р" looks like a Latin "p"
    ];
    for (const [value, message] of bad) {
        it(`rejects ${JSON.stringify(value)} and says the rule`, () => {
            const error = validateComputeName(value);
            assert.match(error ?? '', message);
            assert.match(error ?? '', /3 to 16 characters/);
        });
    }
});

describe('namespace rule', () => {
    for (const ok of ['default', 'team-a', 'a', '0', 'a'.repeat(63)]) {
        it(`accepts ${ok.length > 10 ? `${ok.length} characters` : ok}`, () =>
            assert.strictEqual(validateNamespace(ok), undefined));
    }
    for (const bad of ['', 'Team', 'team_a', '-team', 'team-', 'team.a', 'a'.repeat(64), 'tеam']) {
        it(`rejects ${JSON.stringify(bad.length > 20 ? `${bad.length} characters` : bad)}`, () =>
            assert.match(validateNamespace(bad) ?? '', /namespace/));
    }
});

describe('resource id rules', () => {
    it('accepts AKS and Arc cluster ids in any case, with or without the leading slash', () => {
        assert.strictEqual(validateClusterResourceId(aks), undefined);
        assert.strictEqual(validateClusterResourceId(arc.toLowerCase()), undefined);
        assert.strictEqual(validateClusterResourceId(aks.slice(1)), undefined);
    });

    it('rejects ids of the wrong type, naming what was given', () => {
        assert.match(
            validateClusterResourceId(uai) ?? '',
            /Microsoft.ManagedIdentity\/userAssignedIdentities, not of an AKS/,
        );
        assert.match(validateUserAssignedIdentityId(aks) ?? '', /not of a user-assigned managed identity/);
    });

    it('rejects trailing slashes, spaces, child resources and non-ids', () => {
        assert.match(validateClusterResourceId(`${aks}/`) ?? '', /trailing/);
        assert.match(validateClusterResourceId(` ${aks} x`) ?? '', /no spaces/);
        assert.match(
            validateClusterResourceId(`${aks}/agentPools/p1`) ?? '',
            /managedClusters\/agentPools, not of an AKS/,
        );
        assert.match(validateClusterResourceId('aks-gpu-dev') ?? '', /not a resource id/);
        assert.match(validateClusterResourceId('') ?? '', /Expected the resource id/);
        assert.match(validateClusterResourceId(aks.replace(sub, 'not-a-guid')) ?? '', /not a subscription id/);
    });

    it('accepts a user-assigned identity id', () => {
        assert.strictEqual(validateUserAssignedIdentityId(uai), undefined);
    });
});
