import type { Workbench } from './workbench';

/** One rendered row of the open quick pick, as a person reads it. */
export interface QuickPickRow {
    readonly label: string;
    readonly description: string;
    readonly detail: string;
    /** In a multi-select quick pick: whether its box is checked. */
    readonly checked?: boolean;
}

/** The rendered rows of the open quick pick (separators left out), once `placeholderOrTitle` shows. */
export async function quickPickRows(wb: Workbench, placeholderOrTitle?: string | RegExp): Promise<QuickPickRow[]> {
    await wb.waitForQuickInput(placeholderOrTitle);
    const rows = wb.quickInput().locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor({ timeout: 30_000 });
    const found: QuickPickRow[] = [];
    for (const row of await rows.all()) {
        const label = row.locator('.label-name');
        if ((await label.count()) === 0) {
            continue;
        }
        const text = async (selector: string) => {
            const part = row.locator(selector).first();
            return (await part.count()) > 0 ? ((await part.textContent()) ?? '').trim() : '';
        };
        const checked = await row.getAttribute('aria-checked');
        found.push({
            label: ((await label.first().textContent()) ?? '').trim(),
            description: await text('.label-description'),
            detail: await text('.quick-input-list-row + .quick-input-list-row'),
            checked: checked === null ? undefined : checked === 'true',
        });
    }
    return found;
}

/**
 * In the open multi-select quick pick, checks the rows labelled `labels` and unchecks the others, with the mouse,
 * then presses OK. (Rows with a detail line have two labels; the first one is the item's.)
 */
export async function checkOnly(wb: Workbench, labels: readonly string[], placeholderOrTitle?: string | RegExp) {
    await wb.waitForQuickInput(placeholderOrTitle);
    const rows = wb.quickInput().locator('.quick-input-list .monaco-list-row[role="checkbox"]');
    await rows.first().waitFor({ timeout: 30_000 });
    for (const row of await rows.all()) {
        const label = ((await row.locator('.label-name').first().textContent()) ?? '').trim();
        const checked = (await row.getAttribute('aria-checked')) === 'true';
        if (checked !== labels.includes(label)) {
            await row.locator('.monaco-checkbox').click();
        }
    }
    await wb
        .quickInput()
        .locator('.quick-input-action .monaco-button', { hasText: /^\s*OK\s*$/ })
        .click();
}

/** The open quick pick's box, for a picture of it and what is around it. */
export async function quickPickArea(wb: Workbench): Promise<{ x: number; y: number; width: number; height: number }> {
    const box = await wb.quickInput().boundingBox();
    if (!box) {
        throw new Error('no quick pick is open');
    }
    const margin = 16;
    return {
        x: Math.max(0, Math.floor(box.x - margin)),
        y: Math.max(0, Math.floor(box.y - margin)),
        width: Math.ceil(box.width + 2 * margin),
        height: Math.ceil(box.height + 2 * margin),
    };
}
