/**
 * The AzureML cluster extension's settings (`Microsoft.AzureML.Kubernetes`): what the install wizard asks, the rules
 * the Azure CLI's validator applies to them, and the configuration settings the CLI adds on the client. Pure.
 *
 * CLI = Azure/azure-cli-extensions src/k8s-extension/azext_k8s_extension/partner_extensions/AzureMLKubernetes.py
 * (Create, __validate_config, __validate_scoring_fe_settings, __set_up_inference_ssl);
 * docs = MicrosoftDocs/azure-ai-docs articles/machine-learning/how-to-deploy-kubernetes-extension.md
 * ("Review AzureML extension configuration settings").
 */
import type { ClusterKind } from './models';

export type ExtensionPurpose = 'training' | 'inference' | 'both';
export const routerServiceTypes = ['LoadBalancer', 'NodePort', 'ClusterIP'] as const;
export type RouterServiceType = (typeof routerServiceTypes)[number];

/** What the user chooses. Inference settings only count when the purpose includes inference. */
export interface ExtensionChoice {
    readonly purpose?: ExtensionPurpose;
    readonly routerServiceType?: RouterServiceType;
    /** `internalLoadBalancerProvider=azure`: the inference router gets an Azure internal load balancer. */
    readonly internalLoadBalancer?: boolean;
    readonly allowInsecureConnections?: boolean;
    /** HTTPS from a Kubernetes secret in the `azureml` namespace holding the certificate and key. */
    readonly sslSecret?: string;
    readonly sslCname?: string;
    readonly nodeSelector?: Readonly<Record<string, string>>;
}

/** What the CLI reads from the cluster resource before it builds the settings. */
export interface ClusterFacts {
    readonly id: string;
    readonly name: string;
    readonly kind: ClusterKind;
    readonly location: string;
    /** AKS: the agent pools' `count` summed; Arc: `totalNodeCount`. Unknown leaves the defaults to the service. */
    readonly nodeCount?: number;
    /** Arc: `distribution` (openshift gets its own setting). */
    readonly distribution?: string;
}

/** Why a choice is refused, and where the rule comes from. */
export interface Refusal {
    readonly setting: keyof ExtensionChoice;
    readonly message: string;
    readonly source: string;
}

const cliSource = 'Azure CLI k8s-extension, AzureMLKubernetes.py';
export const azureMlReleaseNamespace = 'azureml';
export const defaultReleaseTrain = 'stable';
/** The CLI's limit for a small cluster: under 3 nodes it is not a production cluster (Create, isSmallScale). */
export const smallClusterNodeCount = 3;

export function includesInference(purpose: ExtensionPurpose | undefined): boolean {
    return purpose === 'inference' || purpose === 'both';
}

export function includesTraining(purpose: ExtensionPurpose | undefined): boolean {
    return purpose === 'training' || purpose === 'both';
}

/** Every rule the CLI's validator applies that the choice breaks; empty when the CLI would accept it. */
export function refusals(choice: ExtensionChoice): Refusal[] {
    const found: Refusal[] = [];
    if (!choice.purpose) {
        // CLI __validate_config: "either enable Machine Learning training or inference".
        found.push({
            setting: 'purpose',
            message:
                'The extension must enable training, inference or both (enableTraining or enableInference); with neither it has nothing to run.',
            source: `${cliSource}, __validate_config`,
        });
    }
    if (includesInference(choice.purpose)) {
        found.push(...inferenceRefusals(choice));
    }
    const selector = nodeSelectorProblem(choice.nodeSelector ?? {});
    if (selector) {
        found.push({ setting: 'nodeSelector', message: selector, source: 'Kubernetes labels and selectors' });
    }
    return found;
}

