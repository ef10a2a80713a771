/**
 * Obsidian-style vaults: a folder tree of markdown notes and attachments. The vault root stands for the library's
 * top level, so exporting a library and importing the result into an empty one gives back the same tree.
 *
 * Import reads and checks every file first and reports all problems at once; only then does it write, in one
 * transaction, so a failed import leaves the library as it was.
 */
import type { Stats } from 'node:fs';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { Engine } from '../engine/engine';
import { EngramError, invalidInput } from '../../shared/errors';
import { NodeCreate, type NodeDTO } from '../../shared/schemas';
import { childPath, FolderNames } from './file-names';
import { readNote, writeNote } from './frontmatter';
import { explicitTags, liveTree } from './live-tree';
import { kindOfMime, mimeOf } from './mime';
import { jobProgress, type OnProgress } from './progress';
import { noteTitle, unreadable, walkVault, type VaultEntry, type VaultProblem } from './vault-walk';

export interface VaultImportResult {
  notes: number;
  folders: number;
  attachments: number;
}

export interface VaultExportResult {
  /** Notes plus attachments written. */
  files: number;
  notes: number;
  folders: number;
  attachments: number;
}

type PlannedNode = NodeCreate & { id: string };

interface PlannedAttachment {
  nodeId: string;
  abs: string;
  rel: string;
  mime: string;
  filename: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export async function importVault(
  engine: Engine,
  dir: string,
  opts: { onProgress?: OnProgress } = {},
): Promise<VaultImportResult> {
  const root = path.resolve(dir);
  if (!(await fsp.stat(root).catch(() => undefined))?.isDirectory()) throw invalidInput(`${root} is not a folder`);
  const problems: VaultProblem[] = [];
  const entries = await walkVault(root, problems);
  const progress = jobProgress(engine, 'vault.import', countFiles(entries), opts.onProgress);
  const nodes: NodeCreate[] = [];
  const attachments: PlannedAttachment[] = [];
  const ids = new Set<string>();
  const counts = { notes: 0, folders: 0, attachments: 0 };

  const plan = async (list: VaultEntry[], parentId: string | null): Promise<void> => {
    for (const entry of list) {
      const node = await planEntry(entry, parentId);
      if (node) {
        const checked = NodeCreate.safeParse(node);
        if (checked.success) nodes.push(node);
        else problems.push({ file: entry.rel, problem: `cannot be imported (${issueText(checked.error.issues[0])})` });
      }
      if (entry.type !== 'attachment') await plan(entry.children, node?.id ?? null);
    }
  };

  const planEntry = async (entry: VaultEntry, parentId: string | null): Promise<PlannedNode | undefined> => {
    const times = fileTimes(entry.stat);
    if (entry.type === 'folder') {
      counts.folders++;
      return { id: uuidv7(), parentId, kind: 'folder', title: entry.name, ...times };
    }
    if (entry.type === 'attachment') {
      if (!(await readable(entry, problems))) return undefined;
      const mime = mimeOf(entry.name);
      const id = uuidv7();
      attachments.push({ nodeId: id, abs: entry.abs, rel: entry.rel, mime, filename: entry.name });
      counts.attachments++;
      // The full file name is the title, so `![[image.png]]` resolves to it like any wikilink.
      return { id, parentId, kind: kindOfMime(mime), title: entry.name, ...times };
    }
    const text = await readText(entry, problems);
    progress.tick(entry.rel);
    if (text === undefined) return undefined;
    let note: ReturnType<typeof readNote>;
    try {
      note = readNote(text, noteTitle(entry.name));
    } catch (err) {
      problems.push({ file: entry.rel, problem: `has front matter that is not valid YAML (${firstLine(err)})` });
      return undefined;
    }
    const { fields, body } = note;
    // An id from an earlier export is kept when it is free, so a library restored from a vault keeps its ids.
    const id = fields.id && !ids.has(fields.id) && !engine.nodes.exists(fields.id) ? fields.id : uuidv7();
    ids.add(id);
    const createdAt = fields.createdAt ?? times.createdAt;
    counts.notes++;
    return {
      kind: 'note',
      title: noteTitle(entry.name),
      ...fields,
      id,
      parentId,
      body,
      createdAt,
      updatedAt: fields.updatedAt ?? (times.updatedAt < createdAt ? createdAt : times.updatedAt),
    };
  };

  await plan(entries, null);
  if (problems.length > 0) throw vaultProblems(problems);

  engine.db.transaction(() => {
    // Attachment bytes are read only now, one at a time, so a vault of videos never sits in memory at once.
    const shas = attachments.map((a) => {
      const sha = engine.blobs.put(readBytes(a), a.mime).sha256;
      progress.tick(a.rel);
      return sha;
    });
    engine.nodes.createMany(nodes);
    attachments.forEach((a, i) => engine.blobs.attach(a.nodeId, shas[i]!, 'original', a.filename));
  })();
  return counts;
}

export async function exportVault(
  engine: Engine,
  outDir: string,
  opts: { onProgress?: OnProgress } = {},
): Promise<VaultExportResult> {
  const root = path.resolve(outDir);
  const existing = fs.statSync(root, { throwIfNoEntry: false });
  if (existing && (!existing.isDirectory() || fs.readdirSync(root).length > 0)) {
    throw new EngramError('conflict', `${root} is not an empty folder; choose a new or empty folder for the export`);
  }
  fs.mkdirSync(root, { recursive: true });
  const tree = liveTree(engine);
  const progress = jobProgress(engine, 'vault.export', tree.nodes.length, opts.onProgress);
  const counts = { notes: 0, folders: 0, attachments: 0 };

  // Every name goes through FolderNames and childPath, and nothing is overwritten ('wx', COPYFILE_EXCL,
  // mkdir without recursive), so the export cannot leave outDir or clobber what it wrote.
  const writeFolder = (parentId: string | null, dir: string): void => {
    const names = new FolderNames();
    for (const node of tree.children(parentId)) {
      const children = tree.children(node.id);
      const original = node.kind === 'folder' ? undefined : originalOf(engine, node);
      let stem: string | undefined;
      if (original) {
        const file = childPath(dir, names.file(original.filename ?? node.title));
        fs.copyFileSync(engine.blobs.absolute(original), file, fs.constants.COPYFILE_EXCL);
        stamp(file, node);
        counts.attachments++;
      } else {
        stem = names.stem(node.title);
        // A folder's own text (if any) goes in `Folder.md` beside it, which import pairs back with the folder.
        if (node.kind !== 'folder' || node.body) {
          const file = childPath(dir, `${stem}.md`);
          fs.writeFileSync(file, writeNote(node, explicitTags(engine, node.id), stem), { flag: 'wx' });
          stamp(file, node);
          counts.notes++;
        }
      }
      if (node.kind === 'folder') counts.folders++;
      progress.tick(node.title);
      if (node.kind === 'folder' || children.length > 0) {
        const sub = childPath(dir, stem ?? names.stem(node.title));
        fs.mkdirSync(sub);
        writeFolder(node.id, sub);
      }
    }
  };
  writeFolder(null, root);
  return { files: counts.notes + counts.attachments, ...counts };
}

const originalOf = (engine: Engine, node: NodeDTO) => engine.blobs.ofNode(node.id).find((b) => b.role === 'original');

function countFiles(entries: VaultEntry[]): number {
  return entries.reduce(
    (sum, e) => sum + (e.type === 'folder' ? 0 : 1) + (e.type === 'attachment' ? 0 : countFiles(e.children)),
    0,
  );
}

/** When a file was made and last changed. Copies often get a new birth time but keep mtime: take the earlier. */
function fileTimes(stat: Stats): { createdAt: string; updatedAt: string } {
  const born = stat.birthtimeMs > 0 ? Math.min(stat.birthtimeMs, stat.mtimeMs) : stat.mtimeMs;
  return { createdAt: new Date(born).toISOString(), updatedAt: stat.mtime.toISOString() };
}

/** Exported files carry the node's last change as their mtime, which a later import reads back. */
function stamp(file: string, node: NodeDTO): void {
  const at = new Date(node.updatedAt);
  fs.utimesSync(file, at, at);
}

async function readText(entry: VaultEntry, problems: VaultProblem[]): Promise<string | undefined> {
  let bytes: Buffer;
  try {
    bytes = await fsp.readFile(entry.abs);
  } catch (err) {
    problems.push({ file: entry.rel, problem: unreadable(err) });
    return undefined;
  }
  try {
    return utf8.decode(bytes);
  } catch {
    problems.push({ file: entry.rel, problem: 'is not valid UTF-8 text' });
    return undefined;
  }
}

async function readable(entry: VaultEntry, problems: VaultProblem[]): Promise<boolean> {
  try {
    await (await fsp.open(entry.abs, 'r')).close();
    return true;
  } catch (err) {
    problems.push({ file: entry.rel, problem: unreadable(err) });
    return false;
  }
}

function readBytes(a: PlannedAttachment): Buffer {
  try {
    return fs.readFileSync(a.abs);
  } catch (err) {
    throw vaultProblems([{ file: a.rel, problem: unreadable(err) }]);
  }
}

function vaultProblems(problems: VaultProblem[]): EngramError {
  const shown = problems.slice(0, 5).map((p) => `${p.file} ${p.problem}`);
  const more = problems.length > shown.length ? `; and ${problems.length - shown.length} more` : '';
  return invalidInput(`Nothing was imported: ${shown.join('; ')}${more}`, { problems });
}

const firstLine = (err: unknown) => String((err as Error).message).split('\n')[0];
const issueText = (issue?: { path: PropertyKey[]; message: string }) =>
  issue ? `${issue.path.map(String).join('.')}: ${issue.message}` : 'invalid';
