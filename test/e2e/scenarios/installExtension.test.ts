import * as assert from 'assert';
import { defaultWorld, openWorkspaces } from '../pages/fixture';
import { allLogs, outputChannelText } from '../pages/probes';
import { quickPickRows } from '../pages/quickPickRows';
import { findItem } from '../pages/tree';
import type { Workbench } from '../pages/workbench';
import { useEditor } from '../session';
import { answerAttach } from '../pages/attachWizard';

const CLUSTERS = 'Kubernetes Clusters';
const DEV_NAME = 'ML Platform Dev';
const NOEXT = [DEV_NAME, 'aks-cpu-noext'];
const NOEXT_ID = defaultWorld.clusters.aksCpuNoExt.id;
const ARC_EDGE = [DEV_NAME, 'arc-edge-lab'];
const ARC_EDGE_ID = defaultWorld.clusters.arcEdgeLab.id;
const EXTENSION = 'providers/Microsoft.KubernetesConfiguration/extensions/azureml';

/**
 * "Attach to a Workspace..." on the install's end notification: the wizard opens at the workspace (the cluster known),
 * its checks all pass now, and the compute is attached to ws-vision, Succeeded.
 */
async function attachFromInstallNotification(wb: Workbench, cluster: string, name: string): Promise<void> {
    await wb.clickNotificationButton(
        new RegExp(`Installed the AzureML extension on ${cluster}`),
        'Attach to a Workspace...',
    );
    await answerAttach(wb, { workspace: 'ws-vision', name, identity: 'System-assigned' }, { fromPalette: false });
    const checks = await quickPickRows(wb, new RegExp(`Checks before attaching ${cluster}`));
    assert.strictEqual(checks[0].label, 'All checks passed: continue', JSON.stringify(checks));
    await wb.pickItem('All checks passed: continue');
    await wb.pickItem('Attach', new RegExp(`Attach ${cluster} to ws-vision\\?`));
    await wb.waitForNotification(new RegExp(`Attached ${cluster} to ws-vision as ${name}: Succeeded\\.`));
}

async function rowDescription(wb: Workbench, path: string[]): Promise<string> {
    return findItem(await wb.treeItems(CLUSTERS), path)?.description ?? '';
}

/** Purpose → router → load balancer → HTTP(S) → node selector → release → version, as a user answers them. */
async function answerTrainingOnly(wb: Workbench, cluster: string, version = 'Latest stable version'): Promise<void> {
    await wb.pickItem('Training', new RegExp(`What will ${cluster} run for Azure Machine Learning\\?`));
    await wb.typeInInput('', { placeholderOrTitle: /Optional node selector/ });
    await wb.pickItem('stable', /Release train/);
    await wb.pickItem(version, /^Version$/);
}

