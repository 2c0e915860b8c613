import * as assert from 'assert';
import type { AzureMlExtensionDetails } from '../../src/azure/extensionOperations';
import { followedMaxAgeMs } from '../../src/domain/followedOperations';
import { ExtensionFollower, type ExtensionEnd } from '../../src/follow/extensionFollower';
import { ManualClock } from './support/manualClock';

function extension(provisioningState: string, error?: string): AzureMlExtensionDetails {
    return {
        id: '/subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerService/managedClusters/c/providers/Microsoft.KubernetesConfiguration/extensions/azureml',
        name: 'azureml',
        provisioningState,
        configurationSettings: {},
        protectedSettingNames: [],
        statuses: [],
        error,
    };
}

/** The service's answers in order; the last one repeats. A string answer is a failed read. */
function follower(clock: ManualClock, answers: (AzureMlExtensionDetails | undefined | string)[]) {
    const seen: (string | undefined)[] = [];
    let reads = 0;
    const loop = new ExtensionFollower<string>({
        clock,
        intervalMs: () => 5000,
        read: async () => {
            const answer = answers[Math.min(reads++, answers.length - 1)];
            if (typeof answer === 'string') {
                throw new Error(answer);
            }
            return answer;
        },
        describeError: (error) => (error as Error).message,
        onRead: (_target, ext) => seen.push(ext?.provisioningState),
    });
    return { loop, seen, reads: () => reads };
}

describe('the extension follower: one loop per extension, its time injected', () => {
    it('follows an install from Creating to Succeeded, reading every interval', async () => {
        const clock = new ManualClock();
        const { loop, seen } = follower(clock, [extension('Creating'), extension('Creating'), extension('Succeeded')]);
        let end: ExtensionEnd | undefined;
        void loop.follow({ key: 'k', operation: 'install', context: 'c' }).then((e) => (end = e));
        await clock.advance(4999);
        assert.deepStrictEqual(seen, ['Creating']);
        await clock.advance(10_001);
        assert.strictEqual(end?.kind, 'succeeded');
        assert.deepStrictEqual(seen, ['Creating', 'Creating', 'Succeeded']);
        assert.deepStrictEqual(clock.pending(), []);
    });

    it('ends a failed install with the service error, and an uninstall once it is gone', async () => {
        const clock = new ManualClock();
        const failed = follower(clock, [extension('Failed', 'ClusterTooSmall: needs 3 nodes')]);
        const end = await failed.loop.follow({ key: 'k', operation: 'install', context: 'c' });
        assert.strictEqual(end.kind === 'failed' && end.extension.error, 'ClusterTooSmall: needs 3 nodes');
        const removal = follower(clock, [extension('Deleting'), undefined]);
        const ending = removal.loop.follow({ key: 'k', operation: 'uninstall', context: 'c' });
        await clock.advance(5000);
        assert.strictEqual((await ending).kind, 'succeeded');
    });

    it('stops after five failed reads in a row, saying why; a newer follow cancels the older', async () => {
        const clock = new ManualClock();
        const { loop, reads } = follower(clock, ['ECONNRESET']);
        const ending = loop.follow({ key: 'k', operation: 'update', context: 'c' });
        await clock.advance(60_000);
        assert.deepStrictEqual(await ending, { kind: 'unfollowed', detail: 'ECONNRESET' });
        assert.strictEqual(reads(), 5);
        const slow = follower(clock, [extension('Updating')]);
        const first = slow.loop.follow({ key: 'k', operation: 'update', context: 'c' });
        void slow.loop.follow({ key: 'k', operation: 'update', context: 'c' });
        assert.deepStrictEqual(await first, { kind: 'cancelled' });
        slow.loop.dispose();
        assert.deepStrictEqual(clock.pending(), []);
    });

    it('an operation followed again after a reload expires an hour after it was sent, not after the reload', async () => {
        const clock = new ManualClock();
        const sentAt = clock.now();
        await clock.advance(followedMaxAgeMs - 10_000);
        const { loop, reads } = follower(clock, [extension('Creating')]);
        const resumed = loop.follow({ key: 'k', operation: 'install', context: 'c' }, sentAt);
        await clock.advance(20_000);
        const end = await resumed;
        assert.strictEqual(end.kind === 'expired' && end.extension?.provisioningState, 'Creating');
        assert.ok(reads() <= 4, `${reads()} reads`);
        const fresh = follower(clock, [extension('Creating')]);
        let freshEnd: ExtensionEnd | undefined;
        void fresh.loop.follow({ key: 'k', operation: 'install', context: 'c' }).then((e) => (freshEnd = e));
        await clock.advance(20_000);
        assert.strictEqual(freshEnd, undefined, 'one sent now is still followed');
        fresh.loop.dispose();
    });
});
