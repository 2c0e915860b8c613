import {
    AzureWizard,
    type AzureWizardPromptStep,
    type IActionContext,
    nonNullValue,
    parseError,
    UserCancelledError,
} from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import {
    azureMlExtensionName,
    getAzureMlExtension,
    missingInstallPermissions,
    readClusterFacts,
} from '../../azure/extensionOperations';
import type { SubscriptionContext } from '../../azure/subscriptionContext';
import type { ClusterInfo } from '../../domain/models';
import { builtInRoles } from '../../domain/roles';
import { commandFailure } from '../../ui/errorText';
import { resolveClusterArgument } from '../shared/clusterArgument';
import { promptStepsWithin } from '../shared/promptStepsWithin';
import { ConfirmInstallStep } from './ConfirmInstallStep';
import { HttpsStep } from './HttpsStep';
import type { InstallExtensionContext } from './InstallExtensionContext';
import { InstallStep } from './InstallStep';
import { InternalLoadBalancerStep } from './InternalLoadBalancerStep';
import { NodeSelectorStep } from './NodeSelectorStep';
import { PurposeStep } from './PurposeStep';
import { ReleaseStep } from './ReleaseStep';
import { RouterTypeStep } from './RouterTypeStep';

/**
 * Install AzureML Extension...: from a cluster row, a `{ subscriptionId, clusterId }` (the preflight, the cluster
 * panel) or the palette. The permission to write extensions on the cluster is checked first; then one step per
 * setting, the refused combinations refused as they are chosen, a summary with the az command, and the PUT.
 */
export async function installExtension(actionContext: IActionContext, arg?: unknown): Promise<void> {
    const { sub, cluster } = await resolveClusterArgument(
        arg,
        actionContext,
        vscode.l10n.t('Select the cluster to install the AzureML extension on'),
    );
    const context = await prepareInstall(actionContext, sub, cluster);
    if (!context) {
        return;
    }
    const wizard = new AzureWizard(context, {
        title: vscode.l10n.t('Install AzureML Extension on {0}', cluster.name),
        promptSteps: installSteps(),
        executeSteps: [new InstallStep()],
        showLoadingPrompt: true,
    });
    await wizard.prompt();
    await wizard.execute();
}

function installSteps(): AzureWizardPromptStep<InstallExtensionContext>[] {
    return [
        new PurposeStep(),
        new RouterTypeStep(),
        new InternalLoadBalancerStep(),
        new HttpsStep(),
        new NodeSelectorStep(),
        new ReleaseStep(),
        new ConfirmInstallStep(),
    ];
}

/**
 * The install inside another wizard (the attach preflight): the same steps, asked in that wizard's own quick input
 * (a second wizard's would hide it), then the PUT. Back from a step goes to the one before; from the first, back to
 * the caller. True once sent.
 */
export async function installWithin(
    actionContext: IActionContext,
    sub: SubscriptionContext,
    cluster: ClusterInfo,
): Promise<boolean> {
    let context: InstallExtensionContext | undefined;
    try {
        context = await prepareInstall(actionContext, sub, cluster);
    } catch (error) {
        // Not allowed to install (already said): back to the caller's checks.
        if (parseError(error).isUserCancelledError) {
            return false;
        }
        throw error;
    }
    if (!context) {
        return false;
    }
    context.insideAttach = true;
    if (!(await promptStepsWithin(context, installSteps()))) {
        return false;
    }
    await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: installWizardTitle() },
        (progress) => new InstallStep().execute(nonNullValue(context, 'context'), progress),
    );
    return true;
}

export const installWizardTitle = (): string => vscode.l10n.t('Install AzureML Extension');

/**
 * What comes before the first question: the permission to write extensions (else the role that grants it is named
 * and nothing is asked), an extension already Succeeded (offer Update Settings instead), and the cluster's facts.
 */
async function prepareInstall(
    actionContext: IActionContext,
    sub: SubscriptionContext,
    cluster: ClusterInfo,
): Promise<InstallExtensionContext | undefined> {
    actionContext.telemetry.properties.clusterKind = cluster.kind;
    const { missing, installed, facts } = await vscode.window.withProgress(
        {
            location: vscode.ProgressLocation.Notification,
            title: vscode.l10n.t('Checking {0}...', cluster.name),
        },
        async () => {
            try {
                const [missing, installed, facts] = await Promise.all([
                    missingInstallPermissions(sub, cluster),
                    getAzureMlExtension(sub, cluster),
                    readClusterFacts(sub, cluster),
                ]);
                return { missing, installed, facts };
            } catch (error) {
                throw commandFailure(actionContext, error, vscode.l10n.t('Could not read cluster {0}', cluster.name));
            }
        },
    );
    if (missing.length > 0) {
        actionContext.errorHandling.suppressDisplay = true;
        const role = builtInRoles.kubernetesExtensionContributor.name;
        void vscode.window.showErrorMessage(
            vscode.l10n.t(
                'You may not install the AzureML extension on {0}: it needs {1}. The role {2} on the cluster grants the extension write (or Contributor, or Owner){3}. Ask an administrator to assign it, then try again.',
                cluster.name,
                missing.map((m) => m.action).join(vscode.l10n.t(' and ')),
                role,
                cluster.kind === 'arc'
                    ? vscode.l10n.t(
                          '; on Arc, creating the Azure Relay also needs Contributor on resource group {0}',
                          cluster.resourceGroup,
                      )
                    : '',
            ),
        );
        throw new UserCancelledError('installExtension.permission');
    }
    if (installed && /^succeeded$/i.test(installed.provisioningState)) {
        const update = vscode.l10n.t('Update Settings...');
        const answer = await vscode.window.showInformationMessage(
            vscode.l10n.t('The AzureML extension ({0}) is already installed on {1}.', installed.name, cluster.name),
            update,
        );
        if (answer === update) {
            await vscode.commands.executeCommand('azuremlK8s.updateExtensionSettings', {
                subscriptionId: sub.subscriptionId,
                clusterId: cluster.id,
            });
        }
        return undefined;
    }
    return {
        ...actionContext,
        sub,
        cluster,
        facts,
        // A failed one is installed again under its own name (a PUT over it), as `az k8s-extension create` would.
        extensionName: installed?.name ?? azureMlExtensionName,
    };
}
