/** How a panel hands a message from its page to the one handler of its kind, after validating it. */
import { ext } from '../../extensionVariables';
import { messageForLog, type HandlersOf } from './messages';

type Handlers<M extends { readonly type: string }> = HandlersOf<M, void | Promise<void>>;

/** Gives a message to the handler of its kind (the table's type pairs each kind with its messages). */
function dispatch<M extends { readonly type: string }, K extends M['type']>(
    handlers: Handlers<M>,
    type: K,
    message: Extract<M, { readonly type: K }>,
): void | Promise<void> {
    const handler: (message: Extract<M, { readonly type: K }>) => void | Promise<void> = handlers[type];
    return handler(message);
}

/**
 * Handles one message from a page: validated first (a forged or malformed one is dropped and logged, and reaches
 * no handler), then given to its handler; a handler's failure goes to `failed`.
 */
export async function receiveWith<M extends { readonly type: string }>(
    panelName: string,
    validate: (raw: unknown) => M | undefined,
    raw: unknown,
    handlers: Handlers<M>,
    failed: (error: unknown) => void,
): Promise<void> {
    const message = validate(raw);
    if (!message) {
        ext.outputChannel.warn(`${panelName}: dropped an unexpected message: ${messageForLog(raw)}`);
        return;
    }
    try {
        await dispatch(handlers, message.type, message as Extract<M, { readonly type: M['type'] }>);
    } catch (error) {
        failed(error);
    }
}
