import * as assert from 'assert';
import { docsImage } from '../pages/docsImages';
import { childrenOf, findItem, labelsOf } from '../pages/tree';
import type { TreeItemInfo, Workbench } from '../pages/workbench';
import { useEditor } from '../session';
import { refuseResourceGraph } from '../../emulator/admin';
import { WS_VISION, defaultWorld, visionCompute } from '../pages/fixture';

const FINANCE = defaultWorld.subscriptions.finance.id;

const WORKSPACES = 'Workspaces';
const CLUSTERS = 'Kubernetes Clusters';
const SUBSCRIPTIONS = ['Finance Sandbox', 'ML Platform Dev', 'ML Platform Prod', 'Research Shared'];

function assertRow(
    item: TreeItemInfo | undefined,
    expected: Partial<TreeItemInfo> & { includes?: string[] },
    what: string,
) {
    assert.ok(item, `${what}: no such row`);
    const { includes = [], ...fields } = expected;
    for (const [key, value] of Object.entries(fields)) {
        assert.strictEqual(item[key as keyof TreeItemInfo], value, `${what}: ${key} (row ${JSON.stringify(item)})`);
    }
    for (const text of includes) {
        assert.ok(item.description.includes(text), `${what}: description "${item.description}" lacks "${text}"`);
    }
}

async function expandAll(wb: Workbench, view: string, paths: string[][]): Promise<void> {
    for (const path of paths) {
        await wb.expandTreeItem(view, path);
    }
}

