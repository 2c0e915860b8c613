import {
    AzureWizardPromptStep,
    parseError,
    UserCancelledError,
    type IAzureQuickPickItem,
    nonNullProp,
} from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { getCluster } from '../../azure/inventory';
import { runPreflight, type PreflightCheck } from '../../azure/preflight';
import { azRoleAssignmentCommand } from '../../domain/azCommands';
import { confirmAndGrant } from '../../ui/confirmAndGrant';
import { chooseRoles } from './chooseRoles';
import { describeCheck } from './describeCheck';
import { extensionCommandFix, extensionFix } from './extensionFix';
import { limitFix } from './limitFixes';
import type { AttachClusterContext } from './AttachClusterContext';
import { ComputeNameStep } from './ComputeNameStep';
import { assignableRoles, preflightPlan, rolesForAdministrator, type PreflightAction } from './preflightPlan';
import { separator } from '../shared/picks';

/** What a pick does: an action, or nothing (a check row without a fix). */
type Choice = PreflightAction | 'none';
type Pick = IAzureQuickPickItem<Choice>;

/** How long the name step's "the name is free" stands in for the preflight's own check. */
const nameAnswerFreshForMs = 60_000;

/**
 * Runs every check before anything is written and shows each result as sentences: a check no role can fix (the
 * AzureML extension, the name) first with its fix focused, then the actions, then the other checks. Missing roles are
 * assigned one by one or as a chosen set, after one confirmation, and the checks run again.
 */
export class PreflightStep extends AzureWizardPromptStep<AttachClusterContext> {
    async prompt(context: AttachClusterContext): Promise<void> {
        const cluster = nonNullProp(context, 'cluster');
        let checks = this.run(context);
        for (;;) {
            const pick = await context.ui.showQuickPick(
                checks.then((c) => this.picks(c, context)),
                {
                    placeHolder: vscode.l10n.t('Checks before attaching {0}', cluster.name),
                    loadingPlaceHolder: vscode.l10n.t('Checking the cluster, the identity roles and the name...'),
                    suppressPersistence: true,
                },
            );
            const results = await checks;
            switch (pick.data) {
                case 'continue':
                    context.continuedDespiteChecks = results.some((c) => c.state !== 'passed');
                    context.telemetry.properties.continuedDespiteChecks = String(context.continuedDespiteChecks);
                    return;
                case 'cancel':
                    throw new UserCancelledError('preflight');
                case 'fixExtension': {
                    const clusterSub = nonNullProp(context, 'clusterSubscription');
                    if (await extensionFix(context, clusterSub, cluster).run()) {
                        // The checks read the extension's state from the cluster: read it again after the install.
                        context.cluster = (await getCluster(clusterSub, cluster.id).catch(() => undefined)) ?? cluster;
                        checks = this.run(context);
                    }
                    break;
                }
                case 'copyExtensionCommand':
                    await extensionCommandFix(cluster).run();
                    break;
                case 'copyArcRoute':
                case 'openLimitsDoc':
                case 'createBinding':
                case 'copyBindingCommand':
                    if (await limitFix(pick.data, context).run()) {
                        checks = this.run(context);
                    }
                    break;
                case 'rename':
                    if (await this.rename(context)) {
                        checks = this.run(context);
                    }
                    break;
                case 'assignRoles':
                    if (await this.assign(context, results)) {
                        checks = this.run(context);
                    }
                    break;
                case 'copyCommands':
                    await vscode.env.clipboard.writeText(this.adminCommands(results).join('\n'));
                    void vscode.window.showInformationMessage(
                        vscode.l10n.t('Copied the az role assignment commands for an administrator.'),
                    );
                    break;
                case 'recheck':
                    checks = this.run(context);
                    break;
                case 'none':
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
            workspaceSubscription: nonNullProp(context, 'subscription'),
            workspace: nonNullProp(context, 'workspace'),
            clusterSubscription: nonNullProp(context, 'clusterSubscription'),
            cluster: nonNullProp(context, 'cluster'),
            computeName: nonNullProp(context, 'computeName'),
        });
    }

