import * as assert from 'assert';
import { hasSettled, operationEnd } from '../../src/domain/followRules';
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

describe('the follow rules: when following a compute after a change ends, and how', () => {
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
});
