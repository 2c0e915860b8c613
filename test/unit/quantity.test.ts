import * as assert from 'assert';
import { formatCpu, formatMemory, parseCpu, parseMemory, parseWholeCount } from '../../src/domain/quantity';

describe('Kubernetes quantities', () => {
    const cpu: [string, number][] = [
        ['100m', 100],
        ['2', 2000],
        ['0.5', 500],
        ['.5', 500],
        ['1.', 1000],
        ['+1', 1000],
        ['3860m', 3860],
        ['1e3', 1_000_000],
        ['1E-3', 1],
        ['2k', 2_000_000],
        ['0.5m', 1], // finer than a millicore rounds up, as MilliValue() does
        ['250000u', 250],
        ['0', 0],
    ];
    for (const [text, millicores] of cpu) {
        it(`CPU "${text}" is ${millicores}m`, () => assert.deepStrictEqual(parseCpu(text), { value: millicores }));
    }

    const memory: [string, number][] = [
        ['2Gi', 2 * 1024 ** 3],
        ['1500Mi', 1500 * 1024 ** 2],
        ['1500M', 1.5e9],
        ['12880000Ki', 13_189_120_000],
        ['0.5Gi', 512 * 1024 ** 2],
        ['129e6', 129_000_000],
        ['128974848', 128_974_848],
        ['1k', 1000],
        ['1Ei', 2 ** 60],
        ['0.1', 1],
    ];
    for (const [text, bytes] of memory) {
        it(`memory "${text}" is ${bytes} bytes`, () => assert.deepStrictEqual(parseMemory(text), { value: bytes }));
    }

    const bad: [string, RegExp][] = [
        ['', /is empty/],
        [' 1', /space/],
        ['1 Gi', /space/],
        ['2Gi ', /space/],
        ['-1', /negative/],
        ['-500m', /negative/],
        ['1GB', /unknown suffix "GB"/],
        ['1g', /unknown suffix "g"/],
        ['1K', /unknown suffix "K"/],
        ['1Kii', /unknown suffix "Kii"/],
        ['1e', /unknown suffix "e"/],
        ['1e1.5', /unknown suffix/],
        ['1.5.5', /unknown suffix/],
        ['0x10', /unknown suffix "x10"/],
        ['1,5', /unknown suffix ",5"/],
        ['Gi', /does not start with a number/],
        ['.', /does not start with a number/],
        ['abc', /does not start with a number/],
    ];
    for (const [text, reason] of bad) {
        it(`"${text}" is refused with a reason, never a number`, () => {
            const cpuReading = parseCpu(text);
            const memoryReading = parseMemory(text);
            assert.ok('problem' in cpuReading && !('value' in cpuReading), JSON.stringify(cpuReading));
            assert.match(cpuReading.problem, reason);
            assert.match(cpuReading.problem, /is not a CPU quantity/);
            assert.ok('problem' in memoryReading);
            assert.match(memoryReading.problem, /is not a memory quantity/);
        });
    }

    it('a GPU count is a whole number', () => {
        assert.deepStrictEqual(parseWholeCount('4'), { value: 4 });
        assert.deepStrictEqual(parseWholeCount('1e1'), { value: 10 });
        assert.match((parseWholeCount('1.5') as { problem: string }).problem, /whole number/);
        assert.match((parseWholeCount('500m') as { problem: string }).problem, /whole number/);
        assert.match((parseWholeCount('-1') as { problem: string }).problem, /negative/);
    });

    const formats: [string, string][] = [
        [formatCpu(3860), '3.86 CPU'],
        [formatCpu(100), '0.1 CPU'],
        [formatCpu(2000), '2 CPU'],
        [formatCpu(1), '0.001 CPU'],
        [formatMemory(13_189_120_000), '12.3 GiB'],
        [formatMemory(2 * 1024 ** 3), '2 GiB'],
        [formatMemory(1500 * 1024 ** 2), '1.5 GiB'],
        [formatMemory(100 * 1024 ** 2), '100 MiB'],
        [formatMemory(1536), '1.5 KiB'],
        [formatMemory(512), '512 B'],
    ];
    for (const [shown, expected] of formats) {
        it(`formats for people: ${expected}`, () => assert.strictEqual(shown, expected));
    }

    it('what it formats reads back to the same amount', () => {
        assert.strictEqual(formatCpu((parseCpu('1500m') as { value: number }).value), '1.5 CPU');
        assert.strictEqual(formatMemory((parseMemory('2048Mi') as { value: number }).value), '2 GiB');
    });
});
