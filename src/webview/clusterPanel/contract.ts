/**
 * The cluster details panel's contract, shared by the extension (ClusterPanel.ts) and the page (page/*.ts): what the
 * page renders, and the messages each way. The extension validates every message it receives with
 * `validateToExtensionMessage` and hands it to the one handler of its kind (`ToExtensionHandlers`, panelMessages.ts).
 * No secrets go into the state: the extension's protected settings are never read, and settings whose names say
 * they hold a secret are left out (domain/extensionDetails.ts).
 *
 * Kept free of `vscode` and of the DOM, so both sides and the unit tests can import it.
 */

import type { PodHealth } from '../../domain/podHealth';
import type { RoleRow } from '../../domain/roleRows';
import {
    bare,
    isId,
    oneOf,
    pageMessageValidators,
    validateWith,
    withField,
    type HandlersOf,
    type HostMessage,
    type PageMessage,
    type ValidatorsOf,
} from '../shared/messages';

export type { PodHealth, PodEvent } from '../../domain/podHealth';
export type { RoleRow, RowStatus } from '../../domain/roleRows';

export const clusterPanelViewType = 'azuremlK8s.clusterDetails';

/** A section read from Azure: under way, read, or not readable (with why). */
export type Loaded<T> =
    | { readonly state: 'loading' }
    | ({ readonly state: 'ready' } & T)
    | { readonly state: 'unavailable'; readonly reason: string };

/** The AzureML extension as the page shows it: nothing secret (clusterSections.ts builds it). */
export interface ExtensionView {
    readonly name: string;
    readonly provisioningState: string;
    readonly currentVersion?: string;
    /** The version asked for (none when auto-upgrade follows the release train). */
    readonly version?: string;
    readonly releaseTrain?: string;
    readonly autoUpgradeMinorVersion?: boolean;
    readonly releaseNamespace?: string;
    /** Name and value, sorted by name, without those whose names say they hold secrets. */
    readonly settings: readonly { readonly name: string; readonly value: string }[];
    /** The settings left out: protected ones (never returned by Azure) and secret-looking plain ones, by name. */
    readonly hiddenSettings: readonly string[];
    /** The service's error in full, one entry per line (code and message, then each detail), secrets redacted. */
    readonly errors: readonly { readonly code?: string; readonly message: string }[];
    readonly statuses: readonly { readonly code?: string; readonly message: string }[];
}

export type ExtensionSection =
    | Loaded<{ readonly details: ExtensionView }>
    /** The cluster has no AzureML extension. */
    | { readonly state: 'missing' };

export interface ComputeRow {
    readonly id: string;
    readonly name: string;
    readonly workspaceName: string;
    readonly subscriptionName: string;
    readonly provisioningState: string;
    readonly namespace: string;
    /** e.g. "System-assigned", "User-assigned: id-train", "None" */
    readonly identity: string;
}

export type ComputesSection = Loaded<{
    readonly rows: readonly ComputeRow[];
    /** Subscriptions whose computes could not be read: the list may be missing some. */
    readonly unreadable: readonly string[];
}>;

/** One attaching workspace with a user-assigned identity: its identity's roles on the cluster. */
export interface WorkspacePrerequisites {
    readonly workspaceId: string;
    readonly workspaceName: string;
    readonly identityName?: string;
    /** Row ids are unique in the panel (the workspace's id is part of them). */
    readonly rows: Loaded<{ readonly rows: readonly RoleRow[] }>;
}

export interface LimitNote {
    readonly id: string;
    /** `ok`: checked and fine; `warning`: it stops attaches or computes; `info`: a rule to know. */
    readonly level: 'ok' | 'warning' | 'info';
    readonly text: string;
}

export type HealthSection =
    /** AKS: the pods are read through run-command when the user asks (it takes a while and runs in the cluster). */
    | { readonly state: 'notChecked' }
    | { readonly state: 'loading' }
    | { readonly state: 'ready'; readonly pods: readonly PodHealth[]; readonly checkedAt: string }
    | { readonly state: 'unavailable'; readonly reason: string }
    /** Arc: no run-command; the commands to run with the cluster's kubeconfig. */
    | { readonly state: 'commands'; readonly commands: readonly string[] };

export interface ClusterPanelState {
    /** Enough to find the cluster again after a window reload. */
    readonly subscriptionId: string;
    readonly clusterId: string;
    readonly clusterName: string;
    readonly kind: 'aks' | 'arc';
    readonly subscriptionName: string;
    readonly resourceGroup: string;
    readonly location?: string;
    /** Kubernetes version (AKS) or distribution and connectivity (Arc). */
    readonly clusterFacts: readonly { readonly label: string; readonly value: string }[];
    readonly extension: ExtensionSection;
    readonly computes: ComputesSection;
    readonly prerequisites: readonly WorkspacePrerequisites[];
    readonly limits: readonly LimitNote[];
    readonly health: HealthSection;
    /** The cluster could not be read the last time. */
    readonly readError?: string;
}

/** The AzureML extension commands the panel runs (ext-install's), by what they do. */
export const extensionCommands = ['install', 'updateSettings', 'uninstall'] as const;
export type ExtensionCommand = (typeof extensionCommands)[number];

export type ToExtension =
    | PageMessage
    | { readonly type: 'extensionCommand'; readonly command: ExtensionCommand }
    /** Opens a compute's panel: one of the panel's compute rows, by id. */
    | { readonly type: 'openCompute'; readonly computeId: string }
    | { readonly type: 'copyAzCommand'; readonly rowId: string }
    /** Assigns a prerequisite row's role after a confirmation (the one grant flow), then checks it again. */
    | { readonly type: 'assign'; readonly rowId: string }
    /** Reads the extension's pods (AKS). */
    | { readonly type: 'checkHealth' }
    | { readonly type: 'collectDiagnostics' }
    /** Copies the health commands (Arc) or `az k8s-extension create ...` (no extension). */
    | { readonly type: 'copy'; readonly what: CopyWhat }
    | { readonly type: 'openInPortal' };

export const copyWhats = ['healthCommands', 'installCommand', 'clusterId'] as const;
export type CopyWhat = (typeof copyWhats)[number];

export type ToPage = HostMessage<ClusterPanelState>;

export type ToExtensionType = ToExtension['type'];

/** The extension's handlers of the page's messages (panelMessages.ts). */
export type ToExtensionHandlers = HandlersOf<ToExtension, void | Promise<void>>;

const validators: ValidatorsOf<ToExtension> = {
    ...pageMessageValidators,
    checkHealth: bare('checkHealth'),
    collectDiagnostics: bare('collectDiagnostics'),
    openInPortal: bare('openInPortal'),
    extensionCommand: withField('extensionCommand', 'command', oneOf(extensionCommands)),
    openCompute: withField('openCompute', 'computeId', isId),
    copyAzCommand: withField('copyAzCommand', 'rowId', isId),
    assign: withField('assign', 'rowId', isId),
    copy: withField('copy', 'what', oneOf(copyWhats)),
};

/** Every kind of message the extension accepts from the page. */
export const toExtensionTypes = Object.keys(validators) as readonly ToExtensionType[];

/** The message, when it is one the page may send; undefined for anything else. A fresh object of known fields. */
export function validateToExtensionMessage(value: unknown): ToExtension | undefined {
    return validateWith(validators, value);
}