    private picks(checks: PreflightCheck[], context: AttachClusterContext): Pick[] {
        const assignable = assignableRoles(checks);
        const headings = {
            blockers: vscode.l10n.t('Blocks the attach'),
            actions: vscode.l10n.t('Actions'),
            checks: vscode.l10n.t('Checks'),
        };
        return preflightPlan(checks).map((entry): Pick => {
            switch (entry.kind) {
                case 'heading':
                    return separator<Choice>(headings[entry.heading]);
                case 'check':
                    return {
                        ...describeCheck(entry.check, vscode.l10n.t),
                        data: entry.fix ?? 'none',
                        suppressPersistence: true,
                    };
                case 'action':
                    return {
                        ...this.actionItem(entry.action, checks, context, assignable.length),
                        data: entry.action,
                    };
            }
        });
    }

    private actionItem(
        action: PreflightAction,
        checks: PreflightCheck[],
        context: AttachClusterContext,
        assignable: number,
    ): Omit<Pick, 'data'> {
        const cluster = nonNullProp(context, 'cluster');
        const allPassed = checks.every((c) => c.state === 'passed');
        switch (action) {
            case 'copyArcRoute':
            case 'openLimitsDoc':
            case 'createBinding':
            case 'copyBindingCommand': {
                const { label, detail } = limitFix(action, context);
                return { label, detail };
            }
            case 'fixExtension': {
                const { label, detail } = extensionFix(context, nonNullProp(context, 'clusterSubscription'), cluster);
                return { label, detail };
            }
            case 'copyExtensionCommand': {
                const { label, detail } = extensionCommandFix(cluster);
                return { label, detail };
            }
            case 'rename':
                return {
                    label: vscode.l10n.t('$(edit) Choose another compute name'),
                    detail: vscode.l10n.t('The name is taken now; attaching under it would replace that compute.'),
                };
            case 'assignRoles':
                return {
                    label: vscode.l10n.t('$(shield) Assign missing roles...'),
                    description: vscode.l10n.t('{0} you may assign: choose which, then confirm', assignable),
                };
            case 'copyCommands':
                return {
                    label: vscode.l10n.t('$(copy) Copy the az commands for an administrator'),
                    description: vscode.l10n.t('{0} role assignment(s)', rolesForAdministrator(checks).length),
                    detail: vscode.l10n.t('An Owner or User Access Administrator of each scope can run them.'),
                };
            case 'recheck':
                return { label: vscode.l10n.t('$(refresh) Check again') };
            case 'continue':
                return allPassed
                    ? { label: vscode.l10n.t('$(check) All checks passed: continue') }
                    : {
                          label: vscode.l10n.t('$(warning) Continue anyway'),
                          description: vscode.l10n.t('the attach will likely end Failed'),
                      };
            case 'cancel':
                return { label: vscode.l10n.t('$(close) Cancel') };
        }
    }

    private adminCommands(checks: PreflightCheck[]): string[] {
        return rolesForAdministrator(checks).map((c) =>
            azRoleAssignmentCommand(c.principalId, c.requirement.role.name, c.requirement.scope!),
        );
    }

    /** Asks for another compute name (the name step's own prompt); Back returns to the checks. */
    private async rename(context: AttachClusterContext): Promise<boolean> {
        try {
            await new ComputeNameStep().prompt(context);
            return true;
        } catch (error) {
            if (parseError(error).errorType === 'GoBackError') {
                return false;
            }
            throw error;
        }
    }

    /** The roles the user chooses, after one confirmation. True when any was assigned (the checks run again). */
    private async assign(context: AttachClusterContext, checks: PreflightCheck[]): Promise<boolean> {
        const chosen = await chooseRoles(context, assignableRoles(checks));
        if (!chosen || chosen.length === 0) {
            return false;
        }
        const outcomes = await confirmAndGrant(
            nonNullProp(context, 'clusterSubscription'),
            chosen.map((c) => ({
                role: c.requirement.role,
                scope: c.requirement.scope!,
                scopeLabel: c.requirement.scopeLabel,
                principalId: c.principalId,
                grantee: { kind: 'workspace', identityName: c.identityName },
            })),
        );
        const granted = outcomes?.filter((o) => o.result).length ?? 0;
        context.telemetry.measurements.rolesGranted = (context.telemetry.measurements.rolesGranted ?? 0) + granted;
        return outcomes !== undefined;
    }
}
