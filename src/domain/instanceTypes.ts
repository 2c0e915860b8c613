/**
 * Azure ML instance types on Kubernetes: the `InstanceType` custom resource (`instancetypes.amlarc.azureml.com`,
 * `amlarc.azureml.com/v1alpha1`, cluster-scoped) that sets a job's nodeSelector and resources. Rules from
 * learn.microsoft.com/azure/machine-learning/how-to-manage-kubernetes-instance-types ("the doc" below).
 */
import { nodeSelectorProblem } from './extensionSettings';
import { parseCpu, parseMemory, parseWholeCount, type QuantityReading } from './quantity';

/** Where an instance type was read: the cluster's resources, the built-in default, or the compute's ARM properties. */
export type InstanceTypeSource = 'cluster' | 'built-in' | 'compute';

/** Quantities as written (`"700m"`, `"1500Mi"`); they are parsed where they are judged. */
export interface InstanceTypeResources {
    readonly cpu?: string;
    readonly memory?: string;
    /** `nvidia.com/gpu`. */
    readonly gpu?: string;
}

export interface InstanceType {
    readonly name: string;
    readonly nodeSelector: Readonly<Record<string, string>>;
    readonly requests: InstanceTypeResources;
    readonly limits: InstanceTypeResources;
    readonly isDefault: boolean;
    readonly source: InstanceTypeSource;
    readonly createdOn?: Date;
}

export const instanceTypeApiVersion = 'amlarc.azureml.com/v1alpha1';
export const instanceTypeResource = 'instancetypes.amlarc.azureml.com';
export const gpuResource = 'nvidia.com/gpu';

/** The doc: "To specify a default instance type for a Kubernetes cluster, create an instance type with the name `defaultinstancetype`". */
export const defaultInstanceTypeName = 'defaultinstancetype';

/**
 * The doc's definition of the default created at attach: requests 100m / 2Gi, limits 2 / 2Gi, no GPU. It "doesn't
 * appear as an InstanceType custom resource in the cluster", and a resource of the same name overrides it.
 */
export const builtInDefaultInstanceType: InstanceType = {
    name: defaultInstanceTypeName,
    nodeSelector: {},
    requests: { cpu: '100m', memory: '2Gi' },
    limits: { cpu: '2', memory: '2Gi' },
    isDefault: true,
    source: 'built-in',
};

/** What a job may use on this cluster: its InstanceType resources, and the built-in default unless one overrides it. */
export function withBuiltInDefault(clusterTypes: readonly InstanceType[]): InstanceType[] {
    const types = clusterTypes.map((type) => ({ ...type, isDefault: type.name === defaultInstanceTypeName }));
    const overridden = types.some((type) => type.isDefault);
    const all = overridden ? types : [builtInDefaultInstanceType, ...types];
    return all.sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name));
}

export type InstanceTypeField =
    | 'name'
    | 'nodeSelector'
    | 'requests.cpu'
    | 'requests.memory'
    | 'requests.gpu'
    | 'limits.cpu'
    | 'limits.memory'
    | 'limits.gpu';

export interface InstanceTypeProblem {
    readonly field: InstanceTypeField;
    readonly reason: string;
}

/** What an instance type is checked against besides itself. */
export interface InstanceTypeRules {
    /** The AzureML extension's `nodeSelector.<key>` configuration settings, keys without the prefix. */
    readonly extensionNodeSelector?: Readonly<Record<string, string>>;
    /** Names already taken on the cluster (the doc: "must be unique in a cluster"); the one being edited excluded. */
    readonly existingNames?: readonly string[];
}

/** Kubernetes object names are DNS-1123 subdomains (kubernetes.io/docs/concepts/overview/working-with-objects/names). */
const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Every problem the doc's table and the CRD would refuse, by field; empty when the type can be applied. */
export function validateInstanceType(type: InstanceType, rules: InstanceTypeRules = {}): InstanceTypeProblem[] {
    const problems: InstanceTypeProblem[] = [];
    const add = (field: InstanceTypeField, reason: string | undefined) => reason && problems.push({ field, reason });
    add('name', nameProblem(type.name, rules.existingNames ?? []));
    add('nodeSelector', selectorProblem(type.nodeSelector, rules.extensionNodeSelector ?? {}));
    // The doc's table: CPU and memory request and limit are "Required", "can't be zero or empty".
    const requestCpu = requiredPositive(type.requests.cpu, parseCpu, 'CPU request');
    const requestMemory = requiredPositive(type.requests.memory, parseMemory, 'memory request');
    const limitCpu = requiredPositive(type.limits.cpu, parseCpu, 'CPU limit');
    const limitMemory = requiredPositive(type.limits.memory, parseMemory, 'memory limit');
    add('requests.cpu', problemOf(requestCpu));
    add('requests.memory', problemOf(requestMemory));
    add('limits.cpu', problemOf(limitCpu));
    add('limits.memory', problemOf(limitMemory));
    // The doc: GPU "Integer values that can be specified only in the limits section".
    if (type.requests.gpu !== undefined && type.requests.gpu !== '') {
        add('requests.gpu', `A GPU count goes under limits only (${gpuResource} in limits); remove it from requests.`);
    }
    if (type.limits.gpu !== undefined && type.limits.gpu !== '') {
        add('limits.gpu', problemOf(parseWholeCount(type.limits.gpu)));
    }
    // Kubernetes refuses a pod whose request exceeds its limit ("must be less than or equal to cpu limit").
    add('limits.cpu', belowRequest(limitCpu, requestCpu, 'CPU'));
    add('limits.memory', belowRequest(limitMemory, requestMemory, 'memory'));
    return problems;
}

