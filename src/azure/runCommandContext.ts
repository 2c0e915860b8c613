/**
 * The `context` of an AKS run-command request: files for the command's working directory, as the Azure CLI's
 * `az aks command invoke --file` sends them (azure-cli acs/custom.py `_get_command_context`: a `zipfile.ZipFile`
 * written with the default ZIP_STORED, each file under its base name, then `base64.encodebytes`, which breaks lines
 * every 76 characters). A stored-entry zip writer (PKWARE APPNOTE 4.3) with CRC-32, so no dependency is needed.
 */

export interface ContextFile {
    /** A plain file name: the CLI flattens attached files to their base names. */
    readonly name: string;
    readonly content: string | Uint8Array;
}

const crcTable = ((): Uint32Array => {
    const table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
        let c = n;
        for (let k = 0; k < 8; k++) {
            c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        }
        table[n] = c >>> 0;
    }
    return table;
})();

/** CRC-32 (ISO-HDLC, the zip one): `crc32("123456789")` is 0xcbf43926. */
export function crc32(data: Uint8Array): number {
    let crc = 0xffffffff;
    for (const byte of data) {
        crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
    }
    return (crc ^ 0xffffffff) >>> 0;
}

/** MS-DOS date and time, the zip header's (two-second resolution, years from 1980). */
function dosDateTime(date: Date): { time: number; date: number } {
    const year = Math.max(date.getFullYear(), 1980);
    return {
        time: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
        date: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
    };
}

const versionNeeded = 20; // 2.0: what Python's zipfile writes for stored entries
const madeByUnix = (3 << 8) | versionNeeded;
const regularFileMode = 0o100644;
const utf8NameFlag = 0x800;

/** A zip archive of the files, stored (not compressed). */
export function zipStored(files: readonly ContextFile[], modified = new Date()): Buffer {
    const stamp = dosDateTime(modified);
    const locals: Buffer[] = [];
    const centrals: Buffer[] = [];
    let offset = 0;
    for (const file of files) {
        if (!file.name || /[\\/]/.test(file.name)) {
            throw new Error(`"${file.name}" is not a plain file name.`);
        }
        const name = Buffer.from(file.name, 'utf8');
        const data = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : Buffer.from(file.content);
        const crc = crc32(data);
        const flags = /^[\x20-\x7e]*$/.test(file.name) ? 0 : utf8NameFlag;
        const local = Buffer.alloc(30);
        local.writeUInt32LE(0x04034b50, 0);
        local.writeUInt16LE(versionNeeded, 4);
        local.writeUInt16LE(flags, 6);
        local.writeUInt16LE(0, 8); // stored
        local.writeUInt16LE(stamp.time, 10);
        local.writeUInt16LE(stamp.date, 12);
        local.writeUInt32LE(crc, 14);
        local.writeUInt32LE(data.length, 18);
        local.writeUInt32LE(data.length, 22);
        local.writeUInt16LE(name.length, 26);
        local.writeUInt16LE(0, 28);
        const central = Buffer.alloc(46);
        central.writeUInt32LE(0x02014b50, 0);
        central.writeUInt16LE(madeByUnix, 4);
        local.copy(central, 6, 4, 30); // version needed … extra length: the same fields
        central.writeUInt16LE(0, 32); // comment length
        central.writeUInt16LE(0, 34); // disk
        central.writeUInt16LE(0, 36); // internal attributes
        central.writeUInt32LE((regularFileMode << 16) >>> 0, 38);
        central.writeUInt32LE(offset, 42);
        locals.push(local, name, data);
        centrals.push(central, name);
        offset += local.length + name.length + data.length;
    }
    const directory = Buffer.concat(centrals);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(files.length, 8);
    end.writeUInt16LE(files.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    return Buffer.concat([...locals, directory, end]);
}

/** base64 with a line break every 76 characters and at the end, as Python's `base64.encodebytes`. */
function encodeBytes(data: Buffer): string {
    const text = data.toString('base64');
    const lines = text.match(/.{1,76}/g) ?? [];
    return lines.map((line) => `${line}\n`).join('');
}

/** The run-command `context` for these files; empty when there are none, as the CLI sends. */
export function runCommandContext(files: readonly ContextFile[], modified?: Date): string {
    return files.length ? encodeBytes(zipStored(files, modified)) : '';
}
