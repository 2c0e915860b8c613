/**
 * The header (the cluster, its commands, the notice line) and the AzureML extension section: state, versions,
 * release train, auto-upgrade, namespace, the non-secret settings, statuses and errors in full, and its commands.
 */
import type { ClusterPanelState, ExtensionCommand, ExtensionView } from '../contract';
import { banner, errorList, fact, mono, section } from '../../shared/page/blocks';
import { button, el, icon } from '../../shared/page/dom';
import { noticeLine } from '../../shared/page/noticeLine';
import { send } from './api';

const stateClass: Record<string, string> = { Succeeded: 'ok', Failed: 'bad', Canceled: 'dim' };

export function header(s: ClusterPanelState): HTMLElement {
    const kind = s.kind === 'aks' ? 'AKS cluster' : 'Arc-enabled cluster';
    return el('header', { className: 'title' }, [
        el('div', { className: 'titles' }, [
            el('h1', { text: s.clusterName }),
            el('div', {
                className: 'subtitle',
                text: `${kind} in ${s.resourceGroup} · ${s.subscriptionName}${s.location ? ` · ${s.location}` : ''}`,
            }),
        ]),
        noticeLine(),
        el('div', { className: 'header-actions', attrs: { role: 'group', 'aria-label': 'Cluster actions' } }, [
            button('Open in Portal', () => send({ type: 'openInPortal' }), {
                secondary: true,
                icon: 'link-external',
                focusKey: 'open-portal',
            }),
            button('Copy Resource Id', () => send({ type: 'copy', what: 'clusterId' }), {
                secondary: true,
                icon: 'copy',
                focusKey: 'copy-id',
            }),
            button('Refresh', () => send({ type: 'refresh' }), {
                secondary: true,
                icon: 'refresh',
                focusKey: 'refresh',
            }),
        ]),
    ]);
}

/** The cluster itself: its type, Kubernetes version or distribution, connectivity. */
export function clusterSection(s: ClusterPanelState): HTMLElement {
    return section('Cluster', 'cluster', [
        el(
            'dl',
            { className: 'facts' },
            s.clusterFacts.flatMap((f) => fact(f.label, f.value)),
        ),
    ]);
}

function commandButton(label: string, command: ExtensionCommand, codicon: string, secondary = true): HTMLElement {
    return button(label, () => send({ type: 'extensionCommand', command }), {
        icon: codicon,
        secondary,
        focusKey: `extension-${command}`,
    });
}

export function extensionSection(s: ClusterPanelState): HTMLElement {
    const e = s.extension;
    const title = 'AzureML extension';
    if (e.state === 'loading') {
        return section(title, 'extension', [
            el('div', { className: 'empty' }, [
                icon('loading~spin'),
                document.createTextNode(' Reading the extension...'),
            ]),
        ]);
    }
    if (e.state === 'unavailable') {
        return section(title, 'extension', [banner('warning', e.reason)]);
    }
    if (e.state === 'missing') {
        return section(title, 'extension', [
            el('div', { className: 'state', attrs: { 'data-state': 'NotInstalled' } }, [
                icon('warning', 'warn'),
                el('span', { className: 'state-name', text: 'Not installed' }),
            ]),
            el('p', {
                className: 'section-intro',
                text: 'Computes cannot attach this cluster until the AzureML extension (Microsoft.AzureML.Kubernetes) is installed and Succeeded.',
            }),
            el('div', { className: 'command-row' }, [
                commandButton('Install AzureML Extension...', 'install', 'cloud-download', false),
                button('Copy the az command', () => send({ type: 'copy', what: 'installCommand' }), {
                    secondary: true,
                    icon: 'copy',
                    focusKey: 'copy-install',
                }),
            ]),
        ]);
    }
    return section(title, 'extension', [...installed(e.details)]);
}

function installed(d: ExtensionView): Node[] {
    const nodes: Node[] = [
        el('div', { className: 'state', attrs: { 'data-state': d.provisioningState } }, [
            icon(
                d.provisioningState === 'Succeeded' ? 'pass' : d.provisioningState === 'Failed' ? 'error' : 'sync~spin',
                stateClass[d.provisioningState] ?? 'warn',
            ),
            el('span', { className: 'state-name', text: d.provisioningState }),
        ]),
        el('dl', { className: 'facts' }, [
            ...fact('Name', d.name),
            ...fact('Version', d.currentVersion ?? '—', d.version ? ` (asked for ${d.version})` : ''),
            ...fact('Release train', d.releaseTrain ?? '—'),
            ...fact(
                'Auto-upgrade',
                d.autoUpgradeMinorVersion === undefined ? '—' : d.autoUpgradeMinorVersion ? 'On' : 'Off',
            ),
            ...fact('Namespace', mono(d.releaseNamespace ?? 'azureml')),
        ]),
    ];
    if (d.errors.length > 0) {
        nodes.push(el('h3', { className: 'small muted', text: 'Error' }), errorList(d.errors));
    }
    if (d.statuses.length > 0) {
        nodes.push(el('h3', { className: 'small muted', text: 'Statuses' }), errorList(d.statuses));
    }
    nodes.push(
        el('div', { className: 'command-row' }, [
            commandButton('Update Settings...', 'updateSettings', 'settings-gear'),
            commandButton('Uninstall...', 'uninstall', 'trash'),
        ]),
    );
    return nodes;
}

/** Whether the settings are unfolded: kept across renders. */
let settingsOpen = false;

/** The extension's settings, folded, full width under the overview (values such as the cluster's id are long). */
export function settingsSection(s: ClusterPanelState): HTMLElement | undefined {
    if (s.extension.state !== 'ready') {
        return undefined;
    }
    const d = s.extension.details;
    const details = el('details', { className: 'settings-details' }, [
        el('summary', { text: `The extension's ${d.settings.length} configuration settings` }),
        el('table', { className: 'roles settings-table' }, [
            el('thead', {}, [
                el('tr', {}, [
                    el('th', { text: 'Setting', attrs: { scope: 'col' } }),
                    el('th', { text: 'Value', attrs: { scope: 'col' } }),
                ]),
            ]),
            el(
                'tbody',
                {},
                d.settings.map((x) =>
                    el('tr', {}, [
                        el('td', { className: 'mono', text: x.name }),
                        el('td', { className: 'mono break', text: x.value }),
                    ]),
                ),
            ),
        ]),
    ]);
    details.open = settingsOpen;
    details.addEventListener('toggle', () => {
        settingsOpen = details.open;
    });
    return section('Extension settings', 'settings', [
        details,
        d.hiddenSettings.length > 0
            ? el('p', {
                  className: 'note',
                  text: `Not shown: ${d.hiddenSettings.join(', ')} (protected settings, which Azure never returns, or settings whose names say they hold secrets).`,
              })
            : undefined,
    ]);
}
