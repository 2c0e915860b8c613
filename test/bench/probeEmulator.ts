/**
 * Measures the emulator on the scale world: start-up, every Resource Graph query of the inventory (first page with
 * $top=1000, then each $skipToken page, and one $skip page) and the per-subscription / per-item ARM list calls of the
 * fallback path. Plain HTTPS with a token from the emulator's admin API; server-side times come from the request log
 * (its `durationMs` minus the configured latency); CPU times are this process's (emulator and client together), which
 * a busy machine inflates less than wall times.
 *
 *   npm run compile && node out/test/bench/probeEmulator.js [--latency 0,100] [--sample N] [--concurrency 16]
 *       [--subscriptions 200 --workspaces 5 --clusters 5 --computes 5] [--queries workspaces,computes] [--json file]
 *
 * `--sample N` limits the per-subscription / per-cluster / per-workspace sweeps to their first N items.
 */

import * as fs from 'fs';
import * as https from 'https';
import * as os from 'os';
import * as path from 'path';
import { apiVersions } from '../emulator/apiVersions';
import { defaultStateDir, startEmulator, type RunningEmulator } from '../emulator/server';
import { scaleFixture, type ScaleOptions } from '../emulator/scale';

export const inventoryQueries: Record<string, string> = {
    workspaces:
        "Resources | where type =~ 'microsoft.machinelearningservices/workspaces' | project id, name, type, location, identity, properties",
    clusters:
        "Resources | where type in~ ('microsoft.containerservice/managedclusters','microsoft.kubernetes/connectedclusters') | project id, name, type, location, identity, properties",
    extensions:
        "KubernetesConfigurationResources | where type =~ 'microsoft.kubernetesconfiguration/extensions' | where properties.extensionType =~ 'microsoft.azureml.kubernetes' | project id, name, properties",
    computes:
        "Resources | where type =~ 'microsoft.machinelearningservices/workspaces/computes' | where properties.computeType =~ 'Kubernetes' | project id, name, location, identity, properties",
    identities:
        "Resources | where type =~ 'microsoft.managedidentity/userassignedidentities' | project id, name, type, location, identity, properties",
};

interface Sample {
    phase: string;
    status: number;
    clientMs: number;
    /** CPU time of this process (emulator and client) while the request ran; meaningful when requests run one at a time. */
    cpuMs: number;
    serverMs?: number;
    rows?: number;
    bytes: number;
}

interface Probe {
    em: RunningEmulator;
    token: string;
    agent: https.Agent;
    latencyMs: number;
    samples: Sample[];
    /** requestId → sample, filled from the request log after each phase. */
    pending: Map<string, Sample>;
}

/** One request; retried once when a kept-alive socket turns out closed (the server closes idle ones after 5 s). */
async function request(
    probe: Probe,
    phase: string,
    method: string,
    pathAndQuery: string,
    body?: unknown,
): Promise<{ sample: Sample; json: unknown }> {
    try {
        return await requestOnce(probe, phase, method, pathAndQuery, body);
    } catch (e) {
        if ((e as { code?: string }).code !== 'ECONNRESET') {
            throw e;
        }
        return requestOnce(probe, phase, method, pathAndQuery, body);
    }
}

function requestOnce(
    probe: Probe,
    phase: string,
    method: string,
    pathAndQuery: string,
    body?: unknown,
): Promise<{ sample: Sample; json: unknown }> {
    const url = new URL(pathAndQuery, probe.em.url);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const started = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    return new Promise((resolve, reject) => {
        const req = https.request(
            url,
            {
                method,
                agent: probe.agent,
                headers: {
                    authorization: `Bearer ${probe.token}`,
                    ...(payload
                        ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
                        : {}),
                },
            },
            (res) => {
                const chunks: Buffer[] = [];
                res.on('data', (c: Buffer) => chunks.push(c));
                res.on('end', () => {
                    const text = Buffer.concat(chunks).toString('utf8');
                    const sample: Sample = {
                        phase,
                        status: res.statusCode ?? 0,
                        clientMs: Number(process.hrtime.bigint() - started) / 1e6,
                        cpuMs: cpuMsSince(cpuStart),
                        bytes: text.length,
                    };
                    probe.samples.push(sample);
                    const requestId = res.headers['x-ms-request-id'];
                    if (typeof requestId === 'string') {
                        probe.pending.set(requestId, sample);
                    }
                    let json: unknown;
                    try {
                        json = text ? JSON.parse(text) : undefined;
                    } catch {
                        json = text;
                    }
                    resolve({ sample, json });
                });
                res.on('error', reject);
            },
        );
        req.on('error', reject);
        req.end(payload);
    });
}

