/**
 * The fault suite's plan: the fault rules, the computes seeded before the faults are switched on, and the 90 flows
 * (50 attaches, 20 identity edits, 20 detaches), all fixed by a seed so a run can be repeated.
 */
import type { AttachIdentity } from '../../src/domain/attachPlan';
import { defaultWorld } from '../emulator/defaultWorld';
import { mulberry32 } from '../emulator/faults';
import type { FaultConfig } from '../emulator/server';
import { ids } from '../integration/helpers';

export const seed = 20250715;

/** Names of the fault rules; the request log carries the name of the rule applied to each request. */
export const ruleNames = {
    spike: 'latency-spike',
    throttled: 'throttled-429',
    serverError: 'server-error-500',
    unavailable: 'unavailable-503',
    drop: 'connection-dropped',
    lostResponse: 'response-lost',
} as const;

/** Every ARM request (not the token endpoint, not the admin API). */
const arm = '^/(subscriptions|providers)/';

/**
 * 20% of ARM requests answer 429 (Retry-After 1), 500 or 503 (a third each: 1/15, then 1/14 of the rest, then 1/13
 * of the rest), on every method, operation-status polls included; 5% of requests are held 1-5 s first. On top, about
 * 6% of compute writes (PUT/DELETE) lose their connection: half before the emulator handles them, half after. The
 * seed fixes the sequence of decisions; which request meets which decision depends on the order requests arrive in.
 */
export const faultConfig: FaultConfig = {
    seed,
    rules: [
        { name: ruleNames.spike, path: arm, rate: 0.05, latencyMs: [1000, 5000] },
        {
            name: ruleNames.throttled,
            path: arm,
            rate: 1 / 15,
            status: 429,
            retryAfterSeconds: 1,
            code: 'TooManyRequests',
            message: 'The request is being throttled. Retry after 1 second.',
        },
        { name: ruleNames.serverError, path: arm, rate: 1 / 14, status: 500 },
        { name: ruleNames.unavailable, path: arm, rate: 1 / 13, status: 503 },
        { name: ruleNames.drop, method: 'PUT|DELETE', path: '/computes/[^/]+$', rate: 0.03, drop: true },
        {
            name: ruleNames.lostResponse,
            method: 'PUT|DELETE',
            path: '/computes/[^/]+$',
            rate: 0.03,
            dropResponse: true,
        },
    ],
};

export type WorkspaceKey = 'vision' | 'nlp' | 'forecast' | 'research';

export const workspaceNames: Record<WorkspaceKey, { name: string; subscriptionId: string }> = {
    vision: defaultWorld.workspaces.vision,
    nlp: defaultWorld.workspaces.nlp,
    forecast: defaultWorld.workspaces.forecast,
    research: defaultWorld.workspaces.research,
};

const training: AttachIdentity = { type: 'UserAssigned', identityId: ids.uaiTraining };
const wsNlp: AttachIdentity = { type: 'UserAssigned', identityId: ids.uaiWsNlp };
const none: AttachIdentity = { type: 'None' };
const system: AttachIdentity = { type: 'SystemAssigned' };

export interface ComputeSpec {
    readonly workspace: WorkspaceKey;
    readonly name: string;
    readonly clusterId: string;
    readonly namespace: string;
    readonly identity: AttachIdentity;
}

export type Flow =
    | {
          readonly kind: 'attach';
          readonly id: string;
          readonly spec: ComputeSpec;
          /** succeeded: Succeeded; provisioningFailed: ends Failed with this error code; nameTaken: refused, no PUT. */
          readonly expect: 'succeeded' | 'provisioningFailed' | 'nameTaken';
          readonly expectedErrorCode?: string;
      }
    | {
          readonly kind: 'identity';
          readonly id: string;
          readonly target: ComputeSpec;
          readonly identity: AttachIdentity;
      }
    | { readonly kind: 'detach'; readonly id: string; readonly target: ComputeSpec };

const pad = (n: number) => String(n).padStart(2, '0');

const attachTargets: readonly Pick<ComputeSpec, 'workspace' | 'clusterId'>[] = [
    { workspace: 'vision', clusterId: ids.aksGpuDev },
    { workspace: 'vision', clusterId: ids.arcOnprem },
    { workspace: 'forecast', clusterId: ids.arcOnprem },
    { workspace: 'research', clusterId: ids.aksResearch },
    { workspace: 'nlp', clusterId: ids.arcOnprem },
];
const attachIdentities: readonly AttachIdentity[] = [none, system, training, wsNlp, system];

