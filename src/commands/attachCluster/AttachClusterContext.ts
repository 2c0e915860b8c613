import type { IActionContext } from '@microsoft/vscode-azext-utils';
import type { ClusterInfo, ComputeInfo, WorkspaceInfo } from '../../domain/models';
import type { SubscriptionContext } from '../../azure/subscriptionContext';
import type { AttachIdentity } from '../../domain/attachPlan';

/** What the attach wizard has learned so far; each step fills in its part. */
export interface AttachClusterContext extends IActionContext {
    /** The workspace's subscription. */
    subscription?: SubscriptionContext;
    workspace?: WorkspaceInfo;
    /** The subscription the cluster lives in (may differ from the workspace's). */
    clusterSubscription?: SubscriptionContext;
    cluster?: ClusterInfo;
    computeName?: string;
    /** When the name step last heard from the service that `computeName` is free (the preflight need not ask again). */
    computeNameFreeAt?: { readonly name: string; readonly time: number };
    namespace?: string;
    identity?: AttachIdentity;
    /**
     * Re-attach: what the compute had before it was detached. The steps still ask, offering these (the name is checked
     * again, and so is the namespace where it can be); `computeName`, `namespace` and `identity` stay the answers.
     */
    prefilled?: { readonly computeName: string; readonly namespace: string; readonly identity: AttachIdentity };
    /** Set by the preflight when the user chose to go on despite failed checks. */
    continuedDespiteChecks?: boolean;
    /** The compute as the service reported it right after the PUT. */
    compute?: ComputeInfo;
}
