/**
 * The Instance types section: what a job on this compute gets (the default marked), requests, limits and node
 * selector of each; on AKS, once checked against the nodes, whether each fits and why not; New, Edit, Set as Default.
 */
import type { InitialState } from '../contract';
import {
    emptyDraft,
    rowDraft,
    type InstanceTypeDraft,
    type InstanceTypeRow,
    type InstanceTypesSection,
} from '../instanceTypesContract';
import { send } from './api';
import { closeForm, focusForm, formOpen, instanceTypeForm, openForm } from './instanceTypeForm';
import { section } from '../../shared/page/blocks';
import { button, el, formatTime, icon, smallButton } from '../../shared/page/dom';

function resources(r: InstanceTypeRow['requests']): string {
    return (
        [r.cpu ? `${r.cpu} CPU` : undefined, r.memory, r.gpu ? `${r.gpu} GPU` : undefined]
            .filter((p) => p !== undefined)
            .join(' · ') || '—'
    );
}

function selector(s: InstanceTypeRow['nodeSelector']): string {
    const pairs = Object.entries(s).map(([k, v]) => `${k}=${v}`);
    return pairs.length ? pairs.join(', ') : 'any node';
}

function fitCell(row: InstanceTypeRow, checked: boolean): HTMLElement {
    if (!row.fit) {
        return el('td', { className: 'muted', text: checked ? '—' : 'not checked' });
    }
    return el('td', { attrs: { 'data-fit': row.fit.fits ? 'fits' : 'none' } }, [
        icon(row.fit.fits ? 'pass' : 'error', row.fit.fits ? 'ok' : 'bad'),
        el('span', { className: 'break', text: ` ${row.fit.summary}` }),
    ]);
}

/** What the section asks of the page: draw it again; keep the form's draft in the page's saved state. */
export interface SectionHooks {
    readonly rerender: () => void;
    readonly persist: () => void;
}

/** Opens the form (New or Edit) from the button of that focus key, its first field focused. */
function open(hooks: SectionHooks, draft: InstanceTypeDraft, openerKey: string, editing?: string): void {
    openForm(draft, openerKey, editing);
    hooks.rerender();
    hooks.persist();
    focusForm(document.body);
}

function typeRow(row: InstanceTypeRow, s: InstanceTypesSection, hooks: SectionHooks): HTMLElement {
    const aks = s.clusterKind === 'aks' && s.readFrom === 'cluster';
    const actions = [
        row.source !== 'built-in'
            ? smallButton(
                  'edit',
                  'Edit',
                  `Edit instance type ${row.name}`,
                  () => open(hooks, rowDraft(row), `it-edit-${row.name}`, row.name),
                  `it-edit-${row.name}`,
              )
            : undefined,
        aks && !row.isDefault
            ? smallButton(
                  'star-empty',
                  'Set as Default',
                  `Set as Default: make ${row.name} the default instance type`,
                  () => send({ type: 'setDefaultInstanceType', name: row.name }),
                  `it-default-${row.name}`,
              )
            : undefined,
    ];
    return el('tr', { attrs: { 'data-instance-type': row.name } }, [
        el('th', { attrs: { scope: 'row' } }, [
            el('span', { className: 'mono', text: row.name }),
            row.isDefault ? el('span', { className: 'badge', text: 'default' }) : undefined,
            row.source === 'built-in' ? el('span', { className: 'small muted', text: ' built-in' }) : undefined,
        ]),
        el('td', { text: resources(row.requests) }),
        el('td', { text: resources(row.limits) }),
        el('td', { className: 'mono', text: selector(row.nodeSelector) }),
        fitCell(row, s.readFrom === 'cluster'),
        el('td', {}, actions),
    ]);
}

function intro(s: InstanceTypesSection): string {
    if (s.readFrom === 'cluster') {
        return `Read from ${s.clusterName ?? 'the cluster'} through Azure at ${formatTime(s.checkedAt)}, and checked against its ${s.nodeCount ?? 0} nodes' allocatable CPU, memory and GPUs, labels and taints. A type that fits no node leaves its jobs queued for ever.`;
    }
    return s.clusterKind === 'aks'
        ? 'As Azure reports them for this compute. Check Against Nodes reads the cluster itself and says which types can run.'
        : 'As Azure reports them for this compute. Run-command does not reach an Arc cluster: use the kubectl commands below with its kubeconfig.';
}

export function instanceTypesSection(state: InitialState, hooks: SectionHooks): HTMLElement | undefined {
    const s = state.instanceTypes;
    if (!s) {
        return undefined;
    }
    const table = el(
        'table',
        { className: 'instance-types', attrs: { 'aria-label': 'Instance types of this compute' } },
        [
            el('thead', {}, [
                el(
                    'tr',
                    {},
                    ['Name', 'Requests', 'Limits', 'Node selector', 'Fits', 'Actions'].map((h) =>
                        el('th', { text: h, attrs: { scope: 'col' } }),
                    ),
                ),
            ]),
            el(
                'tbody',
                {},
                s.rows.map((row) => typeRow(row, s, hooks)),
            ),
        ],
    );
    const commands = el('div', { className: 'command-row' }, [
        s.clusterKind === 'aks'
            ? button(s.checking ? 'Checking...' : 'Check Against Nodes', () => send({ type: 'checkInstanceTypes' }), {
                  icon: s.checking ? 'sync~spin' : 'server',
                  focusKey: 'it-check',
              })
            : undefined,
        s.clusterKind === 'arc'
            ? button('Copy kubectl Read Commands', () => send({ type: 'copy', kind: 'instanceTypeCommands' }), {
                  icon: 'copy',
                  secondary: true,
                  focusKey: 'it-arc-commands',
              })
            : undefined,
        button('New Instance Type...', () => open(hooks, emptyDraft, 'it-new'), {
            icon: 'add',
            secondary: true,
            focusKey: 'it-new',
        }),
    ]);
    if (s.checking) {
        (commands.firstElementChild as HTMLButtonElement | null)?.setAttribute('disabled', 'true');
    }
    return section('Instance types', 'instance-types', [
        el('p', { className: 'section-intro small', text: intro(s) }),
        s.lastChange ? el('p', { className: 'small', attrs: { role: 'status' }, text: s.lastChange }) : undefined,
        s.checkError
            ? el('p', { className: 'small bad break', attrs: { role: 'alert' }, text: s.checkError })
            : undefined,
        table,
        commands,
        formOpen() ? instanceTypeForm(s, hooks.rerender, hooks.persist) : undefined,
    ]);
}

/**
 * A change was applied (the host read the cluster again): the form has done its job. Returns the focus key of the
 * button that had opened it, where the focus goes once the page is drawn again.
 */
export function afterChange(
    previous: InstanceTypesSection | undefined,
    next: InstanceTypesSection | undefined,
): string | undefined {
    return next?.lastChange && next.lastChange !== previous?.lastChange ? closeForm() : undefined;
}
