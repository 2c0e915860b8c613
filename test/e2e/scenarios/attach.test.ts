import * as assert from 'assert';
import { quickPickRows } from '../pages/quickPickRows';
import { findItem } from '../pages/tree';
import type { Workbench } from '../pages/workbench';
import { useEditor } from '../session';
import { DEV, WS_VISION, AKS_GPU_DEV, defaultWorld, openWorkspaces } from '../pages/fixture';
import { ATTACH } from '../pages/attachWizard';

async function waitForRow(
    wb: Workbench,
    view: string,
    path: string[],
    description: RegExp,
    icon?: string,
): Promise<void> {
    let last: unknown;
    await wb
        .waitUntil(
            async () => {
                const row = findItem(await wb.treeItems(view), path);
                last = row;
                return !!row && description.test(row.description) && (icon === undefined || row.icon === icon);
            },
            `${path.join(' > ')} to read ${description}`,
        )
        .catch((error: Error) => {
            throw new Error(`${error.message}; last seen ${JSON.stringify(last)}`);
        });
}

describe('attach a cluster from the command palette', () => {
    const session = useEditor({ settings: { 'azuremlK8s.statusPollingIntervalSeconds': 1 } });
    let wb: Workbench;

    before(async () => {
        wb = session.workbench;
        await openWorkspaces(wb, ['ML Platform Dev', 'ws-vision']);
    });

    it('rejects invalid names and namespaces with the rule, and a name that is taken', async () => {
        await wb.runCommand(ATTACH);
        await wb.pickItem('ws-vision', /Select the Azure Machine Learning workspace/);
        await wb.pickItem('aks-gpu-dev', /Select the AKS or Azure Arc-enabled Kubernetes cluster/);
        await wb.typeInInput('1-bad_name', { submit: false, placeholderOrTitle: /Name of the new compute target/ });
        assert.match(
            (await wb.inputValidationMessage()) ?? '',
            /3 to 16 characters: letters, digits and hyphens, starting with a letter/,
        );
        // The live check asks the service once typing pauses, without Enter.
        await wb.typeInInput('k8s-gpu', { submit: false });
        await wb.waitUntil(
            async () => /already exists in ws-vision/.test((await wb.inputValidationMessage()) ?? ''),
            'the taken-name message while typing',
        );
        await wb.screenshot('name-taken');
        await wb.typeInInput('gpu-e2e');
        await wb.typeInInput('Team_A', { submit: false, placeholderOrTitle: /Kubernetes namespace/ });
        assert.match(
            (await wb.inputValidationMessage()) ?? '',
            /not a valid Kubernetes namespace: use at most 63 lowercase letters/,
        );
        await wb.screenshot('namespace-invalid');
        await wb.dismissQuickInput();
        const puts = session.emulator.admin.requests().filter((r) => r.method === 'PUT');
        assert.deepStrictEqual(puts, [], 'nothing was sent');
    });

    it('attaches aks-gpu-dev with a system-assigned identity and follows it from Creating to Succeeded', async () => {
        await wb.runCommand(ATTACH);
        await wb.waitForQuickInput(/Select the Azure Machine Learning workspace/);
        // A subscription the account may not read is not silently missing from the pick: the last item names it.
        await wb.waitUntil(async () => {
            const rows = await quickPickRows(wb);
            const last = rows[rows.length - 1];
            return last?.label === 'Finance Sandbox' && /^Access denied/.test(last.description ?? '');
        }, 'the unreadable subscription named at the end of the pick');
        await wb.screenshot('workspace-pick');
        await wb.pickItem('ws-vision', /Select the Azure Machine Learning workspace/);
        // A cluster the workspace already attaches says so (ws-vision has k8s-gpu on aks-gpu-dev).
        const clusters = await quickPickRows(wb, /Select the AKS or Azure Arc-enabled Kubernetes cluster/);
        assert.match(
            clusters.find((c) => c.label === 'aks-gpu-dev')?.detail ?? '',
            /already attached to ws-vision as k8s-gpu/,
        );
        await wb.pickItem('aks-gpu-dev', /Select the AKS or Azure Arc-enabled Kubernetes cluster/);
        await wb.typeInInput('gpu-e2e', { placeholderOrTitle: /Name of the new compute target/ });
        await wb.typeInInput('vision-e2e', { placeholderOrTitle: /Kubernetes namespace/ });
        await wb.pickItem('Check that "vision-e2e" exists in aks-gpu-dev', /Make sure namespace "vision-e2e" exists/);
        // The result stays as a heading above the actions, and the fix is the focused item: Enter creates it.
        await wb.waitUntil(
            async () =>
                (await wb.quickPickSeparators()).some((t) =>
                    /Namespace "vision-e2e" does not exist in aks-gpu-dev: create it now/.test(t),
                ),
            'the check result shown above the actions',
        );
        assert.strictEqual(await wb.focusedQuickPickItem(), 'Create "vision-e2e" in aks-gpu-dev now');
        await wb.screenshot('namespace-missing');
        await wb.page.keyboard.press('Enter');
        // Once the namespace is ready there is nothing left to do there: the wizard moves on.
        await wb.pickItem('System-assigned', /Managed identity for the compute/);
        const namespaces = (session.emulator.admin.state().namespaces as Record<string, string[]>)[
            AKS_GPU_DEV.toLowerCase()
        ];
        assert.ok(namespaces?.includes('vision-e2e'), `created: ${JSON.stringify(namespaces)}`);
        await wb.pickItem('All checks passed: continue', /Checks before attaching aks-gpu-dev/);
        await wb.screenshot('confirm');
        await wb.pickItem('Attach', /Attach aks-gpu-dev to ws-vision\?/);

        await wb.waitUntil(
            async () =>
                findItem(await wb.treeItems('Workspaces'), [
                    'ML Platform Dev',
                    'ws-vision',
                    'gpu-e2e',
                ])?.description.startsWith('Creating') ?? false,
            'gpu-e2e to show as Creating',
        );
        await wb.screenshot('creating');
        const end = await wb.waitForNotification(/Attached aks-gpu-dev to ws-vision as gpu-e2e: Succeeded\./);
        assert.deepStrictEqual(end.buttons, ['Show Details']);
        await waitForRow(
            wb,
            'Workspaces',
            ['ML Platform Dev', 'ws-vision', 'gpu-e2e'],
            /^Succeeded · vision-e2e · aks-gpu-dev · System-assigned/,
            'pass',
        );
        await wb.waitForTreeItems(
            'Workspaces',
            (rows) => findItem(rows, ['ML Platform Dev', 'ws-vision', 'gpu-e2e'])?.selected === true,
            'the new compute selected',
        );
        await wb.screenshot('succeeded');

        const puts = session.emulator.admin
            .requests()
            .filter((r) => r.method === 'PUT' && r.path.endsWith('/computes/gpu-e2e'));
        assert.strictEqual(puts.length, 1, 'exactly one PUT');
        assert.deepStrictEqual(puts[0].requestBody, {
            location: 'eastus',
            identity: { type: 'SystemAssigned' },
            properties: {
                computeType: 'Kubernetes',
                computeLocation: 'eastus',
                resourceId: AKS_GPU_DEV,
                properties: { namespace: 'vision-e2e' },
            },
        });
        const stored = session.emulator.admin.getResource(`${WS_VISION}/computes/gpu-e2e`) as
            { properties?: { provisioningState?: string } } | undefined;
        assert.strictEqual(stored?.properties?.provisioningState, 'Succeeded');
    });
});

