/**
 * Update Settings of an installed AzureML extension: what a PATCH sends, and the CLI's warnings before it does
 * (AzureMLKubernetes.py Update and __normalize_config, in Azure/azure-cli-extensions src/k8s-extension). Pure.
 */
import { configurationSettings, includesInference, type ClusterFacts, type ExtensionChoice } from './extensionSettings';

/** The settings Update Settings changes; the ones the CLI fills in (cluster name, location, relay...) stay as they are. */
const userKeys = [
    'enableTraining',
    'enableInference',
    'inferenceRouterServiceType',
    'internalLoadBalancerProvider',
    'allowInsecureConnections',
    'sslSecret',
    'sslCname',
    'scoringFe.serviceType.nodePort',
    'scoringFe.serviceType.internalLoadBalancer',
    'scoringFe.sslSecret',
] as const;

const inferenceKeys: ReadonlySet<string> = new Set(
    userKeys.filter((k) => k !== 'enableTraining' && k !== 'enableInference'),
);

export interface SettingsPatch {
    /** Only the settings whose value changes (a PATCH merges configurationSettings key by key). */
    readonly configurationSettings: Record<string, string>;
    /** Refused as the CLI refuses it ("Update operation can't remove an existed node selector"). */
    readonly refusal?: string;
}

export function settingsPatch(
    current: Readonly<Record<string, string>>,
    next: ExtensionChoice,
    cluster: ClusterFacts,
): SettingsPatch {
    const wanted = configurationSettings(next, cluster);
    const changed: Record<string, string> = {};
    // Inference switched off: its settings stay as they were (the CLI sends only what the user gives).
    const keys = includesInference(next.purpose) ? userKeys : userKeys.filter((k) => !inferenceKeys.has(k));
    for (const key of keys) {
        const before = current[key];
        // A setting the new choice drops is switched off, not left behind: __normalize_config sets the scoringFe
        // flags from the router type and load balancer whenever those are given.
        const after = wanted[key] ?? (before === undefined ? undefined : offValue(key));
        if (after !== undefined && after !== before) {
            changed[key] = after;
        }
    }
    const removed = Object.keys(current).filter((key) => key.startsWith('nodeSelector.') && !(key in wanted));
    for (const [key, value] of Object.entries(wanted)) {
        if (key.startsWith('nodeSelector.') && current[key] !== value) {
            changed[key] = value;
        }
    }
    return {
        configurationSettings: changed,
        refusal:
            removed.length > 0
                ? `An update cannot remove a node selector the extension already has (${removed.map((k) => k.slice('nodeSelector.'.length)).join(', ')}); it can change or add one. Uninstall and install again to remove it.`
                : undefined,
    };
}

function offValue(key: (typeof userKeys)[number]): string {
    return key.startsWith('scoringFe.serviceType') || key === 'allowInsecureConnections' ? 'False' : '';
}

export interface UpdateWarning {
    /** What the change interrupts, as the CLI names it: jobs, and online endpoints and deployments. */
    readonly impacts: readonly ('jobs' | 'online endpoints and deployments')[];
    /** The changes behind it, one line each. */
    readonly changes: readonly string[];
}

/** The CLI's confirmation before an update that restarts components (Update, "will IMPACT your active ..."). */
export function updateWarning(patch: Readonly<Record<string, string>>): UpdateWarning | undefined {
    const has = (key: string) => key in patch;
    const isFalse = (key: string) => patch[key]?.toLowerCase() === 'false';
    const changes: string[] = [];
    let jobs = false;
    let endpoints = false;
    if (isFalse('enableTraining')) {
        changes.push('enableTraining from True to False');
        jobs = true;
    }
    if (isFalse('enableInference')) {
        changes.push('enableInference from True to False');
        endpoints = true;
    }
    for (const key of [
        'allowInsecureConnections',
        'inferenceRouterServiceType',
        'internalLoadBalancerProvider',
        'sslCname',
    ]) {
        if (has(key)) {
            changes.push(key);
            endpoints = true;
        }
    }
    if (Object.keys(patch).some((key) => key.startsWith('nodeSelector.'))) {
        changes.push('nodeSelector');
        jobs = true;
        endpoints = true;
    }
    if (changes.length === 0) {
        return undefined;
    }
    const impacts: UpdateWarning['impacts'][number][] = [];
    if (jobs) {
        impacts.push('jobs');
    }
    if (endpoints) {
        impacts.push('online endpoints and deployments');
    }
    return { impacts, changes };
}
