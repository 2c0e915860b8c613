/**
 * The compute details panel's contract, shared by the extension (ComputePanel.ts) and the page (page/*.ts):
 * what the page renders, and the messages each way. The extension validates every message it receives with
 * `validateToExtensionMessage` and hands it to the one handler of its kind (`ToExtensionHandlers`, panelMessages.ts).
 * No secrets go into the state (the models already leave connection strings out).
 *
 * Kept free of `vscode` and of the DOM, so both sides and the unit tests can import it.
 */

import type { RoleRow } from '../../domain/roleRows';
import {
    bare,
    isId,
    isOneOf,
    only,
    validateWith,
    type Fields,
    type HandlersOf,
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
] as const;
export type CopyKind = (typeof copyKinds)[number];

/** What the page can open in the portal besides a row's scope. */
export const portalTargets = ['compute', 'workspace', 'cluster', 'identity'] as const;
export type PortalTarget = (typeof portalTargets)[number];

/** The compute's own commands, run as from its context menu in the Workspaces view. */
export const computeCommands = ['editIdentity', 'detach', 'openInStudio'] as const;
export type ComputeCommand = (typeof computeCommands)[number];

export type ToExtension =
    /** The page has loaded and wants the current state. */
    | { readonly type: 'ready' }
    | { readonly type: 'refresh' }
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
    | { readonly type: 'close' };

export type ToPage =
    | { readonly type: 'state'; readonly state: InitialState }
    | { readonly type: 'rowUpdated'; readonly row: RoleRow }
    /** A row (or the whole panel, without rowId) is waiting for Azure. */
    | { readonly type: 'busy'; readonly busy: boolean; readonly rowId?: string }
    /** A short note shown under the title, e.g. "Copied". */
    | { readonly type: 'notice'; readonly text: string };

/** The kinds of message the page may send. */
export type ToExtensionType = ToExtension['type'];

/** The messages of one kind (`openInPortal` has two shapes). */
export type ToExtensionOf<K extends ToExtensionType> = Extract<ToExtension, { readonly type: K }>;

/** The extension's handlers of the page's messages (panelMessages.ts). */
export type ToExtensionHandlers = HandlersOf<ToExtension, void | Promise<void>>;

/** A message about one of the panel's role rows, by its id. */
function aboutRow<K extends ToExtensionType>(type: K): (value: Fields) => { type: K; rowId: string } | undefined {
    return (value) => (only(value, ['type', 'rowId']) && isId(value.rowId) ? { type, rowId: value.rowId } : undefined);
}

/**
 * How each kind of message is checked: its fields and nothing else, each of the right type and among the values
 * offered. One entry per kind, as for the handlers; each returns a fresh object holding only the known fields.
 */
const validators: ValidatorsOf<ToExtension> = {
    ready: bare('ready'),
    refresh: bare('refresh'),
    addResource: bare('addResource'),
    installExtension: bare('installExtension'),
    openTroubleshooting: bare('openTroubleshooting'),
    close: bare('close'),
    runCommand: (value) =>
        only(value, ['type', 'command']) && isOneOf(computeCommands, value.command)
            ? { type: 'runCommand', command: value.command }
            : undefined,
    copy: (value) =>
        only(value, ['type', 'kind']) && isOneOf(copyKinds, value.kind)
            ? { type: 'copy', kind: value.kind }
            : undefined,
    assign: aboutRow('assign'),
    copyAzCommand: aboutRow('copyAzCommand'),
    removeResource: aboutRow('removeResource'),
    openInPortal: (value) => {
        if (only(value, ['type', 'rowId']) && isId(value.rowId)) {
            return { type: 'openInPortal', rowId: value.rowId };
        }
        if (only(value, ['type', 'target']) && isOneOf(portalTargets, value.target)) {
            return { type: 'openInPortal', target: value.target };
        }
        return undefined;
    },
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
