/**
 * The files of an AKS runCommand `context`: base64 of a zip archive, as `az aks command invoke --file` sends it
 * (Azure/azure-cli src/azure-cli/azure/cli/command_modules/acs/custom.py, `_get_command_context`: `zipfile.ZipFile`
 * with its default, stored entries, named by base name, then `base64.encodebytes`, which wraps lines). The command runs
 * in a folder holding them. Read through the central directory; stored and deflated entries.
 */

import * as zlib from 'zlib';

export class ContextError extends Error {}

const endOfCentralDirectory = 0x06054b50;
const centralEntry = 0x02014b50;
const localEntry = 0x04034b50;

function findEnd(zip: Buffer): number {
    for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
        if (zip.readUInt32LE(at) === endOfCentralDirectory) {
            return at;
        }
    }
    throw new ContextError('not a zip archive (no end of central directory)');
}

/** File name (without a leading `./`) → content; folders left out. */
export function unzipContext(base64: string): Map<string, Buffer> {
    const zip = Buffer.from(base64.replace(/\s+/g, ''), 'base64');
    const files = new Map<string, Buffer>();
    if (zip.length === 0) {
        return files;
    }
    if (zip.length < 22) {
        throw new ContextError('not a zip archive (too short)');
    }
    const end = findEnd(zip);
    const count = zip.readUInt16LE(end + 10);
    let at = zip.readUInt32LE(end + 16);
    for (let n = 0; n < count; n++) {
        if (at + 46 > zip.length || zip.readUInt32LE(at) !== centralEntry) {
            throw new ContextError('broken central directory');
        }
        const method = zip.readUInt16LE(at + 10);
        const compressedSize = zip.readUInt32LE(at + 20);
        const nameLength = zip.readUInt16LE(at + 28);
        const extraLength = zip.readUInt16LE(at + 30);
        const commentLength = zip.readUInt16LE(at + 32);
        const local = zip.readUInt32LE(at + 42);
        const name = zip.toString('utf8', at + 46, at + 46 + nameLength).replace(/^\.\//, '');
        at += 46 + nameLength + extraLength + commentLength;
        if (name.endsWith('/')) {
            continue;
        }
        if (local + 30 > zip.length || zip.readUInt32LE(local) !== localEntry) {
            throw new ContextError(`broken local header for ${name}`);
        }
        const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
        const data = zip.subarray(dataStart, dataStart + compressedSize);
        if (method === 0) {
            files.set(name, Buffer.from(data));
        } else if (method === 8) {
            files.set(name, zlib.inflateRawSync(data));
        } else {
            throw new ContextError(`${name}: compression method ${method} is not supported`);
        }
    }
    return files;
}
