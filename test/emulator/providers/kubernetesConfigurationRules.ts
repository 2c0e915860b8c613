/**
 * How the cluster extensions service judges an AzureML extension (`Microsoft.AzureML.Kubernetes`), in two steps as the
 * real one does:
 * - at the PUT/PATCH (400, nothing written): the body itself: extensionType, cluster scope only, release train, a
 *   version only with auto-upgrade off, one AzureML extension per cluster;
 * - when it provisions (Failed, `ExtensionOperationFailed`): the chart's pre-install health check refuses the settings
 *   and the cluster's size. The service accepts any settings (it does not know the chart); the health check then
 *   fails the helm release: "failed pre-install: pod healthcheck failed" (hashicorp/terraform-provider-azurerm#24547,
 *   Azure/azure-cli-extensions#5477, Azure/azure-sdk-for-python#33480 show that shape and the check's report).
 * The settings rules are those the CLI's validator applies (Azure/azure-cli-extensions
 * src/k8s-extension/azext_k8s_extension/partner_extensions/AzureMLKubernetes.py, __validate_config and
 * __validate_scoring_fe_settings); the size rule is the documented minimum, 4 vCPU and 14 GB of memory
 * (MicrosoftDocs azure-ai-docs, articles/machine-learning/how-to-deploy-kubernetes-extension.md, prerequisites).
 */

import type { ArmResource, Json } from '../model';
import { vmSize } from '../vmSizes';

export const azureMlExtensionType = 'Microsoft.AzureML.Kubernetes';
export const releaseTrains = ['stable', 'preview'];
/**
 * The versions each release train offers, newest first: the AzureML extension's release notes
 * (MicrosoftDocs/azure-ai-docs articles/machine-learning/reference-kubernetes.md, "AzuremML extension release note").
 * The notes name no preview-only version, so the preview train offers the same ones.
 */
const documentedVersions = [
    '1.1.39',
    '1.1.37',
    '1.1.35',
    '1.1.34',
    '1.1.29',
    '1.1.28',
    '1.1.26',
    '1.1.25',
    '1.1.23',
    '1.1.21',
    '1.1.19',
    '1.1.17',
    '1.1.16',
    '1.1.10',
    '1.1.9',
    '1.1.6',
    '1.1.5',
];
export const azureMlVersions: Record<string, string[]> = {
    stable: documentedVersions,
    preview: documentedVersions,
};
const tsg =
    'For general troubleshooting visit: https://aka.ms/k8s-extensions-TSG, For more application specific troubleshooting visit: Troubleshooting: https://aka.ms/arcmltsg.';

export interface ExtensionFailure {
    code: string;
    message: string;
}

export function isAzureMl(extension: ArmResource | Json): boolean {
    const props = (extension.properties ?? {}) as Json;
    return String(props.extensionType ?? '').toLowerCase() === azureMlExtensionType.toLowerCase();
}

function truthy(value: unknown): boolean {
    return String(value ?? '').toLowerCase() === 'true';
}

/** A setting from the settings or, failing that, the protected settings (the CLI's _get_value_from_config_protected_config). */
function setting(props: Json, key: string): unknown {
    const settings = (props.configurationSettings ?? {}) as Json;
    const secret = (props.configurationProtectedSettings ?? {}) as Json;
    return key in settings ? settings[key] : secret[key];
}

/** Why the PUT body is refused outright (400), or undefined. `others` are the cluster's other extensions. */
export function refusedBody(props: Json, others: ArmResource[]): string | undefined {
    if (typeof props.extensionType !== 'string' || !props.extensionType.trim()) {
        return "The value of parameter 'properties.extensionType' is invalid: an extension type is required.";
    }
    if (!isAzureMl({ properties: props })) {
        return undefined;
    }
    const scope = (props.scope ?? {}) as Json;
    if (scope.namespace) {
        return `Invalid scope 'namespace': the extension type '${azureMlExtensionType}' can be installed only at 'cluster' scope.`;
    }
    const clash = others.find(isAzureMl);
    if (clash) {
        return `An extension of type '${azureMlExtensionType}' is already installed on this cluster: '${clash.name}'. A cluster-scoped extension type can be installed only once per cluster.`;
    }
    return refusedVersion(props);
}

/** Release train and version rules, for PUT and for the merged result of a PATCH. */
export function refusedVersion(props: Json): string | undefined {
    const train = String(props.releaseTrain ?? 'stable').toLowerCase();
    if (!releaseTrains.includes(train)) {
        return `The release train '${String(props.releaseTrain)}' is not valid for extension type '${azureMlExtensionType}': use one of ${releaseTrains.join(', ')}.`;
    }
    const version = props.version;
    if (version === undefined || version === null || version === '') {
        return undefined;
    }
    if (props.autoUpgradeMinorVersion !== false) {
        return `The version '${String(version)}' can be set only when autoUpgradeMinorVersion is false.`;
    }
    if (!azureMlVersions[train].includes(String(version))) {
        return `The version '${String(version)}' was not found in release train '${train}' of extension type '${azureMlExtensionType}'. Available: ${azureMlVersions[train].join(', ')}.`;
    }
    return undefined;
}

