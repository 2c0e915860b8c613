/**
 * Input rules for the attach and identity prompts. Each returns undefined when the value is valid, or a message
 * that says what is wrong and what is allowed. Pure, so every rule is unit-tested.
 */
import { isGuid, parseArmId, resourceType } from './armId';
import { clusterResourceTypes } from './models';

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
    const odd = oddCharacter(name);
    if (odd) {
        return `"${shorten(name)}" is not allowed: it has ${odd}; a compute name has ${computeNameRule.description}.`;
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
    const odd = oddCharacter(ns);
    if (odd) {
        return `"${shorten(ns)}" is not a valid Kubernetes namespace: it has ${odd}; use ${namespaceRule.description}.`;
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

/** Longest names Azure documents: resource groups 90; AKS clusters 63; user-assigned identities 128; else 260. */
const maxResourceGroupLength = 90;
const maxNameLength: Record<string, number> = {
    'microsoft.containerservice/managedclusters': 63,
    'microsoft.managedidentity/userassignedidentities': 128,
};
const defaultMaxNameLength = 260;

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

/**
 * ARM ids are case-insensitive, so any casing of the keywords, provider and type is accepted, with or without the
 * leading slash; the subscription may be any (a cluster can be in another subscription than the workspace).
 */
function validateResourceId(value: string, types: string[], what: string, examples: string[]): string | undefined {
    const id = value.trim();
    const expected = `Expected the resource id of ${what}, like ${examples.join(' or ')}.`;
    if (!id) {
        return expected;
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(id)) {
        return `This is a web address, not a resource id: copy the id from the resource's Properties or JSON view in the portal. ${expected}`;
    }
    if (/\s/.test(id)) {
        return `A resource id has no spaces. ${expected}`;
    }
    const odd = oddCharacter(id);
    if (odd) {
        return `The id has ${odd}; copy it again from the portal or az. ${expected}`;
    }
    if (id.endsWith('/')) {
        return `Remove the trailing "/". ${expected}`;
    }
    if (id.includes('//')) {
        return `The id has an empty part ("//"). ${expected}`;
    }
    const canonical = id.startsWith('/') ? id : `/${id}`;
    const subscription = /^\/subscriptions\/([^/]*)/i.exec(canonical)?.[1];
    if (subscription !== undefined && !isGuid(subscription)) {
        return `"${shorten(subscription)}" is not a subscription id (a GUID). ${expected}`;
    }
    const parsed = parseArmId(canonical);
    if (!parsed?.resourceGroup || !parsed.provider) {
        return `This is not a resource id: it needs the subscription, resource group, provider, type and name. ${expected}`;
    }
    const type = resourceType(parsed) ?? '';
    if (!types.some((t) => t.toLowerCase() === type.toLowerCase())) {
        return `This is the id of a ${shorten(type, 100)}, not of ${what}. ${expected}`;
    }
    const name = parsed.segments[0].name;
    if (!/^[\w.-]+$/.test(name) || !/^[\w.()-]+$/.test(parsed.resourceGroup)) {
        return `The resource group or resource name has characters Azure does not allow. ${expected}`;
    }
    // "." and ".." would be resolved away in the request URL, reaching another resource than the one typed.
    if (/^\.|\.$/.test(name) || parsed.resourceGroup.endsWith('.')) {
        return `A resource name cannot start or end with "." (nor a resource group end with one). ${expected}`;
    }
    if (parsed.resourceGroup.length > maxResourceGroupLength) {
        return `The resource group name has ${parsed.resourceGroup.length} characters; Azure allows at most ${maxResourceGroupLength}. ${expected}`;
    }
    const maxName = maxNameLength[type.toLowerCase()] ?? defaultMaxNameLength;
    if (name.length > maxName) {
        return `The name has ${name.length} characters; Azure allows at most ${maxName} for a ${type}. ${expected}`;
    }
    return undefined;
}

/** Accepts ids without a leading slash (as `az` prints some of them) and returns the canonical form. */
export function normalizeResourceId(value: string): string {
    const id = value.trim();
    return id.startsWith('/') ? id : `/${id}`;
}

/**
 * The first character no name or id may have: anything outside printable ASCII, named by its code point, since it
 * may be invisible (zero-width space), turn the text around (right-to-left override), or look like a Latin letter
 * (Cyrillic "а", fullwidth "ａ"). Undefined when there is none.
 */
export function oddCharacter(text: string): string | undefined {
    const match = /[^\x20-\x7e]/u.exec(text);
    if (!match) {
        return undefined;
    }
    const char = match[0];
    const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    if (invisible.test(char)) {
        return `${code}, an invisible or text-direction character`;
    }
    const ascii = lookalikes[char] ?? char.normalize('NFKC');
    return /^[\x20-\x7e]$/.test(ascii)
        ? `${code} (${char}), which looks like "${ascii}" but is not ASCII`
        : `${code} (${char}), which is not an ASCII letter, digit or sign`;
}

/** Cyrillic and Greek letters that look like Latin ones (fullwidth forms are found by NFKC instead). */
const lookalikes: Record<string, string> = Object.fromEntries(
    [...'аaеeоoрpсcуyхxіiјjѕsԁdһhӏlАAВBЕEКKМMНHОOРPСCТTХXΑAΒBΕEΗHΙIΚKΜMΝNΟOΡPΤTΧXΥYΖZοoνvαa'].flatMap((c, i, all) =>
        i % 2 === 0 ? [[c, all[i + 1]]] : [],
    ),
);

/** Control, format (zero-width, bidi), separator and unassigned characters. */
const invisible = /[\p{Cc}\p{Cf}\p{Z}\p{Cn}\p{Co}\p{Cs}]/u;

/** The value as a message may quote it: at most 40 characters, with invisible and direction characters escaped. */
function shorten(text: string, max = 40): string {
    const shown = [...text]
        .map((c) => (invisible.test(c) && c !== ' ' ? `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}` : c))
        .join('');
    return shown.length > max ? `${shown.slice(0, max - 1)}…` : shown;
}
