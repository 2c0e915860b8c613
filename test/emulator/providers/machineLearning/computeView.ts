/**
 * A Kubernetes compute as reads show it: `properties.properties.defaultInstanceType` and `instanceTypes` follow the
 * attached cluster's InstanceType resources when the compute is read, plus the built-in default unless one overrides
 * it (instanceTypes.ts). The doc says the default "does appear in all clients (UI, Azure CLI, SDK)" and that a
 * resource named `defaultinstancetype` "is automatically recognized as the default" (MicrosoftDocs azure-ai-docs,
 * articles/machine-learning/how-to-manage-kubernetes-instance-types.md); it names no re-attach.
 */

import { computeInstanceTypes } from '../../instanceTypes';
import type { Emulator } from '../../emulator';
import type { ArmResource, Json } from '../../model';

export function withClusterInstanceTypes(em: Emulator, compute: ArmResource): ArmResource {
    const props = (compute.properties ?? {}) as Json;
    const clusterId = typeof props.resourceId === 'string' ? props.resourceId : '';
    if (props.computeType !== 'Kubernetes' || !clusterId || !em.state.get(clusterId)) {
        return compute;
    }
    const inner = (props.properties ?? {}) as Json;
    return {
        ...compute,
        properties: { ...props, properties: { ...inner, ...computeInstanceTypes(em, clusterId) } },
    };
}
