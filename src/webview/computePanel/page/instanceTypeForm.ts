/**
 * The instance type form: name, CPU and memory requests and limits, GPUs and a node selector, checked as typed with the
 * same rules the extension applies before anything is written (src/domain/instanceTypes.ts), and the YAML that will be
 * applied shown beside it. AKS: Apply (through Azure); Arc: copy the YAML or the kubectl command.
 */
import { validateInstanceType, type InstanceTypeField } from '../../../domain/instanceTypes';
import { instanceTypeYaml } from '../../../domain/instanceTypeYaml';
import {
    draftInstanceType,
    validDraft,
    type InstanceTypeDraft,
    type InstanceTypesSection,
} from '../instanceTypesContract';
import { send } from './api';
import { button, el } from '../../shared/page/dom';

interface FieldSpec {
    readonly field: InstanceTypeField;
    readonly label: string;
    readonly hint: string;
    readonly get: (d: InstanceTypeDraft) => string;
    readonly set: (d: InstanceTypeDraft, v: string) => InstanceTypeDraft;
}

const fields: readonly FieldSpec[] = [
    {
        field: 'name',
        label: 'Name',
        hint: 'Lower case letters, digits and hyphens, e.g. gpu-small',
        get: (d) => d.name,
        set: (d, v) => ({ ...d, name: v }),
    },
    {
        field: 'requests.cpu',
        label: 'CPU request',
        hint: 'e.g. 500m or 2',
        get: (d) => d.requests.cpu,
        set: (d, v) => ({ ...d, requests: { ...d.requests, cpu: v } }),
    },
    {
        field: 'requests.memory',
        label: 'Memory request',
        hint: 'e.g. 4Gi or 1500Mi',
        get: (d) => d.requests.memory,
        set: (d, v) => ({ ...d, requests: { ...d.requests, memory: v } }),
    },
    {
        field: 'limits.cpu',
        label: 'CPU limit',
        hint: 'at least the request',
        get: (d) => d.limits.cpu,
        set: (d, v) => ({ ...d, limits: { ...d.limits, cpu: v } }),
    },
    {
        field: 'limits.memory',
        label: 'Memory limit',
        hint: 'at least the request',
        get: (d) => d.limits.memory,
        set: (d, v) => ({ ...d, limits: { ...d.limits, memory: v } }),
    },
    {
        field: 'limits.gpu',
        label: 'GPUs (limit)',
        hint: 'nvidia.com/gpu, a whole number; empty for none',
        get: (d) => d.limits.gpu,
        set: (d, v) => ({ ...d, limits: { ...d.limits, gpu: v } }),
    },
    {
        field: 'nodeSelector',
        label: 'Node selector',
        hint: 'key=value, comma separated; empty for any node',
        get: (d) =>
            Object.entries(d.nodeSelector)
                .map(([k, v]) => `${k}=${v}`)
                .join(', '),
        set: (d, v) => ({ ...d, nodeSelector: selectorOf(v) }),
    },
];

function selectorOf(text: string): Record<string, string> {
    const pairs = text
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p.length > 0)
        .map((p) => {
            const at = p.indexOf('=');
            return at < 0 ? [p, ''] : [p.slice(0, at).trim(), p.slice(at + 1).trim()];
        });
    return Object.fromEntries(pairs);
}

/** The form's draft: kept across renders of the page (and in its saved state); undefined while the form is closed. */
let draft: InstanceTypeDraft | undefined;
let editing: string | undefined;
/** The focus key of the button that opened the form: the focus goes back there when it closes. */
let opener: string | undefined;

/** What the page keeps of an open form when the panel is hidden or the window reloads. */
export interface SavedForm {
    readonly draft: InstanceTypeDraft;
    readonly editing?: string;
    readonly opener?: string;
}

export function openForm(start: InstanceTypeDraft, openerKey: string, editingName?: string): void {
    draft = start;
    editing = editingName;
    opener = openerKey;
}

/** Closes the form; returns the focus key of the button that opened it, when it was open. */
export function closeForm(): string | undefined {
    const back = draft ? opener : undefined;
    draft = undefined;
    editing = undefined;
    return back;
}

export function formOpen(): boolean {
    return draft !== undefined;
}

export function savedForm(): SavedForm | undefined {
    return draft ? { draft, editing, opener } : undefined;
}

/** The form as the page saved it (what a hidden panel had typed), when it still reads as a draft. */
export function restoreForm(saved: unknown): void {
    const form = saved as Partial<SavedForm> | undefined;
    const restored = validDraft(form?.draft);
    if (restored) {
        openForm(
            restored,
            typeof form?.opener === 'string' ? form.opener : 'it-new',
            typeof form?.editing === 'string' ? form.editing : undefined,
        );
    }
}

