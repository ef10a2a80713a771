/**
 * Reads the entry list of a ZIP's central directory without inflating anything. Sniffing uses the names
 * (a DOCX is a ZIP holding word/document.xml), and document extraction uses the declared sizes to refuse
 * ZIP bombs before a decompressor allocates anything.
 */

export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

const EOCD_SIG = 0x06054b50;
const CDH_SIG = 0x02014b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;

/**
 * The entries listed in the central directory, or undefined when there is none that can be read: not a ZIP,
 * cut off, or ZIP64 (over 4 GB or 65,535 entries, which no document needs).
 */
export function zipEntries(bytes: Buffer): ZipEntry[] | undefined {
  const eocd = findEocd(bytes);
  if (eocd < 0) return undefined;
  const count = bytes.readUInt16LE(eocd + 10);
  const cdSize = bytes.readUInt32LE(eocd + 12);
  const cdStart = bytes.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdStart === 0xffffffff || cdStart + cdSize > eocd) return undefined;
  const entries: ZipEntry[] = [];
  let p = cdStart;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || bytes.readUInt32LE(p) !== CDH_SIG) return undefined;
    const nameLen = bytes.readUInt16LE(p + 28);
    const next = p + 46 + nameLen + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
    if (next > eocd) return undefined;
    entries.push({
      name: bytes.toString('utf8', p + 46, p + 46 + nameLen),
      compressedSize: bytes.readUInt32LE(p + 20),
      uncompressedSize: bytes.readUInt32LE(p + 24),
    });
    p = next;
  }
  return entries;
}

/** Offset of the end-of-central-directory record: the last one whose comment runs exactly to the end. */
function findEocd(bytes: Buffer): number {
  const stop = Math.max(0, bytes.length - EOCD_MIN - MAX_COMMENT);
  for (let p = bytes.length - EOCD_MIN; p >= stop; p--) {
    if (bytes.readUInt32LE(p) === EOCD_SIG && p + EOCD_MIN + bytes.readUInt16LE(p + 20) === bytes.length) return p;
  }
  return -1;
}
