import {
    AzureWizardPromptStep,
    type AzureWizardPromptStep as PromptStep,
    parseError,
} from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { includesInference, includesTraining } from '../../domain/extensionSettings';
import { HttpsStep } from '../installExtension/HttpsStep';
import type { InstallExtensionContext } from '../installExtension/InstallExtensionContext';
import { choiceOf } from '../installExtension/InstallExtensionContext';
import { InternalLoadBalancerStep } from '../installExtension/InternalLoadBalancerStep';
import { NodeSelectorStep } from '../installExtension/NodeSelectorStep';
import { PurposeStep } from '../installExtension/PurposeStep';
import { RouterTypeStep } from '../installExtension/RouterTypeStep';
import { askAsStep } from '../shared/askAsStep';
import { separator } from '../shared/picks';
import type { UpdateExtensionContext } from './UpdateExtensionContext';

type Setting = 'purpose' | 'router' | 'internalLoadBalancer' | 'https' | 'nodeSelector';
type Choice = Setting | 'review';

/**
 * The installed settings, each a row to change with the install wizard's own step (so the same rules refuse the same
 * combinations); "Review changes" once something differs.
 */
export class ChangeSettingsStep extends AzureWizardPromptStep<UpdateExtensionContext> {
    async prompt(context: UpdateExtensionContext): Promise<void> {
        for (;;) {
            const changed = JSON.stringify(choiceOf(context)) !== JSON.stringify(context.before);
            const pick = await context.ui.showQuickPick(
                [
                    ...(changed ? [{ label: vscode.l10n.t('$(check) Review changes'), data: 'review' as Choice }] : []),
                    separator<Choice>(vscode.l10n.t('Settings of {0}', context.installed.name)),
                    ...this.rows(context),
                ],
                {
                    placeHolder: vscode.l10n.t(
                        'Choose a setting of the AzureML extension on {0} to change',
                        context.cluster.name,
                    ),
                    suppressPersistence: true,
                },
            );
            if (pick.data === 'review') {
                return;
            }
            const setting = pick.data;
            const before = choiceOf(context);
            try {
                await askAsStep(context, `change-${setting}`, () => this.change(context, setting));
            } catch (error) {
                // Back while changing a setting: the list of settings again, that setting as it was.
                if (parseError(error).errorType !== 'GoBackError') {
                    throw error;
                }
                Object.assign(context, before);
            }
        }
    }

    shouldPrompt(): boolean {
        return true;
    }

    private rows(context: UpdateExtensionContext) {
        const c = choiceOf(context);
        const runs = [includesTraining(c.purpose) ? 'training' : '', includesInference(c.purpose) ? 'inference' : '']
            .filter(Boolean)
            .join(' + ');
        const rows: { label: string; description: string; data: Choice }[] = [
            { label: vscode.l10n.t('Runs'), description: runs, data: 'purpose' },
        ];
        if (includesInference(c.purpose)) {
            rows.push(
                {
                    label: vscode.l10n.t('Inference router service type'),
                    description: c.routerServiceType ?? vscode.l10n.t('not set'),
                    data: 'router',
                },
                {
                    label: vscode.l10n.t('Internal load balancer'),
                    description: c.internalLoadBalancer ? 'azure' : vscode.l10n.t('none'),
                    data: 'internalLoadBalancer',
                },
                {
                    label: vscode.l10n.t('Endpoints'),
                    description: c.allowInsecureConnections ? 'HTTP' : `HTTPS (${c.sslCname ?? ''})`,
                    data: 'https',
                },
            );
        }
        const selector = Object.entries(c.nodeSelector ?? {}).map(([k, v]) => `${k}=${v}`);
        rows.push({
            label: vscode.l10n.t('Node selector'),
            description: selector.join(', ') || vscode.l10n.t('any node'),
            data: 'nodeSelector',
        });
        return rows;
    }

    private async change(context: UpdateExtensionContext, setting: Setting): Promise<void> {
        const ask = (step: PromptStep<InstallExtensionContext>) => step.prompt(context);
        switch (setting) {
            case 'purpose':
                context.purpose = undefined;
                await ask(new PurposeStep());
                // Inference turned on: ask for what it needs that is not set yet.
                if (includesInference(context.purpose)) {
                    if (!context.routerServiceType) {
                        await ask(new RouterTypeStep());
                    }
                    if (!context.allowInsecureConnections && !context.sslSecret) {
                        context.allowInsecureConnections = undefined;
                        await ask(new HttpsStep());
                    }
                }
                return;
            case 'router':
                context.routerServiceType = undefined;
                await ask(new RouterTypeStep());
                if (context.routerServiceType === 'NodePort' && context.internalLoadBalancer) {
                    context.internalLoadBalancer = undefined;
                    await ask(new InternalLoadBalancerStep());
                }
                return;
            case 'internalLoadBalancer':
                context.internalLoadBalancer = undefined;
                await ask(new InternalLoadBalancerStep());
                return;
            case 'https':
                context.allowInsecureConnections = undefined;
                await ask(new HttpsStep());
                return;
            case 'nodeSelector':
                await ask(new NodeSelectorStep());
                return;
        }
    }
}
