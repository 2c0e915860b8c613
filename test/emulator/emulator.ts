/** The shared emulator context handed to every route handler. */

import { FaultInjector, type FaultConfig } from './faults';
import { type RequestLog } from './requestLog';
import { type State } from './state';
import { type TokenSigner } from './tokens';
import { RateLimits } from './rateLimits';

export interface TunableOptions {
    /** Time a compute create/update/delete stays in progress. */
    provisioningDelayMs: number;
    /** Time before a runCommand result is ready. */
    runCommandDelayMs: number;
    /** Items per page in list responses. */
    pageSize: number;
    /** Lifetime of issued access tokens. */
    tokenLifetimeSeconds: number;
    /** Value of `Retry-After` on in-progress operation polls. */
    retryAfterSeconds: number;
    /** Delay added to every request except admin ones. */
    latencyMs: number;
    /**
     * Azure Resource Graph: `available`, `forbidden` (403 AuthorizationFailed, as when policy denies it) or `absent`
     * (404 InvalidResourceNamespace, as in a custom cloud without the provider).
     */
    resourceGraph: ResourceGraphMode;
}

export const resourceGraphModes = ['available', 'forbidden', 'absent'] as const;
export type ResourceGraphMode = (typeof resourceGraphModes)[number];

/** Checks a `resourceGraph` option value. */
export function parseResourceGraphMode(value: unknown): ResourceGraphMode {
    const mode = resourceGraphModes.find((m) => m === String(value).toLowerCase());
    if (!mode) {
        throw new Error(`resourceGraph must be one of ${resourceGraphModes.join(', ')}; got ${JSON.stringify(value)}`);
    }
    return mode;
}

export class Emulator {
    url = '';
    readonly faults: FaultInjector;
    readonly rateLimits = new RateLimits();

    constructor(
        readonly state: State,
        readonly signer: TokenSigner,
        readonly log: RequestLog,
        readonly tunables: TunableOptions,
        private readonly startFaults: FaultConfig,
        readonly quiet: boolean,
    ) {
        this.faults = new FaultInjector(startFaults);
    }

    get tenantId(): string {
        return this.state.tenantId;
    }

    /** The issuer of the service principal's tokens (its home tenant). */
    get issuer(): string {
        return this.issuerFor(this.tenantId);
    }

    issuerFor(tenantId: string): string {
        return `${this.url}/${tenantId}/v2.0`;
    }

    /** Back to the fixture's world and the start-up faults. */
    reset(): void {
        this.state.reset();
        this.faults.set(this.startFaults);
        this.rateLimits.reset();
    }
}
