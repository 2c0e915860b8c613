/**
 * The panel's header: the compute's name and workspace, a notice line ("Copied ..."), and the compute's commands, as
 * its context menu in the Workspaces view has them (Edit Identity..., Detach..., Open in Portal, Open in Azure ML
 * Studio) and Refresh. A gone compute's header has none: the gone view offers Close instead.
 */
import type { InitialState } from '../contract';
import { send } from './api';
import { button, el } from '../../shared/page/dom';
import { noticeLine } from '../../shared/page/noticeLine';

function commands(): HTMLElement {
    const secondary = { secondary: true };
    return el('div', { className: 'header-actions', attrs: { role: 'group', 'aria-label': 'Compute actions' } }, [
        button('Edit Identity...', () => send({ type: 'runCommand', command: 'editIdentity' }), {
            ...secondary,
            icon: 'account',
            focusKey: 'edit-identity',
        }),
        button('Detach...', () => send({ type: 'runCommand', command: 'detach' }), {
            ...secondary,
            icon: 'debug-disconnect',
            focusKey: 'detach',
        }),
        button('Open in Portal', () => send({ type: 'openInPortal', target: 'compute' }), {
            ...secondary,
            icon: 'link-external',
            focusKey: 'open-portal',
        }),
        button('Open in Azure ML Studio', () => send({ type: 'runCommand', command: 'openInStudio' }), {
            ...secondary,
            icon: 'beaker',
            focusKey: 'open-studio',
        }),
        button('Refresh', () => send({ type: 'refresh' }), { ...secondary, icon: 'refresh', focusKey: 'refresh' }),
    ]);
}

export function header(s: InitialState): HTMLElement {
    const where = `${s.attachment.workspaceName}${s.attachment.subscriptionName ? ` · ${s.attachment.subscriptionName}` : ''}`;
    return el('header', { className: 'title' }, [
        el('div', { className: 'titles' }, [
            el('h1', { text: s.computeName }),
            el('div', {
                className: 'subtitle',
                text: s.gone ? `Was in workspace ${where}` : `Kubernetes compute in workspace ${where}`,
            }),
        ]),
        noticeLine(),
        s.gone ? undefined : commands(),
    ]);
}
