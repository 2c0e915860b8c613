/** The page's one handle on VS Code: messages to the extension, and the state kept across hides and reloads. */
import type { ToExtension } from '../contract';

interface VsCodeApi {
    postMessage(message: ToExtension): void;
    getState(): unknown;
    setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function send(message: ToExtension): void {
    api.postMessage(message);
}

export function savedState(): unknown {
    return api.getState();
}

export function saveState(state: unknown): void {
    api.setState(state);
}
