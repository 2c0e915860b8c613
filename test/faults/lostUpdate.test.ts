/**
 * No lost update in Edit Identity, under the fault suite's faults (20% of ARM requests fail, some held 1-5 s, some
 * compute writes lose their connection or their answer). Each flow opens a compute for editing the way the wizard does
 * (openComputeForEdit), then a second SDK client (another window, the portal, the CLI) changes the compute (its
 * description, its identity or its tags, by GET and PUT), then the product changes the identity (updateComputeIdentity,
 * as UpdateIdentityStep calls it). A quarter of the flows have no concurrent change, to show the edit still goes
 * through. Afterwards the emulator's world and request log say whether any concurrent change was lost.
 */
import * as assert from 'assert';
import * as crypto from 'crypto';
import type { AzureMachineLearningWorkspaces, ComputeResource } from '@azure/arm-machinelearning';
import { attachCompute } from '../../src/azure/computeOperations';
import { mapWithConcurrency } from '../../src/azure/concurrency';
import { ComputeChangedError, openComputeForEdit, updateComputeIdentity } from '../../src/azure/identityUpdate';
import { listWorkspaces } from '../../src/azure/inventory';
import type { SubscriptionContext } from '../../src/azure/subscriptionContext';
import { attachRequestBody, identityBody, type AttachIdentity } from '../../src/domain/attachPlan';
import type { WorkspaceInfo } from '../../src/domain/models';
import type { RunningEmulator } from '../emulator/server';
import { clients, ids, startTestEmulator, sub1, subscriptionContext } from '../integration/helpers';
import { handled, type Json } from './verify';
import { faultConfig } from './world';

type Concurrent = 'description' | 'identity' | 'tags' | 'none';
type Outcome = 'written' | 'refused' | 'error';

interface LostUpdateFlow {
    readonly name: string;
    readonly concurrent: Concurrent;
}
interface LostUpdateResult extends LostUpdateFlow {
    readonly outcome: Outcome;
    /** The concurrent writer made its change (a flow can stop on a fault before it). */
    readonly changed: boolean;
    readonly error?: string;
}

const flowCount = 80;
const concurrency = 8;
const target: AttachIdentity = { type: 'UserAssigned', identityId: ids.uaiTraining };
const writerMark = 'concurrent-writer-';
const kinds: readonly Concurrent[] = ['description', 'identity', 'tags', 'none'];
const flows: readonly LostUpdateFlow[] = Array.from({ length: flowCount }, (_, k) => ({
    name: `lu-${String(k + 1).padStart(2, '0')}`,
    concurrent: kinds[k % kinds.length],
}));

/** What the concurrent writer sets, and how to see it in the compute. */
function concurrentChange(flow: LostUpdateFlow): {
    apply: (c: ComputeResource) => ComputeResource;
    present: (c: Json | undefined) => boolean;
} {
    switch (flow.concurrent) {
        case 'description':
            return {
                apply: (c) => ({ ...c, properties: { ...c.properties!, description: `changed by ${flow.name}` } }),
                present: (c) => c?.properties?.description === `changed by ${flow.name}`,
            };
        case 'identity':
            return {
                apply: (c) => ({ ...c, identity: { type: 'SystemAssigned' } }),
                present: (c) => c?.identity?.type === 'SystemAssigned',
            };
        case 'tags':
            return {
                apply: (c) => ({ ...c, tags: { ...(c.tags ?? {}), owner: flow.name } }),
                present: (c) => c?.tags?.owner === flow.name,
            };
        case 'none':
            return { apply: (c) => c, present: () => true };
    }
}

/** Another client's read-modify-write, retried through the faults until the change is there. */
async function writeConcurrently(ml: AzureMachineLearningWorkspaces, ws: WorkspaceInfo, flow: LostUpdateFlow) {
    const change = concurrentChange(flow);
    for (let attempt = 1; attempt <= 30; attempt++) {
        try {
            const current = await ml.computeOperations.get(ws.resourceGroup, ws.name, flow.name);
            if (change.present(current as Json)) {
                return;
            }
            await ml.computeOperations.beginCreateOrUpdate(
                ws.resourceGroup,
                ws.name,
                flow.name,
                change.apply(current),
                {
                    requestOptions: {
                        customHeaders: { 'x-ms-correlation-request-id': writerMark + crypto.randomUUID() },
                    },
                },
            );
            return;
        } catch {
            await new Promise((r) => setTimeout(r, 300));
        }
    }
    throw new Error(`the concurrent writer could not change ${flow.name}`);
}

