/** The cluster panel's contract, handler table and sections (src/webview/clusterPanel). */
import * as assert from 'assert';
import { recordingJobs as recordingJobsOf } from './support/recordingJobs';
import { formatOnly } from '../../src/azure/errors';
import { ext } from '../../src/extensionVariables';
import type { ClusterInfo, ComputeInfo } from '../../src/domain/models';
import { computeRows, limitNotes } from '../../src/webview/clusterPanel/clusterSections';
import {
    toExtensionTypes,
    validateToExtensionMessage,
    type ToExtension,
    type ToExtensionHandlers,
    type ToExtensionType,
} from '../../src/webview/clusterPanel/contract';
import { panelHandlers, receiveMessage, type PanelJobs } from '../../src/webview/clusterPanel/panelMessages';
import { defaultWorld } from '../emulator/defaultWorld';

function recordingJobs(calls: string[]): PanelJobs {
    return recordingJobsOf<PanelJobs>(calls, ['panel', 'actions']);
}

const samples: { readonly [K in ToExtensionType]: readonly [Extract<ToExtension, { type: K }>, string] } = {
    ready: [{ type: 'ready' }, 'panel.pageReady()'],
    refresh: [{ type: 'refresh' }, 'panel.refresh()'],
    checkHealth: [{ type: 'checkHealth' }, 'panel.checkHealth()'],
    collectDiagnostics: [{ type: 'collectDiagnostics' }, 'actions.collectDiagnostics()'],
    openInPortal: [{ type: 'openInPortal' }, 'actions.openInPortal()'],
    extensionCommand: [{ type: 'extensionCommand', command: 'uninstall' }, 'actions.runExtensionCommand("uninstall")'],
    openCompute: [{ type: 'openCompute', computeId: '/c/1' }, 'actions.openCompute("/c/1")'],
    copyAzCommand: [{ type: 'copyAzCommand', rowId: 'w|r' }, 'actions.copyAzCommand("w|r")'],
    assign: [{ type: 'assign', rowId: 'w|r' }, 'panel.assign("w|r")'],
    copy: [{ type: 'copy', what: 'healthCommands' }, 'actions.copy("healthCommands")'],
};

const noFailure = (error: unknown) => assert.fail(`no handler should have failed: ${String(error)}`);

describe('cluster panel contract', () => {
    const outputChannel = ext.outputChannel;
    const warnings: string[] = [];
    beforeEach(() => {
        warnings.length = 0;
        ext.outputChannel = { warn: (text: string) => warnings.push(text) } as unknown as typeof ext.outputChannel;
    });
    afterEach(() => {
        ext.outputChannel = outputChannel;
    });

    it('gives each valid message to the one handler of its kind', async () => {
        const calls: string[] = [];
        const handlers: ToExtensionHandlers = panelHandlers(recordingJobs(calls));
        for (const [message, expected] of Object.values(samples)) {
            calls.length = 0;
            await receiveMessage(JSON.parse(JSON.stringify(message)), handlers, noFailure);
            assert.deepStrictEqual(calls, [expected]);
        }
        assert.deepStrictEqual([...toExtensionTypes].sort(), Object.keys(samples).sort());
    });

    it('drops anything else, and no handler runs for it', async () => {
        const invalid: unknown[] = [
            null,
            'ready',
            { type: 'toString' },
            { type: 'refresh', extra: 1 },
            { type: 'extensionCommand', command: 'delete' },
            { type: 'extensionCommand' },
            { type: 'openCompute', computeId: '' },
            { type: 'openCompute', computeId: 'x'.repeat(2001) },
            { type: 'copy', what: 'connectionString' },
            { type: 'copyAzCommand', rowId: 3 },
            { type: 'assign', rowId: 'w|r', roleId: defaultWorld.roles.owner.id },
            { type: 'openInPortal', url: 'https://evil.example' },
            { type: 'collectDiagnostics', path: '/etc/passwd' },
        ];
        const calls: string[] = [];
        const handlers = panelHandlers(recordingJobs(calls));
        for (const message of invalid) {
            assert.strictEqual(validateToExtensionMessage(message), undefined, JSON.stringify(message));
            await receiveMessage(message, handlers, noFailure);
        }
        assert.deepStrictEqual(calls, []);
        assert.strictEqual(warnings.length, invalid.length, 'each dropped message is logged');
        assert.match(warnings[0], /^Cluster panel: dropped/);
    });
});

const dev = defaultWorld.subscriptions.dev;

function cluster(overrides: Partial<ClusterInfo>): ClusterInfo {
    return {
        id: `/subscriptions/${dev.id}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c1`,
        name: 'c1',
        kind: 'aks',
        subscriptionId: dev.id,
        resourceGroup: 'rg',
        location: 'eastus',
        azureMlExtension: { status: 'installed', name: 'azureml' },
        ...overrides,
    };
}

