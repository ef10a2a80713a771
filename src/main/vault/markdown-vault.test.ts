import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTempLibrary, tempDir } from '../../../tests/helpers/temp-library';
import type { Engine } from '../engine/engine';
import { EngramError } from '../../shared/errors';
import type { NodeDTO } from '../../shared/schemas';
import { exportVault, importVault } from './markdown-vault';

// The shared fixtures sit beside the repository (../shared), on developers' machines and in CI alike.
const PHOTO = fileURLToPath(new URL('../../../../shared/fixtures/photos/exif-samples/jpg/Canon_40D.jpg', import.meta.url));

const libraries: Awaited<ReturnType<typeof openTempLibrary>>[] = [];
const dirs: string[] = [];
async function library(): Promise<Engine> {
  const lib = await openTempLibrary({ paused: true });
  libraries.push(lib);
  return lib.engine;
}
function scratch(): string {
  const dir = tempDir('engram-vault-');
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(libraries.splice(0).map((l) => l.cleanup()));
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Writes `files` (relative path → text or bytes) under `root`. */
function write(root: string, files: Record<string, string | Buffer>): string {
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content);
  }
  return root;
}

const HOME = `---
tags: [start, "#pinned"]
aliases: Start page
created: 2023-05-01
privacy: circles
cssclasses: [wide]
---
Welcome #inbox
See [[Project Plan]] and ![[Canon_40D.jpg]]
`;

function sampleVault(): string {
  return write(scratch(), {
    '.obsidian/app.json': '{}',
    'Home.md': HOME,
    'Projects/Project Plan.md': '---\ntags: work, deep\ndate: 2024-02-03T10:00:00Z\n---\nSteps back to [[home]].\n',
    'Projects/Archive/2019/Old Note.md': 'Old text #history', // no final newline: kept as is
    'attachments/Canon_40D.jpg': fs.readFileSync(PHOTO),
  });
}

/** The live tree, depth first in tree order, as `path [kind]` lines: read straight from NodeStore. */
function outline(engine: Engine, parentId: string | null = null, prefix = ''): string[] {
  return children(engine, parentId).flatMap((n) => [
    `${prefix}${n.title} [${n.kind}]`,
    ...outline(engine, n.id, `${prefix}${n.title}/`),
  ]);
}
const children = (engine: Engine, parentId: string | null) =>
  engine.nodes.list({ parentId, orderBy: 'tree', order: 'asc', limit: 1000 }).items;
function byTitle(engine: Engine, title: string): NodeDTO {
  const found = engine.nodes.list({ limit: 1000 }).items.filter((n) => n.title === title);
  expect(found, title).toHaveLength(1);
  return found[0]!;
}
const nodeCount = (engine: Engine) => (engine.db.prepare('SELECT count(*) AS c FROM nodes').get() as { c: number }).c;

async function rejection(promise: Promise<unknown>): Promise<EngramError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(EngramError);
  return err as EngramError;
}