/** The request above its limit, said for the limit's field; undefined when either is unreadable or they are fine. */
function belowRequest(limit: QuantityReading, request: QuantityReading, what: string): string | undefined {
    return 'value' in limit && 'value' in request && limit.value < request.value
        ? `The ${what} limit is below the ${what} request; a limit must be at least the request.`
        : undefined;
}

/** Both limits at least their requests (only for quantities that parse; others are validation problems). */
export function limitsBelowRequests(type: InstanceType): boolean {
    return (
        belowRequest(parseCpu(type.limits.cpu ?? ''), parseCpu(type.requests.cpu ?? ''), 'CPU') !== undefined ||
        belowRequest(parseMemory(type.limits.memory ?? ''), parseMemory(type.requests.memory ?? ''), 'memory') !==
            undefined
    );
}

function nameProblem(name: string, existing: readonly string[]): string | undefined {
    if (!name) {
        return 'Enter a name: lowercase letters, digits, "-" and ".", starting and ending with a letter or digit.';
    }
    if (name.length > 253 || !dnsSubdomain.test(name)) {
        return `"${name}" is not a Kubernetes name: at most 253 lowercase letters, digits, "-" and ".", starting and ending with a letter or digit.`;
    }
    if (existing.includes(name)) {
        return `The cluster already has an instance type named "${name}"; names are unique in a cluster.`;
    }
    return undefined;
}

/**
 * The doc: "the specified nodeSelector field should be a subset of the extension-specified nodeSelector field"
 * when the extension was installed with one; without one, any label selector.
 */
function selectorProblem(
    selector: Readonly<Record<string, string>>,
    extension: Readonly<Record<string, string>>,
): string | undefined {
    const labelProblem = nodeSelectorProblem(selector);
    if (labelProblem || Object.keys(extension).length === 0) {
        return labelProblem;
    }
    const outside = Object.entries(selector).filter(([key, value]) => extension[key] !== value);
    if (outside.length === 0) {
        return undefined;
    }
    return `${pairs(Object.fromEntries(outside))} is not in the AzureML extension's nodeSelector (${pairs(extension)}); an instance type's nodeSelector must be a subset of it.`;
}

/** `key=value,key=value`, as kubectl writes a selector. */
export function pairs(selector: Readonly<Record<string, string>>): string {
    return Object.entries(selector)
        .map(([key, value]) => `${key}=${value}`)
        .join(',');
}

function requiredPositive(
    text: string | undefined,
    parse: (text: string) => QuantityReading,
    what: string,
): QuantityReading {
    if (text === undefined || text.trim() === '') {
        return { problem: `Enter the ${what} (required).` };
    }
    const reading = parse(text);
    if ('value' in reading && reading.value === 0) {
        return { problem: `The ${what} cannot be zero.` };
    }
    return reading;
}

function problemOf(reading: QuantityReading): string | undefined {
    return 'problem' in reading ? reading.problem : undefined;
}

/** The entries the compute's ARM view keeps per instance type (`properties.properties.instanceTypes[name]`). */
export interface InstanceTypeSchemaShape {
    nodeSelector?: Record<string, string | null> | null;
    resources?: { requests?: Record<string, string> | null; limits?: Record<string, string> | null } | null;
}

/** One instance type from its spec's shape (the CRD's `spec` and the compute's entries share it). */
export function instanceTypeFromSpec(
    name: string,
    spec: InstanceTypeSchemaShape | undefined,
    source: InstanceTypeSource,
    isDefault: boolean,
    createdOn?: Date,
): InstanceType {
    const selector = Object.entries(spec?.nodeSelector ?? {}).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
    );
    return {
        name,
        nodeSelector: Object.fromEntries(selector),
        requests: resourcesOf(spec?.resources?.requests),
        limits: resourcesOf(spec?.resources?.limits),
        isDefault,
        source,
        ...(createdOn ? { createdOn } : {}),
    };
}

function resourcesOf(values: Record<string, unknown> | null | undefined): InstanceTypeResources {
    const text = (key: string): string | undefined => {
        const value = values?.[key];
        // The doc writes `nvidia.com/gpu: 1` unquoted; kubectl -o json keeps it a number.
        return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
    };
    const cpu = text('cpu');
    const memory = text('memory');
    const gpu = text(gpuResource);
    return {
        ...(cpu !== undefined ? { cpu } : {}),
        ...(memory !== undefined ? { memory } : {}),
        ...(gpu !== undefined ? { gpu } : {}),
    };
}

/** The compute's `defaultInstanceType` and `instanceTypes` (its type-specific properties), when it has them. */
export function instanceTypesOfCompute(properties: unknown): {
    defaultInstanceType?: string;
    instanceTypes?: InstanceType[];
} {
    const props = (properties ?? {}) as { defaultInstanceType?: unknown; instanceTypes?: unknown };
    const defaultName = typeof props.defaultInstanceType === 'string' ? props.defaultInstanceType : undefined;
    const entries =
        props.instanceTypes && typeof props.instanceTypes === 'object'
            ? Object.entries(props.instanceTypes as Record<string, InstanceTypeSchemaShape>)
            : undefined;
    return {
        ...(defaultName ? { defaultInstanceType: defaultName } : {}),
        ...(entries
            ? {
                  instanceTypes: entries.map(([name, spec]) =>
                      instanceTypeFromSpec(name, spec, 'compute', name === (defaultName ?? defaultInstanceTypeName)),
                  ),
              }
            : {}),
    };
}
