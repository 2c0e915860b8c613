/**
 * Fault injection: latency, error statuses (429/500/503/...), dropped connections, matched by method + path regex,
 * limited to the first N matching requests (`count`) and/or a seeded probability (`rate`).
 *
 * Config (JSON):
 * { "seed": 1, "latencyMs": 0, "rules": [ { "name": "throttle-sub4", "method": "GET", "path": "^/subscriptions/4444",
 *   "status": 429, "retryAfterSeconds": 1, "count": 4 }, { "path": "ResourceGraph", "rate": 0.5, "status": 503 },
 *   { "path": "/computes$", "drop": true, "count": 1 }, { "path": ".", "latencyMs": 200 } ] }
 */

export interface FaultRule {
    name?: string;
    /** Exact method or regex (case-insensitive); any when absent. */
    method?: string;
    /** Regex matched (case-insensitive) against the decoded path. */
    path: string;
    /** Optional regex matched against the raw query string. */
    query?: string;
    /** Respond with this status and an ARM error body. */
    status?: number;
    code?: string;
    message?: string;
    retryAfterSeconds?: number;
    /** Destroy the socket without answering. */
    drop?: boolean;
    /** Carry the request out, then destroy the socket instead of answering (the change happened; the caller cannot know). */
    dropResponse?: boolean;
    /**
     * Extra delay before handling (alone: slow route; with status/drop: delay then fail). `[min, max]` draws a delay
     * in that range from the seeded PRNG, for latency spikes.
     */
    latencyMs?: number | [number, number];
    /** Apply to the first N matching requests only. */
    count?: number;
    /** Probability (0..1) of applying to a matching request, from the seeded PRNG. */
    rate?: number;
}

export interface FaultConfig {
    seed?: number;
    /** Added to every request (except admin). */
    latencyMs?: number;
    rules?: FaultRule[];
}

export interface FaultStatus extends Omit<FaultConfig, 'rules'> {
    rules: FaultRuleStatus[];
}

export interface FaultDecision {
    latencyMs: number;
    rule?: FaultRule;
    /** For a throttling rule: the seconds left in its window (what `Retry-After` says). */
    retryAfterSeconds?: number;
}

export interface FaultRuleStatus extends FaultRule {
    matched: number;
    applied: number;
}

/** A small seeded PRNG: the same seed gives the same numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

export function validateFaultConfig(value: unknown): FaultConfig {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new Error('fault config must be an object { seed?, latencyMs?, rules?: [...] }');
    }
    const config = value as FaultConfig;
    for (const rule of config.rules ?? []) {
        if (typeof rule.path !== 'string') {
            throw new Error(`fault rule ${JSON.stringify(rule)} needs a "path" regex`);
        }
        new RegExp(rule.path, 'i');
        if (rule.method && !/^[A-Za-z|()^$.*]+$/.test(rule.method)) {
            throw new Error(`bad method in fault rule: ${rule.method}`);
        }
        const latency = rule.latencyMs;
        if (
            latency !== undefined &&
            !(typeof latency === 'number' && latency >= 0) &&
            !(
                Array.isArray(latency) &&
                latency.length === 2 &&
                latency.every((n) => typeof n === 'number' && n >= 0) &&
                latency[0] <= latency[1]
            )
        ) {
            throw new Error(`bad latencyMs in fault rule (a number or [min, max]): ${JSON.stringify(latency)}`);
        }
    }
    return config;
}

export class FaultInjector {
    private config: FaultConfig = {};
    private counters: { matched: number; applied: number }[] = [];
    private random: () => number = mulberry32(1);
    /** Per throttling rule (429 with retryAfterSeconds): when the window its first 429 opened ends. */
    private windowEnds: (number | undefined)[] = [];

    constructor(config: FaultConfig = {}) {
        this.set(config);
    }

    set(config: FaultConfig): void {
        this.config = validateFaultConfig(config);
        this.counters = (config.rules ?? []).map(() => ({ matched: 0, applied: 0 }));
        this.windowEnds = [];
        this.random = mulberry32(config.seed ?? 1);
    }

    get(): FaultStatus {
        return {
            ...this.config,
            rules: (this.config.rules ?? []).map((r, i) => ({ ...r, ...this.counters[i] })),
        };
    }

    /** Decides what happens to a request; counts matches and applications. */
    decide(method: string, path: string, rawQuery: string, now = Date.now()): FaultDecision {
        let latencyMs = this.config.latencyMs ?? 0;
        let chosen: FaultRule | undefined;
        let retryAfterSeconds: number | undefined;
        (this.config.rules ?? []).forEach((rule, i) => {
            if (rule.method && !new RegExp(`^(${rule.method})$`, 'i').test(method)) {
                return;
            }
            if (!new RegExp(rule.path, 'i').test(path) || (rule.query && !new RegExp(rule.query, 'i').test(rawQuery))) {
                return;
            }
            const counter = this.counters[i];
            counter.matched++;
            const failing = rule.status !== undefined || rule.drop || rule.dropResponse;
            if (failing && chosen) {
                return;
            }
            if (rule.count !== undefined && counter.applied >= rule.count) {
                return;
            }
            if (rule.rate !== undefined && this.random() >= rule.rate) {
                return;
            }
            // An open-ended 429 rule (no `count`, which means "the first N requests") throttles as ARM does: a request
            // that comes after the Retry-After it was given is served, and the next one the rule catches opens a new window.
            const throttles = rule.status === 429 && rule.retryAfterSeconds !== undefined && rule.count === undefined;
            const windowEnd = this.windowEnds[i];
            if (throttles && windowEnd !== undefined && now >= windowEnd) {
                this.windowEnds[i] = undefined;
                return;
            }
            counter.applied++;
            latencyMs += this.latencyOf(rule);
            if (failing) {
                chosen = rule;
            }
            if (throttles) {
                const end = windowEnd ?? now + (rule.retryAfterSeconds ?? 0) * 1000;
                this.windowEnds[i] = end;
                retryAfterSeconds = Math.max(1, Math.ceil((end - now) / 1000));
            }
        });
        return { latencyMs, rule: chosen, retryAfterSeconds };
    }

    private latencyOf(rule: FaultRule): number {
        const latency = rule.latencyMs ?? 0;
        if (typeof latency === 'number') {
            return latency;
        }
        const [min, max] = latency;
        return Math.round(min + this.random() * (max - min));
    }
}

export const defaultFaultCodes: Record<number, string> = {
    400: 'BadRequest',
    401: 'AuthenticationFailed',
    403: 'Forbidden',
    404: 'NotFound',
    408: 'RequestTimeout',
    409: 'Conflict',
    429: 'TooManyRequests',
    500: 'InternalServerError',
    502: 'BadGateway',
    503: 'ServiceUnavailable',
    504: 'GatewayTimeout',
};