const wsA = {
    id: `/subscriptions/${dev.id}/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/a`,
    name: 'a',
};
const wsB = {
    id: `/subscriptions/${dev.id}/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/b`,
    name: 'b',
    privateEndpoint: true,
};

describe('cluster panel sections', () => {
    it('names the documented limits that stop an AKS cluster using a service principal', () => {
        const notes = limitNotes(cluster({ aksIdentity: 'servicePrincipal' }), [wsA], {}, 'AzureCloud', formatOnly);
        assert.deepStrictEqual(
            notes.map((n) => [n.id, n.level]),
            [
                ['aksServicePrincipal', 'warning'],
                ['aksSameSubscription', 'info'],
            ],
        );
    });

    it('says, per attaching workspace, whether its Trusted Access binding exists when local accounts are disabled', () => {
        const binding = {
            id: 'b1',
            name: 'aml-a',
            sourceResourceId: wsA.id,
            roles: ['Microsoft.MachineLearningServices/workspaces/mlworkload'],
            provisioningState: 'Succeeded',
        };
        const notes = limitNotes(
            cluster({ localAccountsDisabled: true }),
            [wsA, wsB],
            { bindings: [binding] },
            'AzureCloud',
            formatOnly,
        );
        const byId = new Map(notes.map((n) => [n.id, n]));
        assert.strictEqual(byId.get(`trustedAccess:${wsA.id.toLowerCase()}`)?.level, 'ok');
        assert.match(byId.get(`trustedAccess:${wsA.id.toLowerCase()}`)?.text ?? '', /aml-a/);
        assert.strictEqual(byId.get(`trustedAccess:${wsB.id.toLowerCase()}`)?.level, 'warning');
        assert.ok(byId.has(`privateEndpoint:${wsB.id.toLowerCase()}`), 'the private endpoint rule for b');
        assert.strictEqual(byId.get('trustedAccessRule')?.level, 'info');
        const none = limitNotes(
            cluster({ localAccountsDisabled: true }),
            [],
            { bindings: [] },
            'AzureCloud',
            formatOnly,
        );
        assert.ok(
            none.some((n) => n.id === 'trustedAccessRule'),
            'the rule is said with no workspace attaching yet',
        );
    });

    it('says Trusted Access is not offered in US Government, and that the bindings could not be read', () => {
        const gov = limitNotes(cluster({ localAccountsDisabled: true }), [wsA], {}, 'AzureUSGovernment', formatOnly);
        assert.ok(gov.some((n) => n.id === 'trustedAccessUnavailable'));
        assert.ok(!gov.some((n) => n.id.startsWith('trustedAccess:')));
        const unread = limitNotes(
            cluster({ localAccountsDisabled: true }),
            [wsA],
            { reason: 'Forbidden' },
            'AzureCloud',
            formatOnly,
        );
        assert.match(unread.find((n) => n.id === 'trustedAccessUnknown')?.text ?? '', /Forbidden/);
    });

    it('has no AKS rules for an Arc cluster', () => {
        const arc = cluster({ kind: 'arc', aksIdentity: 'servicePrincipal', localAccountsDisabled: true });
        assert.deepStrictEqual(limitNotes(arc, [wsA], {}, 'AzureCloud', formatOnly), []);
    });

    it('lists the attaching computes by workspace, with namespace, identity and subscription name', () => {
        const compute = (name: string, workspaceName: string, identity: ComputeInfo['identity']): ComputeInfo => ({
            id: `/subscriptions/${dev.id}/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/${workspaceName}/computes/${name}`,
            name,
            workspaceId: '',
            workspaceName,
            subscriptionId: dev.id,
            resourceGroup: 'rg',
            provisioningState: 'Succeeded',
            provisioningErrors: [],
            identity,
        });
        const uai = `/subscriptions/${dev.id}/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-train`;
        const rows = computeRows(
            [
                { ...compute('k2', 'b', { type: 'UserAssigned', userAssigned: [{ id: uai }] }), namespace: 'team-b' },
                compute('k1', 'a', { type: 'None', userAssigned: [] }),
            ],
            [{ subscriptionId: dev.id, name: 'Dev', tenantId: dev.tenantId }],
            formatOnly,
        );
        assert.deepStrictEqual(
            rows.map((r) => [r.workspaceName, r.name, r.namespace, r.identity, r.subscriptionName]),
            [
                ['a', 'k1', 'default', 'None', 'Dev'],
                ['b', 'k2', 'team-b', 'User-assigned: id-train', 'Dev'],
            ],
        );
    });
});
