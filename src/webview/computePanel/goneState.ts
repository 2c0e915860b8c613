/** What the panel shows once its compute is gone: detached from this window, or no longer found. */
import * as vscode from 'vscode';
import type { GoneSection, InitialState } from './contract';
import { goneStatus } from './panelState';

function goneSection(state: InitialState, how: GoneSection['how']): GoneSection {
    const { computeName: name, attachment } = state;
    const workspace = attachment.workspaceName;
    const cluster = attachment.clusterName;
    if (how === 'detached') {
        return {
            how,
            title: vscode.l10n.t('{0} was detached from workspace {1}.', name, workspace),
            detail: cluster
                ? vscode.l10n.t(
                      'The cluster {0}, its AzureML extension and its workloads were not touched. To run jobs on it from {1} again, attach the cluster again.',
                      cluster,
                      workspace,
                  )
                : vscode.l10n.t('To run jobs on its cluster from {0} again, attach the cluster again.', workspace),
        };
    }
    return {
        how,
        title: vscode.l10n.t('{0} is no longer in workspace {1}.', name, workspace),
        detail: cluster
            ? vscode.l10n.t(
                  'It was detached or deleted elsewhere (another window, the portal or the CLI). It attached the cluster {0}; its attachment, identity and roles shown before no longer apply.',
                  cluster,
              )
            : vscode.l10n.t(
                  'It was detached or deleted elsewhere (another window, the portal or the CLI). Its attachment, identity and roles shown before no longer apply.',
              ),
    };
}

/**
 * The state once the compute is gone: the gone section instead of the attachment, identity and role sections (kept
 * only for the words: the name, workspace and cluster), no rows left to assign.
 */
export function goneState(state: InitialState, how: GoneSection['how']): InitialState {
    return {
        ...state,
        status: { ...goneStatus(state.status), nextSteps: undefined },
        roles: { state: 'unavailable', reason: vscode.l10n.t('The compute is gone.') },
        prerequisites: undefined,
        gone: goneSection(state, how),
    };
}

/** The panel's tab: the compute's name, marked once it is gone. */
export function panelTitle(state: InitialState): string {
    return state.gone ? vscode.l10n.t('{0} (gone)', state.computeName) : state.computeName;
}
