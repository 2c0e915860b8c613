/**
 * The fault suite's flows, each through the same non-vscode functions the extension's wizards and commands call,
 * in the same order: the attach wizard (cluster, namespace check/create on AKS, preflight, one PUT, follow), Edit
 * Identity (list, GET + PUT whole compute, follow) and Detach (workspace of the compute, DELETE, follow). Following
 * is the product's own loop (ComputeFollower, the one the extension's ComputeWatcher drives), shared by every flow
 * as the extension shares one.
 */
import { parseArmId } from '../../src/domain/armId';
import { attachCompute, ComputeNameTakenError, detachCompute } from '../../src/azure/computeOperations';
import { updateComputeIdentity } from '../../src/azure/identityUpdate';
import { describeAzureError, type AzureErrorInfo } from '../../src/azure/errors';
import { getCluster, listComputes, listWorkspaces } from '../../src/azure/inventory';
import { checkNamespace, createNamespace } from '../../src/azure/kubectl';
import type { ComputeInfo, WorkspaceInfo } from '../../src/domain/models';
import { runPreflight } from '../../src/azure/preflight';
import type { SubscriptionContext } from '../../src/azure/subscriptionContext';
import { attachRequestBody, identityBody, type AttachPlan } from '../../src/domain/attachPlan';
import type { ComputeFollower, FollowResult } from '../../src/follow/computeFollower';
import { followToEnd } from '../integration/followLoop';
import type { ComputeSpec, Flow, WorkspaceKey } from './world';

export interface Session {
    /** One context (one credential) per subscription, as after sign-in. */
    readonly subscriptions: ReadonlyMap<string, SubscriptionContext>;
    readonly workspaces: Readonly<Record<WorkspaceKey, WorkspaceInfo>>;
    /** The product's follow loop, reading every `statusPollingIntervalSeconds` (the suite's). */
    readonly follower: ComputeFollower;
}

/** Where a flow stopped, as the user would learn it. */
export type FlowOutcome =
    /** Followed to the end: Succeeded (attach, identity) or gone (detach). */
    | 'succeeded'
    /** Followed to the end: the compute settled Failed (or a detach left it), with the provisioning error shown. */
    | 'failed'
    /** Followed, but the compute disappeared. */
    | 'gone'
    /** Refused: the name is taken. */
    | 'nameTaken'
    /** The operation threw: the user sees the error. */
    | 'error'
    /** The write was accepted but reading it failed five times in a row: the user is told to refresh. */
    | 'unfollowed'
    /** Still changing an hour after it was sent: the user is told it is no longer followed. */
    | 'expired';

export interface FlowResult {
    readonly flow: Flow;
    readonly outcome: FlowOutcome;
    /** The write the flow exists for was accepted (the operation function returned). */
    readonly accepted: boolean;
    /** The step that threw, for `error`. */
    readonly failedStep?: string;
    readonly error?: unknown;
    readonly errorInfo?: AzureErrorInfo;
    /** The provisioning error shown with a `failed` end. */
    readonly provisioningError?: string;
    readonly compute?: ComputeInfo;
    /** Reads of the compute by the follow loop, and how many of them failed. */
    readonly followReads: number;
    readonly failedReads: number;
    /** Namespace check/create results that were shown as a status line (not fatal in the wizard). */
    readonly notes: readonly string[];
    readonly durationMs: number;
}

class StepError extends Error {
    constructor(
        readonly step: string,
        readonly inner: unknown,
    ) {
        super(`${step}: ${inner instanceof Error ? inner.message : String(inner)}`);
    }
}

async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
    try {
        return await work();
    } catch (error) {
        throw new StepError(name, error);
    }
}

function contextFor(session: Session, subscriptionId: string): SubscriptionContext {
    const sub = session.subscriptions.get(subscriptionId.toLowerCase());
    if (!sub) {
        throw new Error(`no subscription context for ${subscriptionId}`);
    }
    return sub;
}

export function workspaceOf(session: Session, spec: ComputeSpec): { sub: SubscriptionContext; ws: WorkspaceInfo } {
    const ws = session.workspaces[spec.workspace];
    return { sub: contextFor(session, ws.subscriptionId), ws };
}

