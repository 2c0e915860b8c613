import * as zlib from 'zlib';

/**
 * A zip of the files, as `az aks command invoke --file` sends them (Python's zipfile: stored entries by default; and
 * deflated ones, which other zip writers use), base64 with lines wrapped at 76 characters like `base64.encodebytes`.
 */
export function contextOf(files: Record<string, string>, method: 0 | 8 = 0): string {
    const parts: Buffer[] = [];
    const central: Buffer[] = [];
    let offset = 0;
    for (const [name, text] of Object.entries(files)) {
        const data = Buffer.from(text);
        const body = method === 8 ? zlib.deflateRawSync(data) : data;
        const fileName = Buffer.from(name);
        const header = (size: number, signature: number, at: number): Buffer => {
            const b = Buffer.alloc(size);
            b.writeUInt32LE(signature, 0);
            b.writeUInt16LE(20, at);
            b.writeUInt16LE(method, at + 4);
            b.writeUInt32LE(zlib.crc32(data), at + 10);
            b.writeUInt32LE(body.length, at + 14);
            b.writeUInt32LE(data.length, at + 18);
            b.writeUInt16LE(fileName.length, at + 22);
            return b;
        };
        parts.push(header(30, 0x04034b50, 4), fileName, body);
        const entry = header(46, 0x02014b50, 6);
        entry.writeUInt16LE(20, 4);
        entry.writeUInt32LE(offset, 42);
        central.push(entry, fileName);
        offset += 30 + fileName.length + body.length;
    }
    const directory = Buffer.concat(central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(central.length / 2, 8);
    end.writeUInt16LE(central.length / 2, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    return (
        Buffer.concat([...parts, directory, end])
            .toString('base64')
            .replace(/.{76}/g, '$&\n') + '\n'
    );
}