describe('signed in: the Workspaces and Kubernetes Clusters views', () => {
    // The emulator is reset before this describe, so Research Shared still has its four 429s to give; the first
    // test is the first to list its workspaces (expanding a cluster would list them too, for the attachments).
    // Resource Graph is refused, as in clouds without it: each subscription is listed through ARM and fails alone.
    const session = useEditor({ settings: { 'azuremlK8s.statusPollingIntervalSeconds': 1 } });
    let wb: Workbench;
    let openedAt = 0;

    before(async () => {
        openedAt = Date.now();
        refuseResourceGraph(session.emulator.admin);
        wb = session.workbench;
        await wb.openViewContainer('Azure ML Kubernetes');
        await wb.waitForExtensionsActivated();
        await wb.waitForViewLoaded(WORKSPACES);
        await wb.waitForViewLoaded(CLUSTERS);
        await wb.setSideBarWidth(760);
    });

    it('lists the four subscriptions; a forbidden and a throttled one each become one error row', async () => {
        const roots = (await wb.treeItems(WORKSPACES)).filter((item) => item.level === 1);
        assert.deepStrictEqual(labelsOf(roots), SUBSCRIPTIONS);
        assert.ok(
            roots.every((r) => r.icon === 'subscription.svg' && r.expanded === false),
            JSON.stringify(roots),
        );
        assert.deepStrictEqual(labelsOf((await wb.treeItems(CLUSTERS)).filter((i) => i.level === 1)), SUBSCRIPTIONS);

        await expandAll(wb, WORKSPACES, [['Finance Sandbox'], ['ML Platform Dev'], ['Research Shared']]);
        const items = await wb.waitForTreeItems(
            WORKSPACES,
            (rows) =>
                childrenOf(rows, ['Research Shared']).length > 0 && childrenOf(rows, ['ML Platform Dev']).length > 0,
            'the three subscriptions to load',
        );
        const finance = childrenOf(items, ['Finance Sandbox']);
        assert.strictEqual(finance.length, 1, JSON.stringify(finance));
        assertRow(
            finance[0],
            {
                label: 'Could not list the workspaces of Finance Sandbox',
                description: 'Access denied (AuthorizationFailed)',
                icon: 'error',
            },
            'Finance Sandbox',
        );
        const research = childrenOf(items, ['Research Shared']);
        assert.strictEqual(research.length, 1, JSON.stringify(research));
        assertRow(
            research[0],
            {
                label: 'Could not list the workspaces of Research Shared',
                description: 'Throttled by Azure (429)',
                icon: 'error',
            },
            'Research Shared',
        );
        assert.deepStrictEqual(labelsOf(childrenOf(items, ['ML Platform Dev'])), ['ws-nlp', 'ws-private', 'ws-vision']);
        const throttle = session.emulator.admin.getFaults().rules.find((r) => r.name === 'research-shared-throttled');
        assert.strictEqual(throttle?.applied, 4, `429s answered: ${JSON.stringify(throttle)}`);

        await wb.expandTreeItem(CLUSTERS, ['Finance Sandbox']);
        await wb.expandTreeItem(CLUSTERS, ['ML Platform Dev']);
        const clusters = await wb.waitForTreeItems(
            CLUSTERS,
            (rows) => childrenOf(rows, ['ML Platform Dev']).length > 0,
            'clusters',
        );
        const financeClusters = childrenOf(clusters, ['Finance Sandbox']);
        assert.strictEqual(financeClusters.length, 1, JSON.stringify(financeClusters));
        assertRow(
            financeClusters[0],
            {
                label: 'Could not list the clusters of Finance Sandbox',
                description: 'Access denied (AuthorizationFailed)',
                icon: 'error',
            },
            'Finance Sandbox clusters',
        );
        assert.deepStrictEqual(labelsOf(childrenOf(clusters, ['ML Platform Dev'])), [
            'aks-cpu-noext',
            'aks-gpu-dev',
            'aks-local-off',
            'aks-sp-legacy',
            'arc-edge-lab',
        ]);
        await wb.clearTreeSelection(WORKSPACES, CLUSTERS);
        await docsImage(wb, 'error-nodes', await wb.sideBarArea());
    });

    it('retrying the throttled subscription lists its workspace', async () => {
        await wb.clickTreeItem(WORKSPACES, ['Research Shared', 'Could not list the workspaces of Research Shared']);
        const items = await wb.waitForTreeItems(
            WORKSPACES,
            (rows) => labelsOf(childrenOf(rows, ['Research Shared'])).includes('ws-research'),
            'ws-research after the retry',
        );
        assert.deepStrictEqual(labelsOf(childrenOf(items, ['Research Shared'])), ['ws-research']);
        assertRow(
            findItem(items, ['Research Shared', 'ws-research']),
            { icon: 'workspace.svg', description: 'rg-research · northeurope' },
            'ws-research',
        );
    });

    it('a subscription throttled for 30 s says so and holds nobody up; it loads again by itself', async () => {
        const PROD = defaultWorld.subscriptions.prod.id;
        const current = session.emulator.admin.getFaults();
        session.emulator.admin.setFaults({
            seed: current.seed,
            rules: [
                ...current.rules.map(({ matched: _m, applied: _a, ...rule }) => rule),
                {
                    name: 'prod-throttled-30s',
                    path: `^/subscriptions/${PROD}/providers/Microsoft.MachineLearningServices/workspaces$`,
                    status: 429,
                    retryAfterSeconds: 30,
                    count: 1,
                },
            ],
        });
        // Its workspaces may be cached from an earlier listing: open it, then Refresh, as a user would. (Opened first:
        // a refresh lists every subscription not cached in one go, and a throttled answer that no open row waits for
        // is not kept, so which row got the one 429 would depend on timing.)
        await wb.expandTreeItem(WORKSPACES, ['ML Platform Prod']);
        const started = Date.now();
        await wb.clickViewTitleAction(WORKSPACES, 'Refresh');
        const rows = await wb.waitForTreeItems(
            WORKSPACES,
            (items) => !!findItem(items, ['ML Platform Prod', 'Could not list the workspaces of ML Platform Prod']),
            'ML Platform Prod settled on its throttled row',
        );
        assert.ok(Date.now() - started < 15_000, `settled in ${Date.now() - started} ms, not after the 30 s wait`);
        assertRow(
            findItem(rows, ['ML Platform Prod', 'Could not list the workspaces of ML Platform Prod']),
            { icon: 'error', description: 'Throttled by Azure: retrying in 30 s' },
            'the throttled row',
        );
        await wb.screenshot('throttled-30s');
        // Azure's wait over, the view asks again on its own (the fault answered once).
        await wb.waitForTreeItems(
            WORKSPACES,
            (items) => labelsOf(childrenOf(items, ['ML Platform Prod'])).includes('ws-forecast'),
            'ws-forecast once the 30 s are over',
            60_000,
        );
        const listings = session.emulator.admin
            .requests()
            .filter((r) => r.path === `/subscriptions/${PROD}/providers/Microsoft.MachineLearningServices/workspaces`);
        assert.ok(listings.length <= 3, `no retries inside the wait: ${listings.length} listings`);
    });

    it("reuses its connections to Azure, although VS Code's proxy support turns keep-alive off", async () => {
        // Requests one after another: the views' listings, then a workspace's computes.
        await expandAll(wb, WORKSPACES, [['ML Platform Dev'], ['ML Platform Dev', 'ws-vision']]);
        await wb.waitForTreeItems(
            WORKSPACES,
            (rows) => childrenOf(rows, ['ML Platform Dev', 'ws-vision']).length > 0,
            "ws-vision's computes",
        );
        const requests = session.emulator.admin.requests().filter((r) => Date.parse(r.time) >= openedAt);
        const listed = requests.map((r) => `${r.method} ${r.path} on #${r.connection}`).join('; ');
        const one = (ending: string) => {
            const found = requests.filter((r) => r.path.endsWith(ending));
            assert.strictEqual(found.length, 1, `one request to …${ending}: ${listed}`);
            return found[0];
        };
        // Each new connection is a TCP and TLS set-up, and VS Code adds the system certificates to each.
        const discovery = one('/.well-known/openid-configuration');
        const token = one('/oauth2/v2.0/token');
        assert.strictEqual(
            token.connection,
            discovery.connection,
            `the token on the discovery's connection: ${listed}`,
        );
        const computes = one('/workspaces/ws-vision/computes');
        assert.ok(!computes.newConnection, `the computes, listed alone, on a connection already open: ${listed}`);
        assert.ok(new Set(requests.map((r) => r.connection)).size < requests.length, listed);
    });

    it('retrying the forbidden subscription asks Azure again and keeps its error row', async () => {
        const listings = () =>
            session.emulator.admin
                .requests()
                .filter((r) =>
                    r.path.startsWith(
                        `/subscriptions/${FINANCE}/providers/Microsoft.MachineLearningServices/workspaces`,
                    ),
                ).length;
        const before = listings();
        await wb.clickTreeItem(WORKSPACES, ['Finance Sandbox', 'Could not list the workspaces of Finance Sandbox']);
        await wb.waitUntil(async () => listings() > before, 'the retry to list the Finance Sandbox workspaces again');
        await wb.page.waitForTimeout(1000);
        const finance = childrenOf(await wb.treeItems(WORKSPACES), ['Finance Sandbox']);
        assert.strictEqual(finance.length, 1, JSON.stringify(finance));
        assertRow(
            finance[0],
            {
                label: 'Could not list the workspaces of Finance Sandbox',
                description: 'Access denied (AuthorizationFailed)',
                icon: 'error',
            },
            'Finance Sandbox',
        );
        await wb.collapseTreeItem(WORKSPACES, ['Finance Sandbox']);
        await wb.collapseTreeItem(WORKSPACES, ['Research Shared']);
        await wb.collapseTreeItem(CLUSTERS, ['Finance Sandbox']);
    });

    it('shows the Kubernetes computes of ML Platform Dev with state, namespace, cluster and identity', async () => {
        await expandAll(wb, WORKSPACES, [
            ['ML Platform Dev', 'ws-vision'],
            ['ML Platform Dev', 'ws-nlp'],
        ]);
        const items = await wb.waitForTreeItems(
            WORKSPACES,
            (rows) =>
                childrenOf(rows, ['ML Platform Dev', 'ws-vision']).length > 0 &&
                childrenOf(rows, ['ML Platform Dev', 'ws-nlp']).length > 0,
            'the computes of ws-vision and ws-nlp',
        );
        assertRow(
            findItem(items, ['ML Platform Dev', 'ws-nlp']),
            { icon: 'workspace.svg', description: 'rg-ml-dev · westeurope' },
            'ws-nlp',
        );
        assertRow(
            findItem(items, ['ML Platform Dev', 'ws-vision']),
            { icon: 'workspace.svg', description: 'rg-ml-dev · eastus' },
            'ws-vision',
        );

        const vision = childrenOf(items, ['ML Platform Dev', 'ws-vision']);
        assert.deepStrictEqual(labelsOf(vision), ['k8s-cpu', 'k8s-gpu'], 'the AmlCompute cpu-cluster is not listed');
        assertRow(
            vision[0],
            { icon: 'error', includes: ['Failed', 'default', 'aks-cpu-noext', 'No identity', 'The AzureML extension'] },
            'k8s-cpu',
        );
        assertRow(
            vision[1],
            { icon: 'pass', includes: ['Succeeded', 'vision', 'aks-gpu-dev', 'System-assigned'] },
            'k8s-gpu',
        );
        assert.ok(!vision[1].description.includes('·  ·'), vision[1].description);

        const nlp = childrenOf(items, ['ML Platform Dev', 'ws-nlp']);
        assert.deepStrictEqual(labelsOf(nlp), ['arc-nlp']);
        assertRow(
            nlp[0],
            { icon: 'pass', includes: ['Succeeded', 'nlp', 'arc-onprem-01', 'User-assigned'] },
            'arc-nlp',
        );
    });

    it('shows AKS and Arc clusters with the AzureML extension state and the computes attaching them', async () => {
        await wb.expandTreeItem(CLUSTERS, ['ML Platform Prod']);
        await wb.expandTreeItem(CLUSTERS, ['ML Platform Prod', 'arc-onprem-01']);
        const items = await wb.waitForTreeItems(
            CLUSTERS,
            (rows) => childrenOf(rows, ['ML Platform Prod', 'arc-onprem-01']).length > 0,
            'the attachments of arc-onprem-01',
        );
        const dev = childrenOf(items, ['ML Platform Dev']);
        assert.deepStrictEqual(labelsOf(dev), [
            'aks-cpu-noext',
            'aks-gpu-dev',
            'aks-local-off',
            'aks-sp-legacy',
            'arc-edge-lab',
        ]);
        // Clusters computes cannot attach to stand out: a warning for a missing extension, an error for a failed one.
        assertRow(dev[0], { icon: 'warning', includes: ['AzureML extension not installed'] }, 'aks-cpu-noext');
        assertRow(
            dev[1],
            { icon: 'aks.svg', includes: ['Kubernetes 1.31.3', 'AzureML extension installed'] },
            'aks-gpu-dev',
        );
        assertRow(dev[4], { icon: 'error', includes: ['AzureML extension Failed'] }, 'arc-edge-lab');

        const prod = childrenOf(items, ['ML Platform Prod']);
        assert.ok(labelsOf(prod).includes('arc-onprem-01'), JSON.stringify(prod));
        assertRow(
            findItem(items, ['ML Platform Prod', 'arc-onprem-01']),
            { icon: 'arc.svg', includes: ['AzureML extension installed'] },
            'arc-onprem-01',
        );
        const attached = childrenOf(items, ['ML Platform Prod', 'arc-onprem-01'])
            .filter((i) => i.icon !== 'error')
            .sort((a, b) => a.label.localeCompare(b.label));
        assert.deepStrictEqual(labelsOf(attached), ['ws-forecast/arc-forecast', 'ws-nlp/arc-nlp']);
        assertRow(
            attached[0],
            { icon: 'pass', includes: ['Succeeded', 'forecast', 'System-assigned'] },
            'ws-forecast/arc-forecast',
        );
        assertRow(attached[1], { icon: 'pass', includes: ['Succeeded', 'nlp', 'User-assigned'] }, 'ws-nlp/arc-nlp');

        await wb.expandTreeItem(WORKSPACES, ['ML Platform Prod']);
        await wb.expandTreeItem(WORKSPACES, ['ML Platform Prod', 'ws-forecast']);
        await wb.clearTreeSelection(WORKSPACES, CLUSTERS);
        await docsImage(wb, 'workspaces-and-clusters', await wb.sideBarArea());
    });

    it('a cluster without a working AzureML extension offers its fix: the command that installs it', async () => {
        await wb.chooseContextMenu(
            CLUSTERS,
            ['ML Platform Dev', 'aks-cpu-noext'],
            'Copy AzureML Extension Install Command',
        );
        await wb.waitForNotification(/Copied the command that installs the AzureML extension on aks-cpu-noext/);
        // What the user would paste: the page's clipboard (the browser context may read it).
        const copied = await wb.page.evaluate(() =>
            (
                globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
            ).navigator.clipboard.readText(),
        );
        assert.match(
            copied,
            /^az k8s-extension create --name azureml --extension-type Microsoft\.AzureML\.Kubernetes --cluster-type managedClusters --cluster-name aks-cpu-noext --resource-group rg-aks-dev /,
        );
        await wb.screenshot('unhealthy-cluster-fix');
        // A healthy cluster has no such entry.
        const menu = await wb.contextMenu(CLUSTERS, ['ML Platform Dev', 'aks-gpu-dev']);
        await wb.page.keyboard.press('Escape');
        assert.ok(!menu.includes('Copy AzureML Extension Install Command'), JSON.stringify(menu));
        assert.ok(menu.includes('Attach Kubernetes Cluster to Workspace...'), JSON.stringify(menu));
        // The Clusters view's title offers Attach too.
        await wb.clickViewTitleAction(CLUSTERS, 'Attach Kubernetes Cluster to Workspace...');
        await wb.waitForQuickInput(/Select the Azure Machine Learning workspace/);
        await wb.dismissQuickInput();
    });

    it('Refresh in the title picks up a compute added behind its back; the workspace Refresh a deleted one', async () => {
        await wb.expandTreeItem(CLUSTERS, ['ML Platform Dev', 'aks-gpu-dev']);
        await wb.waitForTreeItems(
            CLUSTERS,
            (rows) => childrenOf(rows, ['ML Platform Dev', 'aks-gpu-dev']).length > 0,
            'aks-gpu-dev attachments',
        );
        session.emulator.admin.upsertResource(visionCompute('k8s-batch', 'Succeeded'));
        await wb.page.waitForTimeout(1500);
        let items = await wb.treeItems(WORKSPACES);
        assert.ok(
            !labelsOf(childrenOf(items, ['ML Platform Dev', 'ws-vision'])).includes('k8s-batch'),
            'shown before any refresh',
        );

        await wb.clickViewTitleAction(WORKSPACES, 'Refresh');
        items = await wb.waitForTreeItems(
            WORKSPACES,
            (rows) => labelsOf(childrenOf(rows, ['ML Platform Dev', 'ws-vision'])).includes('k8s-batch'),
            'k8s-batch after Refresh',
        );
        assert.deepStrictEqual(labelsOf(childrenOf(items, ['ML Platform Dev', 'ws-vision'])).sort(), [
            'k8s-batch',
            'k8s-cpu',
            'k8s-gpu',
        ]);
        assertRow(
            findItem(items, ['ML Platform Dev', 'ws-vision', 'k8s-batch']),
            { icon: 'pass', includes: ['Succeeded', 'batch', 'aks-gpu-dev', 'System-assigned'] },
            'k8s-batch',
        );
        // The title's Refresh is everything: the cluster it attaches lists it too.
        await wb.waitForTreeItems(
            CLUSTERS,
            (rows) => labelsOf(childrenOf(rows, ['ML Platform Dev', 'aks-gpu-dev'])).includes('ws-vision/k8s-batch'),
            'ws-vision/k8s-batch under aks-gpu-dev',
        );
        await wb.screenshot('refresh-added');

        assert.ok(session.emulator.admin.deleteResource(`${WS_VISION}/computes/k8s-batch`));
        await wb.clickInlineAction(WORKSPACES, ['ML Platform Dev', 'ws-vision'], 'Refresh');
        items = await wb.waitForTreeItems(
            WORKSPACES,
            (rows) => !labelsOf(childrenOf(rows, ['ML Platform Dev', 'ws-vision'])).includes('k8s-batch'),
            'k8s-batch gone after the workspace Refresh',
        );
        assert.deepStrictEqual(labelsOf(childrenOf(items, ['ML Platform Dev', 'ws-vision'])), ['k8s-cpu', 'k8s-gpu']);
    });

    it('a compute that is Creating turns Succeeded by itself, in both views', async () => {
        session.emulator.admin.upsertResource(visionCompute('k8s-new', 'Creating'));
        await wb.clickViewTitleAction(CLUSTERS, 'Refresh');
        const creating = (rows: TreeItemInfo[]) =>
            findItem(rows, ['ML Platform Dev', 'ws-vision', 'k8s-new'])?.description.startsWith('Creating') === true;
        let items = await wb.waitForTreeItems(WORKSPACES, creating, 'k8s-new Creating');
        const row = findItem(items, ['ML Platform Dev', 'ws-vision', 'k8s-new']);
        assert.ok(row?.icon?.startsWith('loading'), `a spinning icon: ${JSON.stringify(row)}`);
        assert.ok(
            await (
                await wb.treeItem(WORKSPACES, ['ML Platform Dev', 'ws-vision', 'k8s-new'])
            )
                .locator('.custom-view-tree-node-item-icon.codicon-modifier-spin')
                .isVisible(),
            'the icon spins',
        );
        items = await wb.waitForTreeItems(
            CLUSTERS,
            (rows) =>
                findItem(rows, ['ML Platform Dev', 'aks-gpu-dev', 'ws-vision/k8s-new'])?.description.startsWith(
                    'Creating',
                ) === true,
            'ws-vision/k8s-new Creating under aks-gpu-dev',
        );
        await wb.screenshot('creating');

        session.emulator.admin.upsertResource(visionCompute('k8s-new', 'Succeeded'));
        const started = Date.now();
        items = await wb.waitForTreeItems(
            WORKSPACES,
            (rows) => findItem(rows, ['ML Platform Dev', 'ws-vision', 'k8s-new'])?.icon === 'pass',
            'k8s-new Succeeded without a refresh',
            10_000,
        );
        assertRow(
            findItem(items, ['ML Platform Dev', 'ws-vision', 'k8s-new']),
            { includes: ['Succeeded', 'batch'] },
            'k8s-new',
        );
        await wb.waitForTreeItems(
            CLUSTERS,
            (rows) => findItem(rows, ['ML Platform Dev', 'aks-gpu-dev', 'ws-vision/k8s-new'])?.icon === 'pass',
            'ws-vision/k8s-new Succeeded under aks-gpu-dev without a refresh',
            10_000,
        );
        assert.ok(Date.now() - started < 10_000);
    });

    it('what was expanded is expanded again after a window reload', async () => {
        await wb.expandTreeItem(WORKSPACES, ['ML Platform Dev']);
        await wb.expandTreeItem(WORKSPACES, ['ML Platform Dev', 'ws-vision']);
        await wb.expandTreeItem(CLUSTERS, ['ML Platform Dev']);
        await wb.collapseTreeItem(WORKSPACES, ['ML Platform Prod']).catch(() => undefined);
        // The workspace state reaches the window's storage a moment later; a person does not reload faster.
        await wb.page.waitForTimeout(1500);
        await wb.page.reload();
        await wb.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
        // The side bar comes back with the views by itself; opening the container only if it did not.
        await wb
            .view(WORKSPACES)
            .waitFor({ timeout: 30_000 })
            .catch(() => wb.openViewContainer('Azure ML Kubernetes'));
        const rows = await wb.waitForTreeItems(
            WORKSPACES,
            (items) => childrenOf(items, ['ML Platform Dev', 'ws-vision']).length > 0,
            'ws-vision expanded again, with its computes',
            60_000,
        );
        assert.strictEqual(findItem(rows, ['ML Platform Prod'])?.expanded, false, 'a collapsed one stays collapsed');
        await wb.waitForTreeItems(
            CLUSTERS,
            (items) => childrenOf(items, ['ML Platform Dev']).length > 0,
            'the clusters of ML Platform Dev expanded again',
        );
    });

    it('reads well in a dark theme', async () => {
        await wb.runCommand('Preferences: Color Theme');
        await wb.pickItem('Dark Modern');
        await wb.waitUntil(
            async () => /vs-dark/.test((await wb.page.locator('.monaco-workbench').getAttribute('class')) ?? ''),
            'the dark theme',
        );
        assert.ok(session.emulator.admin.deleteResource(`${WS_VISION}/computes/k8s-new`));
        await wb.clickViewTitleAction(WORKSPACES, 'Refresh');
        await wb.waitForTreeItems(
            WORKSPACES,
            (rows) =>
                !findItem(rows, ['ML Platform Dev', 'ws-vision', 'k8s-new']) &&
                childrenOf(rows, ['ML Platform Dev', 'ws-vision']).length === 2,
            'the tree back to the fixture',
        );
        await wb.waitForViewLoaded(CLUSTERS);
        await wb.clearTreeSelection(WORKSPACES, CLUSTERS);
        await docsImage(wb, 'workspaces-dark', await wb.sideBarArea());
    });
});
