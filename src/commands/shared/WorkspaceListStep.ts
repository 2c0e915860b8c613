import { AzureWizardPromptStep, type IActionContext, type IAzureQuickPickItem } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import type { WorkspaceInfo } from '../../domain/models';
import type { SubscriptionContext } from '../../azure/subscriptionContext';
import { ext } from '../../extensionVariables';
import { identityLabel } from '../../tree/describe';
import {
    failureNotices,
    fromSelectedSubscriptions,
    type retryPick,
    separator,
    showLoadingQuickPick,
    untilChosen,
} from './picks';

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
        const pick = await untilChosen(() =>
            showLoadingQuickPick(context, (signal) => this.loadPicks(signal), {
                placeHolder: this.placeHolder,
                loadingPlaceHolder: vscode.l10n.t('Loading workspaces...'),
                noPicksMessage: vscode.l10n.t('No workspaces found in the selected subscriptions'),
                matchOnDescription: true,
                suppressPersistence: true,
            }),
        );
        context.subscription = pick.data.sub;
        context.workspace = pick.data.workspace;
    }

    shouldPrompt(context: T): boolean {
        return !context.workspace;
    }

    private async loadPicks(signal: AbortSignal): Promise<IAzureQuickPickItem<WorkspacePick | typeof retryPick>[]> {
        const perSubscription = await fromSelectedSubscriptions(
            signal,
            (sub) => ext.inventory.workspaces(sub, signal),
            (sub) => vscode.l10n.t('Could not list the workspaces of {0}', sub.name),
        );
        const listed = perSubscription
            .filter((s) => s.items.length > 0)
            .flatMap(({ sub, items: workspaces }) => [
                separator<WorkspacePick>(sub.name),
                ...workspaces.map((workspace) => ({
                    label: workspace.name,
                    description: `${workspace.resourceGroup} · ${workspace.location}`,
                    detail: vscode.l10n.t('Identity: {0}', identityLabel(workspace.identity.type)),
                    data: { sub, workspace },
                })),
            ]);
        // Only headings would be no pick at all: then the "none found" message says it.
        return listed.length > 0 ? [...listed, ...failureNotices(perSubscription)] : [];
    }
}
