import * as assert from 'assert';
import type { SubscriptionContext } from '../../src/azure/subscriptionContext';
import { maxConsecutiveReadFailures } from '../../src/domain/followRules';
import { followedMaxAgeMs, type FollowedRecord } from '../../src/domain/followedOperations';
import type { ComputeInfo, ProvisioningState } from '../../src/domain/models';
import { ComputeFollower, type ComputeUpdate, type FollowResult } from '../../src/follow/computeFollower';
import { settledPollFactor } from '../../src/follow/readSchedule';
import { followedRecord, targetOf } from '../../src/follow/target';
import { ManualClock, settle } from './support/manualClock';

const SUB = '11111111-1111-4111-8111-111111111111';
const WS = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws`;
const CLUSTER = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks`;
const sub = { subscriptionId: SUB, name: 'Dev' } as SubscriptionContext;
const interval = 5000;

function compute(name: string, state: ProvisioningState, errors: string[] = []): ComputeInfo {
    return {
        id: `${WS}/computes/${name}`,
        name,
        workspaceId: WS,
        workspaceName: 'ws',
        subscriptionId: SUB,
        resourceGroup: 'rg',
        clusterId: CLUSTER,
        provisioningState: state,
        provisioningErrors: errors.map((message) => ({ code: 'E', message })),
        identity: { type: 'None', userAssigned: [] },
    };
}

type Answer = ComputeInfo | undefined | Error;

/** Answers each compute's reads in turn; the last answer repeats. Logs `<ms since start> <name>` per read. */
class FakeInventory {
    readonly reads: string[] = [];
    private readonly answers = new Map<string, Answer[]>();

    constructor(private readonly clock: ManualClock) {}

    answer(name: string, ...answers: Answer[]): void {
        this.answers.set(name, answers);
    }

    readonly computeNow = async (
        _sub: SubscriptionContext,
        _ws: unknown,
        name: string,
    ): Promise<ComputeInfo | undefined> => {
        this.reads.push(`${this.clock.now() - start} ${name}`);
        const queue = this.answers.get(name) ?? [undefined];
        const next = queue.length > 1 ? queue.shift() : queue[0];
        if (next instanceof Error) {
            throw next;
        }
        return next;
    };
}

const start = 1_000_000;
const endOf = (result: FollowResult | undefined) => (result?.kind === 'ended' ? result.end : result);

describe('a followed compute is read by its id', () => {
    it("reads the compute at its id's name, not at the name field the service returned (which may hold anything)", () => {
        const hostile = { ...compute('hostile-1', 'Failed'), name: '<img src=x onerror="alert(1)">' };
        assert.strictEqual(targetOf(sub, hostile).name, 'hostile-1');
    });
});

