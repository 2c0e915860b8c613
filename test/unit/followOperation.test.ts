import * as assert from 'assert';
import { followOperation } from '../../src/azure/followOperation';
import { hasSettled, maxConsecutiveReadFailures, operationEnd } from '../../src/domain/followRules';
import type { ComputeInfo, ProvisioningState } from '../../src/domain/models';

function compute(state: ProvisioningState, errors: string[] = []): ComputeInfo {
    return {
        id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws/computes/c',
        name: 'c',
        workspaceId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws',
        workspaceName: 'ws',
        subscriptionId: 's',
        resourceGroup: 'rg',
        provisioningState: state,
        provisioningErrors: errors.map((message) => ({ code: 'E', message })),
        identity: { type: 'None', userAssigned: [] },
    };
}

describe('following a compute after a change', () => {
    it('ends once the compute is gone or no longer Creating, Updating or Deleting', () => {
        assert.strictEqual(hasSettled(undefined), true);
        for (const state of ['Creating', 'Updating', 'Deleting'] as const) {
            assert.strictEqual(hasSettled(compute(state)), false, state);
        }
        for (const state of ['Succeeded', 'Failed', 'Canceled', 'Unknown'] as const) {
            assert.strictEqual(hasSettled(compute(state)), true, state);
        }
    });

    it('says how it ended: attach and identity by the state, detach by the compute being gone', () => {
        assert.strictEqual(operationEnd('attach', compute('Succeeded')).kind, 'succeeded');
        assert.deepStrictEqual(operationEnd('identity', compute('Failed', ['first', 'last'])), {
            kind: 'failed',
            compute: compute('Failed', ['first', 'last']),
            error: 'last',
        });
        assert.deepStrictEqual(operationEnd('attach', undefined), { kind: 'gone' });
        assert.deepStrictEqual(operationEnd('detach', undefined), { kind: 'succeeded', compute: undefined });
        assert.strictEqual(operationEnd('detach', compute('Failed', ['stuck'])).kind, 'failed');
    });

    it('reads every interval until settled, and stops after too many failed reads in a row', async () => {
        const sleeps: number[] = [];
        const sleep = async (ms: number) => void sleeps.push(ms);
        const answers: (ComputeInfo | Error)[] = [compute('Creating'), new Error('503'), compute('Succeeded')];
        const ended = await followOperation('attach', {
            read: async () => {
                const next = answers.shift()!;
                if (next instanceof Error) {
                    throw next;
                }
                return next;
            },
            intervalMs: () => 1000,
            sleep,
        });
        assert.deepStrictEqual(
            { kind: ended.kind, reads: ended.reads, failedReads: ended.failedReads },
            { kind: 'ended', reads: 3, failedReads: 1 },
        );
        assert.deepStrictEqual(sleeps, [1000, 1000, 1000], 'the first read waits too');

        const failures: number[] = [];
        const stopped = await followOperation('detach', {
            read: async () => {
                throw new Error('down');
            },
            intervalMs: () => 1,
            sleep,
            onReadError: (_e, n) => failures.push(n),
        });
        assert.strictEqual(stopped.kind, 'unfollowed');
        assert.deepStrictEqual(failures, [1, 2, 3, 4, 5].slice(0, maxConsecutiveReadFailures));
    });

    it('gives up on a compute that is still changing after the time allowed', async () => {
        let now = 0;
        const result = await followOperation('identity', {
            read: async () => compute('Updating'),
            intervalMs: () => 1000,
            sleep: async (ms) => void (now += ms),
            now: () => now,
            maxDurationMs: 5000,
        });
        assert.strictEqual(result.kind, 'timedOut');
        assert.strictEqual(result.reads, 6);
    });
});
