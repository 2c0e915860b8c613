/**
 * The AzureML extension's health check report, the ConfigMap `arcml-healthcheck` in its release namespace that the
 * troubleshooting guide points to (`kubectl describe configmap -n azureml arcml-healthcheck`; the report's shape as
 * Azure/azure-sdk-for-python#33480 shows it). It stays after a failed install, which is when it matters.
 */

import type { Emulator } from './emulator';
import type { ArmResource, ExtensionOperation, Json } from './model';
import { isAzureMl } from './providers/kubernetesConfigurationRules';
import type { KubectlResult, ParsedArgs } from './kubectlWorkloads';

const items = ['service', 'helmchart', 'instancetype', 'clusterresource', 'info'];

function lastOperation(em: Emulator, extension: ArmResource): ExtensionOperation | undefined {
    let last: ExtensionOperation | undefined;
    for (const op of em.state.extensionOperations.values()) {
        if (op.kind !== 'delete' && op.endTime && op.extensionId.toLowerCase() === extension.id.toLowerCase()) {
            last = !last || op.endTime >= (last.endTime ?? '') ? op : last;
        }
    }
    return last;
}

function report(op: ExtensionOperation | undefined, date: string): string {
    const lines = items.map((item) =>
        op?.healthCheck?.item === item
            ? `Status: Failed Name: ${item} ErrorMessage: ${op.healthCheck.detail}`
            : `Status: Passed Name: ${item}`,
    );
    return [
        '',
        'Report:',
        `Date: ${date}`,
        'K8sDistribution:',
        'K8sInfrastructure:',
        `CorrelationId: ${op?.id ?? '00000000-0000-0000-0000-000000000000'}`,
        'TroubleShootingGuide: https://aka.ms/arcmltsg',
        '',
        ...lines,
        '',
    ].join('\n');
}

/** The cluster's `arcml-healthcheck` ConfigMap, when its AzureML extension has run the check. */
export function healthCheckConfigMap(em: Emulator, clusterId: string): Json | undefined {
    const extension = em.state
        .inCollection(`${clusterId}/providers/Microsoft.KubernetesConfiguration/extensions`)
        .find(isAzureMl);
    if (!extension || String((extension.properties ?? {}).provisioningState) === 'Creating') {
        return undefined;
    }
    const op = lastOperation(em, extension);
    const date = op?.endTime ?? String(((extension.systemData ?? {}) as Json).lastModifiedAt ?? '');
    const hook = op?.kind === 'update' ? 'reports-pre-upgrade' : 'reports-pre-install';
    return {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'arcml-healthcheck', namespace: 'azureml', creationTimestamp: date.replace(/\.\d+Z$/, 'Z') },
        data: { [hook]: report(op, date) },
    };
}

/** `get configmap[s]|cm [name] [-o json]` and `describe configmap <name>`, in `-n azureml`. */
export function runConfigMapCommand(p: ParsedArgs, read: () => Json | undefined): KubectlResult | undefined {
    const [, verb, kind, name] = p.words;
    if (!['configmap', 'configmaps', 'cm'].includes(kind ?? '') || !['get', 'describe'].includes(verb ?? '')) {
        return undefined;
    }
    const configMap = read();
    const ns = p.flags.get('-n') ?? p.flags.get('--namespace') ?? 'default';
    const found = configMap && ns === 'azureml' && (!name || name === 'arcml-healthcheck') ? configMap : undefined;
    if (name && !found) {
        return { exitCode: 1, logs: `Error from server (NotFound): configmaps "${name}" not found\n` };
    }
    const json = (p.flags.get('-o') ?? p.flags.get('--output')) === 'json';
    if (verb === 'get') {
        const list = found ? [found] : [];
        if (json) {
            const body = name
                ? found
                : { apiVersion: 'v1', items: list, kind: 'List', metadata: { resourceVersion: '' } };
            return { exitCode: 0, logs: JSON.stringify(body, null, 4) + '\n' };
        }
        return {
            exitCode: 0,
            logs: found
                ? 'NAME                DATA   AGE\narcml-healthcheck   1      1m\n'
                : `No resources found in ${ns} namespace.\n`,
        };
    }
    const data = Object.entries((found?.data ?? {}) as Record<string, string>)
        .map(([k, v]) => `${k}:\n----\n${v}\n`)
        .join('\n');
    return {
        exitCode: 0,
        logs: `Name:         arcml-healthcheck\nNamespace:    azureml\nLabels:       <none>\nAnnotations:  <none>\n\nData\n====\n${data}\nBinaryData\n====\n\nEvents:  <none>\n`,
    };
}
