/**
 * The YAML of one InstanceType for `kubectl apply -f`, in the doc's shape (how-to-manage-kubernetes-instance-types,
 * "Create a custom instance type"). A fixed shape, so a small emitter: every string double-quoted (JSON escapes are
 * YAML escapes), non-ASCII as `\u` escapes; the GPU count a plain integer as the doc writes it.
 */
import { parseWholeCount } from './quantity';
import { gpuResource, instanceTypeApiVersion, type InstanceType, type InstanceTypeResources } from './instanceTypes';

const quoted = (text: string): string =>
    JSON.stringify(text).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

function resourceLines(resources: InstanceTypeResources, indent: string, withGpu: boolean): string[] {
    const lines: string[] = [];
    if (resources.cpu !== undefined) {
        lines.push(`${indent}cpu: ${quoted(resources.cpu)}`);
    }
    if (resources.memory !== undefined) {
        lines.push(`${indent}memory: ${quoted(resources.memory)}`);
    }
    if (withGpu && resources.gpu !== undefined && resources.gpu !== '') {
        const count = parseWholeCount(resources.gpu);
        lines.push(`${indent}${gpuResource}: ${'value' in count ? String(count.value) : quoted(resources.gpu)}`);
    }
    return lines;
}

/** `kubectl apply` input for the type (requests GPU left out: the CRD takes it under limits only). */
export function instanceTypeYaml(type: Pick<InstanceType, 'name' | 'nodeSelector' | 'requests' | 'limits'>): string {
    const selector = Object.entries(type.nodeSelector);
    const lines = [
        `apiVersion: ${instanceTypeApiVersion}`,
        'kind: InstanceType',
        'metadata:',
        `  name: ${quoted(type.name)}`,
        'spec:',
        ...(selector.length
            ? ['  nodeSelector:', ...selector.map(([key, value]) => `    ${quoted(key)}: ${quoted(value)}`)]
            : []),
        '  resources:',
        '    requests:',
        ...resourceLines(type.requests, '      ', false),
        '    limits:',
        ...resourceLines(type.limits, '      ', true),
    ];
    return `${lines.join('\n')}\n`;
}
