import * as assert from 'assert';
import { tokenExpiry } from '../../src/auth/sessionCredential';
import { mergeListings, type SubscriptionListing, type TenantProblem } from '../../src/auth/subscriptionSource';
import type { SubscriptionContext } from '../../src/azure/subscriptionContext';
import { resolveCloud } from '../../src/domain/cloud';

const cloud = resolveCloud(undefined, undefined);
const credential = { getToken: async () => null };

function sub(subscriptionId: string, name: string, tenantId: string): SubscriptionContext {
    return { subscriptionId, name, tenantId, credential, cloud };
}

function problem(tenantId: string, kind: TenantProblem['kind']): TenantProblem {
    return { tenantId, name: tenantId, accountId: 'a', accountLabel: 'dana@contoso', kind };
}

describe('subscription listings of VS Code accounts', () => {
    it('merges tenants and accounts: each subscription once (the first seen), sorted by name, every problem kept', () => {
        const home: SubscriptionListing = {
            subscriptions: [sub('2', 'Prod', 't1'), sub('1', 'Dev', 't1')],
            tenantProblems: [],
        };
        const guest: SubscriptionListing = {
            subscriptions: [sub('3', 'Fabrikam', 't2')],
            tenantProblems: [problem('t3', 'signInRequired')],
        };
        // The same subscription through a second account: shown once, with the first account's credential.
        const otherAccount: SubscriptionListing = {
            subscriptions: [sub('1', 'Dev', 't1')],
            tenantProblems: [problem('t4', 'failed')],
        };
        const merged = mergeListings([home, guest, otherAccount]);
        assert.deepStrictEqual(
            merged.subscriptions.map((s) => s.name),
            ['Dev', 'Fabrikam', 'Prod'],
        );
        assert.strictEqual(merged.subscriptions[0], home.subscriptions[1]);
        assert.deepStrictEqual(
            merged.tenantProblems.map((p) => `${p.tenantId}:${p.kind}`),
            ['t3:signInRequired', 't4:failed'],
        );
    });

    it('treats subscription ids case-insensitively, as ARM does', () => {
        const merged = mergeListings([
            { subscriptions: [sub('ABC', 'One', 't1')], tenantProblems: [] },
            { subscriptions: [sub('abc', 'One', 't2')], tenantProblems: [] },
        ]);
        assert.strictEqual(merged.subscriptions.length, 1);
    });

    it("reads a JWT access token's expiry, and treats anything else as expired", () => {
        const exp = 1_900_000_000;
        const jwt = ['{"alg":"RS256"}', JSON.stringify({ exp, aud: 'x' }), 'sig']
            .map((p, i) => (i < 2 ? Buffer.from(p).toString('base64url') : p))
            .join('.');
        assert.strictEqual(tokenExpiry(jwt), exp * 1000);
        assert.strictEqual(tokenExpiry('opaque-token'), 0);
        assert.strictEqual(tokenExpiry('a.bm90IGpzb24.c'), 0);
        assert.strictEqual(tokenExpiry(`a.${Buffer.from('{"exp":"soon"}').toString('base64url')}.c`), 0);
    });
});
