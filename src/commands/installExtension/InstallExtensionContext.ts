import type { IActionContext } from '@microsoft/vscode-azext-utils';
import type { SubscriptionContext } from '../../azure/subscriptionContext';
import type {
    ClusterFacts,
    ExtensionChoice,
    ExtensionPurpose,
    RouterServiceType,
} from '../../domain/extensionSettings';
import type { ClusterInfo } from '../../domain/models';

/** What the install wizard has learned so far; each step fills in its part. */
export interface InstallExtensionContext extends IActionContext {
    readonly sub: SubscriptionContext;
    readonly cluster: ClusterInfo;
    /** Location, node count and distribution, read from the cluster as the CLI does. */
    readonly facts: ClusterFacts;
    readonly extensionName: string;
    /** Asked from inside the attach wizard: the end notification need not offer the attach. */
    insideAttach?: boolean;
    purpose?: ExtensionPurpose;
    routerServiceType?: RouterServiceType;
    internalLoadBalancer?: boolean;
    allowInsecureConnections?: boolean;
    sslSecret?: string;
    sslCname?: string;
    nodeSelector?: Record<string, string>;
    releaseTrain?: string;
    /** A pinned version; `latest` follows the train with minor-version auto-upgrade. */
    version?: string | 'latest';
}

export function choiceOf(context: InstallExtensionContext): ExtensionChoice {
    return {
        purpose: context.purpose,
        routerServiceType: context.routerServiceType,
        internalLoadBalancer: context.internalLoadBalancer,
        allowInsecureConnections: context.allowInsecureConnections,
        sslSecret: context.sslSecret,
        sslCname: context.sslCname,
        nodeSelector: context.nodeSelector,
    };
}
