/**
 * The attach preflight as a person meets it: a check no role can fix comes first with its fix focused (never
 * "assign" when assigning cannot make the attach succeed), missing roles are chosen in a multi-select (a cluster-admin
 * role unchecked until chosen), granted after one confirmation, and the checks run again.
 */
import * as assert from 'assert';
import { docsImage } from '../pages/docsImages';
import { defaultWorld, openWorkspaces } from '../pages/fixture';
import { checkOnly, quickPickArea, quickPickRows } from '../pages/quickPickRows';
import type { Workbench } from '../pages/workbench';
import { useEditor } from '../session';
import { answerAttach } from '../pages/attachWizard';

const UAI_WS_NLP_PRINCIPAL = defaultWorld.identities.wsNlp.principalId;
const AKS_GPU_DEV = defaultWorld.clusters.aksGpuDev.id;
const WS_NLP = defaultWorld.workspaces.nlp.id;
const READER_OF_WS_NLP_ON_AKS_GPU_DEV = `${AKS_GPU_DEV}/providers/Microsoft.Authorization/roleAssignments/f1a00000-0000-4000-8000-000000000013`;

describe('attach preflight: the blocker first, the roles chosen', () => {
    const session = useEditor({ settings: { 'azuremlK8s.statusPollingIntervalSeconds': 1 } });
    let wb: Workbench;

    before(async () => {
        wb = session.workbench;
        await openWorkspaces(wb);
    });

    it('a cluster without the AzureML extension: that blocker and its fix come first, not assigning roles', async () => {
        const sentBefore = session.emulator.admin.requests().length;
        await answerAttach(wb, {
            workspace: 'ws-nlp',
            cluster: 'aks-cpu-noext',
            name: 'noext-nlp',
            identity: 'No managed identity',
        });
        const rows = await quickPickRows(wb, /Checks before attaching aks-cpu-noext/);
        const labels = rows.map((r) => r.label);
        assert.deepStrictEqual(labels.slice(0, 3), [
            'Install AzureML Extension...',
            'Copy the command that installs the AzureML extension',
            'AzureML extension on aks-cpu-noext',
        ]);
        assert.deepStrictEqual(rows[2], {
            label: 'AzureML extension on aks-cpu-noext',
            description: 'not installed',
            detail: 'The attach fails without it. Install it here (or copy the command), then check again.',
            checked: undefined,
        });
        assert.strictEqual((await wb.quickPickSeparators())[0], 'Blocks the attach');
        // Its roles are missing too, and the user may assign them: offered, but after the blocker's fix.
        assert.ok(labels.indexOf('Assign missing roles...') > 2, labels.join(' | '));
        assert.strictEqual(await wb.focusedQuickPickItem(), 'Install AzureML Extension...');
        await wb.screenshot('preflight-blocker');
        await docsImage(wb, 'preflight-blocker', await quickPickArea(wb));
        await wb.pickItem('Copy the command that installs the AzureML extension');
        await wb.waitForNotification(/Copied the command that installs the AzureML extension on aks-cpu-noext/);
        const copied = await wb.page.evaluate(() =>
            (
                globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
            ).navigator.clipboard.readText(),
        );
        assert.match(copied, /^az k8s-extension create --name azureml .*--cluster-name aks-cpu-noext /);
        // Back at the same checks, the fix still first.
        await wb.waitForQuickInput(/Checks before attaching aks-cpu-noext/);
        assert.strictEqual(await wb.focusedQuickPickItem(), 'Install AzureML Extension...');
        await wb.pickItem('Cancel');
        const puts = session.emulator.admin
            .requests()
            .slice(sentBefore)
            .filter((r) => r.method === 'PUT');
        assert.deepStrictEqual(puts, [], 'nothing was written');
    });

    it('assigns a chosen set of missing roles, the cluster admin role unchecked until chosen, then attaches', async () => {
        // The request log outlives the emulator's reset between describes: count from here.
        const sentBefore = session.emulator.admin.requests().length;
        // An AKS cluster of the workspace's subscription (another one is not supported) where id-ws-nlp has no role yet.
        assert.ok(session.emulator.admin.deleteResource(READER_OF_WS_NLP_ON_AKS_GPU_DEV), 'the fixture had it');
        await wb.clearNotifications();
        await answerAttach(wb, {
            workspace: 'ws-nlp',
            cluster: 'aks-gpu-dev',
            name: 'gpu-nlp',
            identity: 'No managed identity',
        });
        await wb.waitForQuickInput(/Checks before attaching aks-gpu-dev/);
        // Every failed check is a role the user may assign: assigning is the first action.
        assert.strictEqual(await wb.focusedQuickPickItem(), 'Assign missing roles...');
        await wb.screenshot('preflight-missing');
        await wb.pickItem('Assign missing roles...');

        const READER = 'Reader on aks-gpu-dev';
        const EXTENSION_CONTRIBUTOR = 'Kubernetes Extension Contributor on aks-gpu-dev';
        const CLUSTER_ADMIN = 'Azure Kubernetes Service Cluster Admin Role on aks-gpu-dev';
        const choices = await quickPickRows(wb, /Check the roles to assign/);
        assert.deepStrictEqual(
            choices.map((c) => [c.label, c.checked]),
            [
                [READER, true],
                [EXTENSION_CONTRIBUTOR, true],
                [CLUSTER_ADMIN, false],
            ],
        );
        assert.ok(
            choices.every((c) => c.description === 'for workspace identity id-ws-nlp'),
            JSON.stringify(choices),
        );
        assert.strictEqual(choices[0].detail, 'Without it the attach fails: the cluster cannot be read.');
        assert.match(choices[2].detail, /^Left unchecked: it makes the identity a cluster admin\. /);
        await wb.screenshot('preflight-choose-roles');
        // One role now: the others stay missing.
        await checkOnly(wb, [READER], /Check the roles to assign/);
        const one = await wb.waitForDialog(/Assign Reader to id-ws-nlp\?/);
        assert.match(one, new RegExp(`workspace identity id-ws-nlp \\(principal id ${UAI_WS_NLP_PRINCIPAL}\\)`));
        assert.ok(one.includes(AKS_GPU_DEV), one);
        await wb.clickDialogButton('Assign');
        await wb.waitForNotification(/Assigned Reader on AKS cluster aks-gpu-dev to workspace identity id-ws-nlp\./);

        // The checks run again: Reader is there, two roles left, still assignable first.
        await wb.waitUntil(async () => {
            const rows = await quickPickRows(wb, /Checks before attaching aks-gpu-dev/).catch(() => []);
            return rows.some((r) => r.label === READER && r.description === 'granted to workspace identity id-ws-nlp');
        }, 'Reader to show as granted');
        await wb.pickItem('Assign missing roles...');
        await checkOnly(wb, [EXTENSION_CONTRIBUTOR, CLUSTER_ADMIN], /Check the roles to assign/);
        const two = await wb.waitForDialog(/Assign 2 roles to id-ws-nlp\?/);
        assert.match(two, /Kubernetes Extension Contributor on AKS cluster aks-gpu-dev/);
        assert.match(two, /Azure Kubernetes Service Cluster Admin Role on AKS cluster aks-gpu-dev/);
        await wb.clickDialogButton('Assign');
        await wb.waitForNotification(/Assigned 2 roles to workspace identity id-ws-nlp: /);
        await wb.pickItem('All checks passed: continue', /Checks before attaching aks-gpu-dev/);
        await wb.pickItem('Attach', /Attach aks-gpu-dev to ws-nlp\?/);
        await wb.waitForNotification(/Attached aks-gpu-dev to ws-nlp as gpu-nlp: Succeeded\./);
        const grants = session.emulator.admin
            .requests()
            .slice(sentBefore)
            .filter((r) => r.method === 'PUT' && /roleAssignments/.test(r.path) && r.status === 201)
            .map((r) => r.requestBody as { properties: { principalId: string; principalType: string } });
        assert.strictEqual(grants.length, 3, 'Reader, then Kubernetes Extension Contributor and AKS Cluster Admin');
        assert.ok(
            grants.every(
                (g) =>
                    g.properties.principalId === UAI_WS_NLP_PRINCIPAL &&
                    g.properties.principalType === 'ServicePrincipal',
            ),
        );
        const stored = session.emulator.admin.getResource(`${WS_NLP}/computes/gpu-nlp`) as {
            properties?: { resourceId?: string };
        };
        assert.strictEqual(stored?.properties?.resourceId, AKS_GPU_DEV);
    });
});
