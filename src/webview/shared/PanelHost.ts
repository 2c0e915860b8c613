/**
 * What every details panel does the same way, typed by its contract: the webview panel itself (icon, title, the
 * CSP'd page), the state it keeps and sends, busy and notices, the page's messages handed to the contract's handler
 * table, and its end. `OpenPanels` keeps one panel per Azure resource and brings panels back after a window reload.
 * Each panel (ClusterPanel.ts, ComputePanel.ts) keeps only what is its own: what it reads and what its handlers do.
 */
import * as vscode from 'vscode';
import { parseArmId } from '../../domain/armId';
import { ext } from '../../extensionVariables';
import { explainError } from '../../ui/errorText';
import type { HostMessage } from './messages';
import type { PageFiles } from './pageDocument';
import { pageHtml, webviewOptions } from './panelHtml';
import type { Handlers, Receiver } from './receive';

/** One kind of panel, as its host needs it. */
export interface PanelKind<S, M extends { readonly type: string }> {
    readonly page: PageFiles;
    /** The panel's title for a state (the tab shows it). */
    title(state: S): string;
    /** What a handler's failure is shown as having failed, e.g. "Cluster panel" (localized). */
    failureTitle(): string;
    /** Validates a message from the page and hands it to its handler (the panel's panelMessages.ts). */
    readonly receive: Receiver<M>;
}

/**
 * The host of one panel: `S` its state, `M` the messages its page sends, `P` those it is sent (the contract's
 * `ToPage`, made of `HostMessage<S>` and its own kinds).
 */
export class PanelHost<S, M extends { readonly type: string }, P extends { readonly type: string } = HostMessage<S>> {
    private current: S;
    private disposed = false;
    private readonly disposables: vscode.Disposable[] = [];
    /** Whether the whole panel waits (undefined before anything said so), and the rows that wait: sent again to a rebuilt page. */
    private waiting: boolean | undefined;
    private readonly waitingRows = new Set<string>();

    constructor(
        private readonly panel: vscode.WebviewPanel,
        private readonly kind: PanelKind<S, M>,
        state: S,
    ) {
        this.current = state;
        panel.iconPath = vscode.Uri.joinPath(ext.context.extensionUri, 'resources', 'icons', 'activitybar.svg');
        panel.title = kind.title(state);
        panel.webview.html = pageHtml(panel.webview, kind.page);
        panel.onDidDispose(() => {
            this.disposed = true;
            this.disposables.forEach((d) => d.dispose());
        });
    }

    /** Hands every message of the page to its handler; a handler's failure is shown as an error. */
    handle(handlers: Handlers<M>): void {
        this.own(
            this.panel.webview.onDidReceiveMessage(
                (message: unknown) => void this.kind.receive(message, handlers, (error) => this.failed(error)),
            ),
        );
    }

    /** Disposed when the panel closes. */
    own(...disposables: vscode.Disposable[]): void {
        this.disposables.push(...disposables);
    }

    /** Called when the panel is shown or hidden, with whether it is visible now. */
    onVisibility(listener: (visible: boolean) => void): void {
        this.own(this.panel.onDidChangeViewState(() => listener(this.panel.visible)));
    }

    get state(): S {
        return this.current;
    }

    get isDisposed(): boolean {
        return this.disposed;
    }

    get visible(): boolean {
        return !this.disposed && this.panel.visible;
    }

    post(message: P | HostMessage<S>): void {
        if (!this.disposed) {
            void this.panel.webview.postMessage(message);
        }
    }

    /** The panel's new state: its title follows, and the page renders it. */
    setState(state: S): void {
        this.keep(state);
        this.post({ type: 'state', state });
    }

    /** Keeps a state the page already has in part (it was sent only the change). */
    keep(state: S): void {
        this.current = state;
        this.panel.title = this.kind.title(state);
    }

    /**
     * The page has loaded (or was rebuilt after being hidden, or came back after a reload): it gets the state as kept,
     * and whether it is waiting, which a rebuilt page would not know until the next change.
     */
    pageReady(): void {
        this.post({ type: 'state', state: this.current });
        if (this.waiting !== undefined) {
            this.post({ type: 'busy', busy: this.waiting });
        }
        for (const rowId of this.waitingRows) {
            this.post({ type: 'busy', busy: true, rowId });
        }
    }

    notice(text: string): void {
        this.post({ type: 'notice', text });
    }

    /** The whole panel, or one row of it, waits for Azure (or no longer does). */
    busy(busy: boolean, rowId?: string): void {
        if (rowId === undefined) {
            this.waiting = busy;
        } else if (busy) {
            this.waitingRows.add(rowId);
        } else {
            this.waitingRows.delete(rowId);
        }
        this.post(rowId === undefined ? { type: 'busy', busy } : { type: 'busy', busy, rowId });
    }

    reveal(): void {
        this.panel.reveal();
    }

    close(): void {
        this.panel.dispose();
    }

    private failed(error: unknown): void {
        void vscode.window.showErrorMessage(explainError(error, this.kind.failureTitle()).detail);
    }
}

/** The ids a panel is opened with, and finds its resource again by after a window reload. */
export interface PanelIds {
    readonly subscriptionId: string;
    readonly resourceId: string;
}

/** The open panels of one kind, one per Azure resource (ids compared case-insensitively, as ARM does). */
export class OpenPanels<T extends { reveal(): void }> {
    private readonly byId = new Map<string, T>();

    /**
     * @param viewType the panels' view type (their serializer's, extension.ts)
     * @param savedIdKey the field of the state the page saves that holds the resource's id
     */
    constructor(
        private readonly viewType: string,
        private readonly savedIdKey: string,
    ) {}

    /**
     * The resource's panel, brought to the front (and given to `reopened`), or a new one: `create` gets a new webview
     * panel titled `title`.
     */
    show(resourceId: string, title: string, create: (panel: vscode.WebviewPanel) => T, reopened?: (open: T) => void) {
        const open = this.byId.get(resourceId.toLowerCase());
        if (open) {
            open.reveal();
            reopened?.(open);
            return open;
        }
        const options = webviewOptions();
        return create(vscode.window.createWebviewPanel(this.viewType, title, vscode.ViewColumn.Active, options));
    }

    /**
     * A panel VS Code brings back after a window reload, with the state its page saved: closed when that state lacks
     * the ids, or when the resource has a panel already (that one is brought to the front); otherwise `create` makes it.
     */
    revive(panel: vscode.WebviewPanel, saved: unknown, create: (panel: vscode.WebviewPanel, ids: PanelIds) => void) {
        const fields = (saved ?? {}) as Record<string, unknown>;
        const subscriptionId = fields.subscriptionId;
        const resourceId = fields[this.savedIdKey];
        if (typeof subscriptionId !== 'string' || typeof resourceId !== 'string' || !parseArmId(resourceId)) {
            panel.dispose();
            return;
        }
        const open = this.byId.get(resourceId.toLowerCase());
        if (open) {
            panel.dispose();
            open.reveal();
            return;
        }
        panel.webview.options = webviewOptions();
        create(panel, { subscriptionId, resourceId });
    }

    /** Keeps `panel` as the resource's until the returned disposable is disposed (when the panel closes). */
    add(resourceId: string, panel: T): vscode.Disposable {
        const key = resourceId.toLowerCase();
        this.byId.set(key, panel);
        return new vscode.Disposable(() => this.byId.delete(key));
    }
}
