/** Pieces every panel page is made of: sections, facts, values with their actions beside them, banners, errors. */
import { el, icon, text } from './dom';

export function section(title: string, id: string, children: (Node | undefined)[]): HTMLElement {
    return el('section', { attrs: { 'aria-labelledby': `${id}-title`, id } }, [
        el('h2', { attrs: { id: `${id}-title` }, text: title }),
        ...children,
    ]);
}

export function fact(label: string, ...value: (Node | string | undefined)[]): Node[] {
    return [
        el('dt', { text: label }),
        el(
            'dd',
            {},
            value.map((v) => (typeof v === 'string' ? text(v) : v)),
        ),
    ];
}

export function mono(value: string, extra = ''): HTMLElement {
    return el('span', { className: `mono break ${extra}`.trim(), text: value });
}

/** A value and the buttons that act on it, kept on one line: the value wraps, the buttons stay beside it. */
export function withActions(value: Node, ...actions: (HTMLElement | undefined)[]): HTMLElement {
    return el('span', { className: 'with-actions' }, [el('span', { className: 'value' }, [value]), ...actions]);
}

export function banner(kind: 'warning' | 'error', message: string): HTMLElement {
    return el('div', { className: `banner ${kind === 'error' ? 'error' : ''}`, attrs: { role: 'alert' } }, [
        icon(kind === 'error' ? 'error' : 'warning', kind === 'error' ? 'bad' : 'warn'),
        el('span', { className: 'break', text: message }),
    ]);
}

/** A standing warning (a documented limit): read in place, not announced as an alert on every render. */
export function notice(message: string, id: string): HTMLElement {
    return el('div', { className: 'banner', attrs: { role: 'note', 'data-notice': id } }, [
        icon('warning', 'warn'),
        el('span', { className: 'break', text: message }),
    ]);
}

/** Provisioning errors in full: code, then message. */
export function errorList(errors: readonly { readonly code?: string; readonly message: string }[]): HTMLElement {
    return el(
        'ul',
        { className: 'errors' },
        errors.map((e) =>
            el('li', {}, [e.code ? el('span', { className: 'code', text: e.code }) : undefined, text(e.message)]),
        ),
    );
}
