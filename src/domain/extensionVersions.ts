/** Extension versions as the service lists them ("1.1.39", "1.2.0-preview"), put in the order a user picks from. */

interface ParsedVersion {
    readonly numbers: readonly number[];
    readonly suffix: string;
}

function parse(version: string): ParsedVersion {
    const [core, ...rest] = version.trim().split('-');
    return { numbers: core.split('.').map((n) => Number.parseInt(n, 10) || 0), suffix: rest.join('-') };
}

/** Negative when `a` is older than `b`; a version with a suffix (a pre-release) is older than the same without. */
export function compareVersions(a: string, b: string): number {
    const pa = parse(a);
    const pb = parse(b);
    for (let i = 0; i < Math.max(pa.numbers.length, pb.numbers.length); i++) {
        const d = (pa.numbers[i] ?? 0) - (pb.numbers[i] ?? 0);
        if (d !== 0) {
            return d;
        }
    }
    if (pa.suffix === pb.suffix) {
        return 0;
    }
    if (!pa.suffix || !pb.suffix) {
        return pa.suffix ? -1 : 1;
    }
    return pa.suffix < pb.suffix ? -1 : 1;
}

/** The versions without repeats, newest first (the service lists them oldest first). */
export function newestFirst(versions: Iterable<string>): string[] {
    return [...new Set(versions)].sort((a, b) => compareVersions(b, a));
}

/** Three numbers, maybe with a suffix: what `version` in an extension PUT takes. */
export function isVersionText(text: string): boolean {
    return /^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$/.test(text.trim());
}
