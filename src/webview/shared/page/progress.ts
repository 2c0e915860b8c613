/** The progress line at the top of a page, and aria-busy on its root (while true, a screen reader may hold back). */
import { el } from './dom';

export function progressLine(root: HTMLElement): (busy: boolean) => void {
    const progress = el('div', { className: 'progress', attrs: { role: 'progressbar', 'aria-hidden': 'true' } });
    document.body.prepend(progress);
    return (busy) => {
        progress.classList.toggle('active', busy);
        root.setAttribute('aria-busy', String(busy));
    };
}
