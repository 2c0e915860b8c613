/**
 * Bad input in the attach wizard, pressing Enter (which also runs the step's check against Azure): each invalid cluster
 * id and compute name is refused with its rule and nothing about it reaches the emulator; a valid id in odd case is
 * accepted. The whole table of invalid inputs is test/unit/badInput.test.ts; this proves "nothing sent" end to end.
 */
import * as assert from 'assert';
import { AKS_GPU_DEV, DEV, openWorkspaces } from '../pages/fixture';
import type { Workbench } from '../pages/workbench';
import { useEditor } from '../session';
import { ATTACH } from '../pages/attachWizard';

const ID_PLACEHOLDER = /providers\/Microsoft\.ContainerService\/managedClusters\/<name>/;

async function submitAndExpect(wb: Workbench, value: string, message: RegExp): Promise<void> {
    await wb.typeInInput(value);
    let seen: string | undefined;
    await wb
        .waitUntil(
            async () => message.test((seen = await wb.inputValidationMessage()) ?? ''),
            `${message} for ${value}`,
        )
        .catch((error: Error) => {
            throw new Error(`${error.message}; saw ${JSON.stringify(seen)}`);
        });
}

describe('bad input: nothing is sent for an invalid value, even on Enter', () => {
    const session = useEditor();
    let wb: Workbench;

    before(async () => {
        wb = session.workbench;
        await openWorkspaces(wb, ['ML Platform Dev', 'ws-vision']);
    });

    it('refuses invalid cluster ids and compute names on Enter without a request, accepts an odd-case id', async () => {
        await wb.runCommand(ATTACH);
        await wb.pickItem('ws-vision', /Select the Azure Machine Learning workspace/);
        await wb.pickItem('Enter a resource id...', /Select the AKS or Azure Arc-enabled Kubernetes cluster/);
        await wb.waitForQuickInput(ID_PLACEHOLDER);
        session.emulator.admin.clearRequests();

        const badIds: [string, RegExp][] = [
            [`${AKS_GPU_DEV}/`, /Remove the trailing "\/"/],
            [AKS_GPU_DEV.replace('/resourceGroups', '//resourceGroups'), /empty part/],
            [AKS_GPU_DEV.replace('aks-gpu-dev', '..'), /cannot start or end with "\."/],
            [AKS_GPU_DEV.replace('aks-gpu-dev', 'аks-gpu-dev'), /U\+0430 \(а\), which looks like "a"/],
            [AKS_GPU_DEV.replace(DEV, 'not-a-guid'), /is not a subscription id/],
            [`${AKS_GPU_DEV}/agentPools/nodepool1`, /managedClusters\/agentPools, not of an AKS/],
            [`https://portal.azure.com/#@contoso/resource${AKS_GPU_DEV}`, /This is a web address/],
            [AKS_GPU_DEV.replace('aks-gpu-dev', 'a'.repeat(64)), /at most 63/],
        ];
        for (const [id, message] of badIds) {
            await submitAndExpect(wb, id, message);
        }
        await wb.screenshot('bad-cluster-id');
        const clusterReads = session.emulator.admin
            .requests()
            .filter((r) => /managedClusters|connectedClusters|agentPools/i.test(r.path));
        assert.deepStrictEqual(
            clusterReads.map((r) => `${r.method} ${r.path}`),
            [],
            'no request for an invalid cluster id',
        );

        // ARM ids are case-insensitive: the upper-case id is accepted and the wizard moves on to the name.
        await wb.typeInInput(AKS_GPU_DEV.toUpperCase());
        await wb.waitForQuickInput(/Name of the new compute target/);
        session.emulator.admin.clearRequests();
        const badNames: [string, RegExp][] = [
            ['1-bad_name', /is not allowed; a compute name has 3 to 16 characters/],
            ['../../x', /is not allowed;/],
            ['gрu-pool', /U\+0440 \(р\), which looks like "p"/],
            ['gpu\u202Epool', /U\+202E, an invisible or text-direction character/],
            ['a'.repeat(40), /has 40 characters/],
        ];
        for (const [name, message] of badNames) {
            await submitAndExpect(wb, name, message);
        }
        await wb.screenshot('bad-compute-name');
        const nameReads = session.emulator.admin.requests().filter((r) => /\/computes\/[^/]+$/i.test(r.path));
        assert.deepStrictEqual(
            nameReads.map((r) => `${r.method} ${r.path}`),
            [],
            'no request for an invalid compute name',
        );
        await wb.dismissQuickInput();
        const writes = session.emulator.admin.requests().filter((r) => r.method !== 'GET' && r.method !== 'POST');
        assert.deepStrictEqual(writes, [], 'nothing was written');
    });
});