describe('install, update and uninstall the AzureML extension', () => {
    const session = useEditor({ settings: { 'azuremlK8s.statusPollingIntervalSeconds': 1 } });
    let wb: Workbench;

    before(async () => {
        wb = session.workbench;
        session.emulator.admin.setOptions({ provisioningDelayMs: 5000 });
        await openWorkspaces(wb);
        await wb.setSideBarWidth(560);
        await wb.waitForViewLoaded(CLUSTERS);
        await wb.expandTreeItem(CLUSTERS, [DEV_NAME]);
    });

    it('refuses NodePort with an internal load balancer as it is chosen, saying why', async () => {
        const sentBefore = session.emulator.admin.requests().length;
        await wb.chooseContextMenu(CLUSTERS, NOEXT, 'Install AzureML Extension...');
        await wb.pickItem('Inference', /What will aks-cpu-noext run/);
        await wb.pickItem('NodePort', /How are online endpoints on aks-cpu-noext reached\?/);
        const rows = await quickPickRows(wb, /Internal load balancer for the inference router\?/);
        assert.match(rows[1].detail, /^Not allowed: A NodePort router is reached on the nodes themselves/);
        await wb.screenshot('refused-marked');
        await wb.pickItem(rows[1].label);
        const dialog = await wb.waitForDialog(/This combination is not allowed/);
        assert.match(dialog, /NodePort router .* no internal load balancer/);
        assert.match(dialog, /Rule: Azure CLI k8s-extension, AzureMLKubernetes\.py/);
        await wb.screenshot('refused-dialog');
        await wb.clickDialogButton('Choose Again');
        await wb.waitForQuickInput(/Internal load balancer for the inference router\?/);
        await wb.dismissQuickInput();
        const writes = session.emulator.admin
            .requests()
            .slice(sentBefore)
            .filter((r) => r.method !== 'GET' && r.method !== 'POST');
        assert.deepStrictEqual(writes, [], 'nothing was written');
    });

    it('installs on aks-cpu-noext (inference over HTTP, LoadBalancer): Creating on its row, then Succeeded', async () => {
        // The emulator's request log spans the run's earlier scenarios: only this test's requests count.
        const sentBefore = session.emulator.admin.requests().length;
        await wb.clearNotifications();
        await wb.chooseContextMenu(CLUSTERS, NOEXT, 'Install AzureML Extension...');
        await wb.pickItem('Training and inference', /What will aks-cpu-noext run/);
        await wb.pickItem('LoadBalancer', /How are online endpoints on aks-cpu-noext reached\?/);
        await wb.pickItem('Public or cluster default load balancer', /Internal load balancer/);
        await wb.pickItem('HTTP only (allowInsecureConnections=True)', /How do clients reach the endpoints\?/);
        await wb.typeInInput('agentpool=nodepool1', { placeholderOrTitle: /Optional node selector/ });
        await wb.pickItem('stable', /Release train/);
        const versions = await quickPickRows(wb, /^Version$/);
        assert.deepStrictEqual(
            versions.slice(0, 4).map((v) => `${v.label} · ${v.description}`),
            [
                'Latest stable version · auto-upgrade minor versions',
                '1.1.39 · newest · pinned, no automatic upgrade',
                '1.1.37 · pinned',
                '1.1.35 · pinned',
            ],
            'the versions the cluster may install, listed by the service, newest first',
        );
        assert.match(versions[0].detail, /^Installs 1\.1\.39 now, then follows the stable train/);
        assert.strictEqual(await wb.focusedQuickPickItem(), 'Latest stable version');
        await wb.screenshot('install-versions');
        await wb.pickItem('Latest stable version', /Version/);
        const summary = await quickPickRows(wb, /Install the AzureML extension on aks-cpu-noext\?/);
        const row = (label: string) => summary.find((r) => r.label === label)?.description;
        assert.strictEqual(row('Runs'), 'training + inference');
        assert.strictEqual(row('Inference router'), 'LoadBalancer · HTTP');
        assert.strictEqual(row('Node selector'), 'agentpool=nodepool1');
        await wb.screenshot('install-summary');
        await wb.pickItem('Copy the az k8s-extension create command');
        await wb.waitForNotification(/Copied the az k8s-extension create command\./);
        const copied = await wb.page.evaluate(() =>
            (
                globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
            ).navigator.clipboard.readText(),
        );
        assert.match(
            copied,
            /^az k8s-extension create --name azureml --extension-type Microsoft\.AzureML\.Kubernetes --cluster-type managedClusters --cluster-name aks-cpu-noext .* --scope cluster --config enableTraining=True enableInference=True inferenceRouterServiceType=LoadBalancer allowInsecureConnections=True nodeSelector\.agentpool=nodepool1 --release-train stable$/,
        );
        await wb.pickItem('Install', /Install the AzureML extension on aks-cpu-noext\?/);
        await wb.waitUntil(
            async () => /AzureML extension Creating\.\.\./.test(await rowDescription(wb, NOEXT)),
            'aks-cpu-noext shows its extension Creating',
        );
        await wb.screenshot('install-creating');
        await wb.waitForNotification(/Installed the AzureML extension on aks-cpu-noext: Succeeded\./);
        await wb.waitUntil(
            async () => /AzureML extension installed/i.test(await rowDescription(wb, NOEXT)),
            'aks-cpu-noext shows its extension installed',
        );
        await wb.screenshot('install-succeeded');
        const put = session.emulator.admin
            .requests()
            .slice(sentBefore)
            .filter(
                (r) => r.method === 'PUT' && r.path.toLowerCase().includes(`${NOEXT_ID}/${EXTENSION}`.toLowerCase()),
            );
        assert.strictEqual(put.length, 1);
        const body = put[0].requestBody as { properties: { configurationSettings: Record<string, string> } };
        assert.strictEqual(body.properties.configurationSettings.inferenceRouterServiceType, 'LoadBalancer');
        assert.strictEqual(body.properties.configurationSettings['relayserver.enabled'], 'false');
    });

    it('attaches aks-cpu-noext from the notification, the preflight now passing', async () => {
        await attachFromInstallNotification(wb, 'aks-cpu-noext', 'cpu-e2e');
        await wb.screenshot('attached-after-install');
    });

    it('updates the settings: inference off, with the CLI’s warning for online endpoints', async () => {
        const sentBefore = session.emulator.admin.requests().length;
        await wb.clearNotifications();
        await wb.chooseContextMenu(CLUSTERS, NOEXT, 'Update AzureML Extension Settings...');
        const rows = await quickPickRows(wb, /Choose a setting of the AzureML extension on aks-cpu-noext to change/);
        assert.deepStrictEqual(
            rows.map((r) => `${r.label}: ${r.description}`),
            [
                'Runs: training + inference',
                'Inference router service type: LoadBalancer',
                'Internal load balancer: none',
                'Endpoints: HTTP',
                'Node selector: agentpool=nodepool1',
            ],
        );
        await wb.screenshot('update-prefilled');
        await wb.pickItem('Runs');
        await wb.pickItem('Training', /What will aks-cpu-noext run/);
        await wb.pickItem('Review changes');
        const dialog = await wb.waitForDialog(/Update the AzureML extension settings on aks-cpu-noext\?/);
        assert.match(dialog, /IMPACT your active Machine Learning online endpoints and deployments/);
        assert.match(dialog, /enableInference=False/);
        await wb.screenshot('update-warning');
        await wb.clickDialogButton('Update');
        await wb.waitForNotification(/Updated the AzureML extension settings on aks-cpu-noext: Succeeded\./);
        const patch = session.emulator.admin
            .requests()
            .slice(sentBefore)
            .filter((r) => r.method === 'PATCH');
        assert.strictEqual(patch.length, 1);
        assert.deepStrictEqual((patch[0].requestBody as { properties: unknown }).properties, {
            configurationSettings: { enableInference: 'False' },
        });
    });

    it('uninstalls after a confirmation naming the compute that attaches the cluster', async () => {
        await wb.clearNotifications();
        await wb.chooseContextMenu(CLUSTERS, NOEXT, 'Uninstall AzureML Extension...');
        const dialog = await wb.waitForDialog(/Uninstall the AzureML extension \(azureml\) from aks-cpu-noext\?/);
        // The one attached here, and the fixture's Failed k8s-cpu, which attaches it too.
        assert.match(
            dialog,
            /These computes attach aks-cpu-noext and will stop working .*: ws-vision\/cpu-e2e, ws-vision\/k8s-cpu\./,
        );
        await wb.screenshot('uninstall-confirm');
        await wb.clickDialogButton('Uninstall');
        await wb.waitForNotification(/Uninstalled the AzureML extension from aks-cpu-noext: Succeeded\./);
        assert.strictEqual(session.emulator.admin.getResource(`${NOEXT_ID}/${EXTENSION}`), undefined);
        await wb.waitUntil(
            async () => /AzureML extension not installed/i.test(await rowDescription(wb, NOEXT)),
            'aks-cpu-noext shows no extension',
        );
        await wb.screenshot('uninstalled');
    });

    it('installs on an Arc cluster: the relay created first, its connection string nowhere in logs or pages', async () => {
        await wb.clearNotifications();
        session.emulator.admin.deleteResource(`${ARC_EDGE_ID}/${EXTENSION}`);
        await wb.clickInlineAction(CLUSTERS, [DEV_NAME], 'Refresh');
        await wb.waitUntil(
            async () => /not installed/i.test(await rowDescription(wb, ARC_EDGE)),
            'arc-edge-lab shows no extension',
        );
        await wb.chooseContextMenu(CLUSTERS, ARC_EDGE, 'Install AzureML Extension...');
        await answerTrainingOnly(wb, 'arc-edge-lab', '1.1.37');
        const summary = await quickPickRows(wb, /Install the AzureML extension on arc-edge-lab\?/);
        const relay = summary.find((r) => r.label === 'Azure Relay');
        assert.ok(relay, JSON.stringify(summary));
        assert.match(relay.detail, /hybrid connection arc-edge-lab and rule azureml_rw in rg-arc-dev/);
        assert.match(summary.find((r) => r.label === 'Cluster size')?.description ?? '', /^1 nodes: DevTest/);
        await wb.screenshot('arc-summary');
        await wb.pickItem('Install');
        await wb.waitForNotification(/Installed the AzureML extension on arc-edge-lab: Succeeded\./);
        const stored = session.emulator.admin.getResource(`${ARC_EDGE_ID}/${EXTENSION}`);
        const props = stored?.properties as {
            configurationSettings: Record<string, string>;
            configurationProtectedSettings: Record<string, string>;
            version?: string;
            autoUpgradeMinorVersion?: boolean;
        };
        assert.deepStrictEqual([props.version, props.autoUpgradeMinorVersion], ['1.1.37', false], 'pinned as picked');
        assert.match(props.configurationProtectedSettings.relayServerConnectionString, /SharedAccessKey=/);
        assert.match(
            props.configurationSettings['relayserver.hybridConnectionResourceID'],
            /Microsoft\.Relay\/namespaces\/.*\/hybridConnections\/arc-edge-lab$/i,
        );
        assert.strictEqual(props.configurationSettings.clusterPurpose, 'DevTest');
        const secret = props.configurationProtectedSettings.relayServerConnectionString;
        const key = /SharedAccessKey=([^;]+)/.exec(secret)?.[1] ?? '';
        await wb.screenshot('arc-installed');
        const places = new Map<string, string>([
            ['the output channel', outputChannelText(session.server.userDataDir)],
            ['the page', await wb.page.content()],
            ...allLogs(session.server.userDataDir),
        ]);
        const leaks = [...places].filter(([, text]) => text.includes(key) || /SharedAccessKey=(?!\*)/.test(text));
        console.log(`      relay secret scan: ${places.size} places, ${leaks.length} leaks`);
        assert.deepStrictEqual(
            leaks.map(([place]) => place),
            [],
        );
    });
    it('attaches arc-edge-lab from the notification: a bare Arc cluster to a Succeeded compute, no CLI typed', async () => {
        await attachFromInstallNotification(wb, 'arc-edge-lab', 'arc-e2e');
        const compute = session.emulator.admin.getResource(`${defaultWorld.workspaces.vision.id}/computes/arc-e2e`);
        assert.strictEqual((compute?.properties as { provisioningState?: string }).provisioningState, 'Succeeded');
        await wb.screenshot('arc-attached-after-install');
    });
});

