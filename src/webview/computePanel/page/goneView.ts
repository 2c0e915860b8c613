/**
 * What the panel shows once its compute is gone (detached here, or deleted elsewhere): that it is gone, by name and
 * workspace, in the extension's words, and Close (focused) or Check Again; none of the old attachment, identity or
 * role content, which no longer applies.
 */
import type { InitialState } from '../contract';
import { send } from './api';
import { button, el, icon } from '../../shared/page/dom';

export function goneView(s: InitialState): HTMLElement | undefined {
    const gone = s.gone;
    if (!gone) {
        return undefined;
    }
    return el(
        'section',
        { className: 'gone', attrs: { id: 'gone', 'aria-labelledby': 'gone-title', 'data-how': gone.how } },
        [
            el('div', { className: 'gone-message', attrs: { role: 'alert' } }, [
                icon('circle-slash', 'gone-icon'),
                el('div', {}, [
                    el('h2', { className: 'gone-title', attrs: { id: 'gone-title' }, text: gone.title }),
                    el('p', { className: 'gone-detail break', text: gone.detail }),
                ]),
            ]),
            el('div', { className: 'gone-actions' }, [
                button('Close', () => send({ type: 'close' }), { icon: 'close', focusKey: 'close' }),
                button('Check Again', () => send({ type: 'refresh' }), {
                    icon: 'refresh',
                    secondary: true,
                    focusKey: 'refresh',
                    label: `Check again whether ${s.computeName} is in workspace ${s.attachment.workspaceName}`,
                }),
            ]),
        ],
    );
}

/** Moves the focus to Close, when the page has the focus (it never takes it from the rest of the editor). */
export function focusClose(root: HTMLElement): void {
    if (document.hasFocus()) {
        root.querySelector<HTMLElement>('[data-focus-key="close"]')?.focus();
    }
}
