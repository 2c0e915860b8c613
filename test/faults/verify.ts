/**
 * Checks the fault suite's end against the emulator's world and request log, and counts the figures.
 */
import { armIdsEqual } from '../../src/domain/armId';
import type { WorkspaceInfo } from '../../src/domain/models';
import type { AttachIdentity } from '../../src/domain/attachPlan';
import type { RequestLogEntry } from '../emulator/requestLog';
import type { FlowResult } from './flows';
import { ruleNames, type ComputeSpec, type WorkspaceKey } from './world';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface WorldView {
    readonly workspaces: Readonly<Record<WorkspaceKey, WorkspaceInfo>>;
    /** The compute resource in the emulator now (undefined when absent). */
    readonly resource: (id: string) => Json | undefined;
    /** The resource as it was when the faults were switched on. */
    readonly before: (id: string) => Json | undefined;
    /** How many times the workspace's compute list (through the SDK) names the compute. */
    readonly listed: (id: string) => number;
    /** Requests made while the faults were on. */
    readonly requests: readonly RequestLogEntry[];
}

export function computeId(workspaces: Readonly<Record<WorkspaceKey, WorkspaceInfo>>, spec: ComputeSpec): string {
    return `${workspaces[spec.workspace].id}/computes/${spec.name}`;
}

/** Reached the emulator's handler (no injected error, connection not dropped before it). */
export function handled(r: RequestLogEntry): boolean {
    return r.fault === undefined || r.fault === ruleNames.lostResponse;
}

function requestsOn(view: WorldView, id: string, method: string): RequestLogEntry[] {
    return view.requests.filter((r) => r.method === method && armIdsEqual(r.path, id));
}

function identityMatches(identity: Json | undefined, expected: AttachIdentity): boolean {
    const type = String(identity?.type ?? 'None');
    if (type !== expected.type) {
        return false;
    }
    const uais = Object.keys((identity?.userAssignedIdentities as Json | undefined) ?? {});
    return expected.type === 'UserAssigned'
        ? uais.length === 1 && armIdsEqual(uais[0], expected.identityId)
        : uais.length === 0;
}

function describeIdentity(identity: Json | undefined): string {
    const uais = Object.keys((identity?.userAssignedIdentities as Json | undefined) ?? {}).map((k) =>
        k.split('/').pop(),
    );
    return `${String(identity?.type ?? 'None')}${uais.length ? `(${uais.join(',')})` : ''}`;
}

/** The attachment as written: cluster, namespace, type, location. */
function attachment(resource: Json | undefined): string {
    const p = (resource?.properties ?? {}) as Json;
    return JSON.stringify([
        String(p.resourceId ?? '').toLowerCase(),
        p.properties?.namespace,
        p.computeType,
        p.computeLocation,
        resource?.location,
        p.description,
        p.createdOn,
    ]);
}

function checkSpec(resource: Json | undefined, spec: ComputeSpec, problems: string[]): void {
    if (!resource) {
        problems.push('compute missing');
        return;
    }
    const p = (resource.properties ?? {}) as Json;
    if (!armIdsEqual(String(p.resourceId), spec.clusterId)) {
        problems.push(`cluster ${String(p.resourceId)}`);
    }
    if (p.properties?.namespace !== spec.namespace) {
        problems.push(`namespace ${String(p.properties?.namespace)} instead of ${spec.namespace}`);
    }
    if (!identityMatches(resource.identity as Json | undefined, spec.identity)) {
        problems.push(`identity ${describeIdentity(resource.identity as Json | undefined)}`);
    }
}

export interface Verdict {
    readonly result: FlowResult;
    /** The world ended as the flow intended (and the user was told so). */
    readonly intended: boolean;
    /** The flow stopped early, told the user a clear error, and wrote nothing. */
    readonly clearErrorNothingWritten: boolean;
    /** Anything wrong: created twice, overwritten, half-done without being told, wrong properties... */
    readonly problems: readonly string[];
}

const state = (resource: Json | undefined) => String((resource?.properties as Json | undefined)?.provisioningState);

