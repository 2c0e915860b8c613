/**
 * The fault suite: 50 attaches, 20 identity edits and 20 detaches run side by side through the extension's own
 * Azure code and its own follow loop (ComputeFollower, shared by every flow) against the emulator while 20% of ARM requests fail (429 with Retry-After, 500, 503), some are held
 * 1-5 s, and a few compute writes lose their connection. Then the emulator's world and request log are checked:
 * every flow ends where it meant to (or told the user a clear error and wrote nothing), no compute is created twice
 * or overwritten, edits change the identity and nothing else, detached computes are gone.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { attachCompute } from '../../src/azure/computeOperations';
import { mapWithConcurrency } from '../../src/azure/concurrency';
import { listComputes, listWorkspaces } from '../../src/azure/inventory';
import type { WorkspaceInfo } from '../../src/domain/models';
import type { SubscriptionContext } from '../../src/azure/subscriptionContext';
import { attachRequestBody } from '../../src/domain/attachPlan';
import type { RequestLogEntry } from '../emulator/requestLog';
import { repoRoot, type RunningEmulator } from '../emulator/server';
import { productFollowLoop } from '../integration/followLoop';
import { startTestEmulator, sub1, sub2, sub4, subscriptionContext } from '../integration/helpers';
import { runFlow, workspaceOf, type FlowResult, type Session } from './flows';
import { computeId, figures, handled, verifyFlow, type Figures, type Json, type Verdict } from './verify';
import { allFlows, faultConfig, seededComputes, workspaceNames, type ComputeSpec, type WorkspaceKey } from './world';

const concurrency = 8;
const provisioningDelayMs = 1500;
const followIntervalMs = 1000;

describe('fault suite: attach, identity edits and detach under 20% faults and latency spikes', function () {
    this.timeout(600_000);
    let em: RunningEmulator;
    let session: Session;
    const initial = new Map<string, Json>();
    let verdicts: Verdict[] = [];
    let results: FlowResult[] = [];
    let faultPhase: RequestLogEntry[] = [];
    let summary: Figures | undefined;

    const attachSeed = async (spec: ComputeSpec) => {
        const { sub, ws } = workspaceOf(session, spec);
        const kind = spec.clusterId.includes('managedClusters') ? 'aks' : 'arc';
        await attachCompute(
            sub,
            ws,
            spec.name,
            attachRequestBody({
                workspace: ws,
                cluster: { id: spec.clusterId, kind },
                computeName: spec.name,
                namespace: spec.namespace,
                identity: spec.identity,
            }),
        );
    };

    before(async () => {
        em = await startTestEmulator({ provisioningDelayMs, runCommandDelayMs: 300 });
        em.admin.setFaults({});
        const subscriptions = new Map<string, SubscriptionContext>(
            [
                [sub1, 'ML Platform Dev'],
                [sub2, 'ML Platform Prod'],
                [sub4, 'Research Shared'],
            ].map(([id, name]) => [id.toLowerCase(), subscriptionContext(em, id, name)]),
        );
        const workspaces = {} as Record<WorkspaceKey, WorkspaceInfo>;
        for (const [key, { name, subscriptionId }] of Object.entries(workspaceNames)) {
            const list = await listWorkspaces(subscriptions.get(subscriptionId)!);
            workspaces[key as WorkspaceKey] = list.find((w) => w.name === name)!;
        }
        session = { subscriptions, workspaces, follower: productFollowLoop(followIntervalMs) };

        // The computes the edits, detaches and name clashes work on, made without faults and left to settle.
        await mapWithConcurrency(seededComputes, concurrency, (spec) => attachSeed(spec));
        await new Promise((r) => setTimeout(r, provisioningDelayMs + 200));
        for (const ws of Object.values(workspaces)) {
            const sub = subscriptions.get(ws.subscriptionId.toLowerCase())!;
            for (const c of await listComputes(sub, ws)) {
                assert.notStrictEqual(c.provisioningState, 'Creating', `${c.name} settled before the faults`);
            }
        }
        for (const resource of Object.values(em.admin.state().resources as Record<string, Json>)) {
            if (/\/computes\/[^/]+$/i.test(String(resource.id))) {
                initial.set(String(resource.id).toLowerCase(), JSON.parse(JSON.stringify(resource)) as Json);
            }
        }

        em.admin.clearRequests();
        em.admin.setFaults(faultConfig);
        const started = Date.now();
        results = await mapWithConcurrency(allFlows(), concurrency, (flow) => runFlow(session, flow));
        const duration = Date.now() - started;
        const requests = em.admin.requests();
        faultPhase = requests;
        em.admin.setFaults({});

        // What ARM lists now, and the emulator's own record.
        const listed = new Map<string, number>();
        for (const ws of Object.values(workspaces)) {
            const sub = subscriptions.get(ws.subscriptionId.toLowerCase())!;
            for (const c of await listComputes(sub, ws)) {
                listed.set(c.id.toLowerCase(), (listed.get(c.id.toLowerCase()) ?? 0) + 1);
            }
        }
        const view = {
            workspaces,
            resource: (id: string) => em.admin.getResource(id) as Json | undefined,
            before: (id: string) => initial.get(id.toLowerCase()),
            listed: (id: string) => listed.get(id.toLowerCase()) ?? 0,
            requests,
        };
        verdicts = results.map((r) => verifyFlow(view, r));
        summary = figures(requests, verdicts, duration);
    });

    after(async () => {
        if (summary) {
            printFigures(summary, verdicts);
            const dir = path.join(repoRoot(), 'test-results');
            fs.mkdirSync(dir, { recursive: true });
            fs.writeFileSync(
                path.join(dir, 'fault-suite.json'),
                JSON.stringify(
                    {
                        figures: summary,
                        flows: verdicts.map((v) => ({
                            id: v.result.flow.id,
                            outcome: v.result.outcome,
                            failedStep: v.result.failedStep,
                            error: v.result.errorInfo,
                            notes: v.result.notes,
                            followReads: v.result.followReads,
                            failedReads: v.result.failedReads,
                            durationMs: v.result.durationMs,
                            problems: v.problems,
                        })),
                    },
                    null,
                    2,
                ),
            );
            fs.writeFileSync(
                path.join(dir, 'fault-suite-requests.jsonl'),
                faultPhase.map((r) => JSON.stringify({ ...r, requestBody: undefined })).join('\n') + '\n',
            );
        }
        session?.follower.dispose();
        await em?.stop();
    });

    it('ran 50 attaches, 20 identity edits and 20 detaches under the faults', () => {
        assert.deepStrictEqual(summary?.flows, { attach: 50, identity: 20, detach: 20 });
        const share = summary!.faults.total / summary!.requests.arm;
        assert.ok(share > 0.15 && share < 0.3, `fault share ${summary!.faults.share}`);
        for (const method of ['GET', 'PUT', 'DELETE', 'POST']) {
            assert.ok((summary!.faults.byMethod[method] ?? 0) > 0, `faults on ${method}`);
        }
        assert.ok(summary!.faults.operationPolls > 0, 'faults on operation-status polls');
        assert.ok(summary!.spikes.count > 0, 'latency spikes');
    });

    it('every flow ends as intended, or told the user a clear error and wrote nothing', () => {
        const wrong = verdicts.filter((v) => v.problems.length > 0);
        assert.deepStrictEqual(
            wrong.map((v) => `${v.result.flow.id}: ${v.problems.join('; ')}`),
            [],
        );
        const neither = verdicts.filter((v) => !v.intended && !v.clearErrorNothingWritten);
        assert.deepStrictEqual(
            neither.map((v) => `${v.result.flow.id}: ${v.result.outcome}`),
            [],
        );
    });

    it('no compute was created twice, and none was PUT over except by the intended identity edits', () => {
        const writes = new Map<string, { created: number; replaced: number }>();
        for (const r of faultPhase.filter((x) => x.method === 'PUT' && /\/computes\/[^/]+$/i.test(x.path))) {
            if (!handled(r)) {
                continue;
            }
            const counts = writes.get(r.path.toLowerCase()) ?? { created: 0, replaced: 0 };
            if (r.status === 201) {
                counts.created++;
            } else if (r.status === 200) {
                counts.replaced++;
            }
            writes.set(r.path.toLowerCase(), counts);
        }
        const edited = new Set(
            results.flatMap((r) =>
                r.flow.kind === 'identity' ? [computeId(session.workspaces, r.flow.target).toLowerCase()] : [],
            ),
        );
        const createdTwice = [...writes].filter(([, c]) => c.created > 1).map(([id]) => id);
        const overwritten = [...writes].filter(([id, c]) => c.replaced > (edited.has(id) ? 1 : 0)).map(([id]) => id);
        assert.deepStrictEqual(createdTwice, [], 'created twice');
        assert.deepStrictEqual(overwritten, [], 'PUT over an existing compute');
    });

    it('the computes no flow touched are as they were', () => {
        const touched = new Set(
            results.map((r) =>
                computeId(session.workspaces, r.flow.kind === 'attach' ? r.flow.spec : r.flow.target).toLowerCase(),
            ),
        );
        for (const [id, was] of initial) {
            if (touched.has(id)) {
                continue;
            }
            const now = em.admin.getResource(id) as Json | undefined;
            assert.deepStrictEqual(
                [now?.properties?.provisioningState, now?.identity, now?.properties?.properties],
                [was.properties?.provisioningState, was.identity, was.properties?.properties],
                id,
            );
        }
    });
});

function printFigures(f: Figures, verdicts: readonly Verdict[]): void {
    const lines = [
        '',
        '  Fault suite figures',
        `    flows run:          ${Object.entries(f.flows)
            .map(([k, n]) => `${n} ${k}`)
            .join(', ')} (${verdicts.length} in all, ${concurrency} at a time)`,
        `    outcomes:           ${Object.entries(f.outcomes)
            .map(([k, n]) => `${k}=${n}`)
            .join(', ')}`,
        `    ARM requests:       ${f.requests.arm} (${Object.entries(f.requests.byMethod)
            .map(([k, n]) => `${k} ${n}`)
            .join(', ')}; ${f.requests.operationPolls} operation polls), token requests ${f.requests.token}`,
        `    faults injected:    ${f.faults.total} = ${f.faults.share} of ARM requests: ${Object.entries(
            f.faults.byKind,
        )
            .map(([k, n]) => `${k} ${n}`)
            .join(', ')}`,
        `      by method:        ${Object.entries(f.faults.byMethod)
            .map(([k, n]) => `${k} ${n}`)
            .join(', ')}; on operation polls ${f.faults.operationPolls}`,
        `    latency spikes:     ${f.spikes.count} (${f.spikes.minMs}-${f.spikes.maxMs} ms, mean ${f.spikes.meanMs} ms)`,
        `    compute writes:     ${f.computeWrites.creates} created, ${f.computeWrites.identityPuts} identity PUTs, ${f.computeWrites.deletes} detaches accepted; ${f.computeWrites.putsRefusedOrLost} PUTs refused or lost by faults`,
        `    follow reads:       ${f.followReads} by the product's loop (ComputeFollower, every ${followIntervalMs} ms), ${f.followReadsFailed} failed`,
        `    end states correct: ${f.endStates.correct}/${f.endStates.total} (${f.endStates.intended} as intended, ${f.endStates.clearErrorNothingWritten} stopped with a clear error before writing)`,
        `    duration:           ${f.durationSeconds} s`,
    ];
    for (const v of verdicts.filter((x) => !x.intended)) {
        lines.push(
            `    - ${v.result.flow.id}: ${v.result.outcome}${v.result.failedStep ? ` at "${v.result.failedStep}"` : ''}${
                v.result.errorInfo
                    ? ` (${v.result.errorInfo.kind} ${v.result.errorInfo.code ?? ''}: ${v.result.errorInfo.message})`
                    : ''
            }${v.problems.length ? ` PROBLEMS: ${v.problems.join('; ')}` : ''}`,
        );
    }
    console.log(lines.join('\n'));
}
