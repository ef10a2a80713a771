import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openTempLibrary } from '../../../tests/helpers/temp-library';
import type { Engine } from '../engine/engine';
import { EngramError } from '../../shared/errors';
import { listVersions } from '../library/versions';
import { exportLibraryJson, importLibraryJson, type LibraryExport } from './json-export';

// The shared fixtures sit beside the repository (../shared), on developers' machines and in CI alike.
const PHOTO = fileURLToPath(new URL('../../../../shared/fixtures/photos/exif-samples/jpg/Canon_40D.jpg', import.meta.url));

const libraries: Awaited<ReturnType<typeof openTempLibrary>>[] = [];
async function library(): Promise<Engine> {
  const lib = await openTempLibrary({ paused: true });
  libraries.push(lib);
  return lib.engine;
}
afterEach(async () => {
  await Promise.all(libraries.splice(0).map((l) => l.cleanup()));
});

/** A library that uses every field an export has to carry. */
function seed(engine: Engine) {
  const folder = engine.nodes.create({ kind: 'folder', title: 'Projects', createdAt: '2024-01-01T08:00:00.000Z' });
  const alpha = engine.nodes.create({
    parentId: folder.id,
    title: 'Alpha',
    body: 'Plan #garden, see [[Beta]]',
    tags: ['work', 'garden'], // garden is explicit and a #hashtag at once
    memoryType: 'episodic',
    importance: 0.9,
    privacyLevel: 'circles',
    aiUsage: 'chat',
    eventTime: { at: '2024-03-01T09:30:00.000Z', offsetMinutes: 60, source: 'exif', confidence: 0.8 },
    metadata: { source: 'test', nested: { list: [1, 'two', null] } },
    createdAt: '2024-03-01T10:00:00.000Z',
  });
  engine.nodes.create({ parentId: folder.id, title: 'Gamma', body: 'third' });
  // Inserted between Alpha and Gamma: a fractional position the import has to keep.
  const beta = engine.nodes.create({ parentId: folder.id, title: 'Beta', body: 'second #idea', index: 1 });
  engine.nodes.update({ id: alpha.id, body: 'Plan #garden, see [[Beta]] (revised)' });
  engine.nodes.get(alpha.id, { countAccess: true });
  engine.nodes.get(alpha.id, { countAccess: true });
  engine.nodes.trash(engine.nodes.create({ title: 'Thrown away' }).id);
  const photo = engine.nodes.create({ kind: 'photo', title: 'Canon_40D.jpg' });
  const blob = engine.blobs.put(fs.readFileSync(PHOTO), 'image/jpeg');
  engine.blobs.attach(photo.id, blob.sha256, 'original', 'Canon_40D.jpg');
  return { folder, alpha, beta, photo, sha: blob.sha256 };
}

/** What a file on disk holds: undefined fields gone, as after JSON.parse. */
const asFile = (doc: LibraryExport) => JSON.parse(JSON.stringify(doc)) as LibraryExport;
const count = (engine: Engine, table: string) =>
  (engine.db.prepare(`SELECT count(*) AS c FROM ${table}`).get() as { c: number }).c;
const handTags = (engine: Engine, id: string) =>
  engine.db.prepare(`SELECT tag FROM node_tags WHERE node_id = ? AND source = 'explicit' ORDER BY tag`).pluck().all(id);

