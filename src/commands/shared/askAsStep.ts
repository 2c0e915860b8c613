import type { IActionContext } from '@microsoft/vscode-azext-utils';

/**
 * The part of AzureWizard that remembers typed answers: it keeps an input box's last answer under the id of the step
 * asking (`currentStepId`) and starts every input box of that step from it. Not in the package's public types.
 */
interface AnswerMemory {
    currentStepId?: string;
    /** A getter on the wizard (true from its second step on); shadowed here while a question is asked. */
    showBackButton?: boolean;
}

/**
 * Asks one question as a step of its own in the wizard's memory of typed answers. Without it, two input boxes of one
 * step (a secret's name, then a host name) or steps asked inside another (the install inside the attach checks, a
 * setting changed in Update Settings) share one remembered answer, and the second box opens with the first one's text.
 * The question has a Back button even in a wizard's first step: every caller takes Back to its previous question.
 */
export async function askAsStep<T>(context: IActionContext, id: string, ask: () => Promise<T>): Promise<T> {
    const memory = (context.ui as { wizard?: AnswerMemory }).wizard;
    if (!memory) {
        return ask();
    }
    const outer = memory.currentStepId;
    const ownBack = Object.getOwnPropertyDescriptor(memory, 'showBackButton');
    memory.currentStepId = `${outer ?? ''}/${id}`;
    Object.defineProperty(memory, 'showBackButton', { value: true, configurable: true, writable: true });
    try {
        return await ask();
    } finally {
        memory.currentStepId = outer;
        if (ownBack) {
            Object.defineProperty(memory, 'showBackButton', ownBack);
        } else {
            delete memory.showBackButton;
        }
    }
}
