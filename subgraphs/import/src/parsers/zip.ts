import { inflateRawSync } from 'node:zlib';
import { StatementError } from './types';

// Just enough ZIP to read an XLSX workbook, with caps against zip bombs: the entry count and
// the declared sizes are checked from the central directory before anything is inflated, and
// inflation itself stops at the cap (maxOutputLength) whatever the headers claim.

export const ZIP_LIMITS = {
  maxEntries: 10_000,
  maxEntryBytes: 100 * 1024 * 1024,
  maxTotalBytes: 200 * 1024 * 1024,
};

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  offset: number;
}

export class ZipArchive {
  private readonly entries = new Map<string, ZipEntry>();
  private inflated = 0;

  constructor(private readonly bytes: Buffer) {
    const eocd = findEndOfDirectory(bytes);
    const count = bytes.readUInt16LE(eocd + 10);
    const dirOffset = bytes.readUInt32LE(eocd + 16);
    if (count === 0xffff || dirOffset === 0xffffffff)
      throw new StatementError('A ZIP64 archive: not a workbook we can read');
    if (count > ZIP_LIMITS.maxEntries)
      throw new StatementError(`The archive has ${count} entries (a zip bomb?)`);
    let p = dirOffset;
    let declared = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== 0x02014b50)
        throw new StatementError('A corrupt ZIP archive');
      const nameLength = bytes.readUInt16LE(p + 28);
      const entry: ZipEntry = {
        method: bytes.readUInt16LE(p + 10),
        compressedSize: bytes.readUInt32LE(p + 20),
        size: bytes.readUInt32LE(p + 24),
        name: bytes.toString('utf8', p + 46, p + 46 + nameLength),
        offset: bytes.readUInt32LE(p + 42),
      };
      declared += entry.size;
      if (entry.size > ZIP_LIMITS.maxEntryBytes || declared > ZIP_LIMITS.maxTotalBytes) {
        throw new StatementError('The workbook unpacks to more than the size limit (a zip bomb?)');
      }
      this.entries.set(entry.name, entry);
      p += 46 + nameLength + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  read(name: string): Buffer | undefined {
    const entry = this.entries.get(name);
    if (!entry) return undefined;
    const p = entry.offset;
    if (p + 30 > this.bytes.length || this.bytes.readUInt32LE(p) !== 0x04034b50) {
      throw new StatementError(`A corrupt ZIP entry (${name})`);
    }
    const start = p + 30 + this.bytes.readUInt16LE(p + 26) + this.bytes.readUInt16LE(p + 28);
    const data = this.bytes.subarray(start, start + entry.compressedSize);
    let out: Buffer;
    if (entry.method === 0) out = data;
    else if (entry.method === 8) {
      // Never inflate past what the directory declared (already capped): a lying header stops here.
      const budget = Math.min(
        entry.size + 1,
        ZIP_LIMITS.maxEntryBytes,
        ZIP_LIMITS.maxTotalBytes - this.inflated,
      );
      try {
        out = inflateRawSync(data, { maxOutputLength: Math.max(1, budget) });
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
          throw new StatementError(
            'The workbook unpacks to more than the size limit (a zip bomb?)',
          );
        }
        throw new StatementError(`A corrupt ZIP entry (${name})`);
      }
    } else throw new StatementError(`An unsupported ZIP compression method (${entry.method})`);
    if (out.length !== entry.size)
      throw new StatementError(`A corrupt ZIP entry (${name}: size mismatch)`);
    this.inflated += out.length;
    return out;
  }
}

function findEndOfDirectory(bytes: Buffer): number {
  const stop = Math.max(0, bytes.length - 65_557);
  for (let p = bytes.length - 22; p >= stop; p--) {
    if (bytes.readUInt32LE(p) === 0x06054b50) return p;
  }
  throw new StatementError('A truncated or corrupt ZIP archive (no central directory)');
}