/** The version the service installs: the one asked for, else the train's newest. */
export function versionToInstall(props: Json): string {
    const train = String(props.releaseTrain ?? 'stable').toLowerCase();
    return props.version ? String(props.version) : (azureMlVersions[train] ?? azureMlVersions.stable)[0];
}

/** What the chart's health check says of the settings; undefined when they pass. */
export function settingsProblem(props: Json): string | undefined {
    const training = truthy(setting(props, 'enableTraining'));
    const inference = truthy(setting(props, 'enableInference'));
    if (!training && !inference) {
        return 'neither training nor inference is enabled: set enableTraining=true or enableInference=true';
    }
    if (!inference) {
        return undefined;
    }
    const serviceType = String(setting(props, 'inferenceRouterServiceType') ?? '').toLowerCase();
    if (!['loadbalancer', 'nodeport', 'clusterip'].includes(serviceType)) {
        return 'inferenceRouterServiceType must be LoadBalancer, NodePort or ClusterIP when inference is enabled';
    }
    const secret = (props.configurationProtectedSettings ?? {}) as Json;
    const ssl =
        (secret.sslCertPemFile && secret.sslKeyPemFile) ||
        (secret['scoringFe.sslCert'] && secret['scoringFe.sslKey']) ||
        setting(props, 'sslSecret') ||
        setting(props, 'scoringFe.sslSecret');
    if (!ssl && !truthy(setting(props, 'allowInsecureConnections'))) {
        return 'inference needs an SSL certificate and key (or sslSecret), or allowInsecureConnections=true for HTTP';
    }
    if (
        serviceType === 'nodeport' &&
        String(setting(props, 'internalLoadBalancerProvider') ?? '').toLowerCase() === 'azure'
    ) {
        return 'internalLoadBalancerProvider=azure cannot be combined with inferenceRouterServiceType=NodePort';
    }
    return undefined;
}

/** The cluster's total vCPU and memory (memory unknown for Arc, which reports cores only). */
export function clusterCapacity(cluster: ArmResource): { vcpu: number; memoryGb?: number } {
    const props = (cluster.properties ?? {}) as Json;
    if (Array.isArray(props.agentPoolProfiles)) {
        let vcpu = 0;
        let memoryGb = 0;
        for (const pool of props.agentPoolProfiles as Json[]) {
            const size = vmSize(String(pool.vmSize ?? ''));
            vcpu += size.vcpu * Number(pool.count ?? 0);
            memoryGb += size.memoryGiB * Number(pool.count ?? 0);
        }
        return { vcpu, memoryGb };
    }
    return { vcpu: Number(props.totalCoreCount ?? 0) };
}

function sizeProblem(cluster: ArmResource): string | undefined {
    const { vcpu, memoryGb } = clusterCapacity(cluster);
    if (vcpu < 4 || (memoryGb !== undefined && memoryGb < 14)) {
        return `the cluster has ${vcpu} vCPU${memoryGb !== undefined ? ` and ${memoryGb} GB of memory` : ''} in total; the AzureML extension needs at least 4 vCPU and 14 GB`;
    }
    return undefined;
}

/** The health check's failing item, named as in its report (`Status: Failed Name: ...`). */
export function healthCheckFailure(props: Json, cluster: ArmResource): { item: string; detail: string } | undefined {
    const settings = settingsProblem(props);
    if (settings) {
        return { item: 'helmchart', detail: settings };
    }
    const size = sizeProblem(cluster);
    return size ? { item: 'clusterresource', detail: size } : undefined;
}

/** The provisioning error the service reports for a failed health check, in the helm shape users see. */
export function provisioningFailure(
    extensionName: string,
    operation: 'Create' | 'Update',
    failure: { item: string; detail: string },
): ExtensionFailure {
    const outcome =
        operation === 'Create'
            ? `release ${extensionName} failed, and has been uninstalled due to atomic being set: failed pre-install: pod healthcheck failed`
            : `release ${extensionName} failed, and has been rolled back due to atomic being set: pre-upgrade hooks failed: pod healthcheck failed`;
    return {
        code: 'ExtensionOperationFailed',
        message: `The extension operation failed with the following error:  Error: [ InnerError: [Helm installation failed : Unable to create/update Kubernetes resources for the extension : Recommendation Please check the health check report: kubectl describe configmap -n azureml arcml-healthcheck (Status: Failed Name: ${failure.item}: ${failure.detail}) : InnerError [${outcome}]]] occurred while doing the operation : [${operation}] on the config, ${tsg}`,
    };
}

/** The error of a release whose pods never became ready (the helm wait timed out), as the fixture's arc-edge-lab shows. */
export function podsNotReady(operation: 'Create' | 'Update', detail: string): ExtensionFailure {
    return {
        code: 'ExtensionOperationFailed',
        message: `The extension operation failed with the following error: Error: [ InnerError: [Helm installation failed : Timed out waiting for the resource to come to a ready/completed state : Recommendation Please check if there are any issues with the pods (${detail}) : InnerError [timed out waiting for the condition]]] occurred while doing the operation : [${operation}] on the config, ${tsg}`,
    };
}
