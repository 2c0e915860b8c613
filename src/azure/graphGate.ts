import { describeAzureError } from './errors';

/** Where the listings came from last: the views say so. */
export type ListingSource = 'resourceGraph' | 'resourceManager';

/** After Resource Graph is refused or absent (custom clouds), go straight to ARM listing for this long. */
const graphUnavailableForMs = 10 * 60_000;

/**
 * Whether the inventory asks Resource Graph, and what a failure of it means: refused, absent or a query it does not
 * take marks it unavailable for a while (ARM listing meanwhile); any failure but a cancel is answered with none, so
 * the caller lists through ARM.
 */
export class GraphGate {
    private unavailableUntil = 0;
    private lastSource: ListingSource = 'resourceGraph';

    constructor(private readonly onFailure?: (error: unknown) => void) {}

    get available(): boolean {
        return Date.now() >= this.unavailableUntil;
    }

    /** Where the last listing came from: Resource Graph, or each subscription through ARM. */
    get listingSource(): ListingSource {
        return this.lastSource;
    }

    /** An answer of the graph got another way (asked early) counts as the graph's. */
    answered(): void {
        this.lastSource = 'resourceGraph';
    }

    /** The graph is tried again even if it failed a moment ago. */
    reset(): void {
        this.unavailableUntil = 0;
    }

    /** The graph's answer, or undefined when it failed and ARM listing should be used instead. */
    async ask<T>(abortSignal: AbortSignal | undefined, query: () => Promise<T>): Promise<T | undefined> {
        if (!this.available) {
            this.lastSource = 'resourceManager';
            return undefined;
        }
        try {
            const answer = await query();
            this.lastSource = 'resourceGraph';
            return answer;
        } catch (error) {
            const { kind } = describeAzureError(error);
            if (kind === 'cancelled' || abortSignal?.aborted) {
                throw error;
            }
            if (kind === 'forbidden' || kind === 'notFound' || kind === 'badRequest') {
                this.unavailableUntil = Date.now() + graphUnavailableForMs;
            }
            this.lastSource = 'resourceManager';
            this.onFailure?.(error);
            return undefined;
        }
    }
}
