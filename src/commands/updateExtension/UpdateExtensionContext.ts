import type { AzureMlExtensionDetails } from '../../azure/extensionOperations';
import type { ExtensionChoice } from '../../domain/extensionSettings';
import type { InstallExtensionContext } from '../installExtension/InstallExtensionContext';

/** The install wizard's answers, prefilled from the installed extension, plus what it had. */
export interface UpdateExtensionContext extends InstallExtensionContext {
    readonly installed: AzureMlExtensionDetails;
    readonly before: ExtensionChoice;
    /** The settings to PATCH, once chosen and confirmed. */
    patch?: Record<string, string>;
}
