import { parseError } from '@microsoft/vscode-azext-utils';

/**
 * A step that asks two things in a row (a kind of identity, then which one; a namespace, then what to do about it):
 * Back from the second question goes back to the first one, not to the wizard's previous step. Back from the first
 * one is the wizard's Back, as usual.
 */
export async function askAgainOnBack<A, B>(first: () => Promise<A>, then: (answer: A) => Promise<B>): Promise<B> {
    for (;;) {
        const answer = await first();
        try {
            return await then(answer);
        } catch (error) {
            // By name, as the wizard itself tells its Back apart (the class may come from another copy of the module).
            if (parseError(error).errorType !== 'GoBackError') {
                throw error;
            }
        }
    }
}
