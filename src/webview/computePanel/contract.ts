/**
 * The compute details panel's contract, shared by the extension (ComputePanel.ts) and the page (page/*.ts):
 * what the page renders, and the messages each way. The extension validates every message it receives with
 * `validateToExtensionMessage` and hands it to the one handler of its kind (`ToExtensionHandlers`, panelMessages.ts).
 * No secrets go into the state (the models already leave connection strings out).
 *
 * Kept free of `vscode` and of the DOM, so both sides and the unit tests can import it.
 */

import type { RoleRow } from '../../domain/roleRows';
import { instanceTypeValidators, type InstanceTypeMessage, type InstanceTypesSection } from './instanceTypesContract';
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

export { messageForLog, type HandlersOf } from '../shared/messages';

// The role rows are the domain's: the page shows them as they are.
export type { RoleRow, RowStatus } from '../../domain/roleRows';

export const computePanelViewType = 'azuremlK8s.computeDetails';

export type ProvisioningStateName =
    'Unknown' | 'Updating' | 'Creating' | 'Deleting' | 'Succeeded' | 'Failed' | 'Canceled';

export interface StatusSection {
    readonly provisioningState: ProvisioningStateName;
    /** Creating, Updating or Deleting: the extension is polling. */
    readonly transitional: boolean;
    /** codicon id (with `~spin` for changing states) and its theme colour token, e.g. `testing.iconPassed`. */
    readonly icon: string;
    readonly iconColor?: string;
    /** ISO 8601 */
    readonly createdOn?: string;
    readonly modifiedOn?: string;
    readonly errors: readonly { readonly code?: string; readonly message: string }[];
    /** When the compute could not be read the last time, what happened (the last known state stays shown). */
    readonly readError?: string;
    /** The compute is gone (detached or deleted). */
    readonly gone?: boolean;
    /** ISO 8601 time of the last successful read. */
    readonly checkedAt: string;
    /** Failed: what to do next, chosen from the errors (failedActions.ts), the likeliest fix first. */
    readonly nextSteps?: readonly NextStep[];
}

/** The fixes a Failed compute's panel can offer. */
export const nextStepIds = ['installExtension', 'showRoles', 'editIdentity', 'detach', 'troubleshoot'] as const;
export type NextStepId = (typeof nextStepIds)[number];

export interface NextStep {
    readonly id: NextStepId;
    /** The button's text, e.g. "Copy the install command". */
    readonly label: string;
    /** Why, and what follows, in a sentence. */
    readonly detail: string;
}

/** What the panel says instead of its sections once the compute is gone. */
export interface GoneSection {
    /** `detached`: this window detached it and followed the detach to its end; `missing`: it is no longer found. */
    readonly how: 'detached' | 'missing';
    readonly title: string;
    readonly detail: string;
}

export interface AttachmentSection {
    readonly workspaceName: string;
    readonly workspaceId: string;
    readonly subscriptionName: string;
    readonly resourceGroup: string;
    readonly clusterName?: string;
    readonly clusterKind?: 'aks' | 'arc';
    readonly clusterId?: string;
    readonly namespace: string;
    /** `az ml compute attach ...` attaching the same cluster the same way. */
    readonly azCommand: string;
}

export interface IdentitySection {
    readonly type: 'None' | 'SystemAssigned' | 'UserAssigned' | 'SystemAssigned,UserAssigned';
    /** System-assigned */
    readonly principalId?: string;
    readonly tenantId?: string;
    /** `<workspace>/computes/<compute>`: the name the system-assigned identity has in Entra ID and the portal. */
    readonly displayName?: string;
    /** User-assigned */
    readonly userAssigned?: {
        readonly id: string;
        readonly name: string;
        readonly clientId?: string;
        readonly principalId?: string;
    };
}

export type RowsSection =
    | { readonly state: 'loading' }
    | { readonly state: 'ready'; readonly rows: readonly RoleRow[] }
    /** e.g. the compute has no identity, or the workspace could not be read. */
    | { readonly state: 'unavailable'; readonly reason: string };

export interface InitialState {
    /** Enough to find the compute again after a window reload. */
    readonly subscriptionId: string;
    readonly computeId: string;
    readonly computeName: string;
    readonly status: StatusSection;
    readonly attachment: AttachmentSection;
    readonly identity: IdentitySection;
    readonly roles: RowsSection;
    /** Present only when the workspace has a user-assigned identity. */
    readonly prerequisites?: RowsSection & { readonly identityName?: string };
    /** Set once the compute is gone: the page shows this (and Close) instead of the sections above. */
    readonly gone?: GoneSection;
    /** Documented limits this compute runs into (a private endpoint, Trusted Access), shown above the sections. */
    readonly warnings?: readonly PanelWarning[];
    /** What a job gets: the compute's instance types, and on AKS the cluster's checked against its nodes. */
    readonly instanceTypes?: InstanceTypesSection;
}

