/**
 * Reasons Assign is not offered that several role rows give (typically "You need Owner, User Access Administrator or
 * Role Based Access Control Administrator..."): the page says each of them once, as a note above the first table
 * that has it, and the rows point to it. Pure (no DOM), shared by the page and the unit tests.
 */
import type { InitialState, RoleRow, RowsSection } from './contract';

export interface SharedReason {
    readonly reason: string;
    /** The section whose table the note is above. */
    readonly section: RoleRow['section'];
    /** A stable id for the note (for aria-describedby), unique on the page. */
    readonly noteId: string;
}

function rowsOf(section: RowsSection | undefined): readonly RoleRow[] {
    return section?.state === 'ready' ? section.rows : [];
}

export function sharedReasons(state: Pick<InitialState, 'roles' | 'prerequisites'>): SharedReason[] {
    const rows = [...rowsOf(state.roles), ...rowsOf(state.prerequisites)];
    const counts = new Map<string, { count: number; section: RoleRow['section'] }>();
    for (const row of rows) {
        if (row.status.state === 'missing' && row.cannotAssignReason) {
            const seen = counts.get(row.cannotAssignReason);
            counts.set(row.cannotAssignReason, {
                count: (seen?.count ?? 0) + 1,
                section: seen?.section ?? row.section,
            });
        }
    }
    return [...counts]
        .filter(([, { count }]) => count > 1)
        .map(([reason, { section }], i) => ({ reason, section, noteId: `cannot-assign-note-${i + 1}` }));
}

/** The same notes, in a form cheap to compare: the page renders again when they change. */
export function sharedReasonsKey(shared: readonly SharedReason[]): string {
    return JSON.stringify(shared.map((s) => [s.reason, s.section]));
}
