/**
 * Azure Resource Manager ids: parse, format and compare; a resource's name and a cluster's kind from its id. Pure.
 *
 * ARM treats ids case-insensitively, so every comparison here does too; the original casing is kept for display.
 */

import type { ClusterKind } from './models';

export interface ArmId {
    readonly subscriptionId: string;
    readonly resourceGroup?: string;
    /** Resource provider namespace of the top-level resource, e.g. `Microsoft.ContainerService`. */
    readonly provider?: string;
    /** `type/name` pairs below the provider, outermost first. */
    readonly segments: readonly { readonly type: string; readonly name: string }[];
}

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string): boolean {
    return guidPattern.test(value);
}

/** Parses an ARM id; returns undefined for anything that is not a well-formed subscription-rooted id. */
export function parseArmId(id: string): ArmId | undefined {
    if (!id.startsWith('/') || id.endsWith('/') || id.includes('//')) {
        return undefined;
    }
    const parts = id.slice(1).split('/');
    if (parts.length < 2 || parts[0].toLowerCase() !== 'subscriptions' || !isGuid(parts[1])) {
        return undefined;
    }
    const subscriptionId = parts[1];
    let i = 2;
    let resourceGroup: string | undefined;
    if (parts[i]?.toLowerCase() === 'resourcegroups') {
        resourceGroup = parts[i + 1];
        if (!resourceGroup) {
            return undefined;
        }
        i += 2;
    }
    if (i === parts.length) {
        return { subscriptionId, resourceGroup, segments: [] };
    }
    if (parts[i]?.toLowerCase() !== 'providers' || !parts[i + 1]) {
        return undefined;
    }
    const provider = parts[i + 1];
    const rest = parts.slice(i + 2);
    if (rest.length === 0 || rest.length % 2 !== 0) {
        return undefined;
    }
    const segments: { type: string; name: string }[] = [];
    for (let j = 0; j < rest.length; j += 2) {
        segments.push({ type: rest[j], name: rest[j + 1] });
    }
    return { subscriptionId, resourceGroup, provider, segments };
}

/** The full resource type, e.g. `Microsoft.ContainerService/managedClusters`. */
export function resourceType(id: ArmId): string | undefined {
    return id.provider ? [id.provider, ...id.segments.map((s) => s.type)].join('/') : undefined;
}

/** The name of the innermost resource. */
export function resourceName(id: ArmId): string | undefined {
    return id.segments[id.segments.length - 1]?.name;
}

/** True when `id` parses and names a resource of the given type (case-insensitive). */
/** The last name in a resource id (the cluster's, the compute's, ...), or the id itself when it is not one. */
export function nameFromId(id: string): string {
    const parsed = parseArmId(id);
    return (parsed && resourceName(parsed)) ?? id;
}

/** Whether a cluster id is an AKS cluster's (Microsoft.ContainerService) or an Arc-enabled one's. */
export function clusterKindFromId(clusterId: string): ClusterKind {
    return parseArmId(clusterId)?.provider?.toLowerCase() === 'microsoft.containerservice' ? 'aks' : 'arc';
}

export function isResourceOfType(id: string, type: string): boolean {
    const parsed = parseArmId(id);
    return !!parsed && resourceType(parsed)?.toLowerCase() === type.toLowerCase();
}

export function formatArmId(id: ArmId): string {
    let result = `/subscriptions/${id.subscriptionId}`;
    if (id.resourceGroup) {
        result += `/resourceGroups/${id.resourceGroup}`;
    }
    if (id.provider) {
        result += `/providers/${id.provider}`;
        for (const s of id.segments) {
            result += `/${s.type}/${s.name}`;
        }
    }
    return result;
}

export function armIdsEqual(a: string | undefined, b: string | undefined): boolean {
    return !!a && !!b && a.toLowerCase() === b.toLowerCase();
}

/** True when `scope` equals `id` or is one of its ancestors (subscription, resource group, parent resource). */
export function isScopeAtOrAbove(scope: string, id: string): boolean {
    const s = scope.toLowerCase().replace(/\/+$/, '');
    const target = id.toLowerCase();
    return s === '' || target === s || target.startsWith(s + '/');
}
