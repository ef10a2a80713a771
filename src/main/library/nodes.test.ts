import { describe, expect, it } from 'vitest';
import { useTempLibrary } from '../../../tests/helpers/temp-library';
import type { Engine } from '../engine/engine';
import { diffVersions, listVersions } from './versions';

let engine: Engine;
useTempLibrary((e) => (engine = e));

describe('nodes', () => {
  it('creates notes private and hidden from AI by default, with uuid v7 ids', () => {
    const n = engine.nodes.create({ title: 'First', body: 'hello' });
    expect(n.privacyLevel).toBe('private');
    expect(n.aiUsage).toBe('none');
    expect(n.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
    expect(engine.nodes.get(n.id).body).toBe('hello');
  });

  it('merges explicit tags with #hashtags from the body, ignoring code', () => {
    const n = engine.nodes.create({ body: 'Ideas #Garden and #cooking\n```\n#include <x>\n```\n`#notatag`', tags: ['Work'] });
    expect(n.tags).toEqual(['cooking', 'garden', 'work']);
    const u = engine.nodes.update({ id: n.id, body: 'only #garden now' });
    expect(u.tags).toEqual(['garden', 'work']);
  });

  it('keeps a version for every title or body edit, diffs and restores them', () => {
    const n = engine.nodes.create({ title: 'Plan', body: 'line one\nline two\n' });
    engine.nodes.update({ id: n.id, body: 'line one\nline 2\n' });
    engine.nodes.update({ id: n.id, importance: 0.9 }); // not a content change: no version
    engine.nodes.update({ id: n.id, title: 'Plan B' });
    const versions = listVersions(engine.db, n.id);
    expect(versions.map((v) => v.version)).toEqual([3, 2, 1]);
    const diff = diffVersions(engine.db, n.id, 1, 2);
    expect(diff.hunks[0]!.lines).toContain('-line two');
    expect(diff.hunks[0]!.lines).toContain('+line 2');
    expect(diffVersions(engine.db, n.id, 2, 3).titleChanged).toBe(true);
  });

  it('moves and reorders in the tree and refuses cycles', () => {
    const root = engine.nodes.create({ kind: 'folder', title: 'Root' });
    const a = engine.nodes.create({ title: 'A', parentId: root.id });
    const b = engine.nodes.create({ title: 'B', parentId: root.id });
    const c = engine.nodes.create({ title: 'C', parentId: root.id });
    engine.nodes.move({ id: c.id, parentId: root.id, index: 0 });
    const order = () => engine.nodes.list({ parentId: root.id, orderBy: 'tree', order: 'asc' }).items.map((n) => n.title);
    expect(order()).toEqual(['C', 'A', 'B']);
    engine.nodes.move({ id: a.id, parentId: root.id, index: 2 });
    expect(order()).toEqual(['C', 'B', 'A']);
    engine.nodes.move({ id: b.id, parentId: c.id });
    expect(order()).toEqual(['C', 'A']);
    expect(() => engine.nodes.move({ id: root.id, parentId: b.id })).toThrow(/inside itself/);
  });

  it('trashes a subtree as one batch, restores it, and purges it for good', () => {
    const parent = engine.nodes.create({ title: 'Parent', body: 'zebra crossing' });
    const child = engine.nodes.create({ title: 'Child', parentId: parent.id });
    engine.nodes.trash(parent.id);
    expect(() => engine.nodes.get(child.id)).toThrow(/does not exist/);
    expect(engine.nodes.list({ trashed: true }).total).toBe(2);
    engine.nodes.restore(parent.id);
    expect(engine.nodes.get(child.id).parentId).toBe(parent.id);
    engine.nodes.trash(parent.id);
    expect(engine.nodes.purge(parent.id).purged).toBe(2);
    expect(engine.nodes.exists(child.id)).toBe(false);
    expect(engine.db.prepare('SELECT count(*) AS c FROM chunks').get()).toEqual({ c: 0 });
  });

  it('resolves wikilinks both ways, including links written before their target existed', () => {
    const a = engine.nodes.create({ title: 'Alpha', body: 'see [[Beta]] and [[Gamma|the third]]' });
    const b = engine.nodes.create({ title: 'beta', body: 'back to [[alpha]]' });
    const links = engine.nodes.links(a.id);
    expect(links.outgoing.map((l) => [l.targetTitle, l.targetId])).toEqual([
      ['Beta', b.id],
      ['Gamma', null],
    ]);
    const g = engine.nodes.create({ title: 'Gamma' });
    expect(engine.nodes.links(g.id).backlinks.map((l) => l.sourceId)).toEqual([a.id]);
    expect(engine.nodes.links(b.id).backlinks.map((l) => l.sourceId)).toEqual([a.id]);
  });

  it('writes nothing when one node of a batch is invalid', () => {
    const before = engine.nodes.list({}).total;
    expect(() => engine.nodes.createMany([{ title: 'ok' }, { title: 'bad', parentId: 'missing-parent' }])).toThrow();
    expect(engine.nodes.list({}).total).toBe(before);
  });
});
