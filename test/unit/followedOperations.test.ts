import * as assert from 'assert';
import {
    followedMaxAgeMs,
    isExpired,
    liveFollowed,
    parseFollowed,
    withFollowed,
    withoutFollowed,
    workspaceOf,
    type FollowedRecord,
} from '../../src/domain/followedOperations';
import { defaultWorld } from '../emulator/defaultWorld';

const SUB = defaultWorld.subscriptions.dev.id;
const WS = defaultWorld.workspaces.vision.id;

const record = (name: string, startedAt = 1000, kind: FollowedRecord['kind'] = 'attach'): FollowedRecord => ({
    kind,
    subscriptionId: SUB,
    workspaceId: WS,
    computeId: `${WS}/computes/${name}`,
    computeName: name,
    clusterName: 'aks-gpu-dev',
    startedAt,
});

describe('followed operations', () => {
    it('reads back what was stored, and drops anything malformed or inconsistent', () => {
        const good = record('k8s-a');
        const detach: FollowedRecord = { ...record('k8s-b', 2000, 'detach'), clusterName: undefined };
        delete (detach as { clusterName?: string }).clusterName;
        const stored: unknown = JSON.parse(
            JSON.stringify([
                good,
                detach,
                { ...good, kind: 'scale' },
                { ...good, startedAt: '1000' },
                { ...good, computeName: 'other' },
                { ...good, workspaceId: WS.replace('ws-vision', 'ws-nlp') },
                { ...good, subscriptionId: defaultWorld.subscriptions.prod.id },
                { ...good, computeId: `${WS}/computes/a/b` },
                { ...good, clusterName: 42 },
                null,
                'k8s-a',
            ]),
        );
        assert.deepStrictEqual(parseFollowed(stored), [good, detach]);
        assert.deepStrictEqual(parseFollowed(undefined), []);
        assert.deepStrictEqual(parseFollowed({ computeId: good.computeId }), []);
    });

    it('keeps one operation per compute, the newest, whatever the case of its id', () => {
        const first = record('k8s-a', 1000, 'attach');
        const second = { ...record('k8s-a', 5000, 'identity'), computeId: first.computeId.toUpperCase() };
        const other = record('k8s-b');
        assert.deepStrictEqual(withFollowed([first, other], second), [other, second]);
        assert.deepStrictEqual(withoutFollowed([first, other], first.computeId.toLowerCase()), [other]);
    });

    it('expires an operation after an hour', () => {
        const op = record('k8s-a', 0);
        assert.strictEqual(isExpired(op, followedMaxAgeMs), false);
        assert.strictEqual(isExpired(op, followedMaxAgeMs + 1), true);
        assert.deepStrictEqual(liveFollowed([op, record('k8s-b', 10)], followedMaxAgeMs + 5), [record('k8s-b', 10)]);
    });

    it('gives the workspace to read the compute in, from the record alone', () => {
        assert.deepStrictEqual(workspaceOf(record('k8s-a')), {
            id: WS,
            subscriptionId: SUB,
            resourceGroup: 'rg-ml-dev',
            name: 'ws-vision',
        });
    });
});
