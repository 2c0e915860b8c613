/**
 * The AzureML cluster extension as the cluster panel shows it: the published `Microsoft.KubernetesConfiguration/
 * extensions` resource (azure-rest-api-specs kubernetesconfiguration extensions.json) without anything secret.
 * `configurationProtectedSettings` is write-only in the API and never copied here; a plain setting whose name says
 * it holds a secret is left out too (a user may have put one there by mistake).
 */
export interface ExtensionStatusInfo {
    readonly code?: string;
    readonly displayStatus?: string;
    readonly level?: string;
    readonly message?: string;
    readonly time?: string;
}

export interface ExtensionErrorInfo {
    readonly code?: string;
    readonly message: string;
    readonly target?: string;
    /** The nested `details`, flattened, in the order the service gave them. */
    readonly details: readonly { readonly code?: string; readonly message: string }[];
}

export interface AzureMlExtensionDetails {
    readonly id: string;
    readonly name: string;
    readonly provisioningState: string;
    readonly currentVersion?: string;
    /** The version asked for (empty when auto-upgrade follows the release train). */
    readonly version?: string;
    readonly releaseTrain?: string;
    readonly autoUpgradeMinorVersion?: boolean;
    readonly releaseNamespace?: string;
    /** Name → value, sorted by name, secrets left out. */
    readonly settings: readonly { readonly name: string; readonly value: string }[];
    /** The names of the settings left out because they look secret. */
    readonly hiddenSettings: readonly string[];
    readonly statuses: readonly ExtensionStatusInfo[];
    readonly error?: ExtensionErrorInfo;
}

const secretLooking = /(secret|password|passwd|token|connectionstring|privatekey|keypem|\bkey$|sas|credential)/i;

/** The settings a panel may show, and the names of those it may not. */
export function visibleSettings(settings: Readonly<Record<string, string | null | undefined>> | undefined): {
    settings: { name: string; value: string }[];
    hiddenSettings: string[];
} {
    const shown: { name: string; value: string }[] = [];
    const hidden: string[] = [];
    for (const [name, value] of Object.entries(settings ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
        if (secretLooking.test(name)) {
            hidden.push(name);
        } else {
            shown.push({ name, value: value ?? '' });
        }
    }
    return { settings: shown, hiddenSettings: hidden };
}
