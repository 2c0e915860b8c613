/** Where the emulator's files are, and reading a fixture (a world) from a file or an object. */

import * as fs from 'fs';
import * as path from 'path';
import type { Fixture } from './model';

/** The repository root (directory of the package.json above this file that has test/emulator beside it). */
export function repoRoot(): string {
    let dir = __dirname;
    for (;;) {
        if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'test', 'emulator'))) {
            return dir;
        }
        const parent = path.dirname(dir);
        if (parent === dir) {
            return process.cwd();
        }
        dir = parent;
    }
}

/** `test/emulator/fixtures/default.json`: the emulator's default world. */
export function defaultFixturePath(): string {
    return path.join(repoRoot(), 'test', 'emulator', 'fixtures', 'default.json');
}

/** A copy of the fixture object, or the fixture read from a file (the default world when none is named). */
export function loadFixture(fixture: string | Fixture | undefined): Fixture {
    if (fixture && typeof fixture === 'object') {
        return JSON.parse(JSON.stringify(fixture)) as Fixture;
    }
    return JSON.parse(fs.readFileSync(fixture ?? defaultFixturePath(), 'utf8')) as Fixture;
}
