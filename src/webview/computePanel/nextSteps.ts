/** The words of a Failed compute's next steps (failedActions.ts chooses them), and the panel's status with them. */
import * as vscode from 'vscode';
import { nameFromId } from '../../domain/armId';
import type { ComputeInfo } from '../../domain/models';
import type { NextStep, NextStepId, StatusSection } from './contract';
import { chooseNextSteps } from './failedActions';
import { statusOf } from './panelState';

export const troubleshootingUrl =
    'https://learn.microsoft.com/azure/machine-learning/how-to-troubleshoot-kubernetes-extension';

function words(id: NextStepId, compute: ComputeInfo): Omit<NextStep, 'id'> {
    const cluster = compute.clusterId ? nameFromId(compute.clusterId) : '';
    switch (id) {
        case 'installExtension':
            return {
                label: vscode.l10n.t('Install AzureML Extension...'),
                detail: vscode.l10n.t(
                    'The AzureML extension on {0} is missing or not working: install it (a Failed one is installed again). Once it is Succeeded, detach this compute and attach the cluster again.',
                    cluster,
                ),
            };
        case 'showRoles':
            return {
                label: vscode.l10n.t('Show the roles'),
                detail: vscode.l10n.t(
                    'A role is missing: the rows below say which. Assign it (or copy its az command for an administrator), then detach this compute and attach the cluster again.',
                ),
            };
        case 'editIdentity':
            return {
                label: vscode.l10n.t('Edit Identity...'),
                detail: vscode.l10n.t('Give {0} another identity, or none; then check its roles below.', compute.name),
            };
        case 'detach':
            return {
                label: vscode.l10n.t('Detach...'),
                detail: vscode.l10n.t(
                    'A Failed compute does not recover by itself: once the cause is fixed, detach it and attach the cluster again. The cluster and its workloads stay.',
                ),
            };
        case 'troubleshoot':
            return {
                label: vscode.l10n.t('Open the troubleshooting guide'),
                detail: vscode.l10n.t(
                    'Azure Machine Learning documentation: troubleshooting the AzureML extension and attaching Kubernetes clusters.',
                ),
            };
    }
}

/** What to do about a Failed compute, likeliest first; undefined in any other state. */
export function nextStepsFor(compute: ComputeInfo, hasRoleRows: boolean): NextStep[] | undefined {
    if (compute.provisioningState !== 'Failed') {
        return undefined;
    }
    return chooseNextSteps({
        errors: compute.provisioningErrors,
        hasCluster: !!compute.clusterId,
        hasRoleRows,
    }).map((id) => ({ id, ...words(id, compute) }));
}

/** The status section of a compute as last read, with its next steps when it is Failed. */
export function statusWithNextSteps(compute: ComputeInfo, hasRoleRows: boolean): StatusSection {
    return { ...statusOf(compute), nextSteps: nextStepsFor(compute, hasRoleRows) };
}
