/**
 * The Node half of `npm run bench`: the extension's own inventory code (src/azure) against the emulator's scale
 * world with latency on every request, through the real SDK clients. Each fast path is measured next to the slow
 * way in the same run: listing each subscription (or workspace) one after another, as before Resource Graph.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CredentialSource } from '../../src/auth/credentialSource';
import { InventoryService } from '../../src/azure/inventoryService';
import { listClusters, listComputes, listWorkspaces } from '../../src/azure/inventory';
import type { SubscriptionContext } from '../../src/azure/subscriptionContext';
import { refuseResourceGraph } from '../emulator/admin';
import type { RequestLogEntry } from '../emulator/requestLog';
import { defaultStateDir, startEmulator, type RunningEmulator } from '../emulator/server';
import { emulatorCloud } from '../integration/helpers';
import type { BenchFigure } from './figures';
import { duplicateRequests, isArm, sequentialDepth } from './requests';
import { scaleFixture } from '../emulator/scale';

export interface NodeBenchOptions {
    readonly latencyMs: number;
    readonly log: (line: string) => void;
}

interface Measured<T> {
    readonly ms: number;
    readonly result: T;
    readonly requests: RequestLogEntry[];
}

async function measure<T>(em: RunningEmulator, work: () => Promise<T>): Promise<Measured<T>> {
    em.admin.clearRequests();
    const started = performance.now();
    const result = await work();
    const ms = performance.now() - started;
    return { ms, result, requests: em.admin.requests() };
}

async function inventoryOf(service: InventoryService, subscriptions: readonly SubscriptionContext[]) {
    const [workspaces, clusters] = await Promise.all([
        Promise.all(subscriptions.map((s) => service.workspaces(s))),
        Promise.all(subscriptions.map((s) => service.clusters(s))),
    ]);
    return { workspaces: workspaces.flat().length, clusters: clusters.flat().length };
}

export async function measureInventory(options: NodeBenchOptions): Promise<BenchFigure[]> {
    const { log, latencyMs } = options;
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'azureml-k8s-bench-'));
    const em = await startEmulator({
        port: 0,
        fixture: scaleFixture(),
        stateDir,
        certDir: defaultStateDir(),
        latencyMs,
        quiet: true,
    });
    em.admin.setFaults({ rules: [] });
    Object.assign(process.env, em.env);
    const figures: BenchFigure[] = [];
    try {
        const signIn = await measure(em, () =>
            new CredentialSource('environment', emulatorCloud(em)).listSubscriptions(),
        );
        const subscriptions = signIn.result.subscriptions;
        log(`signed in: ${subscriptions.length} subscriptions in ${Math.round(signIn.ms)} ms`);
        figures.push({
            name: 'Sign-in: subscription list',
            value: signIn.ms,
            unit: 'ms',
            note: `${signIn.requests.filter(isArm).length} ARM request(s) (Resource Graph: ResourceContainers), ${signIn.requests.filter((r) => !isArm(r)).length} Entra, once per session; ${subscriptions.length} subscriptions`,
        });

        log('inventory through Resource Graph...');
        const graph = await measure(em, () =>
            inventoryOf(new InventoryService(async () => subscriptions), subscriptions),
        );
        log('inventory through ARM, parallel (Resource Graph refused)...');
        refuseResourceGraph(em.admin);
        const fallback = await measure(em, () =>
            inventoryOf(new InventoryService(async () => subscriptions), subscriptions),
        );
        em.admin.setFaults({ rules: [] });
        log('inventory one subscription after another (baseline)...');
        const sequential = await measure(em, async () => {
            let workspaces = 0;
            let clusters = 0;
            for (const sub of subscriptions) {
                workspaces += (await listWorkspaces(sub)).length;
                clusters += (await listClusters(sub)).length;
            }
            return { workspaces, clusters };
        });
        const sameAnswer = JSON.stringify(graph.result) === JSON.stringify(sequential.result);
        const counts = `${graph.result.workspaces} workspaces, ${graph.result.clusters} clusters`;
        figures.push(
            {
                name: 'Inventory (workspaces + clusters + AzureML extension), Resource Graph',
                value: graph.ms,
                unit: 'ms',
                target: '≥ 20x faster than sequential',
                baseline: sequential.ms,
                pass: sameAnswer && sequential.ms / graph.ms >= 20,
                note: `${counts}${sameAnswer ? '' : ' — DIFFERENT from the baseline'}`,
            },
            {
                name: 'Inventory, Resource Graph: round trips in sequence',
                value: sequentialDepth(graph.requests.filter(isArm)),
                unit: 'round trips',
                target: '≤ 3',
                limit: 3,
                pass: sequentialDepth(graph.requests.filter(isArm)) <= 3,
                note: `${graph.requests.filter(isArm).length} requests, ${duplicateRequests(graph.requests.filter(isArm)).length} duplicates`,
            },
            {
                name: 'Inventory, ARM fallback (16 in parallel)',
                value: fallback.ms,
                unit: 'ms',
                baseline: sequential.ms,
                note: `${fallback.requests.filter(isArm).length} requests; ${JSON.stringify(fallback.result) === JSON.stringify(sequential.result) ? 'same answer' : 'DIFFERENT answer'}`,
            },
            {
                name: 'Inventory, sequential (baseline)',
                value: sequential.ms,
                unit: 'ms',
                note: `${sequential.requests.filter(isArm).length} requests`,
            },
        );

        log('attachments through Resource Graph...');
        const attachGraph = await measure(em, async () =>
            attachmentCount(await new InventoryService(async () => subscriptions).attachments()),
        );
        log('attachments through ARM, parallel (Resource Graph refused)...');
        refuseResourceGraph(em.admin);
        const attachFallback = await measure(em, async () =>
            attachmentCount(await new InventoryService(async () => subscriptions).attachments()),
        );
        em.admin.setFaults({ rules: [] });
        log('attachments one workspace after another (baseline)...');
        const attachSequential = await measure(em, async () => {
            let attached = 0;
            for (const sub of subscriptions) {
                for (const ws of await listWorkspaces(sub)) {
                    attached += (await listComputes(sub, ws)).filter((c) => c.clusterId).length;
                }
            }
            return attached;
        });
        figures.push(
            {
                name: 'Attachments (every Kubernetes compute by cluster), Resource Graph',
                value: attachGraph.ms,
                unit: 'ms',
                target: '≥ 10x faster than sequential',
                baseline: attachSequential.ms,
                pass: attachGraph.result === attachSequential.result && attachSequential.ms / attachGraph.ms >= 10,
                note: `${attachGraph.result} computes in ${attachGraph.requests.filter(isArm).length} requests (${sequentialDepth(attachGraph.requests.filter(isArm))} in sequence)`,
            },
            {
                name: 'Attachments, ARM fallback (16 in parallel)',
                value: attachFallback.ms,
                unit: 'ms',
                target: '≥ 10x faster than sequential',
                baseline: attachSequential.ms,
                pass:
                    attachFallback.result === attachSequential.result && attachSequential.ms / attachFallback.ms >= 10,
                note: `${attachFallback.result} computes in ${attachFallback.requests.filter(isArm).length} requests`,
            },
            {
                name: 'Attachments, sequential (baseline)',
                value: attachSequential.ms,
                unit: 'ms',
                note: `${attachSequential.result} computes in ${attachSequential.requests.filter(isArm).length} requests`,
            },
        );

        const service = new InventoryService(async () => subscriptions);
        await inventoryOf(service, subscriptions);
        const warm = await measure(em, () => inventoryOf(service, subscriptions));
        figures.push({
            name: 'Picker items from a fresh cache (all subscriptions)',
            value: warm.ms,
            unit: 'ms',
            target: '0 requests',
            pass: warm.requests.filter(isArm).length === 0,
            note: `${warm.requests.filter(isArm).length} requests`,
        });
    } finally {
        await em.stop();
        fs.rmSync(stateDir, { recursive: true, force: true });
    }
    return figures;
}

function attachmentCount(index: { byCluster: ReadonlyMap<string, readonly unknown[]> }): number {
    return [...index.byCluster.values()].reduce((n, list) => n + list.length, 0);
}
