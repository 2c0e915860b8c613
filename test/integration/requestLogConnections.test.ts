import * as assert from 'assert';
import type { RunningEmulator } from '../emulator/server';
import { createSubscriptionClient } from '../../src/azure/clients';
import { armToken, clients, collect, credential, emulatorCloud, raw, startTestEmulator } from './helpers';

/**
 * The request log tells the requests that set up a connection (and TLS) from those that reused one: the bench counts
 * TLS set-ups per figure with it.
 */
describe('the request log: which requests set up a connection', () => {
    let em: RunningEmulator;
    before(async () => {
        em = await startTestEmulator();
    });
    after(async () => em.stop());

    it('a client that keeps its connection alive sets it up once; one without keep-alive, every time', async () => {
        const token = await armToken(em);
        em.admin.clearRequests();
        for (let i = 0; i < 3; i++) {
            const res = await raw(em, 'GET', '/subscriptions?api-version=2022-12-01', { token });
            assert.strictEqual(res.status, 200);
        }
        const oneShot = em.admin.requests();
        assert.deepStrictEqual(
            oneShot.map((r) => r.newConnection),
            [true, true, true],
        );
        assert.strictEqual(new Set(oneShot.map((r) => r.connection)).size, 3);

        const { subscriptions } = clients(em);
        await collect(subscriptions.subscriptions.list());
        em.admin.clearRequests();
        await collect(subscriptions.subscriptions.list());
        await collect(subscriptions.subscriptions.list());
        const kept = em.admin.requests().filter((r) => r.path === '/subscriptions');
        assert.strictEqual(kept.length, 2);
        assert.deepStrictEqual(
            kept.map((r) => r.newConnection),
            [undefined, undefined],
            'the SDK pipeline reuses its connection',
        );
        assert.strictEqual(new Set(kept.map((r) => r.connection)).size, 1);
    });

    it("the extension's clients, one made per call, share their connections", async () => {
        const cloud = emulatorCloud(em);
        const cred = credential(em);
        await collect((await createSubscriptionClient(cred, cloud)).subscriptions.list());
        em.admin.clearRequests();
        for (let i = 0; i < 3; i++) {
            await collect((await createSubscriptionClient(cred, cloud)).subscriptions.list());
        }
        const calls = em.admin.requests().filter((r) => r.path === '/subscriptions');
        assert.strictEqual(calls.length, 3);
        assert.deepStrictEqual(
            calls.map((r) => r.newConnection),
            [undefined, undefined, undefined],
            'no new connection for a new client',
        );
    });
});
