/**
 * The documented limits as a person meets them in the attach wizard and the panel: an AKS cluster of another
 * subscription (marked, stopped with the Arc route, and what the service does when the user goes on anyway), an AKS
 * cluster with local accounts disabled (its Trusted Access binding created from the preflight), and a workspace behind
 * a private endpoint (the identity step's warning, and the panel's).
 */
import * as assert from 'assert';
import { defaultWorld, openWorkspaces } from '../pages/fixture';
import { waitForText } from '../pages/panel';
import { quickPickRows } from '../pages/quickPickRows';
import type { Workbench } from '../pages/workbench';
import { useEditor } from '../session';
import { ATTACH, answerAttach } from '../pages/attachWizard';

const WS_VISION = defaultWorld.workspaces.vision.id;
const DEV = defaultWorld.subscriptions.dev.id;
const AKS_LOCAL_OFF = `/subscriptions/${DEV}/resourceGroups/rg-aks-dev/providers/Microsoft.ContainerService/managedClusters/aks-local-off`;

async function clipboard(wb: Workbench): Promise<string> {
    return wb.page.evaluate(() =>
        (
            globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
        ).navigator.clipboard.readText(),
    );
}

async function startAttach(wb: Workbench, workspace: string, cluster: string, name: string): Promise<void> {
    await wb.clearNotifications();
    await answerAttach(wb, { workspace, cluster, name });
}

