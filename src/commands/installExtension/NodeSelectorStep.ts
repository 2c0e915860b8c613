import { AzureWizardPromptStep } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { parseNodeSelector } from '../../domain/extensionSettings';
import type { InstallExtensionContext } from './InstallExtensionContext';

/** Optional: the nodes the extension's components and workloads may run on (`nodeSelector.<label>=<value>`). */
export class NodeSelectorStep extends AzureWizardPromptStep<InstallExtensionContext> {
    async prompt(context: InstallExtensionContext): Promise<void> {
        const text = await context.ui.showInputBox({
            prompt: vscode.l10n.t(
                'Optional node selector: label=value pairs the nodes must carry, separated by commas (empty for any node). An update can change or add labels later but not remove them.',
            ),
            placeHolder: 'agentpool=mlpool, kubernetes.io/os=linux',
            value: Object.entries(context.nodeSelector ?? {})
                .map(([k, v]) => `${k}=${v}`)
                .join(', '),
            validateInput: (value) => {
                const parsed = parseNodeSelector(value);
                return 'problem' in parsed ? parsed.problem : undefined;
            },
        });
        const parsed = parseNodeSelector(text);
        context.nodeSelector = 'selector' in parsed ? parsed.selector : {};
    }

    shouldPrompt(context: InstallExtensionContext): boolean {
        return context.nodeSelector === undefined;
    }
}