/** Judges one flow against the world. */
export function verifyFlow(view: WorldView, result: FlowResult): Verdict {
    const flow = result.flow;
    const spec = flow.kind === 'attach' ? flow.spec : flow.target;
    const id = computeId(view.workspaces, spec);
    const resource = view.resource(id);
    const puts = requestsOn(view, id, 'PUT');
    const writes = puts.filter(handled);
    const deletes = requestsOn(view, id, 'DELETE').filter(handled);
    const problems: string[] = [];
    const clearError =
        result.outcome === 'error' &&
        result.errorInfo !== undefined &&
        result.errorInfo.kind !== 'unknown' &&
        !!result.errorInfo.message;
    if (result.outcome === 'error' && !clearError) {
        problems.push(`unclear error: ${String(result.error)}`);
    }
    if (view.listed(id) > 1) {
        problems.push(`listed ${view.listed(id)} times`);
    }
    let intended = false;
    let nothingWritten = false;
    switch (flow.kind) {
        case 'attach': {
            const created = writes.filter((r) => r.status === 201);
            const overwrites = writes.filter((r) => r.status !== 201);
            if (flow.expect === 'nameTaken') {
                if (puts.length > 0) {
                    problems.push(`${puts.length} PUT(s) sent over an existing compute`);
                }
                if (attachment(resource) !== attachment(view.before(id)) || state(resource) !== 'Succeeded') {
                    problems.push('the existing compute changed');
                }
                intended = result.outcome === 'nameTaken';
                nothingWritten = puts.length === 0;
                if (!intended && result.outcome !== 'error') {
                    problems.push(`ended ${result.outcome} instead of "name taken"`);
                }
                break;
            }
            if (created.length > 1) {
                problems.push(`created ${created.length} times`);
            }
            if (overwrites.length > 0) {
                problems.push(`${overwrites.length} PUT(s) over the compute after it existed`);
            }
            if (result.outcome === 'error') {
                nothingWritten = writes.length === 0 && !resource;
                if (!nothingWritten) {
                    problems.push(`told "${result.errorInfo?.message}" but the compute was written`);
                }
                break;
            }
            checkSpec(resource, spec, problems);
            const expectedState = flow.expect === 'succeeded' ? 'Succeeded' : 'Failed';
            if (state(resource) !== expectedState) {
                problems.push(`state ${state(resource)} instead of ${expectedState}`);
            }
            if (flow.expect === 'provisioningFailed') {
                const codes = (result.compute?.provisioningErrors ?? []).map((e) => e.code);
                if (
                    result.outcome === 'failed' &&
                    (!codes.includes(flow.expectedErrorCode) || !result.provisioningError)
                ) {
                    problems.push(`reported Failed without ${flow.expectedErrorCode ?? 'its error'}`);
                }
            }
            const told = flow.expect === 'succeeded' ? 'succeeded' : 'failed';
            intended = result.outcome === told && problems.length === 0;
            if (result.outcome !== told && result.outcome !== 'unfollowed') {
                problems.push(`ended ${result.outcome} instead of ${told}`);
            }
            break;
        }
        case 'identity': {
            const before = view.before(id);
            if (writes.some((r) => r.status === 201)) {
                problems.push('created again');
            }
            if (attachment(resource) !== attachment(before)) {
                problems.push(`the attachment changed: ${attachment(before)} → ${attachment(resource)}`);
            }
            if (result.outcome === 'error') {
                nothingWritten =
                    writes.length === 0 &&
                    identityMatches(resource?.identity as Json | undefined, flow.target.identity);
                if (!nothingWritten) {
                    problems.push(`told "${result.errorInfo?.message}" but the compute was written`);
                }
                break;
            }
            if (writes.length !== 1) {
                problems.push(`${writes.length} PUTs reached the service (one expected)`);
            }
            if (!identityMatches(resource?.identity as Json | undefined, flow.identity)) {
                problems.push(
                    `identity ${describeIdentity(resource?.identity as Json | undefined)} instead of ${flow.identity.type}`,
                );
            }
            if (state(resource) !== 'Succeeded') {
                problems.push(`state ${state(resource)}`);
            }
            intended = result.outcome === 'succeeded' && problems.length === 0;
            if (result.outcome !== 'succeeded' && result.outcome !== 'unfollowed') {
                problems.push(`ended ${result.outcome}`);
            }
            break;
        }
        case 'detach': {
            if (puts.some(handled)) {
                problems.push('PUT on a compute being detached');
            }
            if (result.outcome === 'error') {
                nothingWritten = deletes.length === 0 && state(resource) === 'Succeeded';
                if (!nothingWritten) {
                    problems.push(`told "${result.errorInfo?.message}" but the detach went through`);
                }
                break;
            }
            if (resource) {
                problems.push(`still there (${state(resource)})`);
            }
            intended = result.outcome === 'succeeded' && problems.length === 0;
            if (result.outcome !== 'succeeded' && result.outcome !== 'unfollowed') {
                problems.push(`ended ${result.outcome}`);
            }
            break;
        }
    }
    return { result, intended, clearErrorNothingWritten: clearError && nothingWritten, problems };
}