describe('fault suite: no lost update in Edit Identity', function () {
    this.timeout(600_000);
    let em: RunningEmulator;
    let sub: SubscriptionContext;
    let ws: WorkspaceInfo;
    let results: LostUpdateResult[] = [];
    const world = () => em.admin;

    before(async () => {
        em = await startTestEmulator({ provisioningDelayMs: 300 });
        em.admin.setFaults({});
        sub = subscriptionContext(em, sub1, 'ML Platform Dev');
        ws = (await listWorkspaces(sub)).find((w) => w.name === 'ws-vision')!;
        await mapWithConcurrency(flows, concurrency, (flow) =>
            attachCompute(
                sub,
                ws,
                flow.name,
                attachRequestBody({
                    workspace: ws,
                    cluster: { id: ids.aksGpuDev, kind: 'aks' },
                    computeName: flow.name,
                    namespace: 'default',
                    identity: { type: 'None' },
                }),
            ),
        );
        await new Promise((r) => setTimeout(r, 600));
        const writer = clients(em, sub1).ml; // a second client, with a credential of its own

        em.admin.clearRequests();
        em.admin.setFaults(faultConfig);
        results = await mapWithConcurrency(flows, concurrency, async (flow): Promise<LostUpdateResult> => {
            let changed = false;
            try {
                const opened = await openComputeForEdit(sub, ws, flow.name);
                if (flow.concurrent !== 'none') {
                    await writeConcurrently(writer, ws, flow);
                    changed = true;
                }
                await updateComputeIdentity(sub, ws, flow.name, identityBody(target), opened);
                return { ...flow, changed, outcome: 'written' };
            } catch (error) {
                return error instanceof ComputeChangedError
                    ? { ...flow, changed, outcome: 'refused' }
                    : {
                          ...flow,
                          changed,
                          outcome: 'error',
                          error: error instanceof Error ? error.message : String(error),
                      };
            }
        });
        em.admin.setFaults({});
        await new Promise((r) => setTimeout(r, 600));
    });

    after(async () => {
        const count = (f: (r: LostUpdateResult) => boolean) => results.filter(f).length;
        const changed = results.filter((r) => r.concurrent !== 'none');
        console.log(
            [
                '',
                '  Lost-update figures',
                `    flows:            ${results.length} (${changed.length} with a concurrent change, ${results.length - changed.length} without), ${concurrency} at a time, under the fault suite's faults`,
                `    with a change:    ${count((r) => r.changed)} changed by the second client: ${count((r) => r.changed && r.outcome === 'refused')} refused, ${count((r) => r.changed && r.outcome === 'written')} written, ${count((r) => r.changed && r.outcome === 'error')} stopped by faults; ${count((r) => r.concurrent !== 'none' && !r.changed)} stopped by faults before the change`,
                `    without a change: ${count((r) => r.concurrent === 'none' && r.outcome === 'written')} written, ${count((r) => r.concurrent === 'none' && r.outcome === 'refused')} refused, ${count((r) => r.concurrent === 'none' && r.outcome === 'error')} stopped by faults`,
                `    faults injected:  ${
                    world()
                        .requests()
                        .filter((r) => r.fault).length
                } of ${world().requests().length} requests`,
                ...results
                    .filter((r) => r.outcome === 'error')
                    .map((r) => `    - ${r.name} (${r.concurrent}): ${r.error}`),
            ].join('\n'),
        );
        await em?.stop();
    });

    it('ran every flow under the faults', () => {
        assert.strictEqual(results.length, flowCount);
        const faulted = world()
            .requests()
            .filter((r) => r.fault);
        assert.ok(faulted.length > 0.1 * world().requests().length, `${faulted.length} faults`);
    });

    it('every concurrent change is still there, and the edit wrote nothing over it', () => {
        const lost = results.filter(
            (r) => r.changed && !concurrentChange(r).present(world().getResource(computePath(r))),
        );
        assert.ok(results.filter((r) => r.changed).length >= (0.7 * (flowCount * 3)) / 4, 'concurrent changes made');
        assert.deepStrictEqual(
            lost.map((r) => `${r.name}: ${r.concurrent}`),
            [],
        );
        assert.deepStrictEqual(
            results.filter((r) => r.concurrent !== 'none' && r.outcome === 'written').map((r) => r.name),
            [],
            'a flow with a concurrent change was written',
        );
        const productPuts = results
            .filter((r) => r.changed)
            .flatMap((r) => productPutsOn(r))
            .map((p) => `${p.path} ${p.status}`);
        assert.deepStrictEqual(productPuts, [], 'PUTs by the edit on computes changed meanwhile');
    });

    it('most flows with a concurrent change are refused (the others stopped on a fault before writing)', () => {
        const changed = results.filter((r) => r.concurrent !== 'none');
        const refused = changed.filter((r) => r.outcome === 'refused');
        assert.ok(refused.length >= 0.7 * changed.length, `${refused.length} of ${changed.length} refused`);
    });

    it('without a concurrent change the edit is made: never refused, the new identity and nothing else', () => {
        const plain = results.filter((r) => r.concurrent === 'none');
        assert.deepStrictEqual(
            plain.filter((r) => r.outcome === 'refused').map((r) => r.name),
            [],
            'refused with no change',
        );
        for (const r of plain.filter((x) => x.outcome === 'written')) {
            const now = world().getResource(computePath(r)) as Json;
            assert.deepStrictEqual(
                [
                    now.identity?.type,
                    Object.keys(now.identity?.userAssignedIdentities ?? {}).map((k) => k.toLowerCase()),
                ],
                ['UserAssigned', [ids.uaiTraining.toLowerCase()]],
                r.name,
            );
            assert.deepStrictEqual([now.properties?.description, now.tags], [null, {}], r.name);
        }
        assert.ok(plain.filter((r) => r.outcome === 'written').length >= 0.7 * plain.length);
    });

    function computePath(flow: LostUpdateFlow): string {
        return `${ws.id}/computes/${flow.name}`;
    }

    /** PUTs that reached the compute from the edit (not from the concurrent writer). */
    function productPutsOn(flow: LostUpdateFlow) {
        return world()
            .requests()
            .filter(
                (r) =>
                    r.method === 'PUT' &&
                    r.path.toLowerCase() === computePath(flow).toLowerCase() &&
                    handled(r) &&
                    !(r.correlationId ?? '').startsWith(writerMark),
            );
    }
});
