/**
 * The Azure VM sizes the fixtures and tests use: vCPU, memory (GiB) and NVIDIA GPUs, as the sizes' pages publish them
 * (learn.microsoft.com/azure/virtual-machines/sizes: Dsv5, Dsv3, B, NCv3). Other names are read from their digits.
 */

export interface VmSize {
    vcpu: number;
    memoryGiB: number;
    gpus: number;
}

const sizes: Record<string, [number, number, number]> = {
    standard_b2s: [2, 4, 0],
    standard_b2ms: [2, 8, 0],
    standard_ds2_v2: [2, 7, 0],
    standard_d2s_v3: [2, 8, 0],
    standard_d2s_v5: [2, 8, 0],
    standard_d4s_v3: [4, 16, 0],
    standard_d4s_v5: [4, 16, 0],
    standard_d8s_v5: [8, 32, 0],
    standard_e8s_v5: [8, 64, 0],
    standard_nc6s_v3: [6, 112, 1],
    standard_nc12s_v3: [12, 224, 2],
    standard_nc24s_v3: [24, 448, 4],
};

export function vmSize(name: string): VmSize {
    const known = sizes[name.toLowerCase()];
    if (known) {
        return { vcpu: known[0], memoryGiB: known[1], gpus: known[2] };
    }
    const vcpu = Number(/^standard_[a-z]+(\d+)/i.exec(name)?.[1] ?? 4);
    return { vcpu, memoryGiB: vcpu * 4, gpus: 0 };
}
