/** The header's notice line ("Copied ..."): a live region that keeps its text across renders for a few seconds. */
import { el, shown } from './dom';

let notice = '';
let noticeTimer: number | undefined;

/** Shows a short note in the header for a few seconds (and to screen readers: it is a live region). */
export function showNotice(message: string): void {
    notice = message;
    const target = document.getElementById('notice');
    if (target) {
        target.textContent = shown(message);
    }
    window.clearTimeout(noticeTimer);
    noticeTimer = window.setTimeout(() => {
        notice = '';
        const current = document.getElementById('notice');
        if (current) {
            current.textContent = '';
        }
    }, 4000);
}

/** The notice line as the header shows it, with the note still showing. */
export function noticeLine(): HTMLElement {
    return el('span', {
        className: 'notice',
        attrs: { id: 'notice', role: 'status', 'aria-live': 'polite' },
        text: notice,
    });
}
