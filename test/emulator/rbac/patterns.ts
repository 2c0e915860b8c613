// Azure RBAC operation patterns, as the role definition documentation describes them: an operation string is
// `{Company}.{ProviderName}/{resourceType}/{action}`; in a role's `Actions`, `NotActions`, `DataActions` and
// `NotDataActions` a `*` stands for any run of characters (`Microsoft.Compute/*`, `*/read`,
// `Microsoft.Authorization/*/Write`), and operation strings compare without regard to case.
//
// The emulator's own matcher (the extension has another, in src/domain; neither is built on the other).

const star = 42; // '*'

function lower(text: string): string {
    return text.trim().toLowerCase();
}

/**
 * True when `operation` is one of the operations `pattern` names. A `*` in the pattern matches any run of characters
 * (`/` included); every other character, a `*` of the operation among them, matches only itself.
 */
export function operationMatches(pattern: string, operation: string): boolean {
    const p = lower(pattern);
    const s = lower(operation);
    // Greedy scan with one backtrack point: the last `*` seen and where its match began.
    let i = 0;
    let j = 0;
    let starAt = -1;
    let resumeAt = 0;
    while (j < s.length) {
        if (i < p.length && p.charCodeAt(i) === star) {
            starAt = i++;
            resumeAt = j;
        } else if (i < p.length && p[i] === s[j]) {
            i++;
            j++;
        } else if (starAt >= 0) {
            i = starAt + 1;
            j = ++resumeAt;
        } else {
            return false;
        }
    }
    while (i < p.length && p.charCodeAt(i) === star) {
        i++;
    }
    return i === p.length;
}

/**
 * True when every operation `inner` names is also named by `outer` (both may hold wildcards). Reading `inner`'s `*` as
 * a character of its own decides it: that character can stand for any text only where `outer` has a `*` too.
 */
export function patternCovers(outer: string, inner: string): boolean {
    return operationMatches(outer, inner);
}

/** True when some operation is named by both patterns (both may hold wildcards). */
export function patternsOverlap(a: string, b: string): boolean {
    const x = lower(a);
    const y = lower(b);
    // i * width + j: the rests x[i..] and y[j..] were already found to share no string.
    const dead = new Set<number>();
    const width = y.length + 1;
    const overlap = (i: number, j: number): boolean => {
        if (dead.has(i * width + j)) {
            return false;
        }
        let result: boolean;
        if (i === x.length && j === y.length) {
            result = true;
        } else if (i < x.length && x.charCodeAt(i) === star) {
            // x's `*` takes nothing, or one more character of what y can produce.
            result = overlap(i + 1, j) || (j < y.length && overlap(i, j + 1));
        } else if (j < y.length && y.charCodeAt(j) === star) {
            result = overlap(i, j + 1) || (i < x.length && overlap(i + 1, j));
        } else {
            result = i < x.length && j < y.length && x[i] === y[j] && overlap(i + 1, j + 1);
        }
        if (!result) {
            dead.add(i * width + j);
        }
        return result;
    };
    return overlap(0, 0);
}
