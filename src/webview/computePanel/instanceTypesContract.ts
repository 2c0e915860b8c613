/**
 * The compute panel's instance types: what the page shows (the compute's types, and on AKS the cluster's own checked
 * against its nodes) and what it may ask (check, apply, set as default, copy). Free of `vscode` and of the DOM.
 */
import type { InstanceType } from '../../domain/instanceTypes';
import { bare, isRecord, only, withField, type ValidatorsOf } from '../shared/messages';

/** A type as the page shows it: quantities as written, and, once checked against the nodes, whether it fits. */
export interface InstanceTypeRow {
    readonly name: string;
    readonly isDefault: boolean;
    readonly source: InstanceType['source'];
    readonly nodeSelector: Readonly<Record<string, string>>;
    readonly requests: InstanceType['requests'];
    readonly limits: InstanceType['limits'];
    /** After a check against the nodes (AKS): "fits on 2 of 3 nodes", or why none can take its jobs. */
    readonly fit?: { readonly fits: boolean; readonly summary: string };
}

export interface InstanceTypesSection {
    readonly rows: readonly InstanceTypeRow[];
    /** Where the rows were read: the compute's properties in Azure, or the cluster itself (AKS, run-command). */
    readonly readFrom: 'compute' | 'cluster';
    readonly clusterKind?: 'aks' | 'arc';
    readonly clusterName?: string;
    /** Checking the cluster's types and nodes through run-command (it takes a while). */
    readonly checking?: boolean;
    /** ISO 8601 time of the last check against the nodes, and how many nodes it read. */
    readonly checkedAt?: string;
    readonly nodeCount?: number;
    readonly checkError?: string;
    /** The AzureML extension's nodeSelector: an instance type's must be a subset of it (the form checks it). */
    readonly extensionNodeSelector?: Readonly<Record<string, string>>;
    /** What the last apply or Set as Default did, and whether the compute needs anything more. */
    readonly lastChange?: string;
}

/** What the form sends: the type as typed (the extension validates it again with the same rules). */
export interface InstanceTypeDraft {
    readonly name: string;
    readonly nodeSelector: Readonly<Record<string, string>>;
    readonly requests: { readonly cpu: string; readonly memory: string };
    readonly limits: { readonly cpu: string; readonly memory: string; readonly gpu: string };
}

export type InstanceTypeMessage =
    /** AKS: read the cluster's instance types and nodes and say which types fit. */
    | { readonly type: 'checkInstanceTypes' }
    /** AKS: kubectl apply of the draft (after a confirmation showing its YAML). */
    | { readonly type: 'applyInstanceType'; readonly draft: InstanceTypeDraft }
    /** AKS: writes the named type's spec as `defaultinstancetype`. */
    | { readonly type: 'setDefaultInstanceType'; readonly name: string }
    /** Arc (or anywhere): copies the draft's YAML, or the kubectl command that applies it. */
    | { readonly type: 'copyInstanceType'; readonly draft: InstanceTypeDraft; readonly what: 'yaml' | 'command' };

const maxText = 253;

function isText(value: unknown, max = maxText): value is string {
    return typeof value === 'string' && value.length <= max;
}

function stringMap(value: unknown): Record<string, string> | undefined {
    if (!isRecord(value)) {
        return undefined;
    }
    const entries = Object.entries(value);
    if (entries.length > 20 || !entries.every(([k, v]) => isText(k) && isText(v, 63))) {
        return undefined;
    }
    return Object.fromEntries(entries) as Record<string, string>;
}

function fields<K extends string>(value: unknown, keys: readonly K[]): Record<K, string> | undefined {
    if (!isRecord(value) || !only(value, keys)) {
        return undefined;
    }
    const out = {} as Record<K, string>;
    for (const key of keys) {
        const v = value[key];
        if (!isText(v, 32)) {
            return undefined;
        }
        out[key] = v;
    }
    return out;
}

/** The draft, when it has exactly the form's fields, each text of a sensible length; undefined otherwise. */
export function validDraft(d: unknown): InstanceTypeDraft | undefined {
    if (!isRecord(d) || !only(d, ['name', 'nodeSelector', 'requests', 'limits']) || !isText(d.name)) {
        return undefined;
    }
    const nodeSelector = stringMap(d.nodeSelector);
    const requests = fields(d.requests, ['cpu', 'memory'] as const);
    const limits = fields(d.limits, ['cpu', 'memory', 'gpu'] as const);
    return nodeSelector && requests && limits ? { name: d.name, nodeSelector, requests, limits } : undefined;
}

/** The draft as the domain's instance type (an empty GPU is no GPU). */
export function draftInstanceType(draft: InstanceTypeDraft): InstanceType {
    return {
        name: draft.name.trim(),
        nodeSelector: draft.nodeSelector,
        requests: { cpu: draft.requests.cpu.trim(), memory: draft.requests.memory.trim() },
        limits: {
            cpu: draft.limits.cpu.trim(),
            memory: draft.limits.memory.trim(),
            ...(draft.limits.gpu.trim() ? { gpu: draft.limits.gpu.trim() } : {}),
        },
        isDefault: false,
        source: 'cluster',
    };
}

/** A row's type as a draft, for Edit. */
export function rowDraft(row: InstanceTypeRow): InstanceTypeDraft {
    return {
        name: row.name,
        nodeSelector: row.nodeSelector,
        requests: { cpu: row.requests.cpu ?? '', memory: row.requests.memory ?? '' },
        limits: { cpu: row.limits.cpu ?? '', memory: row.limits.memory ?? '', gpu: row.limits.gpu ?? '' },
    };
}

export const emptyDraft: InstanceTypeDraft = {
    name: '',
    nodeSelector: {},
    requests: { cpu: '', memory: '' },
    limits: { cpu: '', memory: '', gpu: '' },
};

const isDraft = (value: unknown): value is InstanceTypeDraft => validDraft(value) !== undefined;
const isTypeName = (value: unknown): value is string => isText(value) && value.length > 0;

/** One validator per instance-type message, spread into the panel's (contract.ts). */
export const instanceTypeValidators: ValidatorsOf<InstanceTypeMessage> = {
    checkInstanceTypes: bare('checkInstanceTypes'),
    setDefaultInstanceType: withField('setDefaultInstanceType', 'name', isTypeName),
    applyInstanceType: (value) => {
        const message = withField('applyInstanceType', 'draft', isDraft)(value);
        return message && { type: message.type, draft: validDraft(message.draft)! };
    },
    copyInstanceType: (value) => {
        if (!only(value, ['type', 'draft', 'what']) || (value.what !== 'yaml' && value.what !== 'command')) {
            return undefined;
        }
        const draft = validDraft(value.draft);
        return draft && { type: 'copyInstanceType', draft, what: value.what };
    },
};