/** Computes that exist before the faults start and that three attach flows try to take the name of. */
export const takenComputes: readonly ComputeSpec[] = [1, 2, 3].map((i) => ({
    workspace: 'vision',
    name: `taken-${i}`,
    clusterId: ids.aksGpuDev,
    namespace: 'reserved',
    identity: system,
}));

const failingAttaches: Record<number, { clusterId: string; code: string }> = {
    7: { clusterId: ids.aksCpuNoExt, code: 'AzureMLExtensionNotInstalled' },
    21: { clusterId: ids.arcEdgeLab, code: 'AzureMLExtensionNotReady' },
    44: { clusterId: ids.aksCpuNoExt, code: 'AzureMLExtensionNotInstalled' },
};
const takenAttaches: Record<number, number> = { 10: 0, 25: 1, 40: 2 };

export const attachFlows: readonly Flow[] = Array.from({ length: 50 }, (_, k): Flow => {
    const i = k + 1;
    const namespace = ['default', 'team-a', `ns-${pad(i)}`][i % 3];
    const identity = attachIdentities[i % attachIdentities.length];
    if (i in takenAttaches) {
        const taken = takenComputes[takenAttaches[i]];
        return {
            kind: 'attach',
            id: `attach-${pad(i)}`,
            spec: { ...taken, clusterId: ids.arcOnprem, namespace: 'default', identity },
            expect: 'nameTaken',
        };
    }
    if (i in failingAttaches) {
        const { clusterId, code } = failingAttaches[i];
        return {
            kind: 'attach',
            id: `attach-${pad(i)}`,
            spec: { workspace: 'vision', name: `fa-${pad(i)}`, clusterId, namespace, identity },
            expect: 'provisioningFailed',
            expectedErrorCode: code,
        };
    }
    const target = attachTargets[i % attachTargets.length];
    return {
        kind: 'attach',
        id: `attach-${pad(i)}`,
        spec: { ...target, name: `fa-${pad(i)}`, namespace, identity },
        expect: 'succeeded',
    };
});

/** Identity edits: [from, to], five of them from one user-assigned identity to another. */
const edits: readonly [AttachIdentity, AttachIdentity][] = [
    ...Array.from({ length: 5 }, (): [AttachIdentity, AttachIdentity] => [none, system]),
    ...Array.from({ length: 5 }, (): [AttachIdentity, AttachIdentity] => [system, training]),
    ...Array.from({ length: 5 }, (): [AttachIdentity, AttachIdentity] => [training, wsNlp]),
    ...Array.from({ length: 3 }, (): [AttachIdentity, AttachIdentity] => [wsNlp, none]),
    ...Array.from({ length: 2 }, (): [AttachIdentity, AttachIdentity] => [system, none]),
];

export const editTargets: readonly ComputeSpec[] = edits.map(([from], k) => ({
    workspace: k % 2 === 0 ? 'vision' : 'forecast',
    name: `ed-${pad(k + 1)}`,
    clusterId: k % 2 === 0 ? ids.aksGpuDev : ids.arcOnprem,
    namespace: `team-${pad(k + 1)}`,
    identity: from,
}));

export const editFlows: readonly Flow[] = edits.map(([, to], k) => ({
    kind: 'identity',
    id: `identity-${pad(k + 1)}`,
    target: editTargets[k],
    identity: to,
}));

const detachPlaces: readonly Pick<ComputeSpec, 'workspace' | 'clusterId'>[] = [
    { workspace: 'vision', clusterId: ids.aksGpuDev },
    { workspace: 'forecast', clusterId: ids.arcOnprem },
    { workspace: 'research', clusterId: ids.aksResearch },
];

export const detachTargets: readonly ComputeSpec[] = Array.from({ length: 20 }, (_, k) => ({
    ...detachPlaces[k % detachPlaces.length],
    name: `dt-${pad(k + 1)}`,
    namespace: 'default',
    identity: [none, system, training][k % 3],
}));

export const detachFlows: readonly Flow[] = detachTargets.map((target, k) => ({
    kind: 'detach',
    id: `detach-${pad(k + 1)}`,
    target,
}));

/** Everything that exists before the faults start, besides the fixture. */
export const seededComputes: readonly ComputeSpec[] = [...takenComputes, ...editTargets, ...detachTargets];

/** All flows, in a seeded order, so attaches, edits and detaches run side by side. */
export function allFlows(): Flow[] {
    const flows = [...attachFlows, ...editFlows, ...detachFlows];
    const random = mulberry32(seed);
    for (let i = flows.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [flows[i], flows[j]] = [flows[j], flows[i]];
    }
    return flows;
}
