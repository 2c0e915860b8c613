import { AzureWizardPromptStep, UserCancelledError, type IAzureQuickPickItem } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import type { ClusterInfo } from '../../azure/models';
import { runPreflight, type PreflightCheck } from '../../azure/preflight';
import { grantRole } from '../../azure/roleAssignments';
import { azInstallExtensionCommand, azRoleAssignmentCommand } from '../../domain/azCommands';
import { ext } from '../../extensionVariables';
import { explainError } from '../../ui/errorText';
import { describeCheck } from './describeCheck';
import type { AttachClusterContext } from './AttachClusterContext';
import { required } from '../shared/required';
import { separator } from '../shared/picks';

type Action = 'continue' | 'grant' | 'copy' | 'recheck' | 'cancel' | 'info';

/** How long the name step's "the name is free" stands in for the preflight's own check. */
const nameAnswerFreshForMs = 60_000;

/** Runs every check before anything is written, shows each result, and offers the fixes. */
export class PreflightStep extends AzureWizardPromptStep<AttachClusterContext> {
    async prompt(context: AttachClusterContext): Promise<void> {
        const cluster = required(context.cluster, 'the cluster');
        for (;;) {
            const checks = this.run(context);
            const action = await context.ui.showQuickPick(
                checks.then((c) => this.picks(c, cluster)),
                {
                    placeHolder: vscode.l10n.t('Checks before attaching {0}', cluster.name),
                    loadingPlaceHolder: vscode.l10n.t('Checking the cluster, the identity roles and the name...'),
                    suppressPersistence: true,
                },
            );
            const results = await checks;
            switch (action.data) {
                case 'continue':
                    context.continuedDespiteChecks = results.some((c) => c.state !== 'passed');
                    context.telemetry.properties.continuedDespiteChecks = String(context.continuedDespiteChecks);
                    return;
                case 'cancel':
                    throw new UserCancelledError('preflight');
                case 'grant':
                    await this.grant(context, results);
                    break;
                case 'copy':
                    await vscode.env.clipboard.writeText(this.fixCommands(results, cluster).join('\n'));
                    void vscode.window.showInformationMessage(
                        vscode.l10n.t('Copied the Azure CLI commands for an administrator.'),
                    );
                    break;
            }
        }
    }

    shouldPrompt(): boolean {
        return true;
    }

    private run(context: AttachClusterContext): Promise<PreflightCheck[]> {
        // The name step has just asked the service about this name: its answer is used once, so "Check again" asks.
        const free = context.computeNameFreeAt;
        context.computeNameFreeAt = undefined;
        return runPreflight({
            nameKnownFree: !!free && free.name === context.computeName && Date.now() - free.time < nameAnswerFreshForMs,
            workspaceSubscription: required(context.subscription, 'the workspace'),
            workspace: required(context.workspace, 'the workspace'),
            clusterSubscription: required(context.clusterSubscription, 'the cluster'),
            cluster: required(context.cluster, 'the cluster'),
            computeName: required(context.computeName, 'the name'),
        });
    }

    private picks(checks: PreflightCheck[], cluster: ClusterInfo): IAzureQuickPickItem<Action>[] {
        const failed = checks.filter((c) => c.state !== 'passed');
        const grantable = checks.filter((c) => c.kind === 'role' && c.canGrant);
        const nameTaken = checks.some((c) => c.kind === 'name' && c.state === 'failed');
        const actions: IAzureQuickPickItem<Action>[] = [];
        if (failed.length === 0) {
            actions.push({ label: vscode.l10n.t('$(check) All checks passed: continue'), data: 'continue' });
        } else {
            if (grantable.length > 0) {
                actions.push({
                    label: vscode.l10n.t('$(shield) Grant the missing roles now'),
                    description: vscode.l10n.t('{0} role assignment(s), after you confirm', grantable.length),
                    data: 'grant',
                });
            }
            if (this.fixCommands(checks, cluster).length > 0) {
                actions.push({
                    label: vscode.l10n.t('$(copy) Copy the az commands for an administrator'),
                    data: 'copy',
                });
            }
            actions.push({ label: vscode.l10n.t('$(refresh) Check again'), data: 'recheck' });
            if (!nameTaken) {
                actions.push({
                    label: vscode.l10n.t('$(warning) Continue anyway'),
                    description: vscode.l10n.t('the attach will likely end Failed'),
                    data: 'continue',
                });
            }
            actions.push({ label: vscode.l10n.t('$(close) Cancel'), data: 'cancel' });
        }
        return [
            ...actions,
            separator<Action>(vscode.l10n.t('Checks')),
            ...checks.map((check) => ({ ...describeCheck(check), data: 'info' as const, suppressPersistence: true })),
        ];
    }

    private fixCommands(checks: PreflightCheck[], cluster: ClusterInfo): string[] {
        return checks.flatMap((c) => {
            if (c.state !== 'failed') {
                return [];
            }
            if (c.kind === 'role' && c.requirement.scope) {
                return [azRoleAssignmentCommand(c.principalId, c.requirement.role.name, c.requirement.scope)];
            }
            if (c.kind === 'extension') {
                return [azInstallExtensionCommand(cluster.id, cluster.kind)];
            }
            return [];
        });
    }

    private async grant(context: AttachClusterContext, checks: PreflightCheck[]): Promise<void> {
        const grants = checks.filter(
            (c): c is Extract<PreflightCheck, { kind: 'role' }> => c.kind === 'role' && c.canGrant,
        );
        const lines = grants.map((g) => `• ${g.requirement.role.name} → ${g.requirement.scopeLabel}`).join('\n');
        const confirm = vscode.l10n.t('Grant');
        const answer = await vscode.window.showWarningMessage(
            vscode.l10n.t('Grant these roles to the workspace identity {0}?', grants[0]?.identityName ?? ''),
            { modal: true, detail: lines },
            confirm,
        );
        if (answer !== confirm) {
            return;
        }
        const sub = required(context.clusterSubscription, 'the cluster');
        await vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Granting roles...') },
            async () => {
                for (const g of grants) {
                    try {
                        await grantRole(sub, g.requirement.scope!, g.requirement.role.id, g.principalId);
                        ext.outputChannel.info(
                            `Granted ${g.requirement.role.name} on ${g.requirement.scope} to ${g.principalId}`,
                        );
                    } catch (error) {
                        const detail = explainError(
                            error,
                            vscode.l10n.t(
                                'Could not grant {0} on {1}',
                                g.requirement.role.name,
                                g.requirement.scopeLabel,
                            ),
                        ).detail;
                        void vscode.window.showErrorMessage(detail);
                    }
                }
            },
        );
        context.telemetry.measurements.rolesGranted = grants.length;
    }
}
