/**
 * The cluster details page. Renders the state the extension sends (contract.ts) with plain DOM elements; every value
 * is set as text, never as HTML. The state is kept with setState, so the page comes back as it was when the panel is
 * shown again. Sections: extensionView.ts, attachedView.ts, healthView.ts.
 */
import type { ClusterPanelState, ToPage } from '../contract';
import { banner } from '../../shared/page/blocks';
import { el } from '../../shared/page/dom';
import { progressLine } from '../../shared/page/progress';
import { focusedKey, hostHandlers, listen, restoreFocus } from '../../shared/page/panelPage';
import { savedState, saveState, send } from './api';
import { computesSection, limitsSection, prerequisitesSection } from './attachedView';
import { clusterSection, extensionSection, header, settingsSection } from './extensionView';
import { healthSection } from './healthView';

const root = document.getElementById('root') as HTMLElement;
const setBusy = progressLine(root);

let state = savedState() as ClusterPanelState | undefined;

listen<ToPage>(
    hostHandlers((next: ClusterPanelState) => {
        state = next;
        saveState(state);
        render();
    }, setBusy),
);

function render(): void {
    if (!state) {
        root.replaceChildren(el('p', { className: 'empty', text: 'Loading...' }));
        return;
    }
    const focused = focusedKey();
    root.replaceChildren(
        header(state),
        ...(state.readError ? [banner('warning', state.readError)] : []),
        el('div', { className: 'overview' }, [clusterSection(state), extensionSection(state)]),
        ...[settingsSection(state)].filter((x): x is HTMLElement => !!x),
        computesSection(state),
        healthSection(state),
        ...[prerequisitesSection(state), limitsSection(state)].filter((s): s is HTMLElement => !!s),
    );
    restoreFocus(root, focused);
}

render();
send({ type: 'ready' });