describe('markdown vault import', () => {
  it('mirrors folders, reads front matter and tags, resolves links and stores attachments', async () => {
    const engine = await library();
    const progress: [number, number][] = [];
    const events: number[] = [];
    engine.events.on('job.progress', (p) => p.job === 'vault.import' && events.push(p.done));
    const result = await importVault(engine, sampleVault(), { onProgress: (d, t) => progress.push([d, t]) });

    expect(result).toEqual({ notes: 3, folders: 4, attachments: 1 });
    expect(outline(engine)).toEqual([
      'attachments [folder]',
      'attachments/Canon_40D.jpg [photo]',
      'Projects [folder]',
      'Projects/Archive [folder]',
      'Projects/Archive/2019 [folder]',
      'Projects/Archive/2019/Old Note [note]',
      'Projects/Project Plan [note]',
      'Home [note]',
    ]);
    expect(progress.at(-1)).toEqual([4, 4]);
    expect(events.at(-1)).toBe(4);

    const home = byTitle(engine, 'Home');
    expect(home.body).toBe('Welcome #inbox\nSee [[Project Plan]] and ![[Canon_40D.jpg]]\n');
    expect(home.tags).toEqual(['inbox', 'pinned', 'start']);
    expect(home.privacyLevel).toBe('circles');
    expect(home.createdAt).toBe('2023-05-01T00:00:00.000Z');
    expect(home.metadata).toEqual({ aliases: ['Start page'], frontmatter: { cssclasses: ['wide'] } });

    const plan = byTitle(engine, 'Project Plan');
    expect(plan.tags).toEqual(['deep', 'work']);
    expect(plan.eventTime?.at).toBe('2024-02-03T10:00:00.000Z');
    expect(byTitle(engine, 'Old Note').tags).toEqual(['history']);

    const photo = byTitle(engine, 'Canon_40D.jpg');
    const links = engine.nodes.links(home.id).outgoing.map((l) => [l.targetTitle, l.targetId]);
    expect(links).toEqual([['Canon_40D.jpg', photo.id], ['Project Plan', plan.id]]);
    expect(engine.nodes.links(plan.id).outgoing[0]?.targetId).toBe(home.id);

    const [blob] = engine.blobs.ofNode(photo.id);
    expect(blob).toMatchObject({ role: 'original', filename: 'Canon_40D.jpg', mime: 'image/jpeg' });
    expect(engine.blobs.read(blob!.sha256).equals(fs.readFileSync(PHOTO))).toBe(true);
  });

  it('round-trips: import, export, import the export into a fresh library gives the same notes and tree', async () => {
    const first = await library();
    await importVault(first, sampleVault());
    const out = path.join(scratch(), 'export');
    const written = await exportVault(first, out);
    expect(written).toEqual({ files: 4, notes: 3, folders: 4, attachments: 1 });
    expect(fs.readFileSync(path.join(out, 'attachments/Canon_40D.jpg')).equals(fs.readFileSync(PHOTO))).toBe(true);
    const homeFile = fs.readFileSync(path.join(out, 'Home.md'), 'utf8');
    expect(homeFile).toMatch(/^---\ncssclasses:\n {2}- wide\nid: /);
    expect(homeFile).toContain('\naliases:\n  - Start page\n');
    expect(homeFile.endsWith('---\nWelcome #inbox\nSee [[Project Plan]] and ![[Canon_40D.jpg]]\n')).toBe(true);

    const second = await library();
    await importVault(second, out);
    expect(outline(second)).toEqual(outline(first));
    const notes = (e: Engine) =>
      e.nodes.list({ kind: 'note', limit: 1000, orderBy: 'created_at' }).items.map((n) => ({
        id: n.id, title: n.title, body: n.body, tags: n.tags, metadata: n.metadata, privacy: n.privacyLevel,
        createdAt: n.createdAt, updatedAt: n.updatedAt, eventTime: n.eventTime?.at,
      }));
    expect(notes(second)).toEqual(notes(first));
    const photo = byTitle(second, 'Canon_40D.jpg');
    expect(second.blobs.read(second.blobs.ofNode(photo.id)[0]!.sha256).equals(fs.readFileSync(PHOTO))).toBe(true);
    expect(second.nodes.links(byTitle(second, 'Home').id).outgoing.every((l) => l.targetId)).toBe(true);
  });

  it('aborts on a file that is not UTF-8 or cannot be read, names every bad file and writes nothing', async () => {
    const engine = await library();
    const vault = sampleVault();
    write(vault, { 'Projects/Latin1.md': Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]) });
    fs.symlinkSync(path.join(vault, 'nowhere.md'), path.join(vault, 'Gone.md'));
    const err = await rejection(importVault(engine, vault));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toContain('Projects/Latin1.md is not valid UTF-8');
    expect(err.message).toContain('Gone.md cannot be read (ENOENT)');
    expect(nodeCount(engine)).toBe(0);
    expect(engine.db.prepare('SELECT count(*) FROM blobs').pluck().get()).toBe(0);
  });

  it.skipIf(process.getuid?.() === 0)('aborts on a file without read permission', async () => {
    const engine = await library();
    const vault = write(sampleVault(), { 'Locked.md': 'secret' });
    fs.chmodSync(path.join(vault, 'Locked.md'), 0o000);
    expect((await rejection(importVault(engine, vault))).message).toContain('Locked.md cannot be read (EACCES)');
    expect(nodeCount(engine)).toBe(0);
  });

  it('rejects symlinks that leave the vault but follows ones that stay inside', async () => {
    const engine = await library();
    const outside = write(scratch(), { 'secret.md': 'not yours' });
    const vault = sampleVault();
    fs.symlinkSync(path.join(vault, 'Home.md'), path.join(vault, 'Home again.md'));
    fs.symlinkSync(vault, path.join(vault, 'Projects', 'loop'));
    fs.symlinkSync(path.join(outside, 'secret.md'), path.join(vault, 'Leak.md'));
    const err = await rejection(importVault(engine, vault));
    expect(err.message).toBe('Nothing was imported: Leak.md is a symbolic link to a place outside the vault');
    expect(nodeCount(engine)).toBe(0);

    fs.unlinkSync(path.join(vault, 'Leak.md'));
    await importVault(engine, vault);
    expect(byTitle(engine, 'Home again').body).toBe(byTitle(engine, 'Home').body);
    expect(outline(engine)).not.toContain('Projects/loop [folder]');
  });

  it('never runs JavaScript front matter and reports broken YAML', async () => {
    const engine = await library();
    const vault = write(scratch(), {
      'Evil.md': '---js\n{ title: (globalThis.__engramPwned = true) }\n---\nbody',
      'Broken.md': '---\ntags: [unclosed\n---\nbody',
    });
    const err = await rejection(importVault(engine, vault));
    expect(err.message).toContain('Broken.md has front matter that is not valid YAML');
    expect(err.message).toContain('Evil.md has front matter that is not valid YAML (JavaScript front matter is not supported)');
    expect((globalThis as { __engramPwned?: boolean }).__engramPwned).toBeUndefined();
    expect(nodeCount(engine)).toBe(0);
  });

  it('keeps known keys with values that do not fit as front matter, and takes a leading --- rule as text', async () => {
    const engine = await library();
    const vault = write(scratch(), {
      'Odd.md': '---\nprivacy: secret\nid: 20230101120000\ntitle: Something else\ntags: 5\n---\ntext',
      'Rule.md': '---\nJust a paragraph under a rule.\n',
    });
    await importVault(engine, vault);
    const odd = engine.nodes.get('20230101120000');
    expect(odd).toMatchObject({ title: 'Odd', privacyLevel: 'private', body: 'text', tags: [] });
    expect(odd.metadata).toEqual({ frontmatter: { privacy: 'secret', title: 'Something else', tags: 5 } });
    expect(byTitle(engine, 'Rule').body).toBe('---\nJust a paragraph under a rule.\n');
  });
});

