/**
 * A markdown vault sent as files, for web mode: a browser cannot hand the engine a folder path, so the folder's
 * files travel in the request (`<input type="file" webkitdirectory>`, each path relative to the chosen folder).
 */
import { z } from 'zod';

/** Why a path could land outside the vault folder, or undefined when it cannot. */
function unsafePath(raw: string): string | undefined {
  if (raw.includes('\0')) return 'contains a NUL character';
  const p = raw.replace(/\\/g, '/');
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) return 'is absolute; send paths relative to the vault folder';
  const segments = p.split('/');
  if (segments.includes('..')) return 'climbs out of the vault folder with ".."';
  if (!segments.some((s) => s !== '' && s !== '.')) return 'names no file';
  return undefined;
}

/** A path inside the vault, normalised to `/` separators without empty or `.` segments; unsafe ones are named. */
export const VaultPath = z
  .string()
  .min(1)
  .max(1024)
  .transform((raw, ctx) => {
    const problem = unsafePath(raw);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: `The file ${JSON.stringify(raw)} ${problem}; nothing was imported` });
      return z.NEVER;
    }
    return raw
      .replace(/\\/g, '/')
      .split('/')
      .filter((s) => s !== '' && s !== '.')
      .join('/');
  });

export const VaultUpload = z.object({
  files: z
    .array(
      z.object({
        path: VaultPath,
        base64: z.base64(),
        /** The file's last change (ms since the epoch, as `File.lastModified`); imports read note dates from it. */
        lastModified: z.number().int().min(0).optional(),
      }),
    )
    .min(1)
    .max(50_000),
});
export type VaultUpload = z.input<typeof VaultUpload>;

/** What a vault import reports. */
export interface VaultImportResult {
  notes: number;
  folders: number;
  attachments: number;
}
