/** Names and ids of the emulator's sample world (test/emulator/fixtures/default.json) that scenarios use. */
import type { Workbench } from './workbench';

export const DEV = '11111111-1111-4111-8111-111111111111';
export const WS_VISION = `/subscriptions/${DEV}/resourceGroups/rg-ml-dev/providers/Microsoft.MachineLearningServices/workspaces/ws-vision`;
export const AKS_GPU_DEV = `/subscriptions/${DEV}/resourceGroups/rg-aks-dev/providers/Microsoft.ContainerService/managedClusters/aks-gpu-dev`;

/** A Kubernetes compute in ws-vision attaching aks-gpu-dev, as the service returns it (for admin upserts). */
export function visionCompute(name: string, provisioningState: string): Record<string, unknown> {
    return {
        id: `${WS_VISION}/computes/${name}`,
        name,
        type: 'Microsoft.MachineLearningServices/workspaces/computes',
        location: 'eastus',
        tags: {},
        properties: {
            computeType: 'Kubernetes',
            computeLocation: 'eastus',
            resourceId: AKS_GPU_DEV,
            disableLocalAuth: true,
            provisioningState,
            provisioningErrors: null,
            isAttachedCompute: true,
            properties: { namespace: 'batch', defaultInstanceType: 'defaultinstancetype' },
        },
        identity: {
            type: 'SystemAssigned',
            principalId: 'c0e1d2f3-0009-4b00-8c00-00000000c009',
            tenantId: '8f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
        },
    };
}

/** Opens the Azure ML Kubernetes views, waits for the extension and the Workspaces tree, and expands `path` there. */
export async function openWorkspaces(wb: Workbench, path: readonly string[] = []): Promise<void> {
    await wb.openViewContainer('Azure ML Kubernetes');
    await wb.waitForExtensionsActivated();
    await wb.waitForViewLoaded('Workspaces');
    for (let i = 1; i <= path.length; i++) {
        await wb.expandTreeItem('Workspaces', path.slice(0, i));
    }
}