describe('markdown vault export', () => {
  it('keeps every file inside outDir, sanitises and de-duplicates names, and restores titles on import', async () => {
    const engine = await library();
    const parent = engine.nodes.create({ title: 'Parent', body: 'has children' });
    engine.nodes.create({ parentId: parent.id, title: 'Child', body: 'nested' });
    const titles = ['../../evil', 'Same', 'same', 'a/b: c?', '', 'CON', '.hidden'];
    for (const title of titles) engine.nodes.create({ title, body: `body of ${JSON.stringify(title)}` });
    const folder = engine.nodes.create({ kind: 'folder', title: 'Same' });
    engine.nodes.create({ parentId: folder.id, title: 'Inside' });

    const base = scratch();
    const out = path.join(base, 'a', 'b', 'out');
    await exportVault(engine, out);
    // `../../evil` would have landed in `base/a`: nothing but the export is there.
    expect([fs.readdirSync(base), fs.readdirSync(path.join(base, 'a'))]).toEqual([['a'], ['b']]);
    expect(fs.readdirSync(out).sort()).toEqual([
      '_CON.md', 'Parent', 'Parent.md', 'Same (3)', 'Same.md', '_._evil.md', 'a_b_ c_.md', 'hidden.md',
      'same (2).md', 'Untitled.md',
    ].sort());
    expect(fs.readdirSync(path.join(out, 'Parent'))).toEqual(['Child.md']);

    const again = await library();
    await importVault(again, out);
    const titlesBack = again.nodes.list({ kind: 'note', limit: 100 }).items.map((n) => n.title);
    expect(titlesBack.sort()).toEqual(['Child', 'Inside', 'Parent', 'Untitled', ...titles.filter(Boolean)].sort());
    expect(children(again, byTitle(again, 'Parent').id).map((n) => n.title)).toEqual(['Child']);
  });

  it('refuses a folder that is not empty', async () => {
    const engine = await library();
    engine.nodes.create({ title: 'Note' });
    const out = write(scratch(), { 'keep.txt': 'mine' });
    const err = await rejection(exportVault(engine, out));
    expect(err.code).toBe('conflict');
    expect(err.message).toContain('is not an empty folder');
    expect(fs.readdirSync(out)).toEqual(['keep.txt']);
  });
});
