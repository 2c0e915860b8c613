import * as path from 'path';
import { repoRoot } from '../../../tools/editor-host/util';
import type { Workbench } from './workbench';

/**
 * A picture for the README. It goes to `docs/images/<name>.png` only when `E2E_DOCS_IMAGES=1` (so a test run does
 * not rewrite committed files), otherwise next to the test's other screenshots as `docs-<name>.png`.
 */
export async function docsImage(
    wb: Workbench,
    name: string,
    clip?: { x: number; y: number; width: number; height: number },
): Promise<string> {
    const file =
        process.env.E2E_DOCS_IMAGES === '1'
            ? path.join(repoRoot, 'docs', 'images', `${name}.png`)
            : path.join(wb.resultsDir, `docs-${name}.png`);
    return wb.screenshotTo(file, clip);
}
