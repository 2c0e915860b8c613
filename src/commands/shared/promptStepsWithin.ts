import { type AzureWizardPromptStep, type IActionContext, parseError } from '@microsoft/vscode-azext-utils';
import { askAsStep } from './askAsStep';

/**
 * One wizard's prompt steps asked inside another wizard's quick input (a second AzureWizard would hide the first):
 * Back from a step returns to the step asked before it, with that step's answers undone as AzureWizard undoes them;
 * Back from the first one is the caller's. True once every step has its answer, false when Back left the first one.
 */
export async function promptStepsWithin<C extends IActionContext>(
    context: C,
    steps: readonly AzureWizardPromptStep<C>[],
): Promise<boolean> {
    const asked: { readonly index: number; readonly before: C }[] = [];
    for (let index = 0; index < steps.length;) {
        const step = steps[index];
        if (!step.shouldPrompt(context)) {
            index++;
            continue;
        }
        const before = { ...context };
        try {
            await askAsStep(context, `within-${index}`, () => step.prompt(context));
            asked.push({ index, before });
            index++;
        } catch (error) {
            if (parseError(error).errorType !== 'GoBackError') {
                throw error;
            }
            const previous = asked.pop();
            if (!previous) {
                return false;
            }
            restore(context, previous.before);
            index = previous.index;
        }
    }
    return true;
}

/** The context as it was before a step: what the step added is taken away, what it changed put back. */
function restore<C extends object>(context: C, before: C): void {
    for (const key of Object.keys(context) as (keyof C)[]) {
        if (!Object.hasOwn(before, key)) {
            delete context[key];
        }
    }
    Object.assign(context, before);
}