export async function runFlow(session: Session, flow: Flow): Promise<FlowResult> {
    const started = Date.now();
    const notes: string[] = [];
    let accepted = false;
    const finish = (
        rest: Omit<FlowResult, 'flow' | 'notes' | 'durationMs' | 'accepted' | 'followReads' | 'failedReads'> & {
            followReads?: number;
            failedReads?: number;
        },
    ): FlowResult => ({
        flow,
        notes,
        accepted,
        followReads: 0,
        failedReads: 0,
        durationMs: Date.now() - started,
        ...rest,
    });
    try {
        let follow: FollowResult;
        switch (flow.kind) {
            case 'attach': {
                const { sub, ws } = workspaceOf(session, flow.spec);
                const spec = flow.spec;
                const clusterSub = contextFor(session, parseArmId(spec.clusterId)!.subscriptionId);
                // ClusterListStep: the cluster with its AzureML extension state.
                const cluster = await step('read the cluster', async () => {
                    const found = await getCluster(clusterSub, spec.clusterId);
                    if (!found) {
                        throw new Error(`cluster ${spec.clusterId} not found`);
                    }
                    return found;
                });
                // NamespaceStep on AKS: check, and create when missing; a failure is a status line, not the end.
                if (cluster.kind === 'aks' && spec.namespace !== 'default') {
                    try {
                        const check = await checkNamespace(clusterSub, cluster.id, spec.namespace);
                        notes.push(`namespace ${typeof check === 'string' ? check : check.error}`);
                        if (check === 'missing') {
                            await createNamespace(clusterSub, cluster.id, spec.namespace);
                            notes.push('namespace created');
                        }
                    } catch (error) {
                        notes.push(`namespace step: ${describeAzureError(error).message}`);
                    }
                }
                // PreflightStep. A taken name offers no "continue" there; these flows go on to the PUT anyway, as if
                // the name had been taken between the preflight and the attach, to show attachCompute's own guard.
                await step('preflight', () =>
                    runPreflight({
                        workspaceSubscription: sub,
                        workspace: ws,
                        clusterSubscription: clusterSub,
                        cluster,
                        computeName: spec.name,
                    }),
                );
                // AttachComputeStep.
                const plan: AttachPlan = {
                    workspace: ws,
                    cluster: { id: cluster.id, kind: cluster.kind },
                    computeName: spec.name,
                    namespace: spec.namespace,
                    identity: spec.identity,
                };
                try {
                    await attachCompute(sub, ws, spec.name, attachRequestBody(plan));
                } catch (error) {
                    if (error instanceof ComputeNameTakenError) {
                        return finish({ outcome: 'nameTaken', error, failedStep: 'attach' });
                    }
                    throw new StepError('attach', error);
                }
                accepted = true;
                follow = await followFrom(session, 'attach', sub, ws, spec.name);
                break;
            }
            case 'identity': {
                const { sub, ws } = workspaceOf(session, flow.target);
                // ComputeListStep: the compute from the workspace's list.
                const computes = await step('list the computes', () => listComputes(sub, ws));
                const compute = computes.find((c) => c.name === flow.target.name);
                if (!compute) {
                    throw new StepError('list the computes', new Error(`compute ${flow.target.name} is not listed`));
                }
                // UpdateIdentityStep.
                await step('update the identity', () =>
                    updateComputeIdentity(sub, ws, compute.name, identityBody(flow.identity)),
                );
                accepted = true;
                follow = await followFrom(session, 'identity', sub, ws, compute.name);
                break;
            }
            case 'detach': {
                const { sub } = workspaceOf(session, flow.target);
                // detachCompute command: the compute's workspace from the (listed) workspaces.
                const workspaces = await step('list the workspaces', () => listWorkspaces(sub));
                const ws = workspaces.find((w) => w.name === session.workspaces[flow.target.workspace].name);
                if (!ws) {
                    throw new StepError('list the workspaces', new Error('workspace not listed'));
                }
                await step('detach', () => detachCompute(sub, ws, flow.target.name));
                accepted = true;
                follow = await followFrom(session, 'detach', sub, ws, flow.target.name);
                break;
            }
        }
        switch (follow.kind) {
            case 'ended':
                return finish({
                    outcome: follow.end.kind,
                    compute: follow.end.kind === 'gone' ? undefined : follow.end.compute,
                    provisioningError: follow.end.kind === 'failed' ? follow.end.error : undefined,
                    followReads: follow.reads,
                    failedReads: follow.failedReads,
                });
            case 'unfollowed':
                return finish({
                    outcome: 'unfollowed',
                    error: follow.error,
                    errorInfo: describeAzureError(follow.error),
                    followReads: follow.reads,
                    failedReads: follow.failedReads,
                });
            case 'expired':
                return finish({
                    outcome: 'expired',
                    compute: follow.compute,
                    followReads: follow.reads,
                    failedReads: follow.failedReads,
                });
            case 'cancelled':
                // Only another follow of the same compute cancels one: no two flows should work on one compute.
                throw new StepError('follow', new Error('following was cancelled by another flow on the compute'));
        }
    } catch (error) {
        const inner = error instanceof StepError ? error.inner : error;
        return finish({
            outcome: 'error',
            failedStep: error instanceof StepError ? error.step : undefined,
            error: inner,
            errorInfo: describeAzureError(inner),
        });
    }
}

function followFrom(
    session: Session,
    operation: 'attach' | 'identity' | 'detach',
    sub: SubscriptionContext,
    ws: WorkspaceInfo,
    name: string,
): Promise<FollowResult> {
    return followToEnd(session.follower, operation, sub, ws, name);
}
