import * as assert from 'assert';
import { recordingJobs as recordingJobsOf } from './support/recordingJobs';
import { ext } from '../../src/extensionVariables';
import {
    toExtensionTypes,
    validateToExtensionMessage,
    type HandlersOf,
    type ToExtension,
    type ToExtensionHandlers,
    type ToExtensionOf,
    type ToExtensionType,
} from '../../src/webview/computePanel/contract';
import { panelHandlers, receiveMessage, type PanelJobs } from '../../src/webview/computePanel/panelMessages';

const noFailure = (error: unknown) => assert.fail(`no handler should have failed: ${String(error)}`);

function recordingJobs(calls: string[]): PanelJobs {
    return recordingJobsOf<PanelJobs>(calls, ['panel', 'roles', 'actions', 'instanceTypes']);
}

// ---- what the compiler checks (these lines are part of `npm run compile`) ----------------------------------------
// Each `@ts-expect-error` fails the compile if the line below it ever compiles: the handler table must have exactly
// one handler for each kind of message of the contract.

const handlers = panelHandlers(recordingJobs([]));

const withoutClose: Omit<ToExtensionHandlers, 'close'> = handlers;
// @ts-expect-error a table without the `close` handler is not a handler table
const lacksOne: ToExtensionHandlers = withoutClose;

// @ts-expect-error a kind added to the page's messages (here `newKind`) has no handler until one is written
const lacksNewKind: HandlersOf<ToExtension | { readonly type: 'newKind' }, void | Promise<void>> = handlers;

const handlesUnknown: ToExtensionHandlers = {
    ...handlers,
    // @ts-expect-error no handler for a kind the contract does not have
    bogus: () => undefined,
};

const handlesTwice: ToExtensionHandlers = {
    ...withoutClose,
    close: () => undefined,
    // @ts-expect-error no kind is handled twice
    close: () => undefined,
};

const wrongMessage: ToExtensionHandlers = {
    ...handlers,
    // @ts-expect-error each handler is given the messages of its own kind only
    assign: (message: ToExtensionOf<'copy'>) => void message.kind,
};

void [lacksOne, lacksNewKind, handlesUnknown, handlesTwice, wrongMessage];

// ---- what the tests check at run time -----------------------------------------------------------------------------

const draft = {
    name: 'gpu-small',
    nodeSelector: { accelerator: 'nvidia' },
    requests: { cpu: '1', memory: '4Gi' },
    limits: { cpu: '2', memory: '8Gi', gpu: '1' },
};

/** One or more valid messages of each kind, and what each must lead to (compiled to cover every kind). */
const samples: { readonly [K in ToExtensionType]: readonly (readonly [ToExtensionOf<K>, string])[] } = {
    ready: [[{ type: 'ready' }, 'panel.pageReady()']],
    refresh: [[{ type: 'refresh' }, 'panel.refresh()']],
    assign: [[{ type: 'assign', rowId: 'r1' }, 'roles.assign("r1")']],
    copyAzCommand: [[{ type: 'copyAzCommand', rowId: 'r2' }, 'roles.copyAzCommand("r2")']],
    addResource: [[{ type: 'addResource' }, 'roles.addResource()']],
    removeResource: [[{ type: 'removeResource', rowId: 'r3' }, 'roles.removeResource("r3")']],
    copy: [[{ type: 'copy', kind: 'principalId' }, 'actions.copy("principalId")']],
    openInPortal: [
        [{ type: 'openInPortal', rowId: 'r4' }, 'actions.openInPortal({"rowId":"r4"})'],
        [{ type: 'openInPortal', target: 'cluster' }, 'actions.openInPortal({"target":"cluster"})'],
    ],
    runCommand: [[{ type: 'runCommand', command: 'detach' }, 'actions.runCommand("detach")']],
    installExtension: [[{ type: 'installExtension' }, 'actions.installExtension()']],
    openTroubleshooting: [[{ type: 'openTroubleshooting' }, 'actions.openTroubleshooting()']],
    close: [[{ type: 'close' }, 'actions.close()']],
    checkInstanceTypes: [[{ type: 'checkInstanceTypes' }, 'instanceTypes.check()']],
    applyInstanceType: [[{ type: 'applyInstanceType', draft }, `instanceTypes.apply(${JSON.stringify(draft)})`]],
    setDefaultInstanceType: [
        [{ type: 'setDefaultInstanceType', name: 'gpu-small' }, 'instanceTypes.setDefault("gpu-small")'],
    ],
    copyInstanceType: [
        [
            { type: 'copyInstanceType', draft, what: 'command' },
            `instanceTypes.copy(${JSON.stringify(draft)}, "command")`,
        ],
    ],
};

