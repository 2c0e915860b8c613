/** Names and ids of the emulator's sample world (test/emulator/defaultWorld.ts) that scenarios use. */
import { defaultWorld } from '../../emulator/defaultWorld';
import type { Workbench } from './workbench';

export { defaultWorld };
export const DEV = defaultWorld.subscriptions.dev.id;
export const WS_VISION = defaultWorld.workspaces.vision.id;
export const AKS_GPU_DEV = defaultWorld.clusters.aksGpuDev.id;

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
            tenantId: defaultWorld.tenant.tenantId,
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
