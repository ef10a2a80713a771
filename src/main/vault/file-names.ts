/**
 * Safe file names for exported nodes. A title can hold anything (`../../evil`, `a/b`, `CON`, an empty string),
 * so it is reduced to one path segment that is valid on Windows, macOS and Linux, and names that would collide
 * in one folder (also on case-insensitive disks) get ` (2)`, ` (3)`….
 */
import path from 'node:path';
import { EngramError } from '../../shared/errors';

// Separators, characters Windows forbids, and control characters.
const RESERVED = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
// Leaves room for ` (nn)` and an extension inside the usual 255-byte limit.
const MAX_BYTES = 180;

export function sanitizeName(name: string): string {
  let safe = name
    .normalize('NFC')
    .replace(RESERVED, '_')
    .replace(/\.{2,}/g, '.')
    // Leading dots would hide the file (and vault imports skip hidden files); Windows drops trailing dots and spaces.
    .replace(/^[\s.]+|[\s.]+$/g, '');
  while (Buffer.byteLength(safe) > MAX_BYTES) safe = [...safe].slice(0, -1).join('').trimEnd();
  if (!safe) return 'Untitled';
  return WINDOWS_DEVICE.test(safe) ? `_${safe}` : safe;
}

/**
 * The names taken in one folder. A note `X.md` and a folder `X` pair up on import (the folder holds the note's
 * children), so a stem claims both names: a note keeps its pair, and a folder never pairs with an unrelated note.
 */
export class FolderNames {
  private readonly taken = new Set<string>();

  /** A note's stem (written as `stem.md`, its children in `stem/`) or a folder's name. */
  stem(title: string): string {
    return this.claim(sanitizeName(title), '', (c) => [c, `${c}.md`]);
  }

  /** An attachment's file name; a number goes before the extension (`photo (2).jpg`). */
  file(filename: string): string {
    const safe = sanitizeName(filename);
    const ext = path.extname(safe);
    return this.claim(ext ? safe.slice(0, -ext.length) : safe, ext, (c) => [c]);
  }

  private claim(base: string, ext: string, keysOf: (candidate: string) => string[]): string {
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? `${base}${ext}` : `${base} (${n})${ext}`;
      const keys = keysOf(candidate).map((k) => k.toLowerCase());
      if (keys.some((k) => this.taken.has(k))) continue;
      keys.forEach((k) => this.taken.add(k));
      return candidate;
    }
  }
}

/** The path of `name` inside `dir`, refusing anything that would land outside it. */
export function childPath(dir: string, name: string): string {
  const target = path.resolve(dir, name);
  const rel = path.relative(dir, target);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel) || rel.includes(path.sep)) {
    throw new EngramError('invalid_input', `Refusing to write ${JSON.stringify(name)} outside ${dir}`);
  }
  return target;
}
