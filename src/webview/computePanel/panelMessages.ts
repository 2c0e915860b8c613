/**
 * The compute panel's handling of the page's messages: each one is validated against the contract (anything the
 * page may not send is dropped and logged), then given to the one handler of its kind. The handler table is typed
 * `ToExtensionHandlers`, a mapped type over the contract's message kinds, so a kind without a handler (or a handler
 * for a kind the contract does not have) does not compile. Free of `vscode` at run time: the handlers hand the
 * message's fields to the job that owns them (the panel, its role rows, its actions), so the unit tests run the table.
 */
import { receiverOf } from '../shared/receive';
import { validateToExtensionMessage, type ToExtensionHandlers } from './contract';
import type { PanelActions } from './panelActions';
import type { PanelInstanceTypes } from './panelInstanceTypes';
import type { PanelRoles } from './panelRoles';

/** Who does what the page asks. */
export interface PanelJobs {
    /** The panel itself (ComputePanel.ts). */
    readonly panel: {
        /** The page has loaded: send it the state, and follow the compute while the panel is visible. */
        pageReady(): void;
        /** Read everything again, from Azure rather than the cache. */
        refresh(): Promise<void>;
    };
    /** Its role rows (panelRoles.ts). */
    readonly roles: Pick<PanelRoles, 'assign' | 'copyAzCommand' | 'addResource' | 'removeResource'>;
    /** What acts on the compute itself (panelActions.ts). */
    readonly actions: Pick<
        PanelActions,
        'copy' | 'openInPortal' | 'runCommand' | 'installExtension' | 'openTroubleshooting' | 'close'
    >;
    /** Its instance types (panelInstanceTypes.ts). */
    readonly instanceTypes: Pick<PanelInstanceTypes, 'check' | 'apply' | 'setDefault' | 'copy'>;
}

/** The one handler of each kind of message the page may send. */
export function panelHandlers({ panel, roles, actions, instanceTypes }: PanelJobs): ToExtensionHandlers {
    return {
        ready: () => panel.pageReady(),
        refresh: () => panel.refresh(),
        assign: ({ rowId }) => roles.assign(rowId),
        copyAzCommand: ({ rowId }) => roles.copyAzCommand(rowId),
        addResource: () => roles.addResource(),
        removeResource: ({ rowId }) => roles.removeResource(rowId),
        copy: ({ kind }) => actions.copy(kind),
        openInPortal: (message) =>
            actions.openInPortal('rowId' in message ? { rowId: message.rowId } : { target: message.target }),
        runCommand: ({ command }) => actions.runCommand(command),
        installExtension: () => actions.installExtension(),
        openTroubleshooting: () => actions.openTroubleshooting(),
        close: () => actions.close(),
        checkInstanceTypes: () => instanceTypes.check(),
        applyInstanceType: ({ draft }) => instanceTypes.apply(draft),
        setDefaultInstanceType: ({ name }) => instanceTypes.setDefault(name),
        copyInstanceType: ({ draft, what }) => instanceTypes.copy(draft, what),
    };
}

/**
 * Handles one message from the page: validated first (a forged or malformed one is dropped and logged, and reaches
 * no handler), then given to its handler; a handler's failure goes to `failed`.
 */
export const receiveMessage = receiverOf('Compute panel', validateToExtensionMessage);
