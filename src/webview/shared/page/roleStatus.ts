/** A role row's status cell, as the compute and cluster pages show it (the rows are domain/roleRows.ts's). */
import type { RoleRow } from '../../../domain/roleRows';
import type { SharedReason } from '../../computePanel/rowNotes';
import { el, icon } from './dom';

function cannotAssign(row: RoleRow, shared: readonly SharedReason[]): HTMLElement | undefined {
    if (!row.cannotAssignReason) {
        return undefined;
    }
    const note = shared.find((s) => s.reason === row.cannotAssignReason);
    return note
        ? el('div', {
              className: 'reason cannot-assign',
              attrs: { 'aria-describedby': note.noteId },
              text: 'You cannot assign it from here: see the note above.',
          })
        : el('div', { className: 'reason cannot-assign', text: row.cannotAssignReason });
}

/**
 * A row's status: an icon in the state's colour, and its word in the text colour. The theme's icon colours
 * (testing.iconPassed, ...) are not made for text: Light Modern's pass green is 2:1 on white.
 */
export function statusCell(row: RoleRow, busy: boolean, shared: readonly SharedReason[]): (Node | undefined)[] {
    const s = row.status;
    if (busy) {
        return [el('div', { className: 'status' }, [icon('loading~spin'), el('span', { text: 'Assigning...' })])];
    }
    switch (s.state) {
        case 'checking':
            return [
                el('div', { className: 'status muted' }, [icon('loading~spin'), el('span', { text: 'Checking...' })]),
            ];
        case 'granted':
            return [
                el('div', { className: 'status' }, [
                    icon('pass', 'ok'),
                    el('span', { className: 'status-text', text: 'Granted' }),
                ]),
                el('div', {
                    className: 'reason',
                    text:
                        (s.inherited ? `Inherited from ${s.grantedAtLabel}` : `Directly on ${s.grantedAtLabel}`) +
                        (s.viaRole !== row.roleName ? `, through ${s.viaRole}` : ''),
                }),
            ];
        case 'missing':
            return [
                el('div', { className: row.optional ? 'status muted' : 'status' }, [
                    row.optional ? icon('circle-large-outline') : icon('error', 'bad'),
                    el('span', { className: 'status-text', text: row.optional ? 'Not assigned' : 'Missing' }),
                ]),
                cannotAssign(row, shared),
            ];
        case 'unknown':
            return [
                el('div', { className: 'status' }, [
                    icon('question', 'warn'),
                    el('span', { className: 'status-text', text: 'Unknown' }),
                ]),
                el('div', { className: 'reason', text: s.reason }),
            ];
    }
}
