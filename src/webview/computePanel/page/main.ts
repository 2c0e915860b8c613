/**
 * The compute details page. Renders the state the extension sends (contract.ts) with plain DOM elements; every value
 * is set as text, never as HTML. The state is kept with setState, so the page comes back as it was when the panel is
 * shown again or the window reloads.
 */
import type { CopyKind, InitialState, PortalTarget, RoleRow, RowsSection, ToExtension, ToPage } from '../contract';
import { button, el, formatTime, icon, iconButton, shown, text } from './dom';

interface VsCodeApi {
    postMessage(message: ToExtension): void;
    getState(): unknown;
    setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('root') as HTMLElement;
const progress = el('div', { className: 'progress', attrs: { role: 'progressbar', 'aria-hidden': 'true' } });
document.body.prepend(progress);

let state = vscode.getState() as InitialState | undefined;
const busyRows = new Set<string>();
let notice = '';
let commandOpen = false;
let noticeTimer: number | undefined;

const send = (message: ToExtension) => vscode.postMessage(message);

window.addEventListener('message', (event: MessageEvent<ToPage>) => {
    const message = event.data;
    switch (message?.type) {
        case 'state':
            state = message.state;
            save();
            render();
            break;
        case 'rowUpdated':
            if (state) {
                state = withRow(state, message.row);
                save();
                replaceRow(message.row);
            }
            break;
        case 'busy':
            if (message.rowId) {
                if (message.busy) {
                    busyRows.add(message.rowId);
                } else {
                    busyRows.delete(message.rowId);
                }
                const row = findRow(message.rowId);
                if (row) {
                    replaceRow(row);
                }
            } else {
                progress.classList.toggle('active', message.busy);
                root.setAttribute('aria-busy', String(message.busy));
            }
            break;
        case 'notice':
            showNotice(message.text);
            break;
    }
});

function save(): void {
    vscode.setState(state);
}

function withRow(current: InitialState, row: RoleRow): InitialState {
    const replace = (section: RowsSection | undefined) =>
        section?.state === 'ready'
            ? { ...section, rows: section.rows.map((r) => (r.id === row.id ? row : r)) }
            : section;
    return {
        ...current,
        roles: replace(current.roles) ?? current.roles,
        prerequisites: current.prerequisites
            ? { ...current.prerequisites, ...replace(current.prerequisites) }
            : undefined,
    };
}

function findRow(rowId: string): RoleRow | undefined {
    const rows = [state?.roles, state?.prerequisites].flatMap((s) => (s?.state === 'ready' ? s.rows : []));
    return rows.find((r) => r.id === rowId);
}

function showNotice(text: string): void {
    notice = text;
    const target = document.getElementById('notice');
    if (target) {
        target.textContent = shown(text);
    }
    window.clearTimeout(noticeTimer);
    noticeTimer = window.setTimeout(() => {
        notice = '';
        const current = document.getElementById('notice');
        if (current) {
            current.textContent = '';
        }
    }, 4000);
}

// ---- rendering -----------------------------------------------------------------------------------------------------

function render(): void {
    if (!state) {
        root.replaceChildren(el('p', { className: 'empty', text: 'Loading...' }));
        return;
    }
    const focused = document.activeElement instanceof HTMLElement ? focusKey(document.activeElement) : undefined;
    root.replaceChildren(
        header(state),
        el('div', { className: 'overview' }, [statusSection(state), attachmentSection(state), identitySection(state)]),
        rolesSection(state),
        ...(state.prerequisites ? [prerequisitesSection(state)] : []),
    );
    restoreFocus(focused);
}

function focusKey(element: HTMLElement): string | undefined {
    return element.dataset.focusKey;
}

function restoreFocus(key: string | undefined): void {
    if (key) {
        root.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(key)}"]`)?.focus();
    }
}

function header(s: InitialState): HTMLElement {
    return el('header', { className: 'title' }, [
        el('div', { className: 'titles' }, [
            el('h1', { text: s.computeName }),
            el('div', {
                className: 'subtitle',
                text: `Kubernetes compute in workspace ${s.attachment.workspaceName}${s.attachment.subscriptionName ? ` · ${s.attachment.subscriptionName}` : ''}`,
            }),
        ]),
        el('span', {
            className: 'notice',
            attrs: { id: 'notice', role: 'status', 'aria-live': 'polite' },
            text: notice,
        }),
        button('Refresh', () => send({ type: 'refresh' }), { icon: 'refresh', secondary: true, focusKey: 'refresh' }),
    ]);
}

function section(title: string, id: string, children: (Node | undefined)[], titleExtra: Node[] = []): HTMLElement {
    return el('section', { attrs: { 'aria-labelledby': `${id}-title`, id } }, [
        el('h2', { attrs: { id: `${id}-title` } }, [document.createTextNode(title), ...titleExtra]),
        ...children,
    ]);
}

function fact(label: string, ...value: (Node | string | undefined)[]): Node[] {
    return [
        el('dt', { text: label }),
        el(
            'dd',
            {},
            value.map((v) => (typeof v === 'string' ? text(v) : v)),
        ),
    ];
}

