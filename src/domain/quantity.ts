/**
 * Kubernetes resource quantities, read the way apimachinery's `resource.ParseQuantity` reads them
 * (k8s.io/apimachinery/pkg/api/resource/quantity.go): `<number><suffix>`, the number digits with an optional
 * fraction (`0.5`, `.5`, `1.`), the suffix a binary SI one (`Ki` … `Ei`), a decimal SI one (`n`, `u`, `m`, none, `k`,
 * `M`, `G`, `T`, `P`, `E`) or a decimal exponent (`1e3`, `2E-3`). No spaces. A sign is part of the syntax, but a
 * resource request or limit may not be negative (pkg/apis/core/validation ValidateResourceQuantityValue).
 */

export type QuantityReading = { readonly value: number } | { readonly problem: string };

const binarySuffixes: Readonly<Record<string, bigint>> = {
    Ki: 1n << 10n,
    Mi: 1n << 20n,
    Gi: 1n << 30n,
    Ti: 1n << 40n,
    Pi: 1n << 50n,
    Ei: 1n << 60n,
};

/** Powers of ten of the decimal SI suffixes. */
const decimalSuffixes: Readonly<Record<string, number>> = {
    n: -9,
    u: -6,
    m: -3,
    '': 0,
    k: 3,
    M: 6,
    G: 9,
    T: 12,
    P: 15,
    E: 18,
};

const syntax = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/;

interface Exact {
    /** value = numerator / denominator, kept exact so `0.1Gi` and `1e-3` round as Kubernetes rounds. */
    readonly numerator: bigint;
    readonly denominator: bigint;
}

function readExact(text: string): Exact | { readonly problem: string } {
    if (text === '') {
        return { problem: 'is empty' };
    }
    if (/\s/.test(text)) {
        return { problem: 'has a space (Kubernetes quantities have none)' };
    }
    const match = syntax.exec(text);
    const [, sign, whole = '', fraction = '', suffix = ''] = match ?? [];
    if (!match || (whole === '' && fraction === '')) {
        return { problem: 'does not start with a number' };
    }
    if (sign === '-') {
        return { problem: 'is negative' };
    }
    let numerator = BigInt(`${whole}${fraction}` || '0');
    let denominator = 10n ** BigInt(fraction.length);
    const scale = suffixScale(suffix);
    if (!scale) {
        return {
            problem: `has the unknown suffix "${suffix}" (use m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or e<n>)`,
        };
    }
    if (scale.binary !== undefined) {
        numerator *= scale.binary;
    } else if (scale.exponent >= 0) {
        numerator *= 10n ** BigInt(scale.exponent);
    } else {
        denominator *= 10n ** BigInt(-scale.exponent);
    }
    return { numerator, denominator };
}

function suffixScale(suffix: string): { binary?: bigint; exponent: number } | undefined {
    const binary = binarySuffixes[suffix];
    if (binary !== undefined) {
        return { binary, exponent: 0 };
    }
    if (Object.prototype.hasOwnProperty.call(decimalSuffixes, suffix)) {
        return { exponent: decimalSuffixes[suffix] ?? 0 };
    }
    const exponent = /^[eE]([+-]?\d+)$/.exec(suffix);
    // apimachinery keeps exponents within what an int64 of base units can hold.
    return exponent && Math.abs(Number(exponent[1])) <= 18 ? { exponent: Number(exponent[1]) } : undefined;
}

/** Rounded up, as `Quantity.MilliValue()` / `Value()` round: `0.5m` CPU is 1m, `0.5` bytes is 1. */
function ceilTimes(exact: Exact, factor: bigint): number {
    const scaled = exact.numerator * factor;
    const quotient = scaled / exact.denominator;
    return Number(scaled % exact.denominator === 0n ? quotient : quotient + 1n);
}

function read(text: string, factor: bigint, what: string): QuantityReading {
    const exact = readExact(text);
    if ('problem' in exact) {
        return { problem: `"${text}" is not a ${what}: it ${exact.problem}.` };
    }
    return { value: ceilTimes(exact, factor) };
}

/** CPU in millicores: `"2"` → 2000, `"100m"` → 100, `"0.5"` → 500. */
export function parseCpu(text: string): QuantityReading {
    return read(text, 1000n, 'CPU quantity');
}

/** Memory in bytes: `"2Gi"` → 2147483648, `"1500M"` → 1.5e9. */
export function parseMemory(text: string): QuantityReading {
    return read(text, 1n, 'memory quantity');
}

/** An extended resource such as `nvidia.com/gpu`: Kubernetes accepts whole numbers only (validation: "must be an integer"). */
export function parseWholeCount(text: string): QuantityReading {
    const exact = readExact(text);
    if ('problem' in exact) {
        return { problem: `"${text}" is not a number of GPUs: it ${exact.problem}.` };
    }
    if (exact.numerator % exact.denominator !== 0n) {
        return { problem: `"${text}" is not a number of GPUs: it must be a whole number.` };
    }
    return { value: Number(exact.numerator / exact.denominator) };
}

/** For people: `3860` → "3.86 CPU", `100` → "0.1 CPU", `2000` → "2 CPU". */
export function formatCpu(millicores: number): string {
    return `${trimmed(millicores / 1000, 3)} CPU`;
}

const binaryUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'] as const;

/** For people, in binary units with one decimal: `13189120000` → "12.3 GiB", `2147483648` → "2 GiB". */
export function formatMemory(bytes: number): string {
    let unit = 0;
    let value = bytes;
    while (value >= 1024 && unit < binaryUnits.length - 1) {
        value /= 1024;
        unit++;
    }
    return `${trimmed(value, unit === 0 ? 0 : 1)} ${binaryUnits[unit]}`;
}

function trimmed(value: number, decimals: number): string {
    return String(Number(value.toFixed(decimals)));
}