describe('documented limits in the attach wizard and the panel', () => {
    const session = useEditor({ settings: { 'azuremlK8s.statusPollingIntervalSeconds': 1 } });
    let wb: Workbench;

    before(async () => {
        wb = session.workbench;
        await openWorkspaces(wb);
    });

    it('marks an AKS cluster of another subscription in the cluster step, and stops with the Arc route', async () => {
        await wb.clearNotifications();
        await wb.runCommand(ATTACH);
        await wb.pickItem('ws-vision', /Select the Azure Machine Learning workspace/);
        const clusters = await quickPickRows(wb, /Select the AKS or Azure Arc-enabled Kubernetes cluster/);
        const research = clusters.find((c) => c.label === 'aks-research');
        assert.match(
            research?.detail ?? '',
            /Not supported: AKS outside ML Platform Dev; connect it to Azure Arc first/,
        );
        // An Arc cluster of another subscription stays offered as it is.
        const arc = clusters.find((c) => c.label === 'arc-onprem-01');
        assert.doesNotMatch(arc?.detail ?? '', /Not supported/);
        await wb.screenshot('limits-cluster-step');
        await wb.pickItem('aks-research');
        await wb.typeInInput('research-vision', { placeholderOrTitle: /Name of the new compute target/ });
        await wb.typeInInput('default', { placeholderOrTitle: /Kubernetes namespace/ });
        await wb.pickItem('No managed identity', /Managed identity for the compute/);
        const rows = await quickPickRows(wb, /Checks before attaching aks-research/);
        assert.deepStrictEqual(
            rows.slice(0, 2).map((r) => r.label),
            ['Copy the commands that connect aks-research to Azure Arc', 'Documented limits of aks-research'],
        );
        assert.match(
            rows[1].detail ?? '',
            /Connect it to Azure Arc in ML Platform Dev \(the workspace's\), then attach that\./,
        );
        assert.strictEqual(await wb.focusedQuickPickItem(), 'Copy the commands that connect aks-research to Azure Arc');
        await wb.screenshot('limits-preflight-arc-route');
        await wb.page.keyboard.press('Enter');
        await wb.waitForNotification(/Copied the commands that connect aks-research to Azure Arc in ML Platform Dev/);
        const copied = await clipboard(wb);
        assert.match(copied, /^az aks get-credentials .*--name aks-research/m);
        assert.match(
            copied,
            new RegExp(
                `^az connectedk8s connect --name aks-research --resource-group rg-ml-dev --subscription ${DEV}`,
                'm',
            ),
        );
        assert.match(copied, /^az k8s-extension create .*--cluster-type connectedClusters/m);

        // Going on anyway: the service refuses it as documented, and the wizard says so.
        await wb.pickItem('Continue anyway', /Checks before attaching aks-research/);
        await wb.pickItem('Attach', /Attach aks-research to ws-vision\?/);
        const toast = await wb.waitForNotification(/aks-research.*ws-vision.*research-vision.*Failed|Could not attach/);
        assert.match(toast.message, /subscription|Arc/i);
        await wb.screenshot('limits-cross-subscription-failed');
    });

    it('attached without a Trusted Access binding anyway: Failed, and its panel says what is missing', async () => {
        await startAttach(wb, 'ws-vision', 'aks-local-off', 'early-vision');
        await wb.pickItem('No managed identity', /Managed identity for the compute/);
        await wb.pickItem('Continue anyway', /Checks before attaching aks-local-off/);
        await wb.pickItem('Attach', /Attach aks-local-off to ws-vision\?/);
        await wb.waitForNotification(/Attaching aks-local-off to ws-vision as early-vision: Failed\./);
        await wb.expandTreeItem('Workspaces', ['ML Platform Dev', 'ws-vision']);
        await wb.clickTreeItem('Workspaces', ['ML Platform Dev', 'ws-vision', 'early-vision']);
        const frame = wb.webview();
        await waitForText(wb, () => frame.locator('h1').textContent(), 'early-vision', 'the panel title');
        await waitForText(
            wb,
            () => frame.locator('[data-notice="warning-noTrustedAccess"]').textContent(),
            /Local accounts are disabled on aks-local-off and it has no trusted access role binding \(mlworkload\) for ws-vision/,
            'the missing binding warning',
        );
        await wb.screenshot('limits-no-binding-panel');
    });

    it('creates the Trusted Access binding a cluster with local accounts disabled needs, then attaches', async () => {
        await startAttach(wb, 'ws-vision', 'aks-local-off', 'localoff-vision');
        await wb.pickItem('No managed identity', /Managed identity for the compute/);
        await wb.waitForQuickInput(/Checks before attaching aks-local-off/);
        assert.strictEqual(await wb.focusedQuickPickItem(), 'Create the trusted access role binding...');
        const rows = await quickPickRows(wb, /Checks before attaching aks-local-off/);
        const check = rows.find((r) => r.label === 'Trusted Access for ws-vision on aks-local-off');
        assert.strictEqual(check?.description, 'no mlworkload role binding');
        await wb.screenshot('limits-trusted-access-missing');
        await wb.page.keyboard.press('Enter');
        const dialog = await wb.waitForDialog(/Create a trusted access role binding on aks-local-off for ws-vision\?/);
        assert.match(dialog, /Microsoft\.MachineLearningServices\/workspaces\/mlworkload/);
        await wb.clickDialogButton('Create');
        await wb.waitForNotification(
            /Created trusted access role binding aml-ws-vision on aks-local-off for ws-vision\./,
        );
        await wb.waitUntil(async () => {
            const again = await quickPickRows(wb, /Checks before attaching aks-local-off/).catch(() => []);
            return again.some(
                (r) =>
                    r.label === 'Trusted Access for ws-vision on aks-local-off' &&
                    /aml-ws-vision/.test(r.description ?? ''),
            );
        }, 'the binding to show as there');
        const binding = session.emulator.admin.getResource(
            `${AKS_LOCAL_OFF}/trustedAccessRoleBindings/aml-ws-vision`,
        ) as { properties?: { sourceResourceId?: string; roles?: string[] } } | undefined;
        assert.strictEqual(binding?.properties?.sourceResourceId?.toLowerCase(), WS_VISION.toLowerCase());
        assert.deepStrictEqual(binding?.properties?.roles, ['Microsoft.MachineLearningServices/workspaces/mlworkload']);
        await wb.pickItem('All checks passed: continue', /Checks before attaching aks-local-off/);
        await wb.pickItem('Attach', /Attach aks-local-off to ws-vision\?/);
        await wb.waitForNotification(/Attached aks-local-off to ws-vision as localoff-vision: Succeeded\./);
        // The compute attached before the binding existed still does not work: its panel says to attach it again.
        await wb.clickTreeItem('Workspaces', ['ML Platform Dev', 'ws-vision', 'early-vision']);
        const frame = wb.webview();
        await frame.locator('button', { hasText: 'Refresh' }).click();
        await waitForText(
            wb,
            () => frame.locator('[data-notice="warning-attachedBeforeBinding"]').textContent(),
            /early-vision was attached before the trusted access role binding aml-ws-vision existed/,
            'the re-attach warning',
        );
        await wb.screenshot('limits-attached-before-binding');
    });

    it('warns at the identity step and in the panel of a workspace behind a private endpoint', async () => {
        await startAttach(wb, 'ws-private', 'aks-gpu-dev', 'gpu-private');
        const identities = await quickPickRows(wb, /Managed identity for the compute/);
        const system = identities.find((r) => r.label === 'System-assigned');
        assert.strictEqual(system?.description, "not supported behind ws-private's private endpoint");
        const none = identities.find((r) => r.label === 'No managed identity');
        assert.strictEqual(none?.description, '');
        await wb.screenshot('limits-private-endpoint-identity');
        await wb.pickItem('System-assigned');
        await wb.pickItem('All checks passed: continue', /Checks before attaching aks-gpu-dev/);
        await wb.pickItem('Attach', /Attach aks-gpu-dev to ws-private\?/);
        // Going on anyway: the compute ends Failed with the service's words.
        const toast = await wb.waitForNotification(/Attaching aks-gpu-dev to ws-private as gpu-private: Failed\./);
        assert.match(toast.message, /private endpoint/i);
        await wb.expandTreeItem('Workspaces', ['ML Platform Dev', 'ws-private']);
        await wb.clickTreeItem('Workspaces', ['ML Platform Dev', 'ws-private', 'gpu-private']);
        const frame = wb.webview();
        await waitForText(wb, () => frame.locator('h1').textContent(), 'gpu-private', 'the panel title');
        await waitForText(wb, () => frame.locator('.state-name').textContent(), 'Failed', 'the state');
        await waitForText(
            wb,
            () => frame.locator('[data-notice="warning-privateEndpointIdentity"]').textContent(),
            /ws-private has a private endpoint: a managed identity on a Kubernetes compute does not work there/,
            'the private endpoint warning',
        );
        await wb.screenshot('limits-private-endpoint-panel');
    });
});
