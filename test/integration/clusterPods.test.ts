/**
 * The AzureML extension's pods and events through AKS run-command (@azure/arm-containerservice
 * managedClusters.beginRunCommandAndWait): kubectl's PodList/EventList JSON, describe and logs; healthy pods on
 * aks-gpu-dev, a CrashLoopBackOff pod on aks-local-off; installing the extension brings its pods, uninstalling
 * takes them away.
 */

import * as assert from 'assert';
import type { RunningEmulator } from '../emulator';
import { clients, startTestEmulator } from './helpers';

interface PodList {
    kind: string;
    items: {
        metadata: { name: string; namespace: string; labels: Record<string, string> };
        status: {
            phase: string;
            conditions: { type: string; status: string }[];
            containerStatuses?: {
                ready: boolean;
                restartCount: number;
                state: { waiting?: { reason: string; message: string } };
            }[];
        };
    }[];
}

interface EventList {
    kind: string;
    items: {
        type: string;
        reason: string;
        message: string;
        count: number;
        involvedObject: { kind: string; name: string };
    }[];
}

const ready = (p: PodList['items'][number]) => p.status.conditions.find((c) => c.type === 'Ready')?.status === 'True';

describe('AzureML extension pods through AKS run-command', () => {
    let em: RunningEmulator;
    before(async () => {
        em = await startTestEmulator({ provisioningDelayMs: 100, runCommandDelayMs: 0, retryAfterSeconds: 0 });
        em.admin.setFaults({});
    });
    after(async () => em.stop());
    afterEach(() => em.admin.reset());

    const run = async (cluster: string, command: string) => {
        const result = await clients(em).aks.managedClusters.beginRunCommandAndWait(
            'rg-aks-dev',
            cluster,
            { command },
            { updateIntervalInMs: 20 },
        );
        return { exitCode: result.exitCode, logs: result.logs ?? '' };
    };
    const pods = async (cluster: string) =>
        JSON.parse((await run(cluster, 'kubectl get pods -n azureml -o json')).logs) as PodList;

    it('aks-gpu-dev: every AzureML pod Running and Ready, as a kubectl List', async () => {
        const list = await pods('aks-gpu-dev');
        assert.strictEqual(list.kind, 'List');
        const apps = new Set(list.items.map((p) => p.metadata.labels.app));
        for (const app of ['aml-operator', 'volcano-scheduler', 'azureml-fe-v2', 'amlarc-identity-controller']) {
            assert.ok(apps.has(app), app);
        }
        assert.ok(
            list.items.every((p) => p.metadata.namespace === 'azureml' && p.status.phase === 'Running' && ready(p)),
        );
        const table = await run('aks-gpu-dev', 'kubectl get pods -n azureml');
        assert.match(table.logs, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/);
        assert.match(table.logs, /aml-operator-[a-z0-9]{10}-[a-z0-9]{5}\s+1\/1\s+Running\s+0\s+\d+d/);
        const events = JSON.parse(
            (await run('aks-gpu-dev', 'kubectl get events -n azureml -o json')).logs,
        ) as EventList;
        assert.deepStrictEqual([events.kind, events.items], ['List', []], 'old healthy pods have no events left');
    });

    it('aks-local-off: one pod in CrashLoopBackOff, not Ready, with its events, description and logs', async () => {
        const list = await pods('aks-local-off');
        const failing = list.items.filter((p) => !ready(p));
        assert.strictEqual(failing.length, 1);
        const [bad] = failing;
        const name = bad.metadata.name;
        assert.match(name, /^aml-operator-/);
        const status = bad.status.containerStatuses?.[0];
        assert.strictEqual(status?.state.waiting?.reason, 'CrashLoopBackOff');
        assert.ok(status?.state.waiting?.message.includes(`pod=${name}_azureml(`));
        assert.strictEqual(status?.restartCount, 42);

        const events = JSON.parse(
            (
                await run(
                    'aks-local-off',
                    `kubectl get events -n azureml --field-selector involvedObject.name=${name} -o json`,
                )
            ).logs,
        ) as EventList;
        assert.deepStrictEqual(
            events.items.map((e) => [e.type, e.reason, e.involvedObject.kind, e.involvedObject.name]),
            [
                ['Warning', 'Unhealthy', 'Pod', name],
                ['Warning', 'BackOff', 'Pod', name],
            ],
        );
        assert.match(events.items[1].message, /^Back-off restarting failed container aml-operator in pod /);
        const other = JSON.parse(
            (
                await run(
                    'aks-local-off',
                    'kubectl get events -n azureml --field-selector involvedObject.name=nope -o json',
                )
            ).logs,
        ) as EventList;
        assert.deepStrictEqual(other.items, []);

        const described = await run('aks-local-off', `kubectl describe pod ${name} -n azureml`);
        assert.strictEqual(described.exitCode, 0);
        assert.match(described.logs, /State:\s+Waiting\n\s+Reason:\s+CrashLoopBackOff/);
        assert.match(described.logs, /Last State:\s+Terminated\n\s+Reason:\s+Error\n\s+Exit Code:\s+1/);
        assert.match(described.logs, /Restart Count:\s+42/);
        assert.match(described.logs, /Warning\s+BackOff/);

        const logs = await run('aks-local-off', `kubectl logs ${name} -n azureml --tail=2`);
        assert.deepStrictEqual(logs.logs.trim().split('\n').length, 2);
        assert.match(logs.logs, /FATAL aml-operator exiting with code 1\n$/);
        assert.strictEqual((await run('aks-local-off', 'kubectl logs nope -n azureml')).exitCode, 1);
        assert.strictEqual((await run('aks-local-off', 'kubectl describe pod nope -n azureml')).exitCode, 1);
    });

    it('installing the extension brings healthy pods once it has settled; uninstalling takes them away', async () => {
        assert.strictEqual(
            (await run('aks-cpu-noext', 'kubectl get pods -n azureml')).logs,
            'No resources found in azureml namespace.\n',
        );
        const ext = clients(em).extensions.extensions;
        const target = [
            'rg-aks-dev',
            'Microsoft.ContainerService',
            'managedClusters',
            'aks-cpu-noext',
            'azureml',
        ] as const;
        const poller = await ext.beginCreate(
            ...target,
            {
                extensionType: 'Microsoft.AzureML.Kubernetes',
                scope: { cluster: { releaseNamespace: 'azureml' } },
                configurationSettings: { enableTraining: 'True' },
            },
            { updateIntervalInMs: 20 },
        );
        const creating = await pods('aks-cpu-noext');
        assert.ok(creating.items.length >= 5, 'the release is being created');
        assert.ok(
            creating.items.every(
                (p) =>
                    p.status.phase === 'Pending' &&
                    p.status.containerStatuses?.[0]?.state.waiting?.reason === 'ContainerCreating',
            ),
        );
        await poller.pollUntilDone();
        const installed = await pods('aks-cpu-noext');
        assert.ok(installed.items.length >= 5 && installed.items.every(ready));
        assert.ok(
            !installed.items.some((p) => p.metadata.labels.app === 'azureml-fe-v2'),
            'no inference router without inference',
        );
        const events = JSON.parse(
            (await run('aks-cpu-noext', 'kubectl get events -n azureml -o json')).logs,
        ) as EventList;
        assert.ok(events.items.some((e) => e.reason === 'Scheduled') && events.items.every((e) => e.type === 'Normal'));
        assert.match((await run('aks-cpu-noext', 'kubectl get ns azureml')).logs, /azureml\s+Active/);

        await ext.beginDeleteAndWait(...target, { updateIntervalInMs: 20 });
        assert.deepStrictEqual((await pods('aks-cpu-noext')).items, []);
    });

    it('a failed install leaves no pods but its health check report, as the error tells the user to read it', async () => {
        const ext = clients(em).extensions.extensions;
        const target = [
            'rg-aks-dev',
            'Microsoft.ContainerService',
            'managedClusters',
            'aks-cpu-noext',
            'azureml',
        ] as const;
        const poller = await ext.beginCreate(
            ...target,
            { extensionType: 'Microsoft.AzureML.Kubernetes', configurationSettings: { enableInference: 'True' } },
            { updateIntervalInMs: 20 },
        );
        await assert.rejects(poller.pollUntilDone(), /kubectl describe configmap -n azureml arcml-healthcheck/);
        assert.deepStrictEqual((await pods('aks-cpu-noext')).items, []);
        const described = await run('aks-cpu-noext', 'kubectl describe configmap -n azureml arcml-healthcheck');
        assert.strictEqual(described.exitCode, 0);
        assert.match(described.logs, /reports-pre-install:\n----\n/);
        assert.match(described.logs, /Status: Failed Name: helmchart ErrorMessage: inferenceRouterServiceType must be/);
        assert.match(described.logs, /Status: Passed Name: clusterresource/);
        const json = JSON.parse(
            (await run('aks-cpu-noext', 'kubectl get configmap arcml-healthcheck -n azureml -o json')).logs,
        ) as {
            kind: string;
            data: Record<string, string>;
        };
        assert.deepStrictEqual([json.kind, Object.keys(json.data)], ['ConfigMap', ['reports-pre-install']]);
        const healthy = await run('aks-gpu-dev', 'kubectl describe configmap arcml-healthcheck -n azureml');
        assert.doesNotMatch(healthy.logs, /Status: Failed/);
        assert.strictEqual((await run('aks-gpu-dev', 'kubectl get cm nope -n azureml')).exitCode, 1);
    });

    it('a pod issue set through the admin API shows at once, and clears again', async () => {
        const gpu = em.admin.state().resources as { id: string; name: string }[];
        const clusterId = gpu.find((r) => r.name === 'aks-gpu-dev')!.id;
        em.admin.setPodIssues(clusterId, [
            { component: 'azureml-fe-v2', reason: 'Pending', message: '0/4 nodes are available: 4 Insufficient cpu.' },
        ]);
        const pending = (await pods('aks-gpu-dev')).items.filter((p) => !ready(p));
        assert.deepStrictEqual(
            pending.map((p) => [p.metadata.labels.app, p.status.phase]),
            [['azureml-fe-v2', 'Pending']],
        );
        const events = JSON.parse(
            (await run('aks-gpu-dev', 'kubectl get events -n azureml -o json')).logs,
        ) as EventList;
        assert.deepStrictEqual(
            events.items.map((e) => [e.reason, e.message]),
            [['FailedScheduling', '0/4 nodes are available: 4 Insufficient cpu.']],
        );
        em.admin.setPodIssues(clusterId, []);
        assert.ok((await pods('aks-gpu-dev')).items.every(ready));
    });
});