describe('compute panel message handlers', () => {
    let warnings: string[];
    const outputChannel = ext.outputChannel;

    beforeEach(() => {
        warnings = [];
        ext.outputChannel = { warn: (text: string) => warnings.push(text) } as unknown as typeof ext.outputChannel;
    });

    afterEach(() => {
        ext.outputChannel = outputChannel;
    });

    it('has one handler for every kind of message the validator accepts, and none other', () => {
        const table = panelHandlers(recordingJobs([]));
        assert.deepStrictEqual(Object.keys(table).sort(), [...toExtensionTypes].sort());
        for (const type of toExtensionTypes) {
            assert.strictEqual(typeof table[type], 'function', type);
        }
        assert.deepStrictEqual(Object.keys(samples).sort(), [...toExtensionTypes].sort(), 'a sample of each kind');
    });

    it('gives each valid message to its kind’s handler, which hands its fields to the job that owns it', async () => {
        for (const [message, expected] of Object.values(samples).flat()) {
            assert.ok(validateToExtensionMessage(message), `${JSON.stringify(message)} is valid`);
            const calls: string[] = [];
            const failures: unknown[] = [];
            await receiveMessage(message, panelHandlers(recordingJobs(calls)), (e) => failures.push(e));
            assert.deepStrictEqual(calls, [expected], JSON.stringify(message));
            assert.deepStrictEqual(failures, []);
        }
        assert.deepStrictEqual(warnings, []);
    });

    it('drops and logs a forged or malformed message: no handler runs', async () => {
        const forged: unknown[] = [
            null,
            'close',
            [{ type: 'close' }],
            { type: 'unknown' },
            { type: 'toString' },
            { type: 'constructor' },
            { type: '__proto__' },
            { type: 'hasOwnProperty' },
            JSON.parse('{"type":"refresh","__proto__":{"canAssign":true}}'),
            { type: 'assign', rowId: 'r1', roleId: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635' },
            { type: 'runCommand', command: 'workbench.action.terminal.new' },
            { type: 'openInPortal', target: 'https://evil.example' },
            { type: 'applyInstanceType', draft: { ...draft, spec: { privileged: true } } },
            { type: 'applyInstanceType', draft: { ...draft, limits: { ...draft.limits, cpu: 2 } } },
            { type: 'applyInstanceType', draft: { ...draft, nodeSelector: { a: { $ne: 1 } } } },
            { type: 'copyInstanceType', draft, what: 'shell' },
            { type: 'setDefaultInstanceType', name: '' },
        ];
        for (const message of forged) {
            const calls: string[] = [];
            await receiveMessage(message, panelHandlers(recordingJobs(calls)), noFailure);
            assert.deepStrictEqual(calls, [], JSON.stringify(message));
        }
        assert.strictEqual(warnings.length, forged.length);
        for (const warning of warnings) {
            assert.match(warning, /^Compute panel: dropped an unexpected message: /);
        }
        assert.ok(warnings.includes('Compute panel: dropped an unexpected message: {"type":"toString"}'));
    });

    it('logs at most 300 characters of a dropped message', async () => {
        await receiveMessage({ type: 'x'.repeat(1000) }, handlers, noFailure);
        assert.strictEqual(warnings.length, 1);
        assert.strictEqual(warnings[0]?.length, 'Compute panel: dropped an unexpected message: '.length + 300);
    });

    it('hands a failing handler’s error to the panel', async () => {
        const boom = new Error('boom');
        const failing: ToExtensionHandlers = { ...handlers, refresh: () => Promise.reject(boom) };
        const failures: unknown[] = [];
        await receiveMessage({ type: 'refresh' }, failing, (e) => failures.push(e));
        assert.deepStrictEqual(failures, [boom]);
    });
});
