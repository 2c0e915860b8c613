/**
 * A page's side of its panel host (shared/PanelHost.ts): each message from the panel given to the one handler of its
 * kind (a kind of the contract's `ToPage` without one does not compile), what every panel sends handled alike, and
 * the focus given back after a render.
 */
import type { HandlersOf, HostMessage } from '../messages';
import { showNotice } from './noticeLine';

/** Hears the panel's messages: `handlers` has one handler per kind of `P`. */
export function listen<P extends { readonly type: string }>(handlers: HandlersOf<P, void>): void {
    window.addEventListener('message', (event: MessageEvent<P>) => {
        const message = event.data;
        if (typeof message?.type === 'string' && Object.hasOwn(handlers, message.type)) {
            const handler = handlers[message.type as P['type']] as (message: P) => void;
            handler(message);
        }
    });
}

/** The handlers of what every panel sends: its whole state, whether it waits for Azure, a short notice. */
export function hostHandlers<S>(
    show: (state: S) => void,
    setBusy: (busy: boolean) => void,
): HandlersOf<HostMessage<S>, void> {
    return {
        state: ({ state }) => show(state),
        busy: ({ busy }) => setBusy(busy),
        notice: ({ text }) => showNotice(text),
    };
}

/** Where the caret was in the focused text field, so a render does not move it while someone types. */
let caret: { readonly key: string; readonly start: number | null; readonly end: number | null } | undefined;

/** The focus key (`data-focus-key`) of the element that has the focus (within `container`, when given). */
export function focusedKey(container?: HTMLElement): string | undefined {
    const active = document.activeElement;
    if (!(active instanceof HTMLElement) || (container && !container.contains(active))) {
        return undefined;
    }
    const key = active.dataset.focusKey;
    caret =
        key && active instanceof HTMLInputElement
            ? { key, start: active.selectionStart, end: active.selectionEnd }
            : undefined;
    return key;
}

/** Gives the focus back to the element of that focus key, after a render made it anew (a text field's caret too). */
export function restoreFocus(root: HTMLElement, key: string | undefined): void {
    if (!key) {
        return;
    }
    const element = root.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(key)}"]`);
    element?.focus();
    if (element instanceof HTMLInputElement && caret?.key === key) {
        element.setSelectionRange(caret.start, caret.end);
    }
}
