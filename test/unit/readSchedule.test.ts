import * as assert from 'assert';
import { keepsPendingRead, nextReadDelay, settledPollFactor } from '../../src/follow/readSchedule';

describe('follow loop read schedule', () => {
    const poll = 5000;
    const changing = { transitional: true };
    const settled = { transitional: false };

    it('a followed operation is read every poll interval, listened to or not, gone or not', () => {
        for (const last of [changing, settled, undefined]) {
            for (const listeners of [0, 1]) {
                assert.strictEqual(
                    nextReadDelay({ following: true, listeners, last, pollIntervalMs: poll }),
                    poll,
                    JSON.stringify({ last, listeners }),
                );
            }
        }
    });

    it('a visible panel of a changing compute reads it every poll interval', () => {
        assert.strictEqual(
            nextReadDelay({ following: false, listeners: 1, last: changing, pollIntervalMs: poll }),
            poll,
        );
    });

    it('a visible panel of a settled compute still reads it now and then, to notice it detached or deleted elsewhere', () => {
        assert.strictEqual(
            nextReadDelay({ following: false, listeners: 1, last: settled, pollIntervalMs: poll }),
            poll * settledPollFactor,
        );
        assert.strictEqual(poll * settledPollFactor, 30_000);
    });

    it('a changing compute a view shows is read every poll interval until it settles', () => {
        assert.strictEqual(
            nextReadDelay({ following: false, listeners: 0, shown: true, last: changing, pollIntervalMs: poll }),
            poll,
        );
        for (const last of [settled, undefined]) {
            assert.strictEqual(
                nextReadDelay({ following: false, listeners: 0, shown: true, last, pollIntervalMs: poll }),
                undefined,
                JSON.stringify(last),
            );
        }
    });

    it('nothing reads a compute that is gone, or that nobody follows or listens to', () => {
        assert.strictEqual(
            nextReadDelay({ following: false, listeners: 1, last: undefined, pollIntervalMs: poll }),
            undefined,
        );
        assert.strictEqual(
            nextReadDelay({ following: false, listeners: 0, last: changing, pollIntervalMs: poll }),
            undefined,
        );
        assert.strictEqual(
            nextReadDelay({ following: false, listeners: 0, last: settled, pollIntervalMs: poll }),
            undefined,
        );
    });

    it('the sooner of a pending read and a new one wins', () => {
        assert.strictEqual(keepsPendingRead(undefined, 1000), false, 'nothing pending');
        assert.strictEqual(keepsPendingRead(1000, 30_000), true, 'a pending 1 s read is not pushed back to 30 s');
        assert.strictEqual(keepsPendingRead(30_000, 1000), false, 'a pending 30 s read gives way to a read now');
        assert.strictEqual(keepsPendingRead(1000, 1000), true);
    });
});
