/** The status section: the provisioning state (live while it changes), read errors, times and errors (a Failed compute's: failedActionsView.ts). */
import type { InitialState } from '../contract';
import { el, formatTime, icon } from '../../shared/page/dom';
import { banner, errorList, fact, section } from '../../shared/page/blocks';

const stateClass: Record<string, string> = {
    Succeeded: 'ok',
    Failed: 'bad',
    Deleting: 'warn',
    Canceled: 'dim',
};

export function statusSection(s: InitialState): HTMLElement {
    const status = s.status;
    const children: (Node | undefined)[] = [
        el('div', { className: 'state', attrs: { 'data-state': status.provisioningState } }, [
            icon(status.icon, stateClass[status.provisioningState]),
            el('span', { className: 'state-name', text: status.gone ? 'Not found' : status.provisioningState }),
            status.transitional ? el('span', { className: 'live', text: 'updating live' }) : undefined,
        ]),
    ];
    if (status.readError) {
        children.push(banner('warning', status.readError));
    }
    children.push(
        el('dl', { className: 'facts' }, [
            ...fact('Created', formatTime(status.createdOn)),
            ...fact('Modified', formatTime(status.modifiedOn)),
            ...fact('Checked', formatTime(status.checkedAt)),
        ]),
    );
    // A Failed compute's errors are shown in full, with what to do next, in the section under the overview.
    if (status.errors.length > 0 && !status.nextSteps?.length) {
        children.push(
            el('h3', { className: 'small muted', text: `Provisioning errors (${status.errors.length})` }),
            errorList(status.errors),
        );
    }
    return section('Status', 'status', children);
}
