/** The attachment and identity sections: what the compute attaches and how, and who it runs as. */
import type { InitialState } from '../contract';
import { el } from '../../shared/page/dom';
import { fact, mono, section, withActions } from '../../shared/page/blocks';
import { copyButton, portalButton } from './parts';

/** Whether the folded attach command is open: kept across renders. */
let commandOpen = false;

export function attachmentSection(s: InitialState): HTMLElement {
    const a = s.attachment;
    const kind = a.clusterKind === 'aks' ? 'AKS' : a.clusterKind === 'arc' ? 'Arc-enabled' : undefined;
    return section('Attachment', 'attachment', [
        el('dl', { className: 'facts' }, [
            ...fact(
                'Workspace',
                withActions(
                    el('span', {}, [
                        el('span', { text: a.workspaceName }),
                        el('span', { className: 'muted', text: ` ${a.resourceGroup}` }),
                    ]),
                    portalButton('workspace', 'the workspace'),
                ),
            ),
            ...fact(
                'Cluster',
                a.clusterId
                    ? withActions(
                          el('span', {}, [
                              kind ? el('span', { className: 'badge', text: kind }) : undefined,
                              el('span', { text: ` ${a.clusterName ?? a.clusterId}` }),
                          ]),
                          portalButton('cluster', 'the cluster'),
                          copyButton('clusterId', 'the cluster resource id'),
                      )
                    : el('span', { className: 'muted', text: 'not known' }),
            ),
            ...fact('Namespace', mono(a.namespace)),
            ...fact(
                'Equivalent command',
                a.azCommand ? commandDetails(a.azCommand) : el('span', { className: 'muted', text: '...' }),
            ),
        ]),
    ]);
}

/** The attach command, folded: it is long, and wanted rarely. Its copy button stays beside its summary. */
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

const typeLabel: Record<InitialState['identity']['type'], string> = {
    None: 'None',
    SystemAssigned: 'System-assigned',
    UserAssigned: 'User-assigned',
    'SystemAssigned,UserAssigned': 'System- and user-assigned',
};

export function identitySection(s: InitialState): HTMLElement {
    const id = s.identity;
    const facts: Node[] = [...fact('Type', typeLabel[id.type] ?? id.type)];
    if (id.displayName) {
        facts.push(
            ...fact(
                'Display name',
                withActions(mono(id.displayName, 'display-name'), copyButton('displayName', 'the display name')),
            ),
        );
    }
    if (id.principalId) {
        facts.push(
            ...fact('Principal id', withActions(mono(id.principalId), copyButton('principalId', 'the principal id'))),
        );
    }
    if (id.tenantId && id.type !== 'UserAssigned') {
        facts.push(...fact('Tenant', mono(id.tenantId)));
    }
    if (id.userAssigned) {
        const u = id.userAssigned;
        facts.push(
            ...fact('Identity', withActions(el('span', { text: u.name }), portalButton('identity', 'the identity'))),
        );
        if (u.clientId) {
            facts.push(...fact('Client id', withActions(mono(u.clientId), copyButton('clientId', 'the client id'))));
        }
        if (u.principalId) {
            facts.push(
                ...fact(
                    'Principal id',
                    withActions(
                        mono(u.principalId),
                        id.principalId ? undefined : copyButton('principalId', 'the principal id'),
                    ),
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
