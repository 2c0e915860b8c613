/**
 * The journey the issue asks for, at the API level: a bare AKS cluster cannot be attached; once the AzureML extension
 * is installed and Succeeded it can; after uninstalling it, attaching fails again; attaching while it is still
 * Creating fails as not ready.
 */

import * as assert from 'assert';
import type { ComputeResource } from '@azure/arm-machinelearning';
import type { RunningEmulator } from '../emulator';
import { clients, ids, startTestEmulator } from './helpers';

const cluster = ['rg-aks-dev', 'Microsoft.ContainerService', 'managedClusters', 'aks-cpu-noext', 'azureml'] as const;
const poll = { updateIntervalInMs: 20 };

function attachBody(): ComputeResource {
    return {
        location: 'eastus',
        identity: { type: 'SystemAssigned' },
        properties: {
            computeType: 'Kubernetes',
            computeLocation: 'eastus',
            resourceId: ids.aksCpuNoExt,
            properties: { namespace: 'default' },
        },
    } as ComputeResource;
}

function errorCode(c: ComputeResource): string | undefined {
    return (c.properties as { provisioningErrors?: { error?: { code?: string } }[] }).provisioningErrors?.[0]?.error
        ?.code;
}

describe('install the AzureML extension, then attach the cluster', () => {
    let em: RunningEmulator;
    before(async () => {
        em = await startTestEmulator({ provisioningDelayMs: 150, retryAfterSeconds: 0 });
        em.admin.setFaults({});
    });
    after(async () => em.stop());
    afterEach(() => em.admin.reset());

    async function attach(name: string): Promise<ComputeResource> {
        const ml = clients(em).ml.computeOperations;
        const poller = await ml.beginCreateOrUpdate('rg-ml-dev', 'ws-vision', name, attachBody(), poll);
        await poller.pollUntilDone().catch(() => undefined);
        return ml.get('rg-ml-dev', 'ws-vision', name);
    }

    it('goes from a bare cluster to a Succeeded compute, and back', async () => {
        assert.strictEqual(errorCode(await attach('bare')), 'AzureMLExtensionNotInstalled');
        const ext = clients(em).extensions.extensions;
        em.admin.setOptions({ provisioningDelayMs: 600 });
        const installing = await ext.beginCreate(
            ...cluster,
            {
                extensionType: 'Microsoft.AzureML.Kubernetes',
                scope: { cluster: { releaseNamespace: 'azureml' } },
                configurationSettings: { enableTraining: 'True' },
            },
            poll,
        );
        em.admin.setOptions({ provisioningDelayMs: 100 });
        assert.strictEqual(errorCode(await attach('early')), 'AzureMLExtensionNotReady', 'judged while Creating');
        assert.strictEqual((await installing.pollUntilDone()).provisioningState, 'Succeeded');
        const attached = await attach('k8s-cpu');
        assert.strictEqual((attached.properties as { provisioningState?: string }).provisioningState, 'Succeeded');

        await ext.beginDeleteAndWait(...cluster, poll);
        assert.strictEqual(errorCode(await attach('after')), 'AzureMLExtensionNotInstalled');
    });

    it('an attach that completes after the install judges the extension as it then was (Succeeded)', async () => {
        await clients(em).extensions.extensions.beginCreate(
            ...cluster,
            { extensionType: 'Microsoft.AzureML.Kubernetes', configurationSettings: { enableTraining: 'True' } },
            poll,
        );
        const ml = clients(em).ml.computeOperations;
        await ml.beginCreateOrUpdate('rg-ml-dev', 'ws-vision', 'right-after', attachBody(), poll);
        await new Promise((r) => setTimeout(r, 400));
        const attached = await ml.get('rg-ml-dev', 'ws-vision', 'right-after');
        assert.strictEqual((attached.properties as { provisioningState?: string }).provisioningState, 'Succeeded');
    });
});