/** Copies server-side durations from the request log onto the samples taken since the last call. */
function collectServerTimes(probe: Probe): void {
    for (const entry of probe.em.admin.requests()) {
        const sample = probe.pending.get(entry.requestId);
        if (sample) {
            sample.serverMs = Math.max(0, entry.durationMs - probe.latencyMs);
            probe.pending.delete(entry.requestId);
        }
    }
    probe.em.admin.clearRequests();
}

async function graphQuery(probe: Probe, name: string, query: string, subscriptions: string[]): Promise<number> {
    const graphPath = `/providers/Microsoft.ResourceGraph/resources?api-version=${apiVersions['microsoft.resourcegraph'][0]}`;
    let skipToken: string | undefined;
    let page = 0;
    let total = 0;
    do {
        const { sample, json } = await request(
            probe,
            `graph ${name} page ${page === 0 ? '1' : '2+'}`,
            'POST',
            graphPath,
            {
                subscriptions,
                query,
                options: { resultFormat: 'objectArray', $top: 1000, ...(skipToken ? { $skipToken: skipToken } : {}) },
            },
        );
        const result = json as { data?: unknown[]; $skipToken?: string; totalRecords?: number };
        if (sample.status !== 200) {
            throw new Error(`${name}: HTTP ${sample.status} ${JSON.stringify(json).slice(0, 300)}`);
        }
        sample.rows = result.data?.length ?? 0;
        total += sample.rows;
        skipToken = result.$skipToken;
        page++;
    } while (skipToken);
    return total;
}

async function listAll(probe: Probe, phase: string, pathAndQuery: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let next: string | undefined = pathAndQuery;
    while (next) {
        const { sample, json } = await request(probe, phase, 'GET', next);
        if (sample.status !== 200) {
            throw new Error(`${phase} ${next}: HTTP ${sample.status} ${JSON.stringify(json).slice(0, 300)}`);
        }
        const page = json as { value?: Record<string, unknown>[]; nextLink?: string };
        sample.rows = page.value?.length ?? 0;
        items.push(...(page.value ?? []));
        next = page.nextLink;
    }
    return items;
}

