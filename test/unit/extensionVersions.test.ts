/** Extension versions in the order the install wizard offers them (src/domain/extensionVersions.ts). */
import * as assert from 'assert';
import { compareVersions, isVersionText, newestFirst } from '../../src/domain/extensionVersions';

describe('extension versions', () => {
    it('puts the newest first by number, not as text, without repeats', () => {
        assert.deepStrictEqual(newestFirst(['1.1.9', '1.1.10', '1.0.37', '1.1.9', '1.2.0', '1.1.39']), [
            '1.2.0',
            '1.1.39',
            '1.1.10',
            '1.1.9',
            '1.0.37',
        ]);
    });

    it('puts a pre-release before the release of the same numbers, and after the one before', () => {
        assert.deepStrictEqual(newestFirst(['1.1.39', '1.1.40-preview', '1.1.40']), [
            '1.1.40',
            '1.1.40-preview',
            '1.1.39',
        ]);
        assert.ok(compareVersions('1.1.40-preview', '1.1.40') < 0);
        assert.strictEqual(compareVersions('1.1.5', '1.1.5'), 0);
    });

    it('takes three numbers with an optional suffix as a version to pin, and nothing else', () => {
        for (const ok of ['1.1.39', ' 1.2.0-preview ', '10.0.1-rc.1']) {
            assert.ok(isVersionText(ok), ok);
        }
        for (const bad of ['', 'latest', '1.1', '1.1.x', 'v1.1.39', '1.1.39;rm']) {
            assert.ok(!isVersionText(bad), bad);
        }
    });
});
