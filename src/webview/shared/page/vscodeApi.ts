/** A page's one handle on VS Code: messages to the extension, and the state kept across hides and reloads. */

interface VsCodeApi<M> {
    postMessage(message: M): void;
    getState(): unknown;
    setState(state: unknown): void;
}

declare function acquireVsCodeApi<M>(): VsCodeApi<M>;

export interface PageApi<M> {
    send(message: M): void;
    savedState(): unknown;
    saveState(state: unknown): void;
}

/** Call once per page (VS Code hands its API out once); `M` is the page's contract's messages to the extension. */
export function acquirePageApi<M>(): PageApi<M> {
    const api = acquireVsCodeApi<M>();
    return {
        send: (message) => api.postMessage(message),
        savedState: () => api.getState(),
        saveState: (state) => api.setState(state),
    };
}