describe('attach from the context menus, fix prerequisites, and detach', () => {
    const session = useEditor({ settings: { 'azuremlK8s.statusPollingIntervalSeconds': 1 } });
    let wb: Workbench;
    const PROD = defaultWorld.subscriptions.prod.id;
    const ID_TRAINING = defaultWorld.identities.training.id;

    before(async () => {
        wb = session.workbench;
        await openWorkspaces(wb);
        await wb.waitForViewLoaded('Kubernetes Clusters');
    });

    it('attaches an Arc cluster in another subscription, from its context menu, with a user-assigned identity', async () => {
        await wb.expandTreeItem('Kubernetes Clusters', ['ML Platform Prod']);
        await wb.chooseContextMenu(
            'Kubernetes Clusters',
            ['ML Platform Prod', 'arc-onprem-01'],
            'Attach Kubernetes Cluster to Workspace...',
        );
        await wb.pickItem('ws-nlp', /Select the Azure Machine Learning workspace/);
        await wb.typeInInput('arc-nlp-two', { placeholderOrTitle: /Name of the new compute target in ws-nlp/ });
        await wb.typeInInput('nlp', { placeholderOrTitle: /Kubernetes namespace/ });
        const arcChoices = await wb.quickPickItems(/Make sure namespace "nlp" exists in arc-onprem-01/);
        assert.ok(
            arcChoices.includes('Copy "kubectl create namespace nlp"'),
            `Arc offers the kubectl command: ${arcChoices}`,
        );
        await wb.pickItem('Continue');
        await wb.pickItem('User-assigned', /Managed identity for the compute/);
        await wb.pickItem('id-training', /Select one user-assigned identity/);
        // ws-nlp's own identity has Reader and Azure Relay Owner there; the newer documented role is missing and,
        // as a Contributor in Prod, the signed-in principal cannot grant it.
        const checks = await quickPickRows(wb, /Checks before attaching arc-onprem-01/);
        const row = (label: string) => checks.find((c) => c.label === label);
        assert.deepStrictEqual(row('Reader on arc-onprem-01'), {
            label: 'Reader on arc-onprem-01',
            description: 'granted to workspace identity id-ws-nlp',
            detail: 'The attach needs it for a workspace with a user-assigned identity.',
            checked: undefined,
        });
        assert.ok(row('Azure Relay Owner on azmlrly-onprem01'), JSON.stringify(checks));
        assert.match(
            row('Kubernetes Extension Contributor on arc-onprem-01')?.detail ?? '',
            /"extension not installed"\. Ask an admin for it\.$/,
        );
        assert.ok(!row('Assign missing roles...'), 'no assigning offered without the right to assign');
        assert.strictEqual(await wb.focusedQuickPickItem(), 'Copy the az commands for an administrator');
        await wb.screenshot('preflight-arc');
        await wb.pickItem('Continue anyway');
        await wb.pickItem('Attach', /Attach arc-onprem-01 to ws-nlp\?/);
        await wb.waitForNotification(/Attached arc-onprem-01 to ws-nlp as arc-nlp-two: Succeeded\./);
        await wb.expandTreeItem('Kubernetes Clusters', ['ML Platform Prod', 'arc-onprem-01']);
        await waitForRow(
            wb,
            'Kubernetes Clusters',
            ['ML Platform Prod', 'arc-onprem-01', 'ws-nlp/arc-nlp-two'],
            /^Succeeded · nlp · User-assigned/,
            'pass',
        );
        await wb.screenshot('arc-attached');
        const put = session.emulator.admin
            .requests()
            .filter((r) => r.method === 'PUT' && r.path.endsWith('/computes/arc-nlp-two'));
        assert.strictEqual(put.length, 1);
        assert.deepStrictEqual((put[0].requestBody as { identity: unknown }).identity, {
            type: 'UserAssigned',
            userAssignedIdentities: { [ID_TRAINING]: {} },
        });
        assert.ok(
            put[0].path.includes(PROD) === false && put[0].path.startsWith(`/subscriptions/${DEV}/`),
            'the compute lives in the workspace subscription',
        );
    });

    it('continues despite a missing AzureML extension and ends Failed, with the error shown', async () => {
        await wb.expandTreeItem('Workspaces', ['ML Platform Dev']);
        await wb.chooseContextMenu(
            'Workspaces',
            ['ML Platform Dev', 'ws-vision'],
            'Attach Kubernetes Cluster to Workspace...',
        );
        await wb.pickItem('aks-cpu-noext', /Select the AKS or Azure Arc-enabled Kubernetes cluster/);
        await wb.typeInInput('cpu-noext', { placeholderOrTitle: /Name of the new compute target in ws-vision/ });
        await wb.typeInInput('default', { placeholderOrTitle: /Kubernetes namespace/ });
        await wb.pickItem('System-assigned', /Managed identity for the compute/);
        const checks = await wb.quickPickItems(/Checks before attaching aks-cpu-noext/);
        assert.ok(checks.includes('AzureML extension on aks-cpu-noext'), checks.join(' | '));
        await wb.pickItem('Continue anyway');
        await wb.pickItem('Attach', /Attach aks-cpu-noext to ws-vision\?/);
        const toast = await wb.waitForNotification(/Attaching aks-cpu-noext to ws-vision as cpu-noext: Failed\./);
        assert.match(toast.message, /extension/i);
        assert.ok(toast.buttons.includes('Show Details'), JSON.stringify(toast));
        await wb.expandTreeItem('Workspaces', ['ML Platform Dev', 'ws-vision']);
        await waitForRow(
            wb,
            'Workspaces',
            ['ML Platform Dev', 'ws-vision', 'cpu-noext'],
            /^Failed · default · aks-cpu-noext · System-assigned · .*extension/i,
            'error',
        );
        await wb.screenshot('attach-failed');
    });

    it('detaches a compute after a confirmation that says the cluster stays', async () => {
        await wb.clearNotifications();
        await wb.chooseContextMenu('Workspaces', ['ML Platform Dev', 'ws-vision', 'cpu-noext'], 'Detach...');
        const dialog = await wb.waitForDialog(/Detach compute "cpu-noext" from workspace "ws-vision"\?/);
        assert.match(dialog, /cluster "aks-cpu-noext", its AzureML extension and its workloads are not deleted/);
        await wb.screenshot('detach-confirm');
        await wb.clickDialogButton('Detach');
        const end = await wb.waitForNotification(
            /Detached cpu-noext from ws-vision: Succeeded\. The cluster and its workloads were not touched\./,
        );
        assert.deepStrictEqual(end.buttons, [], 'nothing left to show details of');
        await wb.waitUntil(
            async () => !findItem(await wb.treeItems('Workspaces'), ['ML Platform Dev', 'ws-vision', 'cpu-noext']),
            'cpu-noext to leave the tree',
        );
        await wb.waitForTreeItems(
            'Workspaces',
            (rows) => findItem(rows, ['ML Platform Dev', 'ws-vision'])?.selected === true,
            'its workspace selected',
        );
        const del = session.emulator.admin
            .requests()
            .find((r) => r.method === 'DELETE' && r.path.endsWith('/computes/cpu-noext'));
        assert.match(JSON.stringify(del?.query), /Detach/);
        assert.strictEqual(session.emulator.admin.getResource(`${WS_VISION}/computes/cpu-noext`), undefined);
    });
});
