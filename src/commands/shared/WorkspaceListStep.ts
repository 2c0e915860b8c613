import { AzureWizardPromptStep, type IActionContext } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import type { WorkspaceInfo } from '../../domain/models';
import type { SubscriptionContext } from '../../azure/subscriptionContext';
import { ext } from '../../extensionVariables';
import { identityLabel } from '../../tree/describe';
import { pickFromSelectedSubscriptions, separator } from './picks';

type WorkspacePick = { sub: SubscriptionContext; workspace: WorkspaceInfo };

/** What a wizard that starts from a workspace keeps. */
export interface WorkspaceChoiceContext extends IActionContext {
    subscription?: SubscriptionContext;
    workspace?: WorkspaceInfo;
}

/** Workspaces of every selected subscription, grouped by subscription; one that cannot be listed is named at the end. */
export class WorkspaceListStep<T extends WorkspaceChoiceContext> extends AzureWizardPromptStep<T> {
    constructor(private readonly placeHolder: string) {
        super();
    }

    async prompt(context: T): Promise<void> {
        const pick = await pickFromSelectedSubscriptions(context, {
            load: (sub, signal) => ext.inventory.workspaces(sub, signal),
            early: (signal) => ext.inventory.listWorkspacesEarly(signal),
            failure: (sub) => vscode.l10n.t('Could not list the workspaces of {0}', sub.name),
            toPicks: (found) =>
                found
                    .filter((s) => s.items.length > 0)
                    .flatMap(({ sub, items: workspaces }) => [
                        separator<WorkspacePick>(sub.name),
                        ...workspaces.map((workspace) => ({
                            label: workspace.name,
                            description: `${workspace.resourceGroup} · ${workspace.location}`,
                            detail: vscode.l10n.t('Identity: {0}', identityLabel(workspace.identity.type)),
                            data: { sub, workspace },
                        })),
                    ]),
            placeHolder: this.placeHolder,
            loadingPlaceHolder: vscode.l10n.t('Loading workspaces...'),
            noPicksMessage: vscode.l10n.t('No workspaces found in the selected subscriptions'),
            matchOnDescription: true,
            suppressPersistence: true,
        });
        context.subscription = pick.data.sub;
        context.workspace = pick.data.workspace;
    }

    shouldPrompt(context: T): boolean {
        return !context.workspace;
    }
}
