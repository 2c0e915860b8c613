/**
 * What an attach sends, and the equivalent `az ml compute attach` command and YAML file, from one description.
 */
import { parseArmId, resourceName } from './armId';
import type { ClusterKind } from './models';

export type AttachIdentity =
    | { readonly type: 'None' }
    | { readonly type: 'SystemAssigned' }
    | { readonly type: 'UserAssigned'; readonly identityId: string };

export interface AttachPlan {
    readonly workspace: {
        readonly id: string;
        readonly name: string;
        readonly resourceGroup: string;
        readonly location: string;
    };
    readonly cluster: { readonly id: string; readonly kind: ClusterKind };
    readonly computeName: string;
    readonly namespace: string;
    readonly identity: AttachIdentity;
}

/** The PUT body for `computes/{name}`, as the CLI builds it for Kubernetes computes. */
export function attachRequestBody(plan: AttachPlan) {
    return {
        location: plan.workspace.location,
        identity: identityBody(plan.identity),
        properties: {
            computeType: 'Kubernetes' as const,
            computeLocation: plan.workspace.location,
            resourceId: plan.cluster.id,
            properties: { namespace: plan.namespace },
        },
    };
}

export function identityBody(identity: AttachIdentity) {
    switch (identity.type) {
        case 'UserAssigned':
            return { type: 'UserAssigned' as const, userAssignedIdentities: { [identity.identityId]: {} } };
        case 'SystemAssigned':
            return { type: 'SystemAssigned' as const };
        default:
            return { type: 'None' as const };
    }
}

/** A copyable `az ml compute attach` command doing the same as the plan. */
export function azAttachCommand(plan: AttachPlan): string {
    const args = [
        'az ml compute attach',
        `--resource-group ${shellQuote(plan.workspace.resourceGroup)}`,
        `--workspace-name ${shellQuote(plan.workspace.name)}`,
        `--subscription ${parseArmId(plan.workspace.id)?.subscriptionId ?? ''}`,
        '--type Kubernetes',
        `--name ${shellQuote(plan.computeName)}`,
        `--resource-id ${shellQuote(plan.cluster.id)}`,
        `--namespace ${shellQuote(plan.namespace)}`,
    ];
    if (plan.identity.type === 'SystemAssigned') {
        args.push('--identity-type SystemAssigned');
    } else if (plan.identity.type === 'UserAssigned') {
        args.push('--identity-type UserAssigned', `--user-assigned-identities ${shellQuote(plan.identity.identityId)}`);
    }
    args.push('--no-wait');
    return args.join(' \\\n  ');
}

/** The JSON schema the Azure ML CLI (v2) documents for a Kubernetes compute (reference-yaml-compute-kubernetes). */
export const kubernetesComputeSchema = 'https://azuremlschemas.azureedge.net/latest/kubernetesCompute.schema.json';

/** The YAML that `az ml compute attach --file` accepts for the same compute, starting with its `$schema` line. */
export function attachYaml(plan: AttachPlan): string {
    const lines = [
        `$schema: ${kubernetesComputeSchema}`,
        'type: kubernetes',
        `name: ${yamlString(plan.computeName)}`,
        `resource_id: ${yamlString(plan.cluster.id)}`,
        `namespace: ${yamlString(plan.namespace)}`,
    ];
    if (plan.identity.type === 'SystemAssigned') {
        lines.push('identity:', '  type: system_assigned');
    } else if (plan.identity.type === 'UserAssigned') {
        lines.push(
            'identity:',
            '  type: user_assigned',
            '  user_assigned_identities:',
            `    - resource_id: ${yamlString(plan.identity.identityId)}`,
        );
    }
    return `${lines.join('\n')}\n`;
}

/** A compute name suggested from the cluster name that satisfies the compute name rule. */
export function suggestComputeName(clusterId: string, taken: readonly string[] = []): string {
    const parsed = parseArmId(clusterId);
    const base = (parsed ? (resourceName(parsed) ?? '') : '')
        .toLowerCase()
        .replace(/[^a-z0-9-]/g, '-')
        .replace(/^[^a-z]+/, '')
        .replace(/-+/g, '-')
        .slice(0, 16)
        .replace(/-+$/, '');
    const stem = base.length >= 3 ? base : `k8s-${base}`.replace(/-+$/, '').padEnd(3, '0');
    const lowerTaken = new Set(taken.map((t) => t.toLowerCase()));
    if (!lowerTaken.has(stem)) {
        return stem;
    }
    for (let i = 2; i < 100; i++) {
        const suffix = `-${i}`;
        const candidate = `${stem.slice(0, 16 - suffix.length).replace(/-+$/, '')}${suffix}`;
        if (!lowerTaken.has(candidate)) {
            return candidate;
        }
    }
    return stem;
}

/** The value as one POSIX shell word: as it is when it is plainly safe, else in single quotes. */
export function shellQuote(value: string): string {
    return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

function yamlString(value: string): string {
    return /^[\w./-]+$/.test(value) && !/^(true|false|null|yes|no|~)$/i.test(value) ? value : JSON.stringify(value);
}
