import type { Clock, Timer } from '../../../src/follow/clock';

/** Lets the promise chains started by a timer (a read, its answer, the next timer) run to their end. */
export async function settle(): Promise<void> {
    for (let i = 0; i < 5; i++) {
        await new Promise((resolve) => setImmediate(resolve));
    }
}

/** A clock the test moves: `advance` fires the timers that come due, in order, and lets what they start finish. */
export class ManualClock implements Clock {
    private time: number;
    private sequence = 0;
    private readonly timers: { due: number; seq: number; callback: () => void; done: boolean }[] = [];

    constructor(start = 1_000_000) {
        this.time = start;
    }

    now(): number {
        return this.time;
    }

    setTimer(callback: () => void, delayMs: number): Timer {
        const timer = { due: this.time + delayMs, seq: this.sequence++, callback, done: false };
        this.timers.push(timer);
        return { cancel: () => (timer.done = true) };
    }

    /** The delays from now of the timers still pending. */
    pending(): number[] {
        return this.live().map((t) => t.due - this.time);
    }

    async advance(ms: number): Promise<void> {
        const end = this.time + ms;
        for (;;) {
            await settle();
            const next = this.live().find((t) => t.due <= end);
            if (!next) {
                break;
            }
            this.time = next.due;
            next.done = true;
            next.callback();
        }
        this.time = end;
        await settle();
    }

    private live() {
        return this.timers.filter((t) => !t.done).sort((a, b) => a.due - b.due || a.seq - b.seq);
    }
}
