/**
 * The role guidance and workspace prerequisites tables: one row per role, its status, and what can be done about it
 * (Assign, the az command, the scope's access control in the portal, Remove for an added resource). A reason Assign
 * is not offered that several rows share is said once, above the first table that has it (rowNotes.ts).
 */
import type { InitialState, RoleRow, RowsSection } from '../contract';
import { sharedReasons, type SharedReason } from '../rowNotes';
import { send } from './api';
import { button, el, icon, smallButton } from '../../shared/page/dom';
import { section } from '../../shared/page/blocks';
import { statusCell } from '../../shared/page/roleStatus';

/** Rows waiting for Azure (an Assign under way). */
export const busyRows = new Set<string>();

export function rolesSection(s: InitialState): HTMLElement {
    const who = s.identity.displayName ?? s.identity.userAssigned?.name;
    const shared = sharedReasons(s);
    return section('Role guidance', 'roles', [
        el('p', {
            className: 'section-intro',
            text: who
                ? `The roles the compute's identity ${who} needs to run training jobs.`
                : "The roles the compute's identity needs to run training jobs.",
        }),
        ...notes(shared, 'training'),
        rowsBody(s.roles, 'training', shared),
        s.roles.state === 'ready'
            ? el('div', { className: 'table-footer' }, [
                  button('Add a resource...', () => send({ type: 'addResource' }), {
                      icon: 'add',
                      secondary: true,
                      focusKey: 'add-resource',
                  }),
              ])
            : undefined,
    ]);
}

export function prerequisitesSection(s: InitialState): HTMLElement {
    const p = s.prerequisites;
    const shared = sharedReasons(s);
    return section('Workspace prerequisites', 'prerequisites', [
        el('p', {
            className: 'section-intro',
            text: `The workspace uses the user-assigned identity ${p?.identityName ?? ''}; it needs these roles for attaching the cluster.`,
        }),
        ...notes(shared, 'prerequisite'),
        p ? rowsBody(p, 'prerequisite', shared) : undefined,
    ]);
}

function notes(shared: readonly SharedReason[], where: RoleRow['section']): HTMLElement[] {
    return shared
        .filter((s) => s.section === where)
        .map((s) =>
            el('p', { className: 'note cannot-assign-note', attrs: { id: s.noteId } }, [
                icon('info'),
                el('span', { className: 'break', text: s.reason }),
            ]),
        );
}

function rowsBody(rows: RowsSection, which: RoleRow['section'], shared: readonly SharedReason[]): HTMLElement {
    if (rows.state === 'loading') {
        return el('div', { className: 'empty' }, [
            icon('loading~spin'),
            document.createTextNode(' Reading role assignments...'),
        ]);
    }
    if (rows.state === 'unavailable') {
        return el('div', { className: 'empty', text: rows.reason });
    }
    return el('table', { className: 'roles', attrs: { 'data-section': which } }, [
        el('thead', {}, [
            el('tr', {}, [
                el('th', { text: 'Role', attrs: { scope: 'col' } }),
                el('th', { text: 'Scope', attrs: { scope: 'col' } }),
                el('th', { text: 'Status', attrs: { scope: 'col' } }),
                el('th', { attrs: { scope: 'col' } }, [el('span', { className: 'muted', text: 'Actions' })]),
            ]),
        ]),
        el(
            'tbody',
            {},
            rows.rows.map((r) => roleRow(r, shared)),
        ),
    ]);
}

export function roleRow(row: RoleRow, shared: readonly SharedReason[]): HTMLElement {
    const busy = busyRows.has(row.id);
    const tr = el('tr', {
        attrs: { 'data-row-id': row.id, 'data-status': row.status.state, 'data-role': row.roleName },
    });
    tr.append(
        el('td', {}, [
            el('div', { className: 'role-name' }, [
                el('span', { text: row.roleName }),
                row.optional ? el('span', { className: 'badge', text: 'optional' }) : undefined,
                row.added ? el('span', { className: 'badge', text: 'added' }) : undefined,
            ]),
            row.purpose ? el('div', { className: 'muted small', text: row.purpose }) : undefined,
        ]),
        el('td', {}, [
            el('div', { text: row.scopeLabel }),
            row.scopeId ? el('div', { className: 'mono muted scope-id', text: row.scopeId }) : undefined,
        ]),
        el('td', { className: 'col-status' }, statusCell(row, busy, shared)),
        el('td', { className: 'col-actions' }, [el('div', { className: 'actions' }, actions(row, busy))]),
    );
    return tr;
}

function actions(row: RoleRow, busy: boolean): HTMLElement[] {
    const result: HTMLElement[] = [];
    if (row.status.state === 'missing' && row.canAssign) {
        const assign = button('Assign', () => send({ type: 'assign', rowId: row.id }), {
            icon: 'key',
            focusKey: `assign|${row.id}`,
            label: `Assign ${row.roleName} on ${row.scopeLabel}`,
            secondary: row.optional,
        });
        assign.disabled = busy;
        result.push(assign);
    }
    if (row.azCommand) {
        result.push(
            smallButton(
                'terminal',
                'Copy az command',
                `Copy az command that assigns ${row.roleName} on ${row.scopeLabel}`,
                () => send({ type: 'copyAzCommand', rowId: row.id }),
                `az|${row.id}`,
            ),
        );
    }
    if (row.scopeId) {
        result.push(
            smallButton(
                'link-external',
                'Access control',
                `Access control of ${row.scopeLabel}, in the portal`,
                () => send({ type: 'openInPortal', rowId: row.id }),
                `portal|${row.id}`,
            ),
        );
    }
    if (row.added) {
        result.push(
            smallButton(
                'close',
                'Remove',
                `Remove ${row.scopeLabel} from the list`,
                () => send({ type: 'removeResource', rowId: row.id }),
                `remove|${row.id}`,
            ),
        );
    }
    return result;
}
