/**
 * What the API server refuses in an InstanceType, in its words (`The InstanceType "x" is invalid: <field>: <reason>`,
 * several as `[a, b]`). The rules are the documented ones (MicrosoftDocs azure-ai-docs,
 * articles/machine-learning/how-to-manage-kubernetes-instance-types.md, "Custom instance type creation must meet the
 * following parameters"): CPU and memory requests and limits required and neither zero nor empty; `nvidia.com/gpu` an
 * integer, under limits only; nodeSelector a map of strings; the name unique (one resource a name: a second apply
 * updates it). Quantities are checked with the pattern a CRD's `resource.Quantity` fields carry. Not refused, as the
 * doc names no error for them: limits below requests, a nodeSelector outside the extension's (it "should be a subset").
 */

import type { Json } from './model';

/** The OpenAPI pattern of a Kubernetes quantity in a CRD (int-or-string). */
const quantityPattern =
    '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';
const quantityRe = new RegExp(quantityPattern);
const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const binary: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const decimal: Record<string, number> = {
    n: 1e-9,
    u: 1e-6,
    m: 1e-3,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    P: 1e15,
    E: 1e18,
};
const gpu = 'nvidia.com/gpu';

/** The value of a quantity (cores, bytes, GPUs); undefined when it is none. */
export function quantityValue(q: unknown): number | undefined {
    const s = typeof q === 'number' ? String(q) : q;
    if (typeof s !== 'string' || !quantityRe.test(s)) {
        return undefined;
    }
    const m = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(.*)$/.exec(s);
    const [, number, suffix] = m ?? ['', '0', ''];
    const scale = binary[suffix] ?? decimal[suffix] ?? (suffix ? Number(`1${suffix}`) : 1);
    return Number(number) * scale;
}

const shown = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : String(v));
const typeName = (v: unknown): string =>
    v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v;

function quantityErrors(field: string, value: unknown, required: boolean): string[] {
    if (value === undefined || value === null || value === '') {
        return required ? [`${field}: Required value`] : [];
    }
    if (typeof value !== 'string' && typeof value !== 'number') {
        return [
            `${field}: Invalid value: "${typeName(value)}": ${field} in body must be of type string: "${typeName(value)}"`,
        ];
    }
    const amount = quantityValue(value);
    if (amount === undefined) {
        return [`${field}: Invalid value: ${shown(value)}: ${field} in body should match '${quantityPattern}'`];
    }
    return amount > 0 ? [] : [`${field}: Invalid value: ${shown(value)}: must be greater than zero`];
}

function gpuErrors(field: string, value: unknown): string[] {
    if (value === undefined || value === null) {
        return [];
    }
    const amount = quantityValue(value);
    if (amount === undefined || !Number.isInteger(amount)) {
        return [`${field}: Invalid value: ${shown(value)}: must be an integer`];
    }
    return amount < 0 ? [`${field}: Invalid value: ${shown(value)}: must be greater than or equal to 0`] : [];
}

function mapOf(v: unknown): Json | undefined {
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}

/** Fields the CRD's schema does not know, as strict field validation names them. */
export function unknownFields(spec: Json): string[] {
    const out = Object.keys(spec)
        .filter((k) => !['nodeSelector', 'resources'].includes(k))
        .map((k) => `spec.${k}`);
    const resources = mapOf(spec.resources) ?? {};
    out.push(
        ...Object.keys(resources)
            .filter((k) => !['requests', 'limits'].includes(k))
            .map((k) => `spec.resources.${k}`),
    );
    return out;
}

/** The field errors of an InstanceType named `name` (empty when the API server accepts it). */
export function instanceTypeFieldErrors(name: string, specValue: unknown): string[] {
    const errors: string[] = [];
    if (!dns1123Subdomain.test(name) || name.length > 253) {
        errors.push(
            `metadata.name: Invalid value: ${JSON.stringify(name)}: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
        );
    }
    const spec = mapOf(specValue) ?? {};
    const resources = mapOf(spec.resources) ?? {};
    const requests = mapOf(resources.requests) ?? {};
    const limits = mapOf(resources.limits) ?? {};
    for (const [section, map] of [
        ['requests', requests],
        ['limits', limits],
    ] as const) {
        errors.push(...quantityErrors(`spec.resources.${section}.cpu`, map.cpu, true));
        errors.push(...quantityErrors(`spec.resources.${section}.memory`, map.memory, true));
    }
    if (requests[gpu] !== undefined) {
        errors.push(`spec.resources.requests.${gpu}: Forbidden: ${gpu} may be specified only under limits`);
    }
    errors.push(...gpuErrors(`spec.resources.limits.${gpu}`, limits[gpu]));
    if (spec.nodeSelector !== undefined && spec.nodeSelector !== null) {
        const selector = mapOf(spec.nodeSelector);
        if (!selector) {
            const t = typeName(spec.nodeSelector);
            errors.push(
                `spec.nodeSelector: Invalid value: "${t}": spec.nodeSelector in body must be of type object: "${t}"`,
            );
        }
        for (const [key, value] of Object.entries(selector ?? {})) {
            if (typeof value !== 'string') {
                const field = `spec.nodeSelector.${key}`;
                errors.push(
                    `${field}: Invalid value: "${typeName(value)}": ${field} in body must be of type string: "${typeName(value)}"`,
                );
            }
        }
    }
    return errors;
}

/** The API server's answer to an invalid InstanceType, as kubectl prints it. */
export function invalidMessage(name: string, errors: string[]): string {
    return `The InstanceType ${JSON.stringify(name)} is invalid: ${errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`}`;
}
