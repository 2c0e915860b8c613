/** How a panel hands a message from its page to the one handler of its kind, after validating it. */
import { ext } from '../../extensionVariables';
import { messageForLog, type HandlersOf } from './messages';

/** A contract's table of handlers of the page's messages `M`. */
export type Handlers<M extends { readonly type: string }> = HandlersOf<M, void | Promise<void>>;

/** Gives a message to the handler of its kind (the table's type pairs each kind with its messages). */
function dispatch<M extends { readonly type: string }, K extends M['type']>(
    handlers: Handlers<M>,
    type: K,
    message: Extract<M, { readonly type: K }>,
): void | Promise<void> {
    const handler: (message: Extract<M, { readonly type: K }>) => void | Promise<void> = handlers[type];
    return handler(message);
}

/** How a panel takes one message from its page; a handler's failure goes to `failed`. */
export type Receiver<M extends { readonly type: string }> = (
    raw: unknown,
    handlers: Handlers<M>,
    failed: (error: unknown) => void,
) => Promise<void>;

/**
 * The receiver of a panel's messages: each validated first (a forged or malformed one is dropped and logged under
 * `panelName`, and reaches no handler), then given to its handler.
 */
export function receiverOf<M extends { readonly type: string }>(
    panelName: string,
    validate: (raw: unknown) => M | undefined,
): Receiver<M> {
    return async (raw, handlers, failed) => {
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
    };
}
