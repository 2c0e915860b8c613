/**
 * The operations being followed (attach, identity edit, detach), as they are remembered across a window reload:
 * plain data, checked when read back, because stored state can be from an older version or edited by hand.
 */

import type { FollowedOperationKind } from './followRules';
import type { WorkspaceRef } from './models';

export type FollowedKind = FollowedOperationKind;

export interface FollowedRecord {
    readonly kind: FollowedKind;
    readonly subscriptionId: string;
    /** The workspace's ARM id. */
    readonly workspaceId: string;
    /** The compute's ARM id (`<workspaceId>/computes/<computeName>`). */
    readonly computeId: string;
    readonly computeName: string;
    /** For the attach message ("Attaching <cluster> to workspace ..."). */
    readonly clusterName?: string;
    /** When the operation was sent, in milliseconds since the epoch. */
    readonly startedAt: number;
}

/** An operation older than this is no longer followed (nor resumed): the service is not going to finish it. */
export const followedMaxAgeMs = 60 * 60 * 1000;

const kinds: readonly FollowedKind[] = ['attach', 'identity', 'detach'];

const computeIdPattern =
    /^(\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.MachineLearningServices\/workspaces\/([^/]+))\/computes\/([^/]+)$/i;

const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The records in `raw` that are well formed; anything else is dropped. */
export function parseFollowed(raw: unknown): FollowedRecord[] {
    if (!Array.isArray(raw)) {
        return [];
    }
    const records: FollowedRecord[] = [];
    for (const item of raw as unknown[]) {
        if (typeof item !== 'object' || item === null) {
            continue;
        }
        const r = item as Record<string, unknown>;
        const m = typeof r.computeId === 'string' ? computeIdPattern.exec(r.computeId) : null;
        if (
            !m ||
            !kinds.includes(r.kind as FollowedKind) ||
            typeof r.startedAt !== 'number' ||
            !Number.isFinite(r.startedAt) ||
            typeof r.subscriptionId !== 'string' ||
            !sameId(r.subscriptionId, m[2]) ||
            typeof r.workspaceId !== 'string' ||
            !sameId(r.workspaceId, m[1]) ||
            typeof r.computeName !== 'string' ||
            !sameId(r.computeName, m[5]) ||
            (r.clusterName !== undefined && typeof r.clusterName !== 'string')
        ) {
            continue;
        }
        records.push({
            kind: r.kind as FollowedKind,
            subscriptionId: r.subscriptionId,
            workspaceId: r.workspaceId,
            computeId: r.computeId as string,
            computeName: r.computeName,
            ...(typeof r.clusterName === 'string' ? { clusterName: r.clusterName } : {}),
            startedAt: r.startedAt,
        });
    }
    return records;
}

/** The workspace of a (parsed) record, enough to read its compute without listing the workspaces first. */
export function workspaceOf(record: FollowedRecord): WorkspaceRef {
    const m = computeIdPattern.exec(record.computeId);
    const [, , subscriptionId, resourceGroup, name] = m ?? [];
    return { id: record.workspaceId, subscriptionId, resourceGroup, name };
}

/** `records` with `record` in place of any earlier operation on the same compute. */
export function withFollowed(records: readonly FollowedRecord[], record: FollowedRecord): FollowedRecord[] {
    return [...withoutFollowed(records, record.computeId), record];
}

export function withoutFollowed(records: readonly FollowedRecord[], computeId: string): FollowedRecord[] {
    return records.filter((r) => !sameId(r.computeId, computeId));
}

/** True when the operation is too old to follow any longer. */
export function isExpired(record: Pick<FollowedRecord, 'startedAt'>, now: number): boolean {
    return now - record.startedAt > followedMaxAgeMs;
}

/** The records still worth resuming. */
export function liveFollowed(records: readonly FollowedRecord[], now: number): FollowedRecord[] {
    return records.filter((r) => !isExpired(r, now));
}
