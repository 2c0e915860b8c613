/** One measured figure of `npm run bench`, and the table the benchmark prints and commits. */
export interface BenchFigure {
    /** What was measured, e.g. "Inventory, Resource Graph". */
    readonly name: string;
    readonly value: number;
    readonly unit: string;
    /** The target as text, e.g. "≤ 3 round trips" or "≥ 20x"; absent for figures only reported. */
    readonly target?: string;
    /** Whether the target is met; absent when there is no target. */
    readonly pass?: boolean;
    /** The same work done the slow way in the same run (same unit). */
    readonly baseline?: number;
    /** The bound of an upper-limit target (same unit): the ratio column then says how much of it is used. */
    readonly limit?: number;
    readonly note?: string;
}

/** The middle value (the lower of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor((sorted.length - 1) / 2)];
}

function format(value: number, unit: string): string {
    const rounded = value >= 100 ? Math.round(value) : Math.round(value * 10) / 10;
    return `${rounded.toLocaleString('en-US')} ${unit}`;
}

/** A Markdown table: figure, value, target, baseline, ratio (to the baseline, or of the limit), verdict. */
export function figuresTable(figures: readonly BenchFigure[]): string {
    const rows = figures.map((f) => {
        const ratio =
            f.baseline !== undefined && f.value > 0
                ? `${Math.round(f.baseline / f.value)}x`
                : f.limit !== undefined && f.limit > 0
                  ? `${Math.round((100 * f.value) / f.limit)}% of the limit`
                  : '';
        const verdict = f.pass === undefined ? '' : f.pass ? 'met' : '**NOT MET**';
        return [
            f.name,
            format(f.value, f.unit),
            f.target ?? '',
            f.baseline !== undefined ? format(f.baseline, f.unit) : '',
            ratio,
            verdict,
            f.note ?? '',
        ];
    });
    const header = ['Figure', 'Measured', 'Target', 'Baseline (same run)', 'Ratio', 'Verdict', 'Note'];
    return [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}
