import * as vscode from 'vscode';
import type { ComputeChangedError } from '../../azure/identityUpdate';
import type { SubscriptionContext } from '../../azure/subscriptionContext';
import type { ComputePart } from '../../domain/computeChanges';
import { ext } from '../../extensionVariables';
import { ComputeNode } from '../../tree/ComputeNode';
import { workspaceComputeNodeId } from '../../tree/nodeIds';
import { refreshComputeViews } from '../../tree/refreshComputeViews';

function partLabel(part: ComputePart): string {
    switch (part) {
        case 'identity':
            return vscode.l10n.t('identity');
        case 'description':
            return vscode.l10n.t('description');
        case 'cluster':
            return vscode.l10n.t('cluster');
        case 'namespace':
            return vscode.l10n.t('namespace');
        case 'instanceTypes':
            return vscode.l10n.t('instance types');
        case 'location':
            return vscode.l10n.t('location');
        case 'tags':
            return vscode.l10n.t('tags');
        case 'sku':
            return vscode.l10n.t('SKU');
        case 'localAuth':
            return vscode.l10n.t('local authentication');
        case 'otherSettings':
            return vscode.l10n.t('other settings');
    }
}

/** What changed, for the refusal: "its identity, description", or that it was written again as it was. */
export function describeChange(error: ComputeChangedError): string {
    const parts = error.change.parts.map(partLabel);
    return parts.length > 0
        ? vscode.l10n.t('its {0}', parts.join(', '))
        : vscode.l10n.t('written again, with the same settings');
}

/**
 * Says that someone else changed the compute after Edit Identity opened and that nothing was written; offers the
 * compute as it is now, and the edit again from it.
 */
export async function reportChangedMeanwhile(sub: SubscriptionContext, error: ComputeChangedError): Promise<void> {
    const current = error.current;
    const at = error.change.writtenAt;
    const when = at
        ? at.toLocaleTimeString(vscode.env.language, { hour: '2-digit', minute: '2-digit' })
        : vscode.l10n.t('an unknown time');
    ext.outputChannel.warn(
        `Edit Identity of ${error.computeName}: changed meanwhile (${error.change.parts.join(', ') || 'written'}) at ${at?.toISOString() ?? '?'}; no PUT sent.`,
    );
    if (current) {
        ext.inventory.remember(current);
        refreshComputeViews(current);
    }
    const show = vscode.l10n.t('Show Compute');
    const again = vscode.l10n.t('Edit Again');
    const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t(
            '{0} was changed by someone else at {1} ({2}) after you opened Edit Identity; nothing was written. Run Edit Identity again to start from the current compute.',
            error.computeName,
            when,
            describeChange(error),
        ),
        ...(current ? [show, again] : []),
    );
    if (!current || !answer) {
        return;
    }
    const node = new ComputeNode(workspaceComputeNodeId(current.id), sub, current, false);
    await vscode.commands.executeCommand(
        answer === show ? 'azuremlK8s.showComputeDetails' : 'azuremlK8s.editIdentity',
        node,
    );
}
