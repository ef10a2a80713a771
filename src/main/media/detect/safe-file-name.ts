/**
 * File names that arrive with uploads, reduced to one segment that is safe to join to a folder on Windows, macOS
 * and Linux. The name is display data, not a path: whatever it holds, the result never leaves the folder.
 */

// Controls (C0, DEL, C1) and bidi overrides; the latter can disguise `txt.exe` as `exe.txt`.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const WINDOWS_FORBIDDEN = /[<>:"|?*]/g;
// Windows opens a device for these names whatever the extension (`con.txt` is the console).
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
// Under the common 255-byte limit, with room for a ` (2)` or temp suffix.
const MAX_BYTES = 200;
const MAX_EXT_BYTES = 16;

export function safeFileName(name: string, fallback = 'file'): string {
  const last = name.normalize('NFC').replace(INVISIBLE, '').split(/[\\/]/).pop() ?? '';
  // Leading dots would make `..` or a hidden file; Windows drops trailing dots and spaces.
  const safe = last.replace(WINDOWS_FORBIDDEN, '_').replace(/^[\s.]+|[\s.]+$/g, '');
  if (!safe) return fallback;
  const dot = safe.lastIndexOf('.');
  const ext = dot > 0 && Buffer.byteLength(safe.slice(dot)) <= MAX_EXT_BYTES ? safe.slice(dot) : '';
  const stem = capBytes(safe.slice(0, safe.length - ext.length), MAX_BYTES - Buffer.byteLength(ext)).trimEnd();
  const device = WINDOWS_DEVICE.test(stem.split('.')[0]!.trimEnd());
  return `${device ? '_' : ''}${stem}${ext}`;
}

/** The longest prefix of whole code points that fits in `max` UTF-8 bytes. */
function capBytes(s: string, max: number): string {
  let bytes = 0;
  let out = '';
  for (const ch of s) {
    bytes += Buffer.byteLength(ch);
    if (bytes > max) break;
    out += ch;
  }
  return out;
}