function inferenceRefusals(choice: ExtensionChoice): Refusal[] {
    const found: Refusal[] = [];
    const source = `${cliSource}, __validate_scoring_fe_settings`;
    if (!choice.routerServiceType) {
        found.push({
            setting: 'routerServiceType',
            message:
                'Inference needs the inference router service type (inferenceRouterServiceType): LoadBalancer, NodePort or ClusterIP.',
            source,
        });
    }
    if (choice.routerServiceType === 'NodePort' && choice.internalLoadBalancer) {
        found.push({
            setting: 'internalLoadBalancer',
            message:
                'A NodePort router is reached on the nodes themselves, so it takes no internal load balancer: choose LoadBalancer (or ClusterIP) for an internal load balancer, or no internal load balancer for NodePort.',
            source,
        });
    }
    const sslEnabled = !!choice.sslSecret?.trim();
    if (!sslEnabled && !choice.allowInsecureConnections) {
        found.push({
            setting: 'allowInsecureConnections',
            message:
                'Inference endpoints are HTTPS unless insecure connections are allowed: give the Kubernetes secret that holds the certificate and key (sslSecret, with sslCname), or allow HTTP (allowInsecureConnections=True).',
            source,
        });
    }
    if (sslEnabled && !choice.sslCname?.trim()) {
        found.push({
            setting: 'sslCname',
            message: 'HTTPS needs the name the certificate was issued for (sslCname), the endpoints’ host name.',
            source,
        });
    }
    return found;
}

/** Cautions the CLI prints without refusing. */
export function cautions(choice: ExtensionChoice, kind: ClusterKind): string[] {
    const found: string[] = [];
    if (includesInference(choice.purpose) && choice.internalLoadBalancer && kind === 'arc') {
        // CLI __validate_scoring_fe_settings: "Internal load balancer only supported on AKS and AKS Engine Clusters."
        found.push('An internal load balancer is only supported on AKS and AKS Engine clusters.');
    }
    if (includesInference(choice.purpose) && choice.allowInsecureConnections && !choice.sslSecret) {
        // CLI __set_up_inference_ssl: "SSL is not enabled. Allowing insecure connections to the deployed services."
        found.push('Endpoints on this cluster will be served over plain HTTP.');
    }
    return found;
}

/**
 * Kubernetes label rules for a node selector: keys are an optional DNS subdomain prefix and a name of at most 63
 * characters; values at most 63 characters (kubernetes.io/docs/concepts/overview/working-with-objects/labels).
 */
export function nodeSelectorProblem(selector: Readonly<Record<string, string>>): string | undefined {
    const name = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
    const prefix = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
    for (const [key, value] of Object.entries(selector)) {
        const parts = key.split('/');
        const labelName = parts[parts.length - 1] ?? '';
        const labelPrefix = parts.length === 2 ? parts[0] : undefined;
        if (
            parts.length > 2 ||
            !name.test(labelName) ||
            (labelPrefix !== undefined && (!prefix.test(labelPrefix) || labelPrefix.length > 253))
        ) {
            return `"${key}" is not a Kubernetes label key: an optional DNS prefix and "/", then at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit.`;
        }
        if (value !== '' && !name.test(value)) {
            return `"${value}" (for ${key}) is not a Kubernetes label value: at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit.`;
        }
    }
    return undefined;
}

/** Parses `key=value` pairs separated by commas or spaces; undefined names the first piece that is not a pair. */
export function parseNodeSelector(text: string): { selector: Record<string, string> } | { problem: string } {
    const selector: Record<string, string> = {};
    for (const piece of text.split(/[\s,]+/).filter(Boolean)) {
        const at = piece.indexOf('=');
        if (at <= 0) {
            return { problem: `"${piece}" is not key=value.` };
        }
        selector[piece.slice(0, at)] = piece.slice(at + 1);
    }
    const problem = nodeSelectorProblem(selector);
    return problem ? { problem } : { selector };
}

const truth = (value: boolean): string => (value ? 'True' : 'False');

/**
 * The configuration settings the CLI sends for this choice on this cluster (not the protected ones): the user's
 * settings, then what Create fills in when unset (cluster name and location, service bus off, relay on for Arc only,
 * nginx ingress on AKS only, DevTest and no router HA for a cluster under 3 nodes, openshift).
 */
