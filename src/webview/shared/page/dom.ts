/** Small DOM helpers: elements with text content (never HTML), codicons and buttons. */

/**
 * Text as the page shows it: invisible and text-direction characters (zero-width space, right-to-left override, ...)
 * written out as `\u{...}`, so a name or message from Azure cannot hide or reverse part of what is shown.
 */
export function shown(text: string): string {
    return text.replace(
        /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g,
        (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`,
    );
}

/** A text node showing `text` (see shown). */
export function text(value: string): Text {
    return document.createTextNode(shown(value));
}

type Child = Node | undefined;

export function el<K extends keyof HTMLElementTagNameMap>(
    tag: K,
    options: { className?: string; text?: string; attrs?: Record<string, string> } = {},
    children: Child[] = [],
): HTMLElementTagNameMap[K] {
    const element = document.createElement(tag);
    if (options.className) {
        element.className = options.className;
    }
    if (options.text !== undefined) {
        element.textContent = shown(options.text);
    }
    for (const [name, value] of Object.entries(options.attrs ?? {})) {
        element.setAttribute(name, value);
    }
    for (const child of children) {
        if (child) {
            element.append(child);
        }
    }
    return element;
}

/** A codicon; `name~spin` spins. */
export function icon(name: string, extraClass = ''): HTMLElement {
    const [id, modifier] = name.split('~');
    const span = el('span', {
        className: `codicon codicon-${id} ${modifier ? `codicon-modifier-${modifier}` : ''} ${extraClass}`.trim(),
    });
    span.setAttribute('aria-hidden', 'true');
    return span;
}

export function button(
    text: string,
    onClick: () => void,
    options: { icon?: string; secondary?: boolean; focusKey?: string; label?: string } = {},
): HTMLButtonElement {
    const b = el('button', { className: options.secondary ? 'secondary' : '' }, [
        options.icon ? icon(options.icon) : undefined,
        el('span', { text }),
    ]);
    b.type = 'button';
    if (options.label) {
        b.setAttribute('aria-label', options.label);
        b.title = options.label;
    }
    if (options.focusKey) {
        b.dataset.focusKey = options.focusKey;
    }
    b.addEventListener('click', onClick);
    return b;
}

/**
 * A small action with an icon and a short visible text ("Copy", "Portal"); `label` says in full what it does, for
 * screen readers and the tooltip, and contains the visible text.
 */
export function smallButton(
    codicon: string,
    visible: string,
    label: string,
    onClick: () => void,
    focusKey?: string,
): HTMLButtonElement {
    const b = el('button', { className: 'small-action', attrs: { 'aria-label': label, title: label } }, [
        icon(codicon),
        el('span', { text: visible }),
    ]);
    b.type = 'button';
    if (focusKey) {
        b.dataset.focusKey = focusKey;
    }
    b.addEventListener('click', onClick);
    return b;
}

/** A local date and time, or a dash. */
export function formatTime(iso: string | undefined): string {
    if (!iso) {
        return '—';
    }
    const date = new Date(iso);
    return Number.isNaN(date.getTime())
        ? iso
        : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}
