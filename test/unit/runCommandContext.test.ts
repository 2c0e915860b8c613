import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { crc32, runCommandContext, zipStored } from '../../src/azure/runCommandContext';

/** Python's zipfile, the module the Azure CLI writes the context with, reads what we write. */
function readWithPython(context: string): {
    names: string[];
    contents: string[];
    methods: number[];
    bad: string | null;
} {
    const script = [
        'import base64, io, json, sys, zipfile',
        'z = zipfile.ZipFile(io.BytesIO(base64.decodebytes(sys.stdin.read().encode())))',
        'print(json.dumps({"names": z.namelist(), "contents": [z.read(n).decode() for n in z.namelist()],',
        '  "methods": [i.compress_type for i in z.infolist()], "bad": z.testzip()}))',
    ].join('\n');
    return JSON.parse(execFileSync('python3', ['-c', script], { input: context, encoding: 'utf8' })) as ReturnType<
        typeof readWithPython
    >;
}

function hasPython(): boolean {
    try {
        execFileSync('python3', ['--version']);
        return true;
    } catch {
        return false;
    }
}

describe('run-command context (az aks command invoke --file)', () => {
    it('CRC-32 is the zip one (check value of "123456789")', () => {
        assert.strictEqual(crc32(Buffer.from('123456789')), 0xcbf43926);
        assert.strictEqual(crc32(Buffer.alloc(0)), 0);
    });

    it('no files: an empty context, as the CLI sends', () => assert.strictEqual(runCommandContext([]), ''));

    it('base64 in 76-character lines ending with a line break, as base64.encodebytes writes', () => {
        const context = runCommandContext([{ name: 'instancetype.yaml', content: 'x'.repeat(300) }]);
        const lines = context.split('\n');
        assert.strictEqual(lines.pop(), '');
        assert.ok(lines.slice(0, -1).every((line) => line.length === 76));
        assert.ok(lines[lines.length - 1]!.length <= 76);
        assert.strictEqual(Buffer.from(context, 'base64').readUInt32LE(0), 0x04034b50);
    });

    it('the zip holds each file stored under its name, its CRC right', function () {
        if (!hasPython()) {
            this.skip();
        }
        this.timeout(20_000);
        const yaml = 'apiVersion: amlarc.azureml.com/v1alpha1\nkind: InstanceType\nmetadata:\n  name: "gpu"\n';
        const read = readWithPython(
            runCommandContext([
                { name: 'instancetype.yaml', content: yaml },
                { name: 'notes-é.txt', content: 'ünïcode' },
            ]),
        );
        assert.deepStrictEqual(read, {
            names: ['instancetype.yaml', 'notes-é.txt'],
            contents: [yaml, 'ünïcode'],
            methods: [0, 0],
            bad: null,
        });
    });

    it('refuses a path: the CLI attaches files by their base names', () => {
        assert.throws(() => zipStored([{ name: 'dir/instancetype.yaml', content: '' }]), /not a plain file name/);
        assert.throws(() => zipStored([{ name: '', content: '' }]), /not a plain file name/);
    });
});