export interface Figures {
    flows: Record<string, number>;
    outcomes: Record<string, number>;
    requests: { arm: number; token: number; byMethod: Record<string, number>; operationPolls: number };
    faults: {
        total: number;
        byKind: Record<string, number>;
        byMethod: Record<string, number>;
        operationPolls: number;
        share: string;
    };
    spikes: { count: number; minMs: number; maxMs: number; meanMs: number };
    computeWrites: { creates: number; identityPuts: number; deletes: number; putsRefusedOrLost: number };
    endStates: { intended: number; clearErrorNothingWritten: number; correct: number; total: number };
    /** Reads of the product's follow loop (ComputeFollower) while it followed the flows' operations. */
    followReads: number;
    followReadsFailed: number;
    durationSeconds: number;
}

const isArm = (r: RequestLogEntry) => /^\/(subscriptions|providers)\//i.test(r.path);
const isPoll = (r: RequestLogEntry) => /\/computeOperationsStatus\//i.test(r.path);

export function figures(
    requests: readonly RequestLogEntry[],
    verdicts: readonly Verdict[],
    durationMs: number,
): Figures {
    const arm = requests.filter(isArm);
    const count = <T>(items: readonly T[], key: (item: T) => string | undefined) => {
        const out: Record<string, number> = {};
        for (const item of items) {
            const k = key(item);
            if (k !== undefined) {
                out[k] = (out[k] ?? 0) + 1;
            }
        }
        return out;
    };
    const faulted = arm.filter((r) => r.fault !== undefined);
    const spikes = arm.filter((r) => (r.injectedLatencyMs ?? 0) >= 1000).map((r) => r.injectedLatencyMs ?? 0);
    const computePuts = arm.filter((r) => r.method === 'PUT' && /\/computes\/[^/]+$/i.test(r.path));
    const results = verdicts.map((v) => v.result);
    return {
        flows: count(results, (r) => r.flow.kind),
        outcomes: count(results, (r) => `${r.flow.kind}:${r.outcome}`),
        requests: {
            arm: arm.length,
            token: requests.filter((r) => r.path.endsWith('/oauth2/v2.0/token')).length,
            byMethod: count(arm, (r) => r.method),
            operationPolls: arm.filter(isPoll).length,
        },
        faults: {
            total: faulted.length,
            byKind: count(faulted, (r) => r.fault),
            byMethod: count(faulted, (r) => r.method),
            operationPolls: faulted.filter(isPoll).length,
            share: `${((100 * faulted.length) / Math.max(1, arm.length)).toFixed(1)}%`,
        },
        spikes: {
            count: spikes.length,
            minMs: spikes.length ? Math.min(...spikes) : 0,
            maxMs: spikes.length ? Math.max(...spikes) : 0,
            meanMs: spikes.length ? Math.round(spikes.reduce((a, b) => a + b, 0) / spikes.length) : 0,
        },
        computeWrites: {
            creates: computePuts.filter((r) => handled(r) && r.status === 201).length,
            identityPuts: computePuts.filter((r) => handled(r) && r.status === 200).length,
            deletes: arm.filter((r) => r.method === 'DELETE' && handled(r) && r.status === 202).length,
            putsRefusedOrLost: computePuts.filter((r) => !handled(r) || r.fault === ruleNames.lostResponse).length,
        },
        endStates: {
            intended: verdicts.filter((v) => v.intended).length,
            clearErrorNothingWritten: verdicts.filter((v) => v.clearErrorNothingWritten).length,
            correct: verdicts.filter((v) => v.problems.length === 0).length,
            total: verdicts.length,
        },
        followReads: results.reduce((n, r) => n + r.followReads, 0),
        followReadsFailed: results.reduce((n, r) => n + r.failedReads, 0),
        durationSeconds: Math.round(durationMs / 100) / 10,
    };
}
