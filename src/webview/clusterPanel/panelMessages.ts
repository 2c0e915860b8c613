/**
 * The cluster panel's handling of the page's messages: each one is validated against the contract (anything the
 * page may not send is dropped and logged), then given to the one handler of its kind. The table is typed
 * `ToExtensionHandlers`, so a kind without a handler (or a handler for a kind the contract lacks) does not compile.
 * Free of `vscode` at run time: the unit tests run the table.
 */
import { receiverOf } from '../shared/receive';
import { validateToExtensionMessage, type CopyWhat, type ExtensionCommand, type ToExtensionHandlers } from './contract';

/** Who does what the page asks. */
export interface PanelJobs {
    /** The panel itself (ClusterPanel.ts). */
    readonly panel: {
        pageReady(): void;
        /** Read everything again, from Azure rather than the cache. */
        refresh(): Promise<void>;
        /** Read the extension's pods (AKS). */
        checkHealth(): Promise<void>;
        /** Assign a prerequisite row's role (after a confirmation), then check it again. */
        assign(rowId: string): Promise<void>;
    };
    /** What acts on the cluster (panelActions.ts). */
    readonly actions: {
        runExtensionCommand(command: ExtensionCommand): Promise<void>;
        openCompute(computeId: string): Promise<void>;
        copyAzCommand(rowId: string): Promise<void>;
        copy(what: CopyWhat): Promise<void>;
        openInPortal(): Promise<void>;
        collectDiagnostics(): Promise<void>;
    };
}

/** The one handler of each kind of message the page may send. */
export function panelHandlers({ panel, actions }: PanelJobs): ToExtensionHandlers {
    return {
        ready: () => panel.pageReady(),
        refresh: () => panel.refresh(),
        checkHealth: () => panel.checkHealth(),
        assign: ({ rowId }) => panel.assign(rowId),
        extensionCommand: ({ command }) => actions.runExtensionCommand(command),
        openCompute: ({ computeId }) => actions.openCompute(computeId),
        copyAzCommand: ({ rowId }) => actions.copyAzCommand(rowId),
        copy: ({ what }) => actions.copy(what),
        openInPortal: () => actions.openInPortal(),
        collectDiagnostics: () => actions.collectDiagnostics(),
    };
}

/**
 * Handles one message from the page: validated first (a forged or malformed one is dropped and logged, and reaches
 * no handler), then given to its handler; a handler's failure goes to `failed`.
 */
export const receiveMessage = receiverOf('Cluster panel', validateToExtensionMessage);
