/**
 * Reads a vault's folder tree the way Obsidian shows it: hidden entries (.obsidian, .git, .trash, .DS_Store) left
 * out, folders before files, names in natural order. A note `X.md` beside a folder `X` takes that folder's
 * contents as its children (the "folder note" convention, and how exportVault writes a note that has children).
 * Nothing is read yet; problems are collected so the user sees all of them at once.
 */
import type { Stats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

export interface VaultProblem {
  /** Path relative to the vault root, with `/` separators. */
  file: string;
  problem: string;
}

interface Found {
  name: string;
  rel: string;
  abs: string;
  stat: Stats;
}
export type VaultEntry =
  | (Found & { type: 'folder' | 'note'; children: VaultEntry[] })
  | (Found & { type: 'attachment' });

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
// Natural order, then code points so names differing only in case still sort the same way on every machine.
const byName = (a: Found, b: Found) =>
  collator.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const NOTE = /\.md$/i;
export const noteTitle = (filename: string) => filename.replace(NOTE, '');

export async function walkVault(root: string, problems: VaultProblem[]): Promise<VaultEntry[]> {
  const realRoot = await fs.realpath(root);
  // Real paths of folders already read: a symlink back up the tree (or to a sibling) is read only once.
  const seen = new Set<string>();

  const inspect = async (abs: string, rel: string): Promise<Stats | null> => {
    try {
      const own = await fs.lstat(abs);
      if (!own.isSymbolicLink()) return own;
      const target = path.relative(realRoot, await fs.realpath(abs));
      if (target.startsWith('..') || path.isAbsolute(target)) {
        problems.push({ file: rel, problem: 'is a symbolic link to a place outside the vault' });
        return null;
      }
      return await fs.stat(abs);
    } catch (err) {
      problems.push({ file: rel, problem: unreadable(err) });
      return null;
    }
  };

  /** The folder's entries, or null when it was already read under another path. */
  const readFolder = async (abs: string, rel: string): Promise<VaultEntry[] | null> => {
    let names: string[];
    try {
      const real = await fs.realpath(abs);
      if (seen.has(real)) return null;
      seen.add(real);
      names = await fs.readdir(abs);
    } catch (err) {
      problems.push({ file: rel || '.', problem: unreadable(err) });
      return [];
    }
    const folders: Found[] = [];
    const files: Found[] = [];
    for (const name of names.filter((n) => !n.startsWith('.'))) {
      const found = { name, rel: rel ? `${rel}/${name}` : name, abs: path.join(abs, name) };
      const stat = await inspect(found.abs, found.rel);
      // Sockets, fifos and devices are not vault content.
      if (stat?.isDirectory()) folders.push({ ...found, stat });
      else if (stat?.isFile()) files.push({ ...found, stat });
    }
    const noteNames = new Set(files.filter((f) => NOTE.test(f.name)).map((f) => noteTitle(f.name)));
    const entries: VaultEntry[] = [];
    const paired = new Map<string, VaultEntry[]>();
    for (const folder of folders.sort(byName)) {
      const children = await readFolder(folder.abs, folder.rel);
      if (!children) continue;
      if (noteNames.has(folder.name)) paired.set(folder.name, children);
      else entries.push({ ...folder, type: 'folder', children });
    }
    for (const file of files.sort(byName)) {
      if (!NOTE.test(file.name)) {
        entries.push({ ...file, type: 'attachment' });
        continue;
      }
      const title = noteTitle(file.name);
      entries.push({ ...file, type: 'note', children: paired.get(title) ?? [] });
      paired.delete(title); // `X.md` and `X.MD` side by side: only the first takes the folder.
    }
    return entries;
  };

  return (await readFolder(realRoot, '')) ?? [];
}

export const unreadable = (err: unknown) =>
  `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