function mono(text: string, extra = ''): HTMLElement {
    return el('span', { className: `mono break ${extra}`.trim(), text });
}

function copyButton(kind: CopyKind, what: string): HTMLElement {
    return iconButton('copy', `Copy ${what}`, () => send({ type: 'copy', kind }), `copy-${kind}`);
}

function portalButton(target: PortalTarget, what: string): HTMLElement {
    return iconButton(
        'link-external',
        `Open ${what} in the portal`,
        () => send({ type: 'openInPortal', target }),
        `portal-${target}`,
    );
}

const stateClass: Record<string, string> = {
    Succeeded: 'ok',
    Failed: 'bad',
    Deleting: 'warn',
    Canceled: 'dim',
};

function statusSection(s: InitialState): HTMLElement {
    const status = s.status;
    const children: (Node | undefined)[] = [
        el('div', { className: 'state', attrs: { 'data-state': status.provisioningState } }, [
            icon(status.icon, stateClass[status.provisioningState]),
            el('span', { className: 'state-name', text: status.gone ? 'Not found' : status.provisioningState }),
            status.transitional ? el('span', { className: 'live', text: 'updating live' }) : undefined,
        ]),
    ];
    if (status.gone) {
        children.push(banner('warning', 'The compute is no longer in the workspace: it was detached or deleted.'));
    }
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
    if (status.errors.length > 0) {
        children.push(
            el('h3', { className: 'small muted', text: `Provisioning errors (${status.errors.length})` }),
            el(
                'ul',
                { className: 'errors' },
                status.errors.map((e) =>
                    el('li', {}, [
                        e.code ? el('span', { className: 'code', text: e.code }) : undefined,
                        text(e.message),
                    ]),
                ),
            ),
        );
    }
    return section('Status', 'status', children);
}

function banner(kind: 'warning' | 'error', text: string): HTMLElement {
    return el('div', { className: `banner ${kind === 'error' ? 'error' : ''}`, attrs: { role: 'alert' } }, [
        icon(kind === 'error' ? 'error' : 'warning', kind === 'error' ? 'bad' : 'warn'),
        el('span', { className: 'break', text }),
    ]);
}

function attachmentSection(s: InitialState): HTMLElement {
    const a = s.attachment;
    const kind = a.clusterKind === 'aks' ? 'AKS' : a.clusterKind === 'arc' ? 'Arc-enabled' : undefined;
    return section('Attachment', 'attachment', [
        el('dl', { className: 'facts' }, [
            ...fact(
                'Workspace',
                el('span', { text: a.workspaceName }),
                el('span', { className: 'muted', text: a.resourceGroup }),
                portalButton('workspace', 'the workspace'),
            ),
            ...fact(
                'Cluster',
                ...(a.clusterId
                    ? [
                          kind ? el('span', { className: 'badge', text: kind }) : undefined,
                          el('span', { text: a.clusterName ?? a.clusterId }),
                          portalButton('cluster', 'the cluster'),
                          copyButton('clusterId', 'the cluster resource id'),
                      ]
                    : [el('span', { className: 'muted', text: 'not known' })]),
            ),
            ...fact('Namespace', mono(a.namespace)),
            ...fact(
                'Equivalent command',
                a.azCommand ? commandDetails(a.azCommand) : el('span', { className: 'muted', text: '...' }),
            ),
        ]),
    ]);
}

/** The attach command, folded: it is long, and wanted rarely. */
function commandDetails(command: string): HTMLElement {
    const details = el('details', { className: 'command-details' }, [
        el('summary', {}, [el('span', { text: 'az ml compute attach ...' })]),
        el('pre', { className: 'command mono', text: command }),
    ]);
    details.open = commandOpen;
    details.addEventListener('toggle', () => {
        commandOpen = details.open;
    });
    return el('div', { className: 'command-row' }, [details, copyButton('azAttachCommand', 'the az command')]);
}

function identitySection(s: InitialState): HTMLElement {
    const id = s.identity;
    const facts: Node[] = [];
    const typeLabel: Record<InitialState['identity']['type'], string> = {
        None: 'None',
        SystemAssigned: 'System-assigned',
        UserAssigned: 'User-assigned',
        'SystemAssigned,UserAssigned': 'System- and user-assigned',
    };
    facts.push(...fact('Type', typeLabel[id.type] ?? id.type));
    if (id.displayName) {
        facts.push(
            ...fact(
                'Display name',
                mono(id.displayName, 'display-name'),
                copyButton('displayName', 'the display name'),
            ),
        );
    }
    if (id.principalId) {
        facts.push(...fact('Principal id', mono(id.principalId), copyButton('principalId', 'the principal id')));
    }
    if (id.tenantId && id.type !== 'UserAssigned') {
        facts.push(...fact('Tenant', mono(id.tenantId)));
    }
    if (id.userAssigned) {
        const u = id.userAssigned;
        facts.push(...fact('Identity', el('span', { text: u.name }), portalButton('identity', 'the identity')));
        if (u.clientId) {
            facts.push(...fact('Client id', mono(u.clientId), copyButton('clientId', 'the client id')));
        }
        if (u.principalId) {
            facts.push(
                ...fact(
                    'Principal id',
                    mono(u.principalId),
                    id.principalId ? undefined : copyButton('principalId', 'the principal id'),
                ),
            );
        }
    }
    const hint =
        id.displayName &&
        el('p', {
            className: 'section-intro small',
            text: 'In the portal, search for the display name when you add a role assignment for this identity.',
        });
    return section('Identity', 'identity', [el('dl', { className: 'facts' }, facts), hint || undefined]);
}

