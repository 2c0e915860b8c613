import { AzureWizardPromptStep, nonNullProp } from '@microsoft/vscode-azext-utils';
import * as vscode from 'vscode';
import { getCompute } from '../../azure/inventory';
import { suggestComputeName } from '../../domain/attachPlan';
import { validateComputeName } from '../../domain/validation';
import { ext } from '../../extensionVariables';
import { explainError } from '../../ui/errorText';
import type { AttachClusterContext } from './AttachClusterContext';

/** How long typing pauses before the name is checked against the workspace. */
const checkAfterTypingMs = 300;
/** How long an answer about a name stands in for asking again (on Enter, and for the preflight). */
const answerFreshForMs = 10_000;

export class ComputeNameStep extends AzureWizardPromptStep<AttachClusterContext> {
    async prompt(context: AttachClusterContext): Promise<void> {
        const sub = nonNullProp(context, 'subscription');
        const workspace = nonNullProp(context, 'workspace');
        const cluster = nonNullProp(context, 'cluster');
        const existing = await ext.inventory.computes(sub, workspace).catch(() => []);
        const answers = new Map<string, { message: string | undefined; time: number }>();
        let typed = 0;
        /** Asks the service whether this exact name is taken (the cached list may be stale). */
        const check = async (name: string): Promise<string | undefined> => {
            const known = answers.get(name);
            if (known && Date.now() - known.time < answerFreshForMs) {
                return known.message;
            }
            let message: string | undefined;
            try {
                const taken = await getCompute(sub, workspace, name);
                message = taken
                    ? vscode.l10n.t(
                          'A compute named "{0}" already exists in {1}; attaching would replace it. Choose another name.',
                          taken.name,
                          workspace.name,
                      )
                    : undefined;
                context.computeNameFreeAt = taken ? undefined : { name, time: Date.now() };
            } catch (error) {
                return explainError(error, vscode.l10n.t('Could not check the name in {0}', workspace.name)).detail;
            }
            answers.set(name, { message, time: Date.now() });
            return message;
        };
        const before = context.prefilled?.computeName;
        const name = await context.ui.showInputBox({
            prompt: before
                ? vscode.l10n.t(
                      'Re-attach as {0}, the name it had: the cluster still holds what the compute left there (detach does not clean it up), and a re-attach must keep its name and namespace to pick it up again.',
                      before,
                  )
                : vscode.l10n.t('Name of the new compute target in {0}', workspace.name),
            value:
                context.computeName ??
                before ??
                suggestComputeName(
                    cluster.id,
                    existing.map((c) => c.name),
                ),
            // The rule at once; a name that follows it is checked against the workspace once typing pauses.
            validateInput: async (value) => {
                const invalid = validateComputeName(value);
                const mine = ++typed;
                if (invalid) {
                    return invalid;
                }
                await new Promise((resolve) => setTimeout(resolve, checkAfterTypingMs));
                return mine === typed ? check(value.trim()) : undefined;
            },
            // On Enter, even when validateInput has refused the value: an invalid name is never sent.
            asyncValidationTask: async (value) => (validateComputeName(value) ? undefined : check(value.trim())),
        });
        context.computeName = name.trim();
    }

    shouldPrompt(context: AttachClusterContext): boolean {
        return !context.computeName;
    }
}