/** After the form opened: the focus in its first field that can be changed. */
export function focusForm(root: HTMLElement): void {
    root.querySelector<HTMLInputElement>('form.instance-type-form input:not([readonly])')?.focus();
}

function problemsOf(d: InstanceTypeDraft, section: InstanceTypesSection): Map<InstanceTypeField, string> {
    const existingNames = section.rows.map((r) => r.name).filter((n) => n !== editing && n !== 'defaultinstancetype');
    const problems = validateInstanceType(draftInstanceType(d), {
        extensionNodeSelector: section.extensionNodeSelector,
        existingNames: section.readFrom === 'cluster' ? existingNames : [],
    });
    const byField = new Map<InstanceTypeField, string>();
    for (const p of problems) {
        byField.set(p.field, byField.has(p.field) ? `${byField.get(p.field)} ${p.reason}` : p.reason);
    }
    return byField;
}

/** The form, or nothing while it is closed; `rerender` redraws the section (Cancel). */
export function instanceTypeForm(
    section: InstanceTypesSection,
    rerender: () => void,
    onDraftChange: () => void,
): HTMLElement | undefined {
    if (!draft) {
        return undefined;
    }
    const yaml = el('pre', { className: 'mono yaml', attrs: { 'aria-label': 'The YAML that will be applied' } });
    const errors = new Map<InstanceTypeField, HTMLElement>();
    const inputOf = new Map<InstanceTypeField, HTMLInputElement>();
    const inputs = fields.map((spec) => {
        const id = `it-${spec.field.replace('.', '-')}`;
        const input = el('input', {
            attrs: {
                id,
                type: 'text',
                spellcheck: 'false',
                'aria-describedby': `${id}-hint ${id}-error`,
                'data-focus-key': id,
            },
        });
        input.value = spec.get(draft!);
        inputOf.set(spec.field, input);
        if (spec.field === 'name' && editing) {
            input.readOnly = true;
        }
        input.addEventListener('input', () => {
            draft = spec.set(draft!, input.value);
            update();
            onDraftChange();
        });
        const error = el('span', {
            className: 'field-error small',
            attrs: { id: `${id}-error`, 'aria-live': 'polite' },
        });
        errors.set(spec.field, error);
        return el('div', { className: 'form-row' }, [
            el('label', { text: spec.label, attrs: { for: id } }),
            input,
            el('span', { className: 'small muted', text: spec.hint, attrs: { id: `${id}-hint` } }),
            error,
        ]);
    });
    const aks = section.clusterKind === 'aks';
    const primary = aks
        ? button(
              'Apply',
              () => draft && problemsOf(draft, section).size === 0 && send({ type: 'applyInstanceType', draft }),
              {
                  icon: 'check',
                  focusKey: 'it-apply',
              },
          )
        : button(
              'Copy kubectl apply Command',
              () => draft && send({ type: 'copyInstanceType', draft, what: 'command' }),
              {
                  icon: 'copy',
                  focusKey: 'it-copy-command',
              },
          );
    const copyYaml = button('Copy YAML', () => draft && send({ type: 'copyInstanceType', draft, what: 'yaml' }), {
        icon: 'copy',
        secondary: true,
        focusKey: 'it-copy-yaml',
    });
    const cancelForm = (): void => {
        const back = closeForm();
        rerender();
        onDraftChange();
        if (back) {
            document.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(back)}"]`)?.focus();
        }
    };
    const cancel = button('Cancel', cancelForm, { secondary: true, focusKey: 'it-cancel' });
    function update(): void {
        const problems = problemsOf(draft!, section);
        for (const [field, node] of errors) {
            node.textContent = problems.get(field) ?? '';
            inputOf.get(field)?.setAttribute('aria-invalid', String(problems.has(field)));
        }
        primary.disabled = aks && problems.size > 0;
        yaml.textContent = instanceTypeYaml(draftInstanceType(draft!));
    }
    const form = el(
        'form',
        {
            className: 'instance-type-form',
            attrs: { 'aria-label': editing ? `Edit instance type ${editing}` : 'New instance type' },
        },
        [
            el('h3', { text: editing ? `Edit ${editing}` : 'New instance type' }),
            el('div', { className: 'form-grid' }, inputs),
            el('h3', {
                className: 'small muted',
                text: aks ? 'YAML applied with kubectl apply, through Azure' : 'YAML to apply with kubectl',
            }),
            yaml,
            el('div', { className: 'command-row' }, [primary, copyYaml, cancel]),
        ],
    );
    form.addEventListener('submit', (event) => event.preventDefault());
    form.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') {
            event.preventDefault();
            cancelForm();
        }
    });
    update();
    return form;
}