/** The state with one role row's new status, in whichever section shows it (the panel's and the page's alike). */
export function withRow(state: InitialState, row: RoleRow): InitialState {
    const replace = (section: RowsSection): RowsSection =>
        section.state === 'ready'
            ? { state: 'ready', rows: section.rows.map((r) => (r.id === row.id ? row : r)) }
            : section;
    return {
        ...state,
        roles: replace(state.roles),
        prerequisites: state.prerequisites
            ? { ...replace(state.prerequisites), identityName: state.prerequisites.identityName }
            : undefined,
    };
}

export interface PanelWarning {
    readonly id: 'privateEndpointIdentity' | 'noTrustedAccess' | 'attachedBeforeBinding';
    readonly text: string;
}

/** What the page can ask the extension to copy; the extension looks the value up itself. */
export const copyKinds = [
    'displayName',
    'principalId',
    'clientId',
    'tenantId',
    'computeId',
    'clusterId',
    'azAttachCommand',
    'instanceTypeCommands',
] as const;
export type CopyKind = (typeof copyKinds)[number];

/** What the page can open in the portal besides a row's scope. */
export const portalTargets = ['compute', 'workspace', 'cluster', 'identity'] as const;
export type PortalTarget = (typeof portalTargets)[number];

/** The compute's own commands, run as from its context menu in the Workspaces view. */
export const computeCommands = ['editIdentity', 'detach', 'openInStudio'] as const;
export type ComputeCommand = (typeof computeCommands)[number];

export type ToExtension =
    | PageMessage
    | { readonly type: 'copy'; readonly kind: CopyKind }
    | { readonly type: 'assign'; readonly rowId: string }
    | { readonly type: 'copyAzCommand'; readonly rowId: string }
    | { readonly type: 'openInPortal'; readonly rowId: string }
    | { readonly type: 'openInPortal'; readonly target: PortalTarget }
    | { readonly type: 'addResource' }
    | { readonly type: 'removeResource'; readonly rowId: string }
    | { readonly type: 'runCommand'; readonly command: ComputeCommand }
    /** Install AzureML Extension... on the compute's cluster (the extension knows which: the page names none). */
    | { readonly type: 'installExtension' }
    /** Opens the Kubernetes extension troubleshooting guide. */
    | { readonly type: 'openTroubleshooting' }
    /** Closes the panel. */
    | { readonly type: 'close' }
    | InstanceTypeMessage;

export type ToPage =
    | HostMessage<InitialState>
    /** One role row's new status, replacing the row where it stands. */
    | { readonly type: 'rowUpdated'; readonly row: RoleRow };

/** The kinds of message the page may send. */
export type ToExtensionType = ToExtension['type'];

/** The messages of one kind (`openInPortal` has two shapes). */
export type ToExtensionOf<K extends ToExtensionType> = Extract<ToExtension, { readonly type: K }>;

/** The extension's handlers of the page's messages (panelMessages.ts). */
export type ToExtensionHandlers = HandlersOf<ToExtension, void | Promise<void>>;

/**
 * How each kind of message is checked: its fields and nothing else, each of the right type and among the values
 * offered. One entry per kind, as for the handlers; each returns a fresh object holding only the known fields.
 */
const validators: ValidatorsOf<ToExtension> = {
    ...pageMessageValidators,
    ...instanceTypeValidators,
    addResource: bare('addResource'),
    installExtension: bare('installExtension'),
    openTroubleshooting: bare('openTroubleshooting'),
    close: bare('close'),
    runCommand: withField('runCommand', 'command', oneOf(computeCommands)),
    copy: withField('copy', 'kind', oneOf(copyKinds)),
    assign: withField('assign', 'rowId', isId),
    copyAzCommand: withField('copyAzCommand', 'rowId', isId),
    removeResource: withField('removeResource', 'rowId', isId),
    openInPortal: (value) =>
        withField('openInPortal', 'rowId', isId)(value) ??
        withField('openInPortal', 'target', oneOf(portalTargets))(value),
};

/** Every kind of message the extension accepts from the page, as the validator knows them. */
export const toExtensionTypes = Object.keys(validators) as readonly ToExtensionType[];

/**
 * The message, when it is one the page may send; undefined for anything else (unknown type, missing or extra
 * fields, wrong types). Returns a fresh object holding only the known fields.
 */
export function validateToExtensionMessage(value: unknown): ToExtension | undefined {
    return validateWith(validators, value);
}
