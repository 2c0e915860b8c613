/**
 * Remembered attach settings in the extension's global state, not the workspace state: they belong to Azure workspaces
 * and clusters (keyed by their ARM ids), not to the folder open in VS Code, so a compute detached in one window can be
 * re-attached from any other, and Re-attach on a cluster lists its computes from every Azure workspace.
 */
import {
    forget,
    parseRemembered,
    remember,
    rememberedFrom,
    type RememberedAttach,
} from '../../domain/rememberedAttach';
import type { ComputeInfo } from '../../domain/models';
import { ext } from '../../extensionVariables';

const storeKey = 'azuremlK8s.rememberedAttachments';

export function rememberedAttachments(): RememberedAttach[] {
    return parseRemembered(ext.context.globalState.get<unknown>(storeKey));
}

/** Once a detach is accepted: its name, namespace and identity, for Re-attach. */
export async function rememberDetached(compute: ComputeInfo, at = new Date()): Promise<void> {
    const entry = rememberedFrom(compute, at);
    if (entry) {
        await ext.context.globalState.update(storeKey, remember(rememberedAttachments(), entry));
    }
}

/** Once the compute is attached again. */
export async function forgetRemembered(entry: Pick<RememberedAttach, 'workspaceId' | 'computeName'>): Promise<void> {
    await ext.context.globalState.update(storeKey, forget(rememberedAttachments(), entry));
}
