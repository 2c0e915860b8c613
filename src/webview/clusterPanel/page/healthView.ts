/**
 * The Health section. AKS: the AzureML extension's pods, read through Azure (run-command) when asked, each pod that
 * is not Ready with its reason and last events, and Collect diagnostics. Arc: the kubectl commands to copy.
 */
import type { ClusterPanelState, PodHealth } from '../contract';
import { banner, section } from '../../shared/page/blocks';
import { button, el, formatTime, icon } from '../../shared/page/dom';
import { send } from './api';

export function healthSection(s: ClusterPanelState): HTMLElement {
    const h = s.health;
    const title = 'Health';
    const diagnostics = button('Collect Diagnostics...', () => send({ type: 'collectDiagnostics' }), {
        secondary: true,
        icon: 'file-text',
        focusKey: 'collect-diagnostics',
    });
    if (h.state === 'commands') {
        return section(title, 'health', [
            el('p', {
                className: 'section-intro',
                text: "Azure cannot run kubectl in an Arc-enabled cluster for you. Run these with the cluster's kubeconfig to see the extension's pods and why one is not ready:",
            }),
            el('pre', { className: 'command', text: h.commands.join('\n') }),
            el('div', { className: 'command-row' }, [
                button('Copy the commands', () => send({ type: 'copy', what: 'healthCommands' }), {
                    icon: 'copy',
                    focusKey: 'copy-health',
                }),
            ]),
        ]);
    }
    const check = button(h.state === 'ready' ? 'Check Again' : 'Check Pods', () => send({ type: 'checkHealth' }), {
        icon: 'pulse',
        secondary: h.state === 'ready',
        focusKey: 'check-health',
    });
    check.disabled = h.state === 'loading';
    const actions = el('div', { className: 'command-row' }, [check, diagnostics]);
    switch (h.state) {
        case 'notChecked':
            return section(title, 'health', [
                el('p', {
                    className: 'section-intro',
                    text: "Reads the extension's pods and events with kubectl get pods and kubectl get events, run in the cluster through Azure (run-command; it can take a minute).",
                }),
                actions,
            ]);
        case 'loading':
            return section(title, 'health', [
                el('div', { className: 'empty' }, [
                    icon('loading~spin'),
                    document.createTextNode(' Running kubectl through Azure...'),
                ]),
                actions,
            ]);
        case 'unavailable':
            return section(title, 'health', [banner('warning', h.reason), actions]);
        case 'ready':
            return section(title, 'health', [summary(h.pods, h.checkedAt), podsTable(h.pods), actions]);
    }
}

function summary(pods: readonly PodHealth[], checkedAt: string): HTMLElement {
    const bad = pods.filter((p) => !p.healthy).length;
    const text =
        pods.length === 0
            ? 'No pods in the namespace.'
            : bad === 0
              ? `All ${pods.length} pods are ready.`
              : `${bad} of ${pods.length} pods ${bad === 1 ? 'is' : 'are'} not ready.`;
    return el('p', { className: 'section-intro', attrs: { 'data-unhealthy': String(bad) } }, [
        icon(bad === 0 ? 'pass' : 'error', bad === 0 ? 'ok' : 'bad'),
        el('span', { text: ` ${text} ` }),
        el('span', { className: 'muted small', text: `Checked ${formatTime(checkedAt)}` }),
    ]);
}

function podsTable(pods: readonly PodHealth[]): HTMLElement | undefined {
    if (pods.length === 0) {
        return undefined;
    }
    return el('table', { className: 'roles pods' }, [
        el('thead', {}, [
            el(
                'tr',
                {},
                ['Pod', 'Status', 'Ready', 'Restarts'].map((n) => el('th', { text: n, attrs: { scope: 'col' } })),
            ),
        ]),
        el('tbody', {}, pods.map(podRow)),
    ]);
}

function podRow(p: PodHealth): HTMLElement {
    return el('tr', { attrs: { 'data-pod': p.name, 'data-healthy': String(p.healthy) } }, [
        el('td', { className: 'mono break', text: p.name }),
        el('td', {}, [
            el('div', { className: 'status' }, [
                icon(p.healthy ? 'pass' : 'error', p.healthy ? 'ok' : 'bad'),
                el('span', { className: 'status-text', text: p.healthy ? p.phase : (p.reason ?? p.phase) }),
            ]),
            p.message ? el('div', { className: 'reason break', text: p.message }) : undefined,
            p.lastEvents.length > 0
                ? el(
                      'ul',
                      { className: 'errors pod-events', attrs: { 'aria-label': `Last events of ${p.name}` } },
                      p.lastEvents.map((e) =>
                          el('li', {}, [
                              el('span', {
                                  className: 'code',
                                  text: `${e.type} ${e.reason}${e.count > 1 ? ` ×${e.count}` : ''}`,
                              }),
                              el('span', { className: 'break', text: e.message }),
                          ]),
                      ),
                  )
                : undefined,
        ]),
        el('td', { text: p.readyContainers }),
        el('td', { text: String(p.restarts) }),
    ]);
}
