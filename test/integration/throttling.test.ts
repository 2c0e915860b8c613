import * as assert from 'assert';
import { describeAzureError } from '../../src/azure/errors';
import { InventoryService } from '../../src/azure/inventoryService';
import type { RunningEmulator } from '../emulator/server';
import { startTestEmulator, sub1, sub2, sub3, sub4, subscriptionContext } from './helpers';

describe('a throttled subscription holds nobody up (Resource Graph absent)', () => {
    let em: RunningEmulator;
    before(async () => {
        em = await startTestEmulator({ resourceGraph: 'absent' });
    });
    after(async () => em.stop());

    const subscriptions = () => [
        subscriptionContext(em, sub1, 'ML Platform Dev'),
        subscriptionContext(em, sub2, 'ML Platform Prod'),
        subscriptionContext(em, sub3, 'Finance Sandbox'),
        subscriptionContext(em, sub4, 'Research Shared'),
    ];

    it('a 429 asking for 30 s fails at once, saying when; a 403 fails at once; the others list at once', async () => {
        em.admin.setFaults({
            rules: [
                { path: `^/subscriptions/${sub1}/.*/workspaces$`, status: 429, retryAfterSeconds: 30 },
                { path: `^/subscriptions/${sub2}/.*/workspaces$`, status: 403, code: 'AuthorizationFailed' },
            ],
        });
        const subs = subscriptions();
        const inventory = new InventoryService(async () => subs);
        const started = Date.now();
        const settled = await Promise.all(
            subs.map((s) =>
                inventory.workspaces(s).then(
                    (list) => ({ name: s.name, ok: list.map((w) => w.name), ms: Date.now() - started }),
                    (error: unknown) => ({ name: s.name, error: describeAzureError(error), ms: Date.now() - started }),
                ),
            ),
        );
        const byName = Object.fromEntries(settled.map((r) => [r.name, r]));
        assert.ok(
            settled.every((r) => r.ms < 5000),
            `every subscription settles on its own within seconds: ${JSON.stringify(settled.map((r) => [r.name, r.ms]))}`,
        );
        const throttled = byName['ML Platform Dev'] as { error: ReturnType<typeof describeAzureError> };
        assert.strictEqual(throttled.error.kind, 'throttled');
        assert.strictEqual(throttled.error.retryAfterSeconds, 30);
        assert.ok(throttled.error.requestId, 'the request id is kept for the log');
        assert.strictEqual((byName['ML Platform Prod'] as { error: { kind: string } }).error.kind, 'forbidden');
        assert.deepStrictEqual((byName['Research Shared'] as { ok: string[] }).ok, ['ws-research']);
        const devRequests = em.admin.requests().filter((r) => r.path.startsWith(`/subscriptions/${sub1}/`));
        assert.strictEqual(devRequests.length, 1, 'the long wait is not waited out by retries');
    });

    it('a short Retry-After is still waited out and retried inside the request', async () => {
        em.admin.reset();
        em.admin.setOptions({ resourceGraph: 'absent' });
        em.admin.setFaults({
            rules: [{ path: `^/subscriptions/${sub1}/.*/workspaces$`, status: 429, retryAfterSeconds: 1, count: 1 }],
        });
        const subs = subscriptions();
        const workspaces = await new InventoryService(async () => subs).workspaces(subs[0]);
        assert.deepStrictEqual(
            workspaces.map((w) => w.name),
            ['ws-nlp', 'ws-private', 'ws-vision'],
        );
    });
});
