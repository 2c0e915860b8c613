/**
 * A Failed compute's errors and next steps: each step a button (the likeliest fix first, as the primary one) and a
 * sentence saying why and what follows. The extension chose and worded them (failedActions.ts, nextSteps.ts).
 */
import type { NextStep, NextStepId, StatusSection } from '../contract';
import { send } from './api';
import { button, el } from '../../shared/page/dom';
import { errorList, section } from '../../shared/page/blocks';

type ProvisioningError = StatusSection['errors'][number];

const icons: Record<NextStepId, string> = {
    installExtension: 'cloud-download',
    showRoles: 'key',
    editIdentity: 'account',
    detach: 'debug-disconnect',
    troubleshoot: 'book',
};

function run(id: NextStepId): void {
    switch (id) {
        case 'installExtension':
            return send({ type: 'installExtension' });
        case 'showRoles':
            return showRoles();
        case 'editIdentity':
            return send({ type: 'runCommand', command: 'editIdentity' });
        case 'detach':
            return send({ type: 'runCommand', command: 'detach' });
        case 'troubleshoot':
            return send({ type: 'openTroubleshooting' });
    }
}

/** Brings the role rows into view (the workspace prerequisites first) and moves the focus to the first fix there. */
function showRoles(): void {
    const target = ['prerequisites', 'roles']
        .map((id) => document.getElementById(id))
        .find((s) => s?.querySelector('table.roles'));
    if (!target) {
        return;
    }
    target.scrollIntoView({ block: 'start' });
    const first =
        target.querySelector<HTMLElement>('tr[data-status="missing"] button') ??
        target.querySelector<HTMLElement>('table.roles button');
    if (first) {
        first.focus();
    } else {
        const heading = target.querySelector<HTMLElement>('h2');
        heading?.setAttribute('tabindex', '-1');
        heading?.focus();
    }
}

/**
 * A Failed compute: full width, between the overview and the role rows, its provisioning errors (in full) and then
 * what to do next.
 */
export function failureSection(errors: readonly ProvisioningError[], steps: readonly NextStep[]): HTMLElement {
    return section('Provisioning failed', 'failure', [
        errorList(errors),
        el('h3', { attrs: { id: 'next-steps-title' }, text: 'What to do next' }),
        el(
            'ol',
            { className: 'next-steps', attrs: { id: 'next-steps', 'aria-labelledby': 'next-steps-title' } },
            steps.map((step, i) =>
                el('li', { attrs: { 'data-step': step.id } }, [
                    button(step.label, () => run(step.id), {
                        icon: icons[step.id],
                        secondary: i > 0,
                        focusKey: `step|${step.id}`,
                    }),
                    el('span', { className: 'step-detail break', text: step.detail }),
                ]),
            ),
        ),
    ]);
}
