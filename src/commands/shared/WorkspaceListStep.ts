import { AzureWizardPromptStep, type IActionContext, type IAzureQuickPickItem } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import type { WorkspaceInfo } from '../../azure/models';
import type { SubscriptionContext } from '../../azure/subscriptionContext';
import { ext } from '../../extensionVariables';
import { identityLabel } from '../../tree/describe';
import { explainError } from '../../ui/errorText';
import { separator } from './picks';

type WorkspacePick = { sub: SubscriptionContext; workspace: WorkspaceInfo };

/** What a wizard that starts from a workspace keeps. */
export interface WorkspaceChoiceContext extends IActionContext {
    subscription?: SubscriptionContext;
    workspace?: WorkspaceInfo;
}

/** Workspaces of every selected subscription, grouped by subscription; a failing subscription is left out and logged. */
export class WorkspaceListStep<T extends WorkspaceChoiceContext> extends AzureWizardPromptStep<T> {
    constructor(private readonly placeHolder: string) {
        super();
    }

    async prompt(context: T): Promise<void> {
        const pick = await context.ui.showQuickPick(this.loadPicks(), {
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

    private async loadPicks(): Promise<IAzureQuickPickItem<WorkspacePick>[]> {
        const subscriptions = await ext.session.getSelectedSubscriptions();
        const perSubscription = await Promise.all(
            subscriptions.map(async (sub) => {
                try {
                    return { sub, workspaces: await ext.inventory.workspaces(sub) };
                } catch (error) {
                    explainError(error, vscode.l10n.t('Could not list the workspaces of {0}', sub.name));
                    return { sub, workspaces: [] };
                }
            }),
        );
        return perSubscription
            .filter((s) => s.workspaces.length > 0)
            .flatMap(({ sub, workspaces }) => [
                separator<WorkspacePick>(sub.name),
                ...workspaces.map((workspace) => ({
                    label: workspace.name,
                    description: `${workspace.resourceGroup} · ${workspace.location}`,
                    detail: vscode.l10n.t('Identity: {0}', identityLabel(workspace.identity.type)),
                    data: { sub, workspace },
                })),
            ]);
    }
}
