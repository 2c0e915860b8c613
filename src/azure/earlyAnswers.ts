import { groupBy } from './groupBy';

/** An early answer older than this is not used: the listing asks again. */
const usableForMs = 60_000;

interface Early {
    readonly startedAt: number;
    readonly answer: Promise<Map<string, unknown[]> | undefined>;
}

/**
 * Listings asked before the subscriptions are listed (a cold start), by kind, each taken once by the first listing of
 * its kind: the rows grouped by subscription (lower-case id). A failed early answer is none: the listing then asks
 * as it always does, and judges (and logs) a failure itself.
 */
export class EarlyAnswers {
    private readonly answers = new Map<string, Early>();

    has(kind: string): boolean {
        return this.answers.has(kind);
    }

    start<T extends { subscriptionId: string }>(kind: string, ask: () => Promise<T[] | undefined>): void {
        const answer = ask().then(
            (items) => items && groupBy<unknown>(items, (item) => (item as T).subscriptionId.toLowerCase()),
            () => undefined,
        );
        this.answers.set(kind, { startedAt: Date.now(), answer });
    }

    /** The early answer of a kind, once; none when none was asked, it failed, or it is old. */
    async take<T>(kind: string): Promise<Map<string, T[]> | undefined> {
        const early = this.answers.get(kind);
        if (!early) {
            return undefined;
        }
        this.answers.delete(kind);
        const answer = await early.answer;
        return answer && Date.now() - early.startedAt < usableForMs ? (answer as Map<string, T[]>) : undefined;
    }

    clear(): void {
        this.answers.clear();
    }
}
