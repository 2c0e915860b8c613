/**
 * Which of the AzureML extension's settings a panel may show. `configurationProtectedSettings` is write-only in the
 * API (azure-rest-api-specs kubernetesconfiguration extensions.json) and never shown; a plain setting whose name says
 * it holds a secret is left out too (a user may have put one there by mistake).
 */
const secretLooking = /(secret|password|passwd|token|connectionstring|privatekey|keypem|\bkey$|sas|credential)/i;

/** The settings a panel may show, sorted by name, and the names of those it may not. */
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
