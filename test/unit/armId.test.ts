import * as assert from 'assert';
import {
    armIdsEqual,
    clusterKindFromId,
    nameFromId,
    formatArmId,
    isGuid,
    isResourceOfType,
    isScopeAtOrAbove,
    parseArmId,
    resourceName,
    resourceType,
} from '../../src/domain/armId';
import { defaultWorld } from '../emulator/defaultWorld';

const sub = defaultWorld.subscriptions.dev.id;
const compute = defaultWorld.computes.k8sGpu.id;
const cluster = defaultWorld.clusters.aksGpuDev.id;

describe('armId', () => {
    it('isGuid', () => {
        assert.ok(isGuid(sub));
        assert.ok(isGuid(sub.toUpperCase()));
        assert.ok(!isGuid('not-a-guid'));
        assert.ok(!isGuid(`${sub}0`));
    });

    it('parses a nested resource id', () => {
        const id = parseArmId(compute);
        assert.ok(id);
        assert.strictEqual(id.subscriptionId, sub);
        assert.strictEqual(id.resourceGroup, 'rg-ml-dev');
        assert.strictEqual(id.provider, 'Microsoft.MachineLearningServices');
        assert.deepStrictEqual(id.segments, [
            { type: 'workspaces', name: 'ws-vision' },
            { type: 'computes', name: 'k8s-gpu' },
        ]);
        assert.strictEqual(resourceType(id), 'Microsoft.MachineLearningServices/workspaces/computes');
        assert.strictEqual(resourceName(id), 'k8s-gpu');
    });

    it('parses subscription and resource group ids', () => {
        assert.deepStrictEqual(parseArmId(`/subscriptions/${sub}`), {
            subscriptionId: sub,
            resourceGroup: undefined,
            segments: [],
        });
        const rg = parseArmId(`/subscriptions/${sub}/resourceGroups/rg-1`);
        assert.strictEqual(rg?.resourceGroup, 'rg-1');
        assert.strictEqual(rg && resourceType(rg), undefined);
    });

    it('accepts any casing of the fixed segments', () => {
        const id = parseArmId(
            `/SUBSCRIPTIONS/${sub}/resourcegroups/rg/PROVIDERS/Microsoft.Kubernetes/connectedClusters/arc`,
        );
        assert.strictEqual(id?.resourceGroup, 'rg');
        assert.strictEqual(id?.provider, 'Microsoft.Kubernetes');
    });

    for (const bad of [
        '',
        'subscriptions/x',
        `/subscriptions/not-a-guid`,
        `/subscriptions/${sub}/`,
        `/subscriptions/${sub}//resourceGroups/rg`,
        `/subscriptions/${sub}/resourceGroups`,
        `/subscriptions/${sub}/resourceGroups/rg/providers`,
        `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.Web`,
        `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.Web/sites`,
        `/subscriptions/${sub}/resourceGroups/rg/things/x`,
    ]) {
        it(`rejects '${bad}'`, () => assert.strictEqual(parseArmId(bad), undefined));
    }

    it('formats what it parses', () => {
        for (const id of [compute, cluster, `/subscriptions/${sub}`, `/subscriptions/${sub}/resourceGroups/rg`]) {
            const parsed = parseArmId(id);
            assert.ok(parsed);
            assert.strictEqual(formatArmId(parsed), id);
        }
    });

    it('isResourceOfType compares case-insensitively', () => {
        assert.ok(isResourceOfType(cluster, 'microsoft.containerservice/managedclusters'));
        assert.ok(!isResourceOfType(cluster, 'Microsoft.Kubernetes/connectedClusters'));
        assert.ok(!isResourceOfType('garbage', 'Microsoft.Kubernetes/connectedClusters'));
    });

    it('armIdsEqual ignores case and rejects empty values', () => {
        assert.ok(armIdsEqual(cluster, cluster.toUpperCase()));
        assert.ok(!armIdsEqual(cluster, undefined));
        assert.ok(!armIdsEqual(undefined, undefined));
        assert.ok(!armIdsEqual(cluster, compute));
    });

    it('isScopeAtOrAbove', () => {
        assert.ok(isScopeAtOrAbove(`/subscriptions/${sub}`, cluster));
        assert.ok(isScopeAtOrAbove(`/subscriptions/${sub}/resourcegroups/RG-AKS-DEV`, cluster));
        assert.ok(isScopeAtOrAbove(cluster, cluster));
        assert.ok(isScopeAtOrAbove(`${cluster}/`, cluster));
        assert.ok(isScopeAtOrAbove('', cluster));
        assert.ok(
            !isScopeAtOrAbove(`/subscriptions/${sub}/resourceGroups/rg-aks`, cluster),
            'prefix of a name is not an ancestor',
        );
        assert.ok(!isScopeAtOrAbove(cluster, `/subscriptions/${sub}`));
    });
});

describe('a name and a cluster kind from an id', () => {
    it("gives the resource's own name, or the text itself when it is not an id", () => {
        assert.strictEqual(
            nameFromId(
                `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws/computes/k8s`,
            ),
            'k8s',
        );
        assert.strictEqual(nameFromId('not an id'), 'not an id');
    });

    it('tells AKS from Arc by the provider, whatever the case', () => {
        assert.strictEqual(
            clusterKindFromId(
                `/subscriptions/${sub}/resourceGroups/rg/providers/microsoft.containerservice/managedClusters/a`,
            ),
            'aks',
        );
        assert.strictEqual(
            clusterKindFromId(
                `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/b`,
            ),
            'arc',
        );
    });
});