export function configurationSettings(choice: ExtensionChoice, cluster: ClusterFacts): Record<string, string> {
    const settings: Record<string, string> = {
        enableTraining: truth(includesTraining(choice.purpose)),
        enableInference: truth(includesInference(choice.purpose)),
    };
    if (includesInference(choice.purpose)) {
        Object.assign(settings, inferenceSettings(choice));
    }
    for (const [key, value] of Object.entries(choice.nodeSelector ?? {})) {
        settings[`nodeSelector.${key}`] = value;
    }
    if (cluster.nodeCount !== undefined && cluster.nodeCount < smallClusterNodeCount) {
        settings.clusterPurpose = 'DevTest';
        settings.inferenceRouterHA = 'false';
    }
    if (cluster.distribution?.toLowerCase() === 'openshift') {
        settings.openshift = 'true';
    }
    const location = cluster.location.toLowerCase();
    Object.assign(settings, {
        cluster_name: cluster.id,
        // The CLI's _dereference copies cluster_name to these two.
        clusterId: cluster.id,
        'prometheus.prometheusSpec.externalLabels.cluster_name': cluster.id,
        domain: `${location}.cloudapp.azure.com`,
        location,
        jobSchedulerLocation: location,
        cluster_name_friendly: cluster.name,
        'servicebus.enabled': 'false',
        'relayserver.enabled': cluster.kind === 'arc' ? 'true' : 'false',
        'nginxIngress.enabled': cluster.kind === 'arc' ? 'false' : 'true',
    });
    return settings;
}

function inferenceSettings(choice: ExtensionChoice): Record<string, string> {
    const settings: Record<string, string> = {
        allowInsecureConnections: truth(!!choice.allowInsecureConnections),
    };
    if (choice.routerServiceType) {
        settings.inferenceRouterServiceType = choice.routerServiceType;
    }
    if (choice.internalLoadBalancer) {
        settings.internalLoadBalancerProvider = 'azure';
    }
    if (choice.routerServiceType === 'NodePort') {
        settings['scoringFe.serviceType.nodePort'] = 'True';
    } else if (choice.internalLoadBalancer) {
        settings['scoringFe.serviceType.internalLoadBalancer'] = 'True';
    }
    if (choice.sslSecret?.trim()) {
        settings.sslSecret = choice.sslSecret.trim();
        settings['scoringFe.sslSecret'] = choice.sslSecret.trim();
    }
    if (choice.sslCname?.trim()) {
        settings.sslCname = choice.sslCname.trim();
    }
    return settings;
}

/** The settings a user set, read back from an installed extension (for Update Settings, prefilled). */
export function choiceFromSettings(settings: Readonly<Record<string, string>>): ExtensionChoice {
    const isTrue = (key: string) => settings[key]?.toLowerCase() === 'true';
    const training = isTrue('enableTraining');
    const inference = isTrue('enableInference');
    const router = routerServiceTypes.find(
        (t) => t.toLowerCase() === settings.inferenceRouterServiceType?.toLowerCase(),
    );
    const nodeSelector = Object.fromEntries(
        Object.entries(settings)
            .filter(([key]) => key.startsWith('nodeSelector.'))
            .map(([key, value]) => [key.slice('nodeSelector.'.length), value]),
    );
    return {
        purpose: training && inference ? 'both' : inference ? 'inference' : training ? 'training' : undefined,
        routerServiceType: router,
        internalLoadBalancer: settings.internalLoadBalancerProvider?.toLowerCase() === 'azure',
        allowInsecureConnections: isTrue('allowInsecureConnections'),
        sslSecret: settings.sslSecret || undefined,
        sslCname: settings.sslCname || undefined,
        nodeSelector,
    };
}

/** The `--config` pairs of the equivalent `az k8s-extension create`: the user's choices; the CLI fills in the rest. */
export function cliConfig(choice: ExtensionChoice): Record<string, string> {
    const config: Record<string, string> = {};
    if (includesTraining(choice.purpose)) {
        config.enableTraining = 'True';
    }
    if (includesInference(choice.purpose)) {
        config.enableInference = 'True';
        if (choice.routerServiceType) {
            config.inferenceRouterServiceType = choice.routerServiceType;
        }
        if (choice.internalLoadBalancer) {
            config.internalLoadBalancerProvider = 'azure';
        }
        if (choice.allowInsecureConnections) {
            config.allowInsecureConnections = 'True';
        }
        if (choice.sslSecret) {
            config.sslSecret = choice.sslSecret;
        }
        if (choice.sslCname) {
            config.sslCname = choice.sslCname;
        }
    }
    for (const [key, value] of Object.entries(choice.nodeSelector ?? {})) {
        config[`nodeSelector.${key}`] = value;
    }
    return config;
}
