/** The cluster panel passes an axe-core scan in the light, dark and high-contrast themes, with a failing pod shown. */
import { expectNoViolations } from '../pages/axe';
import { openCluster, openClusters } from '../pages/clusterPanel';
import { useEditor } from '../session';

const AKS_GPU = ['ML Platform Dev', 'aks-gpu-dev'];
const ARC_ONPREM = ['ML Platform Prod', 'arc-onprem-01'];
const AKS_LOCAL_OFF = ['ML Platform Dev', 'aks-local-off'];

const THEMES = ['Default Light Modern', 'Default Dark Modern', 'Default High Contrast'];

for (const theme of THEMES) {
    describe(`accessibility of the cluster panel: ${theme}`, () => {
        const session = useEditor({ colorTheme: theme });

        it('an AKS cluster, an Arc cluster with prerequisites, and a failing pod: no violations', async () => {
            const wb = session.workbench;
            await openClusters(wb, ['ML Platform Dev', 'ML Platform Prod']);
            await openCluster(wb, AKS_GPU);
            await expectNoViolations(wb, `aks-gpu-dev (${theme})`);
            const arc = await openCluster(wb, ARC_ONPREM);
            await arc.locator('#prerequisites tr[data-role="Reader"]').waitFor();
            await expectNoViolations(wb, `arc-onprem-01 (${theme})`);
            const failing = await openCluster(wb, AKS_LOCAL_OFF);
            await failing.locator('#health button', { hasText: 'Check Pods' }).click();
            await failing.locator('#health tr[data-healthy="false"]').waitFor({ timeout: 60_000 });
            await expectNoViolations(wb, `aks-local-off with a failing pod (${theme})`);
            await wb.screenshot(`cluster-panel-${theme.replace(/\W+/g, '-')}`);
        });
    });
}
