import type { IActionContext } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { getSelectedSubscriptionIds, setSelectedSubscriptionIds } from '../auth/settings';
import { ext } from '../extensionVariables';

export async function selectSubscriptions(context: IActionContext): Promise<void> {
    if (!(await ext.session.isSignedIn())) {
        await vscode.commands.executeCommand('azuremlK8s.signIn');
        return;
    }
    const all = await ext.session.getAllSubscriptions();
    const selected = getSelectedSubscriptionIds()?.map((id) => id.toLowerCase());
    // With subscriptions from several tenants, each says which one it is in.
    const tenants = new Set(all.map((s) => s.tenantId.toLowerCase()));
    const picks = all.map((s) => ({
        label: s.name,
        description: tenants.size > 1 ? `${s.tenantName ?? s.tenantId} · ${s.subscriptionId}` : s.subscriptionId,
        picked: !selected || selected.includes(s.subscriptionId.toLowerCase()),
        subscriptionId: s.subscriptionId,
    }));
    const chosen = await context.ui.showQuickPick(picks, {
        canPickMany: true,
        placeHolder: vscode.l10n.t('Select the subscriptions to show'),
        isPickSelected: (p) => (p as (typeof picks)[number]).picked,
    });
    if (chosen.length === 0) {
        void vscode.window.showWarningMessage(
            vscode.l10n.t('Select at least one subscription; the selection was not changed.'),
        );
        return;
    }
    // Everything chosen is stored as "no filter", so subscriptions added later show up too.
    await setSelectedSubscriptionIds(chosen.length === all.length ? [] : chosen.map((c) => c.subscriptionId));
    context.telemetry.measurements.selected = chosen.length;
}
