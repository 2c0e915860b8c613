/**
 * The container registries and storage accounts the user added to a compute's role guidance ("Add a resource..."):
 * kept per compute in the global state, so they come back with the panel; picked from the selected subscriptions.
 */
import * as vscode from 'vscode';
import { listAddableResources } from '../../azure/roleGuidance';
import { ext } from '../../extensionVariables';

const addedResourcesKey = (computeId: string) => `azuremlK8s.computePanel.addedResources|${computeId.toLowerCase()}`;

/** The resource ids added to the compute's guidance, in the order they were added. */
export function addedResources(computeId: string): string[] {
    return ext.context.globalState.get<string[]>(addedResourcesKey(computeId), []);
}

export async function saveAddedResources(computeId: string, resourceIds: readonly string[]): Promise<void> {
    await ext.context.globalState.update(addedResourcesKey(computeId), resourceIds);
}

/**
 * Asks for a registry or storage account of the selected subscriptions, leaving out those the rows already name
 * (`present`: lower-cased resource ids); its id, or undefined when the pick was closed.
 */
export async function pickAddableResource(present: ReadonlySet<string | undefined>): Promise<string | undefined> {
    const subscriptions = await ext.session.getSelectedSubscriptions();
    const names = new Map(subscriptions.map((s) => [s.subscriptionId.toLowerCase(), s.name]));
    const picked = await vscode.window.showQuickPick<vscode.QuickPickItem & { id: string }>(
        listAddableResources(subscriptions).then((resources) =>
            resources
                .filter((r) => !present.has(r.id.toLowerCase()))
                .map((r) => ({
                    label: r.name,
                    description:
                        r.kind === 'registry' ? vscode.l10n.t('Container registry') : vscode.l10n.t('Storage account'),
                    detail: `${names.get(r.subscriptionId.toLowerCase()) ?? r.subscriptionId} · ${r.resourceGroup}`,
                    iconPath: new vscode.ThemeIcon(r.kind === 'registry' ? 'package' : 'database'),
                    id: r.id,
                })),
        ),
        {
            title: vscode.l10n.t('Add a resource the compute uses'),
            placeHolder: vscode.l10n.t('Pick a container registry or storage account'),
            matchOnDescription: true,
            matchOnDetail: true,
        },
    );
    return picked?.id;
}