describe('install the AzureML extension without the permission to', () => {
    const session = useEditor();
    let wb: Workbench;

    before(async () => {
        wb = session.workbench;
        const dev = defaultWorld.subscriptions.dev.id;
        const assignments = session.emulator.admin.state().resources as {
            id: string;
            properties?: { principalId?: string; scope?: string };
        }[];
        const owner = assignments.find(
            (r) =>
                r.properties?.principalId === defaultWorld.servicePrincipal.objectId &&
                r.properties?.scope === `/subscriptions/${dev}`,
        );
        session.emulator.admin.deleteResource(owner!.id);
        session.emulator.admin.upsertResource({
            id: `/subscriptions/${dev}/providers/Microsoft.Authorization/roleAssignments/9d1f0000-0000-4000-8000-0000000000e2`,
            name: '9d1f0000-0000-4000-8000-0000000000e2',
            type: 'Microsoft.Authorization/roleAssignments',
            properties: {
                roleDefinitionId: `/subscriptions/${dev}/providers/Microsoft.Authorization/roleDefinitions/${defaultWorld.roles.reader.id}`,
                principalId: defaultWorld.servicePrincipal.objectId,
                principalType: 'ServicePrincipal',
                scope: `/subscriptions/${dev}`,
            },
        });
        await openWorkspaces(wb);
        await wb.waitForViewLoaded(CLUSTERS);
        await wb.expandTreeItem(CLUSTERS, [DEV_NAME]);
    });

    it('a Reader is told, before any question, which role grants it', async () => {
        // The request log outlives the emulator's reset between describes: count from here.
        const sentBefore = session.emulator.admin.requests().length;
        await wb.chooseContextMenu(CLUSTERS, NOEXT, 'Install AzureML Extension...');
        const toast = await wb.waitForNotification(/You may not install the AzureML extension on aks-cpu-noext/);
        assert.match(toast.message, /Microsoft\.KubernetesConfiguration\/extensions\/write/);
        assert.match(toast.message, /Kubernetes Extension Contributor/);
        await wb.screenshot('no-permission');
        assert.strictEqual(
            session.emulator.admin
                .requests()
                .slice(sentBefore)
                .filter((r) => r.method === 'PUT').length,
            0,
            'nothing was written',
        );
    });
});

