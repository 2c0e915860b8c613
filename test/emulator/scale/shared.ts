/** What the scale world's pieces share: deterministic GUIDs and names, the creation time, a cluster's plan. */

import type { Json } from '../model';

export const created = '2025-01-15T09:30:00.0000000Z';

/** A deterministic GUID: an 8-hex-digit kind prefix and a counter. */
export function guid(kind: string, n: number): string {
    return `${kind}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

export const kinds = {
    subscription: '5ca1e000',
    workspaceId: '5ca1e001',
    workspacePrincipal: '5ca1e002',
    uaiPrincipal: '5ca1e003',
    uaiClient: '5ca1e004',
    clusterPrincipal: '5ca1e005',
    extensionPrincipal: '5ca1e006',
    computePrincipal: '5ca1e007',
    roleAssignment: '5ca1e008',
    kubeletClient: '5ca1e009',
    kubeletObject: '5ca1e00a',
};

export function pad(n: number, width = 4): string {
    return String(n).padStart(width, '0');
}

export function systemData(by: string): Json {
    return {
        createdAt: created,
        createdBy: by,
        createdByType: 'User',
        lastModifiedAt: created,
        lastModifiedBy: by,
        lastModifiedByType: 'User',
    };
}

export interface ClusterPlan {
    id: string;
    name: string;
    kind: 'aks' | 'arc';
    subscriptionId: string;
    resourceGroup: string;
    location: string;
    relayId?: string;
    relayNamespace?: string;
    namespaces: Set<string>;
}