function rolesSection(s: InitialState): HTMLElement {
    const who = s.identity.displayName ?? s.identity.userAssigned?.name;
    return section('Role guidance', 'roles', [
        el('p', {
            className: 'section-intro',
            text: who
                ? `The roles the compute's identity ${who} needs to run training jobs.`
                : "The roles the compute's identity needs to run training jobs.",
        }),
        rowsBody(s.roles, 'training'),
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

function prerequisitesSection(s: InitialState): HTMLElement {
    const p = s.prerequisites;
    return section('Workspace prerequisites', 'prerequisites', [
        el('p', {
            className: 'section-intro',
            text: `The workspace uses the user-assigned identity ${p?.identityName ?? ''}; it needs these roles for attaching the cluster.`,
        }),
        p ? rowsBody(p, 'prerequisite') : undefined,
    ]);
}

function rowsBody(rows: RowsSection, section: RoleRow['section']): HTMLElement {
    if (rows.state === 'loading') {
        return el('div', { className: 'empty' }, [
            icon('loading~spin'),
            document.createTextNode(' Reading role assignments...'),
        ]);
    }
    if (rows.state === 'unavailable') {
        return el('div', { className: 'empty', text: rows.reason });
    }
    return el('table', { className: 'roles', attrs: { 'data-section': section } }, [
        el('thead', {}, [
            el('tr', {}, [
                el('th', { text: 'Role', attrs: { scope: 'col' } }),
                el('th', { text: 'Scope', attrs: { scope: 'col' } }),
                el('th', { text: 'Status', attrs: { scope: 'col' } }),
                el('th', { attrs: { scope: 'col' } }, [el('span', { className: 'muted', text: 'Actions' })]),
            ]),
        ]),
        el('tbody', {}, rows.rows.map(roleRow)),
    ]);
}

function replaceRow(row: RoleRow): void {
    const current = [...root.querySelectorAll<HTMLElement>('tr[data-row-id]')].find(
        (tr) => tr.dataset.rowId === row.id,
    );
    if (!current) {
        render();
        return;
    }
    const focused =
        document.activeElement instanceof HTMLElement && current.contains(document.activeElement)
            ? focusKey(document.activeElement)
            : undefined;
    current.replaceWith(roleRow(row));
    restoreFocus(focused);
}

function roleRow(row: RoleRow): HTMLElement {
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
        el('td', { className: 'col-status' }, statusCell(row, busy)),
        el('td', { className: 'col-actions' }, [el('div', { className: 'actions' }, actions(row, busy))]),
    );
    return tr;
}

function statusCell(row: RoleRow, busy: boolean): (Node | undefined)[] {
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
                el('div', { className: 'status ok' }, [
                    icon('pass'),
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
                el('div', { className: `status ${row.optional ? 'muted' : 'bad'}` }, [
                    icon(row.optional ? 'circle-large-outline' : 'error'),
                    el('span', { className: 'status-text', text: row.optional ? 'Not assigned' : 'Missing' }),
                ]),
                row.cannotAssignReason
                    ? el('div', { className: 'reason cannot-assign', text: row.cannotAssignReason })
                    : undefined,
            ];
        case 'unknown':
            return [
                el('div', { className: 'status warn' }, [
                    icon('question'),
                    el('span', { className: 'status-text', text: 'Unknown' }),
                ]),
                el('div', { className: 'reason', text: s.reason }),
            ];
    }
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
        (assign as HTMLButtonElement).disabled = busy;
        result.push(assign);
    }
    if (row.azCommand) {
        result.push(
            iconButton(
                'terminal',
                `Copy the az command assigning ${row.roleName}`,
                () => send({ type: 'copyAzCommand', rowId: row.id }),
                `az|${row.id}`,
            ),
        );
    }
    if (row.scopeId) {
        result.push(
            iconButton(
                'link-external',
                `Open the access control of ${row.scopeLabel} in the portal`,
                () => send({ type: 'openInPortal', rowId: row.id }),
                `portal|${row.id}`,
            ),
        );
    }
    if (row.added) {
        result.push(
            iconButton(
                'close',
                `Remove ${row.scopeLabel} from the list`,
                () => send({ type: 'removeResource', rowId: row.id }),
                `remove|${row.id}`,
            ),
        );
    }
    return result;
}

render();
send({ type: 'ready' });
