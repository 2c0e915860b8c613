import { nonNullProp } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { createMlWorkloadBinding } from '../../azure/trustedAccess';
import { azArcRouteCommands, azTrustedAccessBindingCommand } from '../../domain/azCommands';
import { deployLimitationsDoc, mlWorkloadRole, trustedAccessBindingName } from '../../domain/clusterLimits';
import { inertText } from '../../domain/inertText';
import { explainError } from '../../ui/errorText';
import type { AttachClusterContext } from './AttachClusterContext';

export type LimitAction = 'copyArcRoute' | 'openLimitsDoc' | 'createBinding' | 'copyBindingCommand';

/** A limit's fix as the preflight offers it; `run` answers whether the checks should run again. */
export interface LimitFix {
    readonly label: string;
    readonly detail?: string;
    run(): Promise<boolean>;
}

export function limitFix(action: LimitAction, context: AttachClusterContext): LimitFix {
    const cluster = nonNullProp(context, 'cluster');
    const workspace = nonNullProp(context, 'workspace');
    switch (action) {
        case 'copyArcRoute':
            return {
                label: vscode.l10n.t('$(copy) Copy the commands that connect {0} to Azure Arc', cluster.name),
                detail: vscode.l10n.t(
                    'Connect it to Arc in {0}, add the AzureML extension, attach it.',
                    nonNullProp(context, 'subscription').name,
                ),
                run: async () => {
                    await vscode.env.clipboard.writeText(azArcRouteCommands(cluster, workspace).join('\n'));
                    void vscode.window.showInformationMessage(
                        inertText(
                            vscode.l10n.t(
                                'Copied the commands that connect {0} to Azure Arc in {1} and install the AzureML extension there. Run them where kubectl and the Azure CLI (connectedk8s, k8s-extension) work, then attach the Arc cluster {0}.',
                                cluster.name,
                                nonNullProp(context, 'subscription').name,
                            ),
                        ),
                    );
                    return false;
                },
            };
        case 'openLimitsDoc':
            return {
                label: vscode.l10n.t('$(link-external) Read the documented limits'),
                detail: vscode.l10n.t('Azure ML documentation: Limitations of the AzureML extension'),
                run: async () => {
                    await vscode.env.openExternal(vscode.Uri.parse(deployLimitationsDoc));
                    return false;
                },
            };
        case 'createBinding':
            return {
                label: vscode.l10n.t('$(shield) Create the trusted access role binding...'),
                detail: vscode.l10n.t(
                    'Lets {0} reach {1} (role mlworkload); you confirm first.',
                    workspace.name,
                    cluster.name,
                ),
                run: () => createBinding(context),
            };
        case 'copyBindingCommand':
            return {
                label: vscode.l10n.t('$(copy) Copy the az command that creates the role binding'),
                detail: vscode.l10n.t(
                    'Someone who may write trusted access role bindings on {0} can run it.',
                    cluster.name,
                ),
                run: async () => {
                    const command = azTrustedAccessBindingCommand(
                        cluster.id,
                        trustedAccessBindingName(workspace),
                        workspace.id,
                        mlWorkloadRole,
                    );
                    await vscode.env.clipboard.writeText(command);
                    void vscode.window.showInformationMessage(
                        vscode.l10n.t('Copied the az aks trustedaccess rolebinding create command.'),
                    );
                    return false;
                },
            };
    }
}

async function createBinding(context: AttachClusterContext): Promise<boolean> {
    const cluster = nonNullProp(context, 'cluster');
    const workspace = nonNullProp(context, 'workspace');
    const create = vscode.l10n.t('Create');
    const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('Create a trusted access role binding on {0} for {1}?', cluster.name, workspace.name),
        {
            modal: true,
            detail: vscode.l10n.t(
                'Local accounts are disabled on {0}, so Azure ML reaches it through Trusted Access. The binding gives workspace {1} the role {2} on this cluster, and nothing else.',
                cluster.name,
                workspace.name,
                mlWorkloadRole,
            ),
        },
        create,
    );
    if (answer !== create) {
        return false;
    }
    try {
        const binding = await vscode.window.withProgress(
            {
                location: vscode.ProgressLocation.Notification,
                title: vscode.l10n.t('Creating the trusted access role binding on {0}...', cluster.name),
            },
            () => createMlWorkloadBinding(nonNullProp(context, 'clusterSubscription'), cluster.id, workspace),
        );
        context.telemetry.properties.trustedAccessBindingCreated = 'true';
        void vscode.window.showInformationMessage(
            inertText(
                vscode.l10n.t(
                    'Created trusted access role binding {0} on {1} for {2}.',
                    binding.name,
                    cluster.name,
                    workspace.name,
                ),
            ),
        );
        return true;
    } catch (error) {
        const explained = explainError(
            error,
            vscode.l10n.t('Could not create the trusted access role binding on {0}', cluster.name),
        );
        void vscode.window.showErrorMessage(explained.detail);
        return true;
    }
}
