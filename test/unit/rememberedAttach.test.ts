import * as assert from 'assert';
import type { ComputeInfo } from '../../src/domain/models';
import {
    forget,
    maxRemembered,
    parseRemembered,
    remember,
    rememberedForCluster,
    rememberedFrom,
} from '../../src/domain/rememberedAttach';
import { defaultWorld } from '../emulator/defaultWorld';

const vision = defaultWorld.workspaces.vision.id;
const aks = defaultWorld.clusters.aksGpuDev.id;
const arc = defaultWorld.clusters.arcOnprem.id;
const uai = defaultWorld.identities.training.id;

const compute = (name: string, rest: Partial<ComputeInfo> = {}): ComputeInfo => ({
    id: `${vision}/computes/${name}`,
    name,
    workspaceId: vision,
    workspaceName: 'ws-vision',
    subscriptionId: defaultWorld.subscriptions.dev.id,
    resourceGroup: 'rg-vision',
    clusterId: aks,
    namespace: 'vision',
    provisioningState: 'Succeeded',
    provisioningErrors: [],
    identity: { type: 'None', userAssigned: [] },
    ...rest,
});

describe('what Detach remembers for Re-attach', () => {
    it('the name, namespace, cluster and the one identity attach can take (a user-assigned one first)', () => {
        const both = compute('k8s-gpu', {
            identity: { type: 'SystemAssigned,UserAssigned', userAssigned: [{ id: uai }], principalId: 'p' },
        });
        assert.deepStrictEqual(rememberedFrom(both, new Date('2026-03-01T10:42:00Z')), {
            workspaceId: vision,
            workspaceName: 'ws-vision',
            clusterId: aks,
            computeName: 'k8s-gpu',
            namespace: 'vision',
            identity: { type: 'UserAssigned', identityId: uai },
            detachedAt: '2026-03-01T10:42:00.000Z',
        });
        assert.deepStrictEqual(
            rememberedFrom(compute('a', { identity: { type: 'SystemAssigned', userAssigned: [] } }), new Date())
                ?.identity,
            { type: 'SystemAssigned' },
        );
        assert.strictEqual(rememberedFrom(compute('a', { namespace: undefined }), new Date())?.namespace, 'default');
        assert.strictEqual(rememberedFrom(compute('a', { clusterId: undefined }), new Date()), undefined);
    });

    it('one entry per compute name in a workspace (the newest), listed per cluster across workspaces, newest first', () => {
        const at = (iso: string) => new Date(iso);
        let list = remember([], rememberedFrom(compute('one'), at('2026-03-01T10:00:00Z'))!);
        list = remember(list, rememberedFrom(compute('two', { clusterId: arc }), at('2026-03-01T11:00:00Z'))!);
        list = remember(list, rememberedFrom(compute('ONE', { namespace: 'other' }), at('2026-03-01T12:00:00Z'))!);
        const research = { ...rememberedFrom(compute('three'), at('2026-03-01T09:00:00Z'))!, workspaceId: 'ws-r' };
        list = remember(list, research);
        assert.deepStrictEqual(
            rememberedForCluster(list, aks.toUpperCase()).map((e) => `${e.computeName}/${e.namespace}`),
            ['ONE/other', 'three/vision'],
        );
        assert.deepStrictEqual(
            forget(list, { workspaceId: vision.toUpperCase(), computeName: 'one' }).map((e) => e.computeName),
            ['three', 'two'],
        );
    });

    it(`keeps at most ${maxRemembered}, and only entries of the right shape from storage`, () => {
        let list = parseRemembered(undefined);
        for (let i = 0; i < maxRemembered + 5; i++) {
            list = remember(list, rememberedFrom(compute(`c-${i}`), new Date())!);
        }
        assert.strictEqual(list.length, maxRemembered);
        assert.strictEqual(list[0].computeName, `c-${maxRemembered + 4}`);
        const stored = [list[0], { computeName: 'x' }, { ...list[1], identity: { type: 'UserAssigned' } }, 7];
        assert.deepStrictEqual(parseRemembered(stored), [list[0]]);
        assert.deepStrictEqual(parseRemembered({ not: 'a list' }), []);
    });
});
