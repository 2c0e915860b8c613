/**
 * Input rules for the attach and identity prompts. Each returns undefined when the value is valid, or a message
 * that says what is wrong and what is allowed. Pure, so every rule is unit-tested.
 */
import { parseArmId, resourceType } from '../azure/armId';
import { clusterResourceTypes } from '../azure/models';

/**
 * Compute names: Azure ML documents 2–16 characters for attached computes and 3–24/3–32 for other types; we apply
 * the strictest combination so a name accepted here is accepted by the service.
 */
export const computeNameRule = {
    min: 3,
    max: 16,
    pattern: /^[a-zA-Z][a-zA-Z0-9-]*[a-zA-Z0-9]$/,
    description: '3 to 16 characters: letters, digits and hyphens, starting with a letter and not ending with a hyphen',
} as const;

export function validateComputeName(value: string): string | undefined {
    const name = value.trim();
    if (!name) {
        return `Enter a compute name (${computeNameRule.description}).`;
    }
    if (name.length < computeNameRule.min || name.length > computeNameRule.max) {
        return `"${shorten(name)}" has ${name.length} characters; a compute name has ${computeNameRule.description}.`;
    }
    if (!computeNameRule.pattern.test(name)) {
        return `"${shorten(name)}" is not allowed; a compute name has ${computeNameRule.description}.`;
    }
    return undefined;
}

/** Kubernetes namespaces are DNS-1123 labels. */
export const namespaceRule = {
    max: 63,
    pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    description: 'at most 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit',
} as const;

export function validateNamespace(value: string): string | undefined {
    const ns = value.trim();
    if (!ns) {
        return `Enter a Kubernetes namespace (${namespaceRule.description}).`;
    }
    if (ns.length > namespaceRule.max) {
        return `The namespace has ${ns.length} characters; a Kubernetes namespace has ${namespaceRule.description}.`;
    }
    if (!namespaceRule.pattern.test(ns)) {
        return `"${shorten(ns)}" is not a valid Kubernetes namespace: use ${namespaceRule.description}.`;
    }
    return undefined;
}

const managedIdentityType = 'Microsoft.ManagedIdentity/userAssignedIdentities';

export function validateClusterResourceId(value: string): string | undefined {
    return validateResourceId(
        value,
        Object.values(clusterResourceTypes),
        'an AKS or Azure Arc-enabled Kubernetes cluster',
        [
            '/subscriptions/<subscription id>/resourceGroups/<group>/providers/Microsoft.ContainerService/managedClusters/<name>',
            '/subscriptions/<subscription id>/resourceGroups/<group>/providers/Microsoft.Kubernetes/connectedClusters/<name>',
        ],
    );
}

export function validateUserAssignedIdentityId(value: string): string | undefined {
    return validateResourceId(value, [managedIdentityType], 'a user-assigned managed identity', [
        `/subscriptions/<subscription id>/resourceGroups/<group>/providers/${managedIdentityType}/<name>`,
    ]);
}

function validateResourceId(value: string, types: string[], what: string, examples: string[]): string | undefined {
    const id = value.trim();
    const expected = `Expected the resource id of ${what}, like ${examples.join(' or ')}.`;
    if (!id) {
        return expected;
    }
    if (id.endsWith('/')) {
        return `Remove the trailing "/". ${expected}`;
    }
    if (/\s/.test(id)) {
        return `A resource id has no spaces. ${expected}`;
    }
    const parsed = parseArmId(id.startsWith('/') ? id : `/${id}`);
    if (!parsed?.resourceGroup || parsed.segments.length !== 1) {
        return `This is not a resource id. ${expected}`;
    }
    const type = resourceType(parsed) ?? '';
    if (!types.some((t) => t.toLowerCase() === type.toLowerCase())) {
        return `This is the id of a ${type}, not of ${what}. ${expected}`;
    }
    if (!/^[\w.-]+$/.test(parsed.segments[0].name) || !/^[\w.()-]+$/.test(parsed.resourceGroup)) {
        return `The resource group or resource name has characters Azure does not allow. ${expected}`;
    }
    return undefined;
}

/** Accepts ids without a leading slash (as `az` prints some of them) and returns the canonical form. */
export function normalizeResourceId(value: string): string {
    const id = value.trim();
    return id.startsWith('/') ? id : `/${id}`;
}

function shorten(text: string): string {
    return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
