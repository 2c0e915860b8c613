/** The AzureML extension's pods and events as kubectl prints them (src/domain/podHealth.ts). */
import * as assert from 'assert';
import { diagnosticCommands, podHealth } from '../../src/domain/podHealth';

function pod(name: string, status: Record<string, unknown>) {
    return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'azureml' }, status };
}

const ready = { type: 'Ready', status: 'True' };
const list = (items: unknown[]) => JSON.stringify({ apiVersion: 'v1', kind: 'List', items });

const pods = list([
    pod('aml-operator-7d9f', {
        phase: 'Running',
        conditions: [ready],
        containerStatuses: [{ name: 'op', ready: true, restartCount: 0, state: { running: {} } }],
    }),
    pod('relayserver-5b6c', {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady' }],
        containerStatuses: [
            {
                name: 'relay',
                ready: false,
                restartCount: 7,
                state: {
                    waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container' },
                },
            },
            { name: 'sidecar', ready: true, restartCount: 1, state: { running: {} } },
        ],
    }),
    pod('volcano-scheduler-1', {
        phase: 'Pending',
        conditions: [
            {
                type: 'PodScheduled',
                status: 'False',
                reason: 'Unschedulable',
                message: '0/1 nodes are available: 1 Insufficient cpu.',
            },
        ],
    }),
    pod('prom-init-job', {
        phase: 'Succeeded',
        conditions: [{ type: 'Ready', status: 'False', reason: 'PodCompleted' }],
    }),
    pod('gateway-oom', {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'False' }],
        containerStatuses: [
            {
                name: 'gw',
                ready: false,
                restartCount: 2,
                state: { terminated: { reason: 'OOMKilled', exitCode: 137 } },
            },
        ],
    }),
]);

const events = list([
    {
        involvedObject: { kind: 'Pod', name: 'relayserver-5b6c' },
        type: 'Warning',
        reason: 'BackOff',
        message: 'Back-off restarting failed container relay',
        lastTimestamp: '2025-01-15T10:05:00Z',
        count: 12,
    },
    {
        involvedObject: { kind: 'Pod', name: 'relayserver-5b6c' },
        type: 'Normal',
        reason: 'Pulled',
        message: 'Container image already present',
        lastTimestamp: '2025-01-15T10:00:00Z',
    },
    {
        involvedObject: { kind: 'Pod', name: 'aml-operator-7d9f' },
        type: 'Normal',
        reason: 'Started',
        message: 'Started container op',
        lastTimestamp: '2025-01-15T09:00:00Z',
    },
    { involvedObject: { kind: 'ReplicaSet', name: 'relayserver-5b6c' }, type: 'Normal', reason: 'x', message: 'y' },
]);

describe('pod health from kubectl JSON', () => {
    const health = podHealth(pods, events);
    const byName = new Map(health.map((p) => [p.name, p]));

    it('lists the pods that are not ready first, then the healthy ones', () => {
        assert.deepStrictEqual(
            health.map((p) => [p.name, p.healthy]),
            [
                ['gateway-oom', false],
                ['relayserver-5b6c', false],
                ['volcano-scheduler-1', false],
                ['aml-operator-7d9f', true],
                ['prom-init-job', true],
            ],
        );
    });

    it("gives each pod that is not ready the reason Kubernetes gives: the container's, scheduling's", () => {
        assert.strictEqual(byName.get('relayserver-5b6c')?.reason, 'CrashLoopBackOff');
        assert.match(byName.get('relayserver-5b6c')?.message ?? '', /back-off/);
        assert.strictEqual(byName.get('volcano-scheduler-1')?.reason, 'Unschedulable');
        assert.match(byName.get('volcano-scheduler-1')?.message ?? '', /Insufficient cpu/);
        assert.strictEqual(byName.get('gateway-oom')?.reason, 'OOMKilled (exit code 137)');
    });

    it('counts ready containers and restarts', () => {
        assert.strictEqual(byName.get('relayserver-5b6c')?.readyContainers, '1/2');
        assert.strictEqual(byName.get('relayserver-5b6c')?.restarts, 8);
    });

    it("shows a not-ready pod's last events, the newest first, and none for healthy pods", () => {
        const last = byName.get('relayserver-5b6c')?.lastEvents ?? [];
        assert.deepStrictEqual(
            last.map((e) => [e.reason, e.count]),
            [
                ['BackOff', 12],
                ['Pulled', 1],
            ],
        );
        assert.deepStrictEqual(byName.get('aml-operator-7d9f')?.lastEvents, []);
        assert.ok(!byName.get('prom-init-job')?.reason, 'a completed job is healthy');
    });

    it('still reads the pods without events, and says what kubectl printed when it is not JSON', () => {
        assert.strictEqual(podHealth(pods).length, 5);
        assert.throws(() => podHealth('error: You must be logged in to the server (Unauthorized)'), /Unauthorized/);
        assert.throws(() => podHealth('{"kind":"Pod"}'), /no list of pods/);
    });
});

describe('diagnostic commands', () => {
    it('reads pods and events, then describes and tails the logs of each unhealthy pod', () => {
        assert.deepStrictEqual(diagnosticCommands(['relayserver-5b6c'], 'azureml'), [
            'kubectl get pods -n azureml -o wide',
            'kubectl get events -n azureml --sort-by=.lastTimestamp',
            'kubectl describe pod relayserver-5b6c -n azureml',
            'kubectl logs relayserver-5b6c -n azureml --all-containers --tail=200',
        ]);
    });

    it('puts only Kubernetes names into a command', () => {
        const commands = diagnosticCommands(['ok-pod', 'x; rm -rf /', '$(whoami)', 'UPPER']);
        assert.ok(commands.some((c) => c.includes('ok-pod')));
        assert.ok(!commands.some((c) => /rm -rf|whoami|UPPER/.test(c)), commands.join('\n'));
    });
});
