/**
 * The compute details page. Renders the state the extension sends (contract.ts) with plain DOM elements; every value
 * is set as text, never as HTML. The state is kept with setState, so the page comes back as it was when the panel is
 * shown again or the window reloads. The sections are built by header.ts, statusView.ts, overview.ts,
 * failedActionsView.ts, roleRows.ts and, once the compute is gone, goneView.ts.
 */
import { withRow, type InitialState, type RoleRow, type ToPage } from '../contract';
import { sharedReasons, sharedReasonsKey } from '../rowNotes';
import { savedState, saveState, send } from './api';
import { el } from '../../shared/page/dom';
import { progressLine } from '../../shared/page/progress';
import { notice } from '../../shared/page/blocks';
import { failureSection } from './failedActionsView';
import { focusClose, goneView } from './goneView';
import { header } from './header';
import { restoreForm, savedForm, type SavedForm } from './instanceTypeForm';
import { afterChange, instanceTypesSection } from './instanceTypesView';
import { focusedKey, hostHandlers, listen, restoreFocus } from '../../shared/page/panelPage';
import { attachmentSection, identitySection } from './overview';
import { busyRows, prerequisitesSection, roleRow, rolesSection } from './roleRows';
import { statusSection } from './statusView';

const root = document.getElementById('root') as HTMLElement;
const setBusy = progressLine(root);

/** Saved with the state: an instance type form that was open (and what it held) when the panel was hidden. */
type SavedPage = InitialState & { readonly instanceTypeForm?: SavedForm };

let state: InitialState | undefined = savedState() as SavedPage | undefined;
restoreForm((state as SavedPage | undefined)?.instanceTypeForm);
/** Whether the last render showed the gone view: the focus moves to Close only when it first appears. */
let renderedGone = false;

const shared = hostHandlers((next: InitialState) => {
    const refocus = afterChange(state?.instanceTypes, next.instanceTypes);
    state = next;
    persist();
    render();
    if (refocus) {
        restoreFocus(root, refocus);
    }
}, setBusy);

listen<ToPage>({
    ...shared,
    rowUpdated: ({ row }) => {
        if (state) {
            const before = sharedReasonsKey(sharedReasons(state));
            state = withRow(state, row);
            persist();
            if (sharedReasonsKey(sharedReasons(state)) === before) {
                replaceRow(row);
            } else {
                render(); // a note above a table comes or goes
            }
        }
    },
    busy: (message) => {
        if (!message.rowId) {
            shared.busy(message);
            return;
        }
        if (message.busy) {
            busyRows.add(message.rowId);
        } else {
            busyRows.delete(message.rowId);
        }
        const row = findRow(message.rowId);
        if (row) {
            replaceRow(row);
        }
    },
});

function findRow(rowId: string): RoleRow | undefined {
    const rows = [state?.roles, state?.prerequisites].flatMap((s) => (s?.state === 'ready' ? s.rows : []));
    return rows.find((r) => r.id === rowId);
}

function persist(): void {
    if (state) {
        saveState({ ...state, instanceTypeForm: savedForm() } satisfies SavedPage);
    }
}

// ---- rendering -----------------------------------------------------------------------------------------------------

function render(): void {
    if (!state) {
        root.replaceChildren(el('p', { className: 'empty', text: 'Loading...' }));
        return;
    }
    const focused = focusedKey();
    if (state.gone) {
        // Nothing is loading for a compute that is gone: the read that found it gone may end without saying so.
        setBusy(false);
        root.replaceChildren(header(state), goneView(state) ?? el('p'));
        restoreFocus(root, focused);
        if (!renderedGone) {
            focusClose(root);
        }
        renderedGone = true;
        return;
    }
    renderedGone = false;
    const steps = state.status.nextSteps;
    root.replaceChildren(
        header(state),
        ...(state.warnings ?? []).map((w) => notice(w.text, `warning-${w.id}`)),
        el('div', { className: 'overview' }, [statusSection(state), attachmentSection(state), identitySection(state)]),
        ...(steps?.length ? [failureSection(state.status.errors, steps)] : []),
        rolesSection(state),
        ...(state.prerequisites ? [prerequisitesSection(state)] : []),
        instanceTypesSection(state, { rerender: render, persist }) ?? '',
    );
    restoreFocus(root, focused);
}

function replaceRow(row: RoleRow): void {
    const current = [...root.querySelectorAll<HTMLElement>('tr[data-row-id]')].find(
        (tr) => tr.dataset.rowId === row.id,
    );
    if (!current || !state) {
        render();
        return;
    }
    const focused = focusedKey(current);
    current.replaceWith(roleRow(row, sharedReasons(state)));
    restoreFocus(root, focused);
}

render();
send({ type: 'ready' });
