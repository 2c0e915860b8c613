/**
 * What a Failed compute's panel offers to do next, chosen from its provisioning errors. Pure (no vscode, no DOM), so
 * the unit tests read the rules; nextSteps.ts words them.
 */
import { isResourceOfType, parseArmId } from '../../domain/armId';
import type { NextStepId } from './contract';

export interface ProvisioningErrorLike {
    readonly code?: string;
    readonly message: string;
}

/** What an error is about, as far as its code and message tell. */
export type FailureKind = 'extension' | 'limit' | 'roles' | 'identity' | 'cluster' | 'other';

export function failureKind(error: ProvisioningErrorLike): FailureKind {
    const code = error.code ?? '';
    const text = `${code} ${error.message}`;
    if (/extension/i.test(code) || /AzureML extension|k8s-extension|Microsoft\.AzureML\.Kubernetes/i.test(text)) {
        return 'extension';
    }
    // The service's words for a role the workspace's identity lacks (AML-Kubernetes #279), Trusted Access or not.
    if (/role check failed/i.test(text)) {
        return 'roles';
    }
    // A documented limit of the cluster (Trusted Access, another subscription, a service principal): fixed on the
    // cluster, then the compute is attached again. A private endpoint's limit is about the identity (below).
    if (/trusted ?access|cross.?subscription|service ?principal/i.test(text) && !/private endpoint/i.test(text)) {
        return 'limit';
    }
    if (/private ?endpoint/i.test(text)) {
        return 'identity';
    }
    if (/\brole|missingrole|authoriz|forbidden|permission/i.test(text)) {
        return 'roles';
    }
    if (/identity/i.test(text)) {
        return 'identity';
    }
    if (/clusternotfound/i.test(code) || /\bcluster\b.*\bnot (be )?found/i.test(error.message)) {
        return 'cluster';
    }
    return 'other';
}

/** A role the *workspace's* identity lacks (an attach prerequisite): the compute's own identity is not the fix. */
function aboutWorkspaceIdentity(error: ProvisioningErrorLike): boolean {
    return /workspace'?s?\s+(user-assigned\s+|managed\s+)?identity/i.test(error.message);
}

export interface NextStepInput {
    readonly errors: readonly ProvisioningErrorLike[];
    /** The compute names its cluster (the install needs it). */
    readonly hasCluster: boolean;
    /** The panel shows role rows (the compute's, or the workspace prerequisites). */
    readonly hasRoleRows: boolean;
}

/**
 * The fixes, likeliest first: for an extension error the extension's install; for a missing role the role
 * rows (and Edit Identity when it is the compute's own identity); for the compute's identity Edit Identity; for a
 * cluster that is gone Detach. Every Failed compute is offered Detach (a Failed compute does not recover by itself:
 * it is attached again once the cause is fixed) and the troubleshooting guide.
 */
export function chooseNextSteps(input: NextStepInput): NextStepId[] {
    const steps: NextStepId[] = [];
    const add = (...ids: NextStepId[]) => {
        for (const id of ids) {
            const offered =
                (id !== 'installExtension' || input.hasCluster) && (id !== 'showRoles' || input.hasRoleRows);
            if (offered && !steps.includes(id)) {
                steps.push(id);
            }
        }
    };
    const errors = input.errors.length > 0 ? input.errors : [{ message: '' }];
    for (const error of errors) {
        switch (failureKind(error)) {
            case 'extension':
                add('installExtension');
                break;
            case 'roles':
                add('showRoles', ...(aboutWorkspaceIdentity(error) ? [] : (['editIdentity'] as const)));
                break;
            case 'identity':
                add('editIdentity', 'showRoles');
                break;
            case 'cluster':
            case 'limit':
                add('detach');
                break;
            case 'other':
                add('troubleshoot', 'installExtension', 'editIdentity');
                break;
        }
    }
    add('detach', 'troubleshoot');
    return steps;
}

/** The command a cluster's row and panel run to install the AzureML extension; it takes `{ subscriptionId, clusterId }`. */
export const installExtensionCommandId = 'azuremlK8s.installExtension';

/** What the installExtension step does for the compute's cluster. */
export type InstallExtensionPlan =
    | {
          readonly kind: 'run';
          readonly command: typeof installExtensionCommandId;
          readonly argument: { readonly subscriptionId: string; readonly clusterId: string };
      }
    /** The cluster cannot be resolved here: its `az k8s-extension create` command is copied for whoever can. */
    | { readonly kind: 'copy'; readonly clusterId: string; readonly why: 'notACluster' | 'subscriptionNotUsable' };

const clusterTypes = ['Microsoft.ContainerService/managedClusters', 'Microsoft.Kubernetes/connectedClusters'];

/**
 * Runs Install AzureML Extension... on the compute's cluster, in the cluster's own subscription (which may not be the
 * compute's), when that subscription is one the signed-in account can use (`findSubscription` answers its id as the
 * session spells it); else copies its `az k8s-extension create` command. A cluster that is gone, Install says so itself.
 */
export async function planInstallExtension(
    clusterId: string,
    findSubscription: (subscriptionId: string) => Promise<string | undefined>,
): Promise<InstallExtensionPlan> {
    const subscriptionId = parseArmId(clusterId)?.subscriptionId;
    if (!subscriptionId || !clusterTypes.some((type) => isResourceOfType(clusterId, type))) {
        return { kind: 'copy', clusterId, why: 'notACluster' };
    }
    const usable = await findSubscription(subscriptionId).catch(() => undefined);
    return usable
        ? { kind: 'run', command: installExtensionCommandId, argument: { subscriptionId: usable, clusterId } }
        : { kind: 'copy', clusterId, why: 'subscriptionNotUsable' };
}