describe('the attach preflight installs a missing AzureML extension, then checks again', () => {
    const session = useEditor({ settings: { 'azuremlK8s.statusPollingIntervalSeconds': 1 } });
    let wb: Workbench;

    before(async () => {
        wb = session.workbench;
        await openWorkspaces(wb);
    });

    it('Install AzureML Extension... from the blocker row, back at the checks once it succeeded', async () => {
        await answerAttach(wb, {
            workspace: 'ws-vision',
            cluster: 'aks-cpu-noext',
            name: 'noext-fix',
            identity: 'System-assigned',
        });
        await wb.waitForQuickInput(/Checks before attaching aks-cpu-noext/);
        assert.strictEqual(await wb.focusedQuickPickItem(), 'Install AzureML Extension...');
        await wb.pickItem('Install AzureML Extension...');
        await answerTrainingOnly(wb, 'aks-cpu-noext');
        await wb.pickItem('Install', /Install the AzureML extension on aks-cpu-noext\?/);
        await wb.waitForNotification(/the checks run again once it ends/);
        await wb.screenshot('preflight-installing');
        const checks = await quickPickRows(wb, /Checks before attaching aks-cpu-noext/);
        assert.strictEqual(checks[0].label, 'All checks passed: continue', JSON.stringify(checks));
        await wb.screenshot('preflight-after-install');
        await wb.pickItem('All checks passed: continue');
        await wb.pickItem('Attach', /Attach aks-cpu-noext to ws-vision\?/);
        await wb.waitForNotification(/Attached aks-cpu-noext to ws-vision as noext-fix: Succeeded\./);
    });
});
