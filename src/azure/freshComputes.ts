import type { ComputeInfo } from '../domain/models';
import { groupBy } from './groupBy';

/**
 * What ARM itself said recently about computes, laid over Resource Graph answers: the graph is indexed
 * asynchronously and can lag behind a compute just attached, changed or detached by a few minutes.
 */
export class FreshComputes {
    private readonly workspaces = new Map<string, { computes: readonly ComputeInfo[]; at: number }>();
    private readonly computes = new Map<string, { compute: ComputeInfo | undefined; at: number }>();
    /** Changes with every answer recorded, so a result of `apply` can be kept until the next one. */
    version = 0;
    private grouped:
        { graph: readonly ComputeInfo[]; version: number; byWorkspace: Map<string, ComputeInfo[]> } | undefined;

    constructor(
        private readonly keepMs = 10 * 60_000,
        private readonly now: () => number = Date.now,
    ) {}

    /** A workspace's full compute list, read from ARM. */
    recordWorkspace(workspaceId: string, computes: readonly ComputeInfo[]): void {
        this.workspaces.set(workspaceId.toLowerCase(), { computes, at: this.now() });
        this.version++;
    }

    /** One compute read from ARM; `undefined` when it no longer exists. */
    recordCompute(computeId: string, compute: ComputeInfo | undefined): void {
        this.computes.set(computeId.toLowerCase(), { compute, at: this.now() });
        this.version++;
    }

    /** `graph` with every recent ARM answer applied: the newer of a workspace list and a single read wins. */
    apply(graph: readonly ComputeInfo[]): ComputeInfo[] {
        this.forgetOld();
        const byId = new Map<string, { compute: ComputeInfo; at: number }>();
        for (const compute of graph) {
            if (!this.workspaces.has(compute.workspaceId.toLowerCase())) {
                byId.set(compute.id.toLowerCase(), { compute, at: -Infinity });
            }
        }
        for (const { computes, at } of this.workspaces.values()) {
            for (const compute of computes) {
                byId.set(compute.id.toLowerCase(), { compute, at });
            }
        }
        for (const [id, { compute, at }] of this.computes) {
            const known = byId.get(id);
            if (known && known.at > at) {
                continue;
            }
            if (compute) {
                byId.set(id, { compute, at });
            } else {
                byId.delete(id);
            }
        }
        return [...byId.values()].map((e) => e.compute);
    }

    /**
     * `apply(graph)` by lower-case workspace id, grouped once per graph answer and ARM answer: a view with 1,000
     * workspaces open asks for each, and going through every compute each time is what made it slow.
     */
    applyByWorkspace(graph: readonly ComputeInfo[]): Map<string, ComputeInfo[]> {
        this.forgetOld();
        if (this.grouped?.graph !== graph || this.grouped.version !== this.version) {
            const byWorkspace = groupBy(this.apply(graph), (c) => c.workspaceId.toLowerCase());
            this.grouped = { graph, version: this.version, byWorkspace };
        }
        return this.grouped.byWorkspace;
    }

    private forgetOld(): void {
        const cutoff = this.now() - this.keepMs;
        for (const map of [this.workspaces, this.computes]) {
            for (const [key, entry] of map) {
                if (entry.at < cutoff) {
                    map.delete(key);
                    this.version++;
                }
            }
        }
    }
}