async function mapConcurrent<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
    const results: R[] = new Array<R>(items.length);
    let next = 0;
    const worker = async (): Promise<void> => {
        while (next < items.length) {
            const i = next++;
            results[i] = await fn(items[i]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
}

function stats(values: number[]): { mean: number; min: number; p50: number; p95: number; max: number } {
    if (values.length === 0) {
        return { mean: NaN, min: NaN, p50: NaN, p95: NaN, max: NaN };
    }
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    return {
        mean: values.reduce((a, b) => a + b, 0) / values.length,
        min: sorted[0],
        p50: at(0.5),
        p95: at(0.95),
        max: sorted[sorted.length - 1],
    };
}

export interface ProbeOptions {
    latencyMs: number;
    scale?: ScaleOptions;
    sample?: number;
    concurrency?: number;
    /** Names of `inventoryQueries` to run; default all. */
    queries?: string[];
    log?: (line: string) => void;
}

export interface ProbeReport {
    latencyMs: number;
    fixtureMs: number;
    startupMs: number;
    startupCpuMs: number;
    phases: {
        phase: string;
        requests: number;
        rows: number;
        server: ReturnType<typeof stats>;
        client: ReturnType<typeof stats>;
        cpu: ReturnType<typeof stats>;
        wallMs?: number;
        /** CPU time of the whole phase (this process). */
        cpuMs?: number;
    }[];
}

export async function probeEmulator(options: ProbeOptions): Promise<ProbeReport> {
    const log = options.log ?? ((): void => undefined);
    const concurrency = options.concurrency ?? 16;
    const t0 = performance.now();
    const fixture = scaleFixture(options.scale);
    const fixtureMs = performance.now() - t0;
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'azure-emulator-bench-'));
    const t1 = performance.now();
    const startCpu = process.cpuUsage();
    const em = await startEmulator({
        port: 0,
        stateDir,
        certDir: defaultStateDir(),
        fixture,
        latencyMs: options.latencyMs,
        writeFiles: false,
        quiet: true,
    });
    const startupMs = performance.now() - t1;
    const startupCpuMs = cpuMsSince(startCpu);
    log(
        `fixture ${fixtureMs.toFixed(0)} ms, emulator start-up ${startupMs.toFixed(0)} ms (CPU ${startupCpuMs.toFixed(0)} ms)`,
    );
    const probe: Probe = {
        em,
        token: em.admin.issueToken(),
        agent: new https.Agent({ keepAlive: true, maxSockets: concurrency, ca: fs.readFileSync(em.caCertPath) }),
        latencyMs: options.latencyMs,
        samples: [],
        pending: new Map(),
    };
    const walls = new Map<string, { wallMs: number; cpuMs: number }>();
    const timed = async <T>(phase: string, fn: () => Promise<T>): Promise<T> => {
        const start = performance.now();
        const cpuStart = process.cpuUsage();
        const result = await fn();
        walls.set(phase, { wallMs: performance.now() - start, cpuMs: cpuMsSince(cpuStart) });
        collectServerTimes(probe);
        log(`${phase}: ${(performance.now() - start).toFixed(0)} ms`);
        return result;
    };
    try {
        const v = (ns: string): string => apiVersions[ns][0];
        const subs = await timed('ARM subscriptions list (all pages)', () =>
            listAll(probe, 'ARM subscriptions list', `/subscriptions?api-version=${v('microsoft.resources')}`),
        );
        const subscriptionIds = subs.map((s) => String(s.subscriptionId));
        for (const [name, query] of Object.entries(inventoryQueries).filter(
            ([n]) => !options.queries || options.queries.includes(n),
        )) {
            const rows = await timed(`graph ${name} (all pages)`, () =>
                graphQuery(probe, name, query, subscriptionIds),
            );
            log(`  ${name}: ${rows} rows`);
        }
        await timed('graph computes $skip=1000', async () => {
            if (options.queries && !options.queries.includes('computes')) {
                return undefined;
            }
            const { sample, json } = await request(
                probe,
                'graph computes $skip=1000',
                'POST',
                `/providers/Microsoft.ResourceGraph/resources?api-version=${v('microsoft.resourcegraph')}`,
                {
                    subscriptions: subscriptionIds,
                    query: inventoryQueries.computes,
                    options: { $top: 1000, $skip: 1000 },
                },
            );
            sample.rows = (json as { data?: unknown[] }).data?.length ?? 0;
            return sample;
        });
        const sampled = <T>(items: T[]): T[] => (options.sample ? items.slice(0, options.sample) : items);
        const perSub = sampled(subscriptionIds);
        const workspaces = (
            await timed('ARM workspaces listBySubscription (sweep)', () =>
                mapConcurrent(perSub, concurrency, (s) =>
                    listAll(
                        probe,
                        'ARM workspaces listBySubscription',
                        `/subscriptions/${s}/providers/Microsoft.MachineLearningServices/workspaces?api-version=${v('microsoft.machinelearningservices')}`,
                    ),
                ),
            )
        ).flat();
        const aks = (
            await timed('ARM managedClusters list (sweep)', () =>
                mapConcurrent(perSub, concurrency, (s) =>
                    listAll(
                        probe,
                        'ARM managedClusters list',
                        `/subscriptions/${s}/providers/Microsoft.ContainerService/managedClusters?api-version=${v('microsoft.containerservice')}`,
                    ),
                ),
            )
        ).flat();
        const arc = (
            await timed('ARM connectedClusters listBySubscription (sweep)', () =>
                mapConcurrent(perSub, concurrency, (s) =>
                    listAll(
                        probe,
                        'ARM connectedClusters listBySubscription',
                        `/subscriptions/${s}/providers/Microsoft.Kubernetes/connectedClusters?api-version=${v('microsoft.kubernetes')}`,
                    ),
                ),
            )
        ).flat();
        const clusterIds = sampled([...aks, ...arc].map((c) => String(c.id)));
        await timed('ARM extensions list per cluster (sweep)', () =>
            mapConcurrent(clusterIds, concurrency, (id) =>
                listAll(
                    probe,
                    'ARM extensions list per cluster',
                    `${id}/providers/Microsoft.KubernetesConfiguration/extensions?api-version=${v('microsoft.kubernetesconfiguration')}`,
                ),
            ),
        );
        const workspaceIds = sampled(workspaces.map((w) => String(w.id)));
        await timed('ARM computes list per workspace (sweep)', () =>
            mapConcurrent(workspaceIds, concurrency, (id) =>
                listAll(
                    probe,
                    'ARM computes list per workspace',
                    `${id}/computes?api-version=${v('microsoft.machinelearningservices')}`,
                ),
            ),
        );
        await timed('ARM workspace GET', () =>
            mapConcurrent(workspaceIds.slice(0, 50), concurrency, (id) =>
                request(
                    probe,
                    'ARM workspace GET',
                    'GET',
                    `${id}?api-version=${v('microsoft.machinelearningservices')}`,
                ),
            ),
        );
    } finally {
        probe.agent.destroy();
        await em.stop();
        fs.rmSync(stateDir, { recursive: true, force: true });
    }
    const phases = [...new Set(probe.samples.map((s) => s.phase))].map((phase) => {
        const samples = probe.samples.filter((s) => s.phase === phase);
        return {
            phase,
            requests: samples.length,
            rows: samples.reduce((a, s) => a + (s.rows ?? 0), 0),
            server: stats(samples.flatMap((s) => (s.serverMs === undefined ? [] : [s.serverMs]))),
            client: stats(samples.map((s) => s.clientMs)),
            cpu: stats(samples.map((s) => s.cpuMs)),
        };
    });
    const sweeps = [...walls.entries()].map(([phase, { wallMs, cpuMs }]) => ({
        phase: `${phase} wall`,
        requests: 0,
        rows: 0,
        server: stats([]),
        client: stats([]),
        cpu: stats([]),
        wallMs,
        cpuMs,
    }));
    return { latencyMs: options.latencyMs, fixtureMs, startupMs, startupCpuMs, phases: [...phases, ...sweeps] };
}

