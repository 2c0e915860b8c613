/**
 * What attaches the cluster: the computes of every workspace of the selected subscriptions (each opens its own
 * panel), the workspace-identity prerequisites of each attaching workspace with a user-assigned identity (role rows,
 * as the compute panel shows them), and the documented limits that apply.
 */
import type { ClusterPanelState, ComputeRow, LimitNote, RoleRow, WorkspacePrerequisites } from '../contract';
import { banner, section } from '../../shared/page/blocks';
import { button, el, icon, smallButton } from '../../shared/page/dom';
import { statusCell } from '../../shared/page/roleStatus';
import { send } from './api';

function loadingRow(what: string): HTMLElement {
    return el('div', { className: 'empty' }, [icon('loading~spin'), document.createTextNode(` ${what}`)]);
}

function headRow(...names: string[]): HTMLElement {
    return el('thead', {}, [
        el(
            'tr',
            {},
            names.map((n) => el('th', { text: n, attrs: { scope: 'col' } })),
        ),
    ]);
}

export function computesSection(s: ClusterPanelState): HTMLElement {
    const c = s.computes;
    const title = 'Attached computes';
    if (c.state === 'loading') {
        return section(title, 'computes', [loadingRow('Finding the computes that attach the cluster...')]);
    }
    if (c.state === 'unavailable') {
        return section(title, 'computes', [banner('warning', c.reason)]);
    }
    const children: (Node | undefined)[] = [
        c.unreadable.length > 0
            ? el('p', {
                  className: 'note',
                  text: `Could not read ${c.unreadable.join(', ')}: the list may be missing some.`,
              })
            : undefined,
    ];
    if (c.rows.length === 0) {
        children.push(
            el('div', { className: 'empty', text: 'No compute of the selected subscriptions attaches this cluster.' }),
        );
        return section(title, 'computes', children);
    }
    children.push(
        el('table', { className: 'roles computes-table' }, [
            headRow('Compute', 'Workspace', 'State', 'Namespace', 'Identity'),
            el(
                'tbody',
                {},
                c.rows.map((r) =>
                    el('tr', { attrs: { 'data-compute': r.name } }, [
                        el('td', {}, [computeLink(r)]),
                        el('td', {}, [
                            el('div', { text: r.workspaceName }),
                            el('div', { className: 'muted small', text: r.subscriptionName }),
                        ]),
                        el('td', { text: r.provisioningState, attrs: { 'data-state': r.provisioningState } }),
                        el('td', { className: 'mono', text: r.namespace }),
                        el('td', { text: r.identity }),
                    ]),
                ),
            ),
        ]),
    );
    return section(title, 'computes', children);
}

/** The compute's name, opening its own panel. */
function computeLink(r: ComputeRow): HTMLElement {
    const b = el('button', {
        className: 'link',
        text: r.name,
        attrs: {
            type: 'button',
            'data-focus-key': `compute|${r.id}`,
            title: `Show compute ${r.name} of ${r.workspaceName}`,
        },
    });
    b.addEventListener('click', () => send({ type: 'openCompute', computeId: r.id }));
    return b;
}

export function prerequisitesSection(s: ClusterPanelState): HTMLElement | undefined {
    if (s.prerequisites.length === 0) {
        return undefined;
    }
    return section('Workspace prerequisites', 'prerequisites', [
        el('p', {
            className: 'section-intro',
            text: 'Each attaching workspace with a user-assigned identity needs these roles for the cluster.',
        }),
        ...s.prerequisites.map(workspaceRows),
    ]);
}

function workspaceRows(w: WorkspacePrerequisites): HTMLElement {
    const heading = el('h3', { text: `${w.workspaceName}${w.identityName ? ` · identity ${w.identityName}` : ''}` });
    if (w.rows.state === 'loading') {
        return el('div', { className: 'workspace-prerequisites' }, [
            heading,
            loadingRow('Reading role assignments...'),
        ]);
    }
    if (w.rows.state === 'unavailable') {
        return el('div', { className: 'workspace-prerequisites' }, [
            heading,
            el('div', { className: 'empty', text: w.rows.reason }),
        ]);
    }
    return el('div', { className: 'workspace-prerequisites' }, [
        heading,
        el(
            'table',
            { className: 'roles', attrs: { 'data-section': 'prerequisite', 'data-workspace': w.workspaceName } },
            [headRow('Role', 'Scope', 'Status', 'Actions'), el('tbody', {}, w.rows.rows.map(roleRow))],
        ),
    ]);
}

function roleRow(row: RoleRow): HTMLElement {
    return el('tr', { attrs: { 'data-row-id': row.id, 'data-status': row.status.state, 'data-role': row.roleName } }, [
        el('td', {}, [
            el('div', { className: 'role-name' }, [
                el('span', { text: row.roleName }),
                row.optional ? el('span', { className: 'badge', text: 'optional' }) : undefined,
            ]),
            row.purpose ? el('div', { className: 'muted small', text: row.purpose }) : undefined,
        ]),
        el('td', {}, [el('div', { text: row.scopeLabel })]),
        el('td', { className: 'col-status' }, statusCell(row, false, [])),
        el('td', { className: 'col-actions' }, [
            el('div', { className: 'actions' }, [
                row.status.state === 'missing' && row.canAssign
                    ? button('Assign', () => send({ type: 'assign', rowId: row.id }), {
                          icon: 'key',
                          focusKey: `assign|${row.id}`,
                          label: `Assign ${row.roleName} on ${row.scopeLabel}`,
                          secondary: row.optional,
                      })
                    : undefined,
                row.azCommand
                    ? smallButton(
                          'terminal',
                          'Copy az command',
                          `Copy az command that assigns ${row.roleName} on ${row.scopeLabel}`,
                          () => send({ type: 'copyAzCommand', rowId: row.id }),
                          `az|${row.id}`,
                      )
                    : undefined,
            ]),
        ]),
    ]);
}

const limitIcon: Record<LimitNote['level'], [string, string]> = {
    ok: ['pass', 'ok'],
    warning: ['warning', 'warn'],
    info: ['info', ''],
};

export function limitsSection(s: ClusterPanelState): HTMLElement | undefined {
    if (s.limits.length === 0) {
        return undefined;
    }
    return section('Documented limits', 'limits', [
        el(
            'ul',
            { className: 'limits' },
            s.limits.map((l) =>
                el('li', { attrs: { 'data-limit': l.id, 'data-level': l.level } }, [
                    icon(limitIcon[l.level][0], limitIcon[l.level][1]),
                    el('span', { className: 'break', text: l.text }),
                ]),
            ),
        ),
    ]);
}