describe('library JSON export and import', () => {
  it('round-trips losslessly: export, import into a fresh library, export again gives the same document', async () => {
    const source = await library();
    const { alpha, beta, photo, sha } = seed(source);
    const first = asFile(exportLibraryJson(source, { blobs: true }));

    expect(first.nodes.map((n) => n.title)).toEqual(['Projects', 'Alpha', 'Beta', 'Gamma', 'Canon_40D.jpg']);
    expect(first.nodes.find((n) => n.id === beta.id)!.position).toBe(1.5);
    expect(first.versions.filter((v) => v.nodeId === alpha.id).map((v) => v.version)).toEqual([1, 2]);

    const target = await library();
    const result = importLibraryJson(target, JSON.parse(JSON.stringify(first)));
    expect(result).toMatchObject({ imported: 5, skipped: 0, versions: 6, blobs: 1, attachments: 1, missingBlobs: [] });

    const second = asFile(exportLibraryJson(target, { blobs: true }));
    expect({ ...second, exportedAt: '' }).toStrictEqual({ ...first, exportedAt: '' });

    // What the document cannot show directly: the tag sources, links and stored bytes.
    expect(handTags(target, alpha.id)).toEqual(['garden', 'work']);
    expect(handTags(target, beta.id)).toEqual([]);
    expect(target.nodes.links(alpha.id).outgoing).toEqual([
      expect.objectContaining({ targetTitle: 'Beta', targetId: beta.id }),
    ]);
    expect(listVersions(target.db, alpha.id)).toEqual(listVersions(source.db, alpha.id));
    expect(target.blobs.read(sha).equals(fs.readFileSync(PHOTO))).toBe(true);
    expect(target.blobs.ofNode(photo.id)).toEqual([expect.objectContaining({ sha256: sha, filename: 'Canon_40D.jpg' })]);
  });

  it('leaves blobs out unless asked, and reports attachments it has no bytes for', async () => {
    const source = await library();
    const { sha } = seed(source);
    const doc = asFile(exportLibraryJson(source));
    expect(doc.blobs).toBeUndefined();
    const target = await library();
    const result = importLibraryJson(target, doc);
    expect(result.attachments).toBe(0);
    expect(result.missingBlobs).toEqual([sha]);
  });

  it('does not make #hashtags explicit when a hand-written file has no explicitTags', async () => {
    const engine = await library();
    importLibraryJson(engine, {
      format: 'engram-export',
      version: 1,
      exportedAt: '2024-05-01T00:00:00Z',
      nodes: [{ id: 'n1', title: 'Hand made', body: 'about #cats', tags: ['cats', 'Pets'] }],
    });
    expect(engine.nodes.get('n1').tags).toEqual(['cats', 'pets']);
    expect(handTags(engine, 'n1')).toEqual(['pets']);
  });

  it('rejects a bad record by index and id and writes nothing', async () => {
    const source = await library();
    seed(source);
    const doc = asFile(exportLibraryJson(source, { blobs: true }));
    (doc.nodes[2] as { privacyLevel: string }).privacyLevel = 'secret';
    const target = await library();
    const error = catchError(() => importLibraryJson(target, doc));
    expect(error).toBeInstanceOf(EngramError);
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(error.message).toContain(`nodes[2] (id "${doc.nodes[2]!.id}")`);
    expect(error.message).toContain('privacyLevel');
    for (const table of ['nodes', 'node_versions', 'node_tags', 'blobs', 'node_blobs', 'chunks']) {
      expect(count(target, table), table).toBe(0);
    }
  });

  it('rejects files that are not exports, children before parents, and bytes that do not match their hash', async () => {
    const engine = await library();
    const base = { format: 'engram-export', version: 1, exportedAt: '2024-05-01T00:00:00Z' };
    expect(() => importLibraryJson(engine, { ...base, format: 'other', nodes: [] })).toThrow(/not an Engram export/);
    expect(() =>
      importLibraryJson(engine, { ...base, nodes: [{ id: 'child', parentId: 'parent' }, { id: 'parent' }] }),
    ).toThrow(/nodes\[0\] \(id "child"\): its parent parent is neither earlier/);
    expect(() => importLibraryJson(engine, { ...base, nodes: [{ id: 'a' }, { id: 'a' }] })).toThrow(/nodes\[1\].*twice/);
    const bytes = Buffer.from('hello');
    expect(() =>
      importLibraryJson(engine, { ...base, nodes: [], blobs: [{ sha256: 'a'.repeat(64), mime: 'text/plain', base64: bytes.toString('base64') }] }),
    ).toThrow(/blobs\[0\].*do not match/);
    expect(() =>
      importLibraryJson(engine, { ...base, nodes: [{ id: 'a' }], versions: [{ nodeId: 'b', version: 1, title: '', body: '', createdAt: base.exportedAt }] }),
    ).toThrow(/versions\[0\] \(nodeId "b"\)/);
    expect(count(engine, 'nodes')).toBe(0);
  });

  it('fails on ids that already exist, or skips them when asked', async () => {
    const engine = await library();
    seed(engine);
    const doc = asFile(exportLibraryJson(engine));
    const before = count(engine, 'node_versions');
    const error = catchError(() => importLibraryJson(engine, doc));
    expect(error).toMatchObject({ code: 'conflict' });
    expect(error.message).toContain(`nodes[0] (id "${doc.nodes[0]!.id}") already exists`);

    const fresh = { ...doc, nodes: [...doc.nodes, { ...doc.nodes[1]!, id: 'new-one', title: 'New' }] };
    const result = importLibraryJson(engine, fresh, { onConflict: 'skip' });
    expect(result).toMatchObject({ imported: 1, skipped: 5, versions: 0 });
    expect(engine.nodes.get('new-one').parentId).toBe(doc.nodes[0]!.id);
    expect(count(engine, 'node_versions')).toBe(before + 1);
  });
});

function catchError(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error');
}