export function formatReport(report: ProbeReport): string {
    const f = (n: number): string => (Number.isNaN(n) ? '' : n < 10 ? n.toFixed(1) : n.toFixed(0));
    const lines = [
        `latency ${report.latencyMs} ms — fixture generation ${f(report.fixtureMs)} ms, emulator start-up ${f(report.startupMs)} ms (CPU ${f(report.startupCpuMs)} ms)`,
        '',
        '| phase | requests | rows | server ms mean / p95 / max | client ms mean / p95 / max | CPU ms mean / min | wall ms | phase CPU ms |',
        '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ];
    for (const p of report.phases) {
        lines.push(
            p.wallMs === undefined
                ? `| ${p.phase} | ${p.requests} | ${p.rows} | ${f(p.server.mean)} / ${f(p.server.p95)} / ${f(p.server.max)} | ${f(p.client.mean)} / ${f(p.client.p95)} / ${f(p.client.max)} | ${f(p.cpu.mean)} / ${f(p.cpu.min)} | | |`
                : `| ${p.phase} | | | | | | ${f(p.wallMs)} | ${f(p.cpuMs ?? NaN)} |`,
        );
    }
    return lines.join('\n');
}

async function main(): Promise<void> {
    const args = process.argv.slice(2);
    const arg = (name: string): string | undefined => {
        const i = args.indexOf(name);
        return i >= 0 ? args[i + 1] : undefined;
    };
    const num = (name: string): number | undefined => (arg(name) === undefined ? undefined : Number(arg(name)));
    const latencies = (arg('--latency') ?? '0,100').split(',').map(Number);
    const scale: ScaleOptions = {
        subscriptions: num('--subscriptions'),
        workspacesPerSubscription: num('--workspaces'),
        clustersPerSubscription: num('--clusters'),
        computesPerWorkspace: num('--computes'),
    };
    const reports: ProbeReport[] = [];
    for (const latencyMs of latencies) {
        const report = await probeEmulator({
            latencyMs,
            scale,
            sample: num('--sample'),
            concurrency: num('--concurrency'),
            queries: arg('--queries')?.split(','),
            log: (line) => process.stderr.write(`[latency ${latencyMs}] ${line}\n`),
        });
        reports.push(report);
        process.stdout.write(formatReport(report) + '\n\n');
    }
    const out = arg('--json');
    if (out) {
        fs.writeFileSync(out, JSON.stringify(reports, null, 2) + '\n');
    }
}

if (require.main === module) {
    main().catch((e: unknown) => {
        process.stderr.write(`probe: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
        process.exit(1);
    });
}