describe('the follow loop (ComputeFollower) on an injected clock', () => {
    let clock: ManualClock;
    let inventory: FakeInventory;
    let refreshed: string[];
    let loop: ComputeFollower;

    beforeEach(() => {
        clock = new ManualClock(start);
        inventory = new FakeInventory(clock);
        refreshed = [];
        loop = new ComputeFollower({
            inventory,
            intervalMs: () => interval,
            clock,
            describeError: (error, target) => `Could not read compute ${target.name}: ${(error as Error).message}`,
            refreshViews: (target, seen) =>
                refreshed.push(`${target.name} ${seen?.provisioningState ?? 'unknown'}${seen ? '' : ' (never seen)'}`),
        });
    });
    afterEach(() => loop.dispose());

    const target = (name: string) => targetOf(sub, compute(name, 'Succeeded'));
    const record = (name: string, kind: FollowedRecord['kind'] = 'attach') =>
        followedRecord(kind, target(name), clock.now());
    const follow = (name: string, kind: FollowedRecord['kind'] = 'attach', readNow = false) => {
        let result: FollowResult | undefined;
        void loop.follow(target(name), record(name, kind), readNow).then((r) => (result = r));
        return () => result;
    };

    it('follows an attach every interval (the first read waits one too) until it settles, through a failed read', async () => {
        inventory.answer('c', compute('c', 'Creating'), new Error('503'), compute('c', 'Succeeded'));
        const result = follow('c');
        await clock.advance(3 * interval);
        assert.deepStrictEqual(inventory.reads, ['5000 c', '10000 c', '15000 c']);
        const ended = result();
        assert.strictEqual(ended?.kind, 'ended');
        assert.deepStrictEqual(
            { end: ended.end.kind, reads: ended.reads, failedReads: ended.failedReads },
            { end: 'succeeded', reads: 3, failedReads: 1 },
        );
        assert.deepStrictEqual(refreshed, ['c Creating', 'c Succeeded'], 'the views hear each change, not each read');
        await clock.advance(10 * interval);
        assert.strictEqual(inventory.reads.length, 3, 'nothing reads a settled compute nobody follows');
        assert.deepStrictEqual(clock.pending(), []);
    });

    it('says how it ended: Failed with the last provisioning error, a detach by the compute being gone', async () => {
        inventory.answer('bad', compute('bad', 'Creating'), compute('bad', 'Failed', ['first', 'last']));
        inventory.answer('old', compute('old', 'Deleting'), undefined);
        const bad = follow('bad');
        const old = follow('old', 'detach');
        await clock.advance(2 * interval);
        assert.deepStrictEqual(endOf(bad()), {
            kind: 'failed',
            compute: compute('bad', 'Failed', ['first', 'last']),
            error: 'last',
        });
        assert.deepStrictEqual(endOf(old()), { kind: 'succeeded', compute: undefined });
        assert.ok(refreshed.includes('old Deleting'), 'a compute gone refreshes where it was last seen (its cluster)');
    });

    it(`stops following after ${maxConsecutiveReadFailures} failed reads in a row, with the error in the user's words`, async () => {
        inventory.answer('c', compute('c', 'Creating'), new Error('down'));
        const updates: ComputeUpdate[] = [];
        const unsubscribe = loop.subscribe(target('c'), compute('c', 'Creating'), (u) => updates.push(u));
        const result = follow('c');
        await clock.advance(10 * interval);
        const stopped = result();
        assert.strictEqual(stopped?.kind, 'unfollowed');
        assert.strictEqual(stopped.detail, 'Could not read compute c: down');
        assert.strictEqual(stopped.failedReads, maxConsecutiveReadFailures);
        assert.deepStrictEqual(updates[0], { kind: 'read', compute: compute('c', 'Creating'), operation: 'attach' });
        assert.deepStrictEqual(updates[1], { kind: 'error', detail: 'Could not read compute c: down' });
        assert.ok(inventory.reads.length > maxConsecutiveReadFailures + 1, 'the open panel still hears every read');
        unsubscribe();
        const reads = inventory.reads.length;
        await clock.advance(10 * interval);
        assert.strictEqual(inventory.reads.length, reads, 'and nobody reads it once the panel is closed');
    });

    it('gives up on a compute still changing an hour after the operation started', async () => {
        inventory.answer('c', compute('c', 'Updating'));
        const result = follow('c', 'identity');
        await clock.advance(followedMaxAgeMs - interval);
        assert.strictEqual(result(), undefined);
        await clock.advance(2 * interval);
        assert.strictEqual(result()?.kind, 'expired');
        assert.strictEqual(result()?.reads, followedMaxAgeMs / interval + 1);
        assert.deepStrictEqual(refreshed, ['c Updating'], 'read every 5 s for an hour, the views refreshed once');
    });

    it('reads at once when resuming after a reload, or when a panel listens', async () => {
        inventory.answer('r', compute('r', 'Creating'));
        inventory.answer('p', compute('p', 'Creating'));
        follow('r', 'attach', true);
        loop.subscribe(target('p'), compute('p', 'Succeeded'), () => undefined);
        follow('p');
        await clock.advance(0);
        assert.deepStrictEqual(inventory.reads.sort(), ['0 p', '0 r']);
        assert.ok(loop.isFollowing(`${WS}/COMPUTES/R`), 'by the compute id, in any case');
    });

    it('a newer operation on the same compute replaces the one followed; dispose cancels what is left', async () => {
        inventory.answer('c', compute('c', 'Updating'));
        const first = follow('c', 'attach');
        const second = follow('c', 'identity');
        await settle();
        assert.strictEqual(first()?.kind, 'cancelled');
        await clock.advance(interval);
        assert.deepStrictEqual(inventory.reads, ['5000 c'], 'one read loop per compute');
        loop.dispose();
        await settle();
        assert.strictEqual(second()?.kind, 'cancelled');
        await clock.advance(10 * interval);
        assert.deepStrictEqual(inventory.reads, ['5000 c']);
        assert.strictEqual((await loop.follow(target('c'), record('c'))).kind, 'cancelled', 'nothing after dispose');
    });

    it('reads a changing compute the views show until it settles, once per interval however often it is listed', async () => {
        inventory.answer('c', compute('c', 'Creating'), compute('c', 'Creating'), compute('c', 'Succeeded'));
        // Listed by the workspace, then by its cluster, then by the workspace again after a refresh.
        loop.showChanging(target('c'), compute('c', 'Creating'));
        await clock.advance(interval / 2);
        loop.showChanging(target('c'), compute('c', 'Creating'));
        loop.showChanging(target('c'), compute('c', 'Creating'));
        loop.showChanging(target('s'), compute('s', 'Succeeded'));
        await clock.advance(10 * interval);
        assert.deepStrictEqual(inventory.reads, ['5000 c', '10000 c', '15000 c'], 'a settled compute is not read');
        assert.deepStrictEqual(refreshed, ['c Succeeded'], 'the views refresh when the state changes, not every read');
        assert.deepStrictEqual(clock.pending(), []);
    });

    it('a compute the views show that is gone refreshes them; one that cannot be read stops being read', async () => {
        inventory.answer('gone', compute('gone', 'Deleting'), undefined);
        inventory.answer('down', new Error('503'));
        loop.showChanging(target('gone'), compute('gone', 'Deleting'));
        loop.showChanging(target('down'), compute('down', 'Updating'));
        await clock.advance(20 * interval);
        assert.deepStrictEqual(refreshed, ['gone Deleting', 'down Updating']);
        assert.strictEqual(inventory.reads.filter((r) => r.endsWith('gone')).length, 2);
        assert.strictEqual(inventory.reads.filter((r) => r.endsWith('down')).length, maxConsecutiveReadFailures);
    });

    it('a panel reads a settled compute now and then, at once when shown again, and stops once the compute is gone', async () => {
        inventory.answer('c', compute('c', 'Succeeded'), compute('c', 'Succeeded'), undefined);
        const updates: ComputeUpdate[] = [];
        const unsubscribe = loop.subscribe(target('c'), compute('c', 'Succeeded'), (u) => updates.push(u));
        await clock.advance(interval * settledPollFactor);
        assert.deepStrictEqual(inventory.reads, ['30000 c']);
        unsubscribe();
        loop.subscribe(target('c'), compute('c', 'Succeeded'), (u) => updates.push(u), true);
        await clock.advance(0);
        await clock.advance(interval * settledPollFactor * 3);
        assert.deepStrictEqual(inventory.reads, ['30000 c', '30000 c', '60000 c']);
        assert.deepStrictEqual(updates.at(-1), { kind: 'read', compute: undefined, operation: undefined });
        assert.deepStrictEqual(clock.pending(), []);
    });
});
