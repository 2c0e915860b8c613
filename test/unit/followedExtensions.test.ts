import * as assert from 'assert';
import type * as vscode from 'vscode';
import {
    parseFollowedExtensions,
    withFollowedExtension,
    withoutFollowedExtension,
    type FollowedExtensionRecord,
} from '../../src/domain/followedExtensions';
import {
    followedExtensionsStateKey,
    followedStateKey,
    mayHaveFollowedOperations,
} from '../../src/operations/followedState';
import { defaultWorld } from '../emulator/defaultWorld';

const SUB = defaultWorld.subscriptions.dev.id;
const AKS = defaultWorld.clusters.aksCpuNoExt.id;
const ARC = defaultWorld.clusters.arcEdgeLab.id;

const record = (clusterId = AKS, startedAt = 1000): FollowedExtensionRecord => ({
    operation: 'install',
    subscriptionId: SUB,
    clusterId,
    extensionName: 'azureml',
    offerAttach: true,
    startedAt,
});

describe('followed AzureML extension operations', () => {
    it('reads back what was stored, AKS and Arc, and drops anything malformed, inconsistent or of an older shape', () => {
        const install = record();
        const uninstall: FollowedExtensionRecord = {
            operation: 'uninstall',
            subscriptionId: SUB.toUpperCase(),
            clusterId: ARC,
            extensionName: 'azureml',
            startedAt: 2000,
        };
        // What ComputeWatcher keeps for an attach: not an extension's record.
        const WS = defaultWorld.workspaces.vision.id;
        const compute = {
            kind: 'attach',
            subscriptionId: SUB,
            workspaceId: WS,
            computeId: `${WS}/computes/k8s-a`,
            computeName: 'k8s-a',
            startedAt: 1000,
        };
        const stored: unknown = JSON.parse(
            JSON.stringify([
                install,
                uninstall,
                { ...install, operation: 'repair' },
                { ...install, startedAt: '1000' },
                { ...install, startedAt: null },
                { ...install, subscriptionId: defaultWorld.subscriptions.prod.id },
                { ...install, clusterId: `${AKS}/agentPools/nodepool1` },
                { ...install, clusterId: AKS.replace('managedClusters', 'virtualMachines') },
                { ...install, clusterId: undefined, cluster: { id: AKS } },
                { ...install, extensionName: '' },
                { ...install, extensionName: '../azureml' },
                { ...install, offerAttach: 'yes' },
                compute,
                null,
                'azureml',
            ]),
        );
        assert.deepStrictEqual(parseFollowedExtensions(stored), [install, uninstall]);
        assert.deepStrictEqual(parseFollowedExtensions(undefined), []);
        assert.deepStrictEqual(parseFollowedExtensions({ clusterId: AKS }), []);
    });

    it('keeps one operation per cluster, the newest, whatever the case of its id', () => {
        const first = record(AKS, 1000);
        const second = { ...record(AKS.toUpperCase(), 5000), operation: 'update' as const };
        const other = record(ARC);
        assert.deepStrictEqual(withFollowedExtension([first, other], second), [other, second]);
        assert.deepStrictEqual(withoutFollowedExtension([first, other], AKS.toLowerCase()), [other]);
    });

    it('activation resumes when only an extension operation is stored, and not for empty or absent lists', () => {
        const state = (values: Record<string, unknown>): vscode.Memento =>
            ({ get: (key: string) => values[key], keys: () => Object.keys(values) }) as unknown as vscode.Memento;
        assert.strictEqual(mayHaveFollowedOperations(state({ [followedExtensionsStateKey]: [record()] })), true);
        assert.strictEqual(mayHaveFollowedOperations(state({ [followedStateKey]: [{}] })), true);
        assert.strictEqual(
            mayHaveFollowedOperations(state({ [followedStateKey]: [], [followedExtensionsStateKey]: [] })),
            false,
        );
        assert.strictEqual(mayHaveFollowedOperations(state({ [followedExtensionsStateKey]: 'azureml' })), false);
        assert.strictEqual(mayHaveFollowedOperations(state({})), false);
    });
});
