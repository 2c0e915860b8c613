import * as assert from 'assert';
import { validateToExtensionMessage } from '../../src/webview/computePanel/contract';
import { defaultWorld } from '../emulator/defaultWorld';

describe('compute panel message contract', () => {
    it('accepts every message the page sends, returning only the known fields', () => {
        const valid: unknown[] = [
            { type: 'ready' },
            { type: 'refresh' },
            { type: 'addResource' },
            { type: 'copy', kind: 'displayName' },
            { type: 'copy', kind: 'azAttachCommand' },
            { type: 'assign', rowId: 'training|7f951dda|/subscriptions/x' },
            { type: 'copyAzCommand', rowId: 'r1' },
            { type: 'removeResource', rowId: 'r1' },
            { type: 'openInPortal', rowId: 'r1' },
            { type: 'openInPortal', target: 'cluster' },
            { type: 'openInPortal', target: 'compute' },
            { type: 'runCommand', command: 'editIdentity' },
            { type: 'runCommand', command: 'detach' },
            { type: 'runCommand', command: 'openInStudio' },
            { type: 'installExtension' },
            { type: 'openTroubleshooting' },
            { type: 'close' },
        ];
        for (const message of valid) {
            assert.deepStrictEqual(validateToExtensionMessage(message), message, JSON.stringify(message));
            assert.notStrictEqual(validateToExtensionMessage(message), message, 'a fresh object');
        }
    });

    it('drops anything else: not an object, unknown type, missing, extra or mistyped fields', () => {
        const invalid: unknown[] = [
            undefined,
            null,
            'refresh',
            42,
            [],
            [{ type: 'refresh' }],
            {},
            { type: 'unknown' },
            { type: 'Refresh' },
            // Names every object has are no kinds of message.
            { type: 'toString' },
            { type: 'constructor' },
            { type: '__proto__' },
            { type: 'hasOwnProperty' },
            { type: 'refresh', extra: true },
            { type: 'copy' },
            { type: 'copy', kind: 'connectionString' },
            { type: 'copy', kind: 'displayName', text: 'injected' },
            { type: 'assign' },
            { type: 'assign', rowId: '' },
            { type: 'assign', rowId: 7 },
            { type: 'assign', rowId: { id: 'r' } },
            { type: 'assign', rowId: 'x'.repeat(2001) },
            { type: 'assign', rowId: 'r1', roleId: defaultWorld.roles.owner.id },
            { type: 'openInPortal' },
            { type: 'openInPortal', target: 'https://evil.example' },
            { type: 'openInPortal', rowId: 'r1', target: 'cluster' },
            { type: 'copyAzCommand', rowId: null },
            { type: 'addResource', id: '/subscriptions/x' },
            // The compute's commands: only those three, by name, with nothing to pass along.
            { type: 'runCommand' },
            { type: 'runCommand', command: 'azuremlK8s.detachCompute' },
            { type: 'runCommand', command: 'workbench.action.terminal.new' },
            { type: 'runCommand', command: 'Detach' },
            { type: 'runCommand', command: ['detach'] },
            { type: 'runCommand', command: 'detach', args: ['/subscriptions/x/computes/other'] },
            { type: 'runCommand', command: 'editIdentity', computeId: '/subscriptions/x' },
            // The install and the guide: the extension knows the compute's cluster and the guide's address.
            { type: 'installExtension', clusterId: '/subscriptions/x/managedClusters/other' },
            { type: 'installExtension', command: 'rm -rf ~' },
            { type: 'copyExtensionCommand' },
            { type: 'openTroubleshooting', url: 'https://evil.example' },
            { type: 'close', panel: 'other' },
            { type: 'Close' },
        ];
        for (const message of invalid) {
            assert.strictEqual(validateToExtensionMessage(message), undefined, JSON.stringify(message));
        }
    });
});
