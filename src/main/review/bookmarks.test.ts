import { describe, expect, it } from 'vitest';
import { useTempLibrary } from '../../../tests/helpers/temp-library';
import type { Engine } from '../engine/engine';
import { invoke } from '../engine/handlers';
import { registry } from '../engine/registry';
import { LATEST_VERSION } from '../db/migrations';
import { codeOf } from '../../../tests/helpers/error-code';
import { addBookmark, addHighlight, findBookmark, normaliseUrl } from './bookmarks';
import { getCard } from './fsrs';
import { reviewMigration } from './schema';

let engine: Engine;
useTempLibrary((e) => (engine = e));

describe('schema', () => {
  it('is migrated into every library: cards and logs go with their node', () => {
    expect(LATEST_VERSION).toBeGreaterThanOrEqual(reviewMigration.version);
    const tables = engine.db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['review_cards', 'review_logs']));
  });
});

describe('normaliseUrl', () => {
  it('spells one address one way', () => {
    expect(normaliseUrl(' HTTPS://Example.COM:443/a?utm_source=news&b=1&fbclid=x# ')).toBe('https://example.com/a?b=1');
    expect(normaliseUrl('http://example.com')).toBe('http://example.com/');
    expect(normaliseUrl('example.com/guides/bread')).toBe('https://example.com/guides/bread');
    expect(normaliseUrl('www.example.org:8080/x')).toBe('https://www.example.org:8080/x');
    expect(normaliseUrl('https://example.com/#/route')).toBe('https://example.com/#/route');
  });

  it('refuses what is not an http(s) address', () => {
    for (const bad of [
      '', 'not a url', 'javascript:alert(1)', ' JavaScript:alert(document.cookie)', 'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'ftp://example.com/x', 'https://user:secret@example.com/',
    ]) {
      expect(codeOf(() => normaliseUrl(bad)), bad).toBe('invalid_input');
    }
  });
});

describe('addBookmark', () => {
  it('makes a bookmark node with its address, note, tags and privacy', () => {
    const { node, created, card } = addBookmark(engine, {
      url: 'https://bread.example.com/sourdough?utm_campaign=x',
      note: 'Feed the starter twice a day. #baking',
      tags: ['Bread'],
      privacyLevel: 'public',
      aiUsage: 'chat',
    });
    expect(created).toBe(true);
    expect(card).toBeNull();
    expect(node).toMatchObject({
      kind: 'bookmark',
      title: 'bread.example.com/sourdough',
      body: 'Feed the starter twice a day. #baking',
      privacyLevel: 'public',
      aiUsage: 'chat',
      metadata: { url: 'https://bread.example.com/sourdough', domain: 'bread.example.com' },
    });
    expect(node.tags).toEqual(['baking', 'bread']);
  });

  it('returns the existing bookmark for an address already bookmarked, however it is spelled', () => {
    const first = addBookmark(engine, { url: 'https://example.com/a', title: 'A page' });
    const again = addBookmark(engine, { url: 'HTTPS://EXAMPLE.com/a?utm_source=feed', title: 'Other title', note: 'ignored' });
    expect(again.created).toBe(false);
    expect(again.node.id).toBe(first.node.id);
    expect(again.node.title).toBe('A page');
    expect(engine.nodes.list({ kind: 'bookmark' }).total).toBe(1);
    expect(findBookmark(engine, 'example.com/a')?.id).toBe(first.node.id);
    // Once trashed, the address can be bookmarked afresh.
    engine.nodes.trash(first.node.id);
    const fresh = addBookmark(engine, { url: 'https://example.com/a' });
    expect(fresh.created).toBe(true);
    expect(fresh.node.id).not.toBe(first.node.id);
  });

  it('refuses bad and script addresses without writing anything', () => {
    expect(codeOf(() => addBookmark(engine, { url: 'javascript:alert(1)' }))).toBe('invalid_input');
    expect(codeOf(() => addBookmark(engine, { url: 'nonsense here' }))).toBe('invalid_input');
    expect(engine.nodes.list({ kind: 'bookmark' }).total).toBe(0);
  });

  it('enrols for review when asked to remember, also for a duplicate', () => {
    const now = new Date('2026-03-01T10:00:00Z');
    const a = addBookmark(engine, { url: 'https://example.com/remember', remember: true, now });
    expect(a.card).toMatchObject({ nodeId: a.node.id, state: 'new', due: now.toISOString() });
    const plain = addBookmark(engine, { url: 'https://example.com/later' });
    expect(getCard(engine, plain.node.id)).toBeNull();
    const dup = addBookmark(engine, { url: 'https://example.com/later', remember: true, now });
    expect(dup.created).toBe(false);
    expect(getCard(engine, plain.node.id)?.state).toBe('new');
  });

  it('reports the new node on the event bus once it is committed', () => {
    const seen: string[] = [];
    engine.events.on('node.changed', (p) => seen.push(`${p.change}:${p.id}`));
    const { node } = addBookmark(engine, { url: 'https://example.com/evented' });
    addBookmark(engine, { url: 'https://example.com/evented' });
    expect(seen).toEqual([`created:${node.id}`]);
  });

  it('is a handler that validates its input', async () => {
    const out = (await invoke(registry, engine, 'bookmarks.add', { url: 'example.net', remember: true })) as {
      node: { metadata: { url: string } };
      card: { state: string };
    };
    expect(out.node.metadata.url).toBe('https://example.net/');
    expect(out.card.state).toBe('new');
    await expect(invoke(registry, engine, 'bookmarks.add', { url: 'javascript:void(0)' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(invoke(registry, engine, 'bookmarks.add', {})).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

describe('addHighlight', () => {
  it('keeps a passage of a node as a highlight note linked to it', () => {
    const source = engine.nodes.create({ title: 'Bread notes', body: 'Long cold fermentation develops flavour.' });
    const { node, sourceId } = addHighlight(engine, {
      sourceId: source.id,
      text: 'Long cold fermentation\ndevelops flavour.',
      note: 'Try 48 hours next time.',
    });
    expect(sourceId).toBe(source.id);
    expect(node.kind).toBe('note');
    expect(node.tags).toContain('highlight');
    expect(node.body).toBe('> Long cold fermentation\n> develops flavour.\n\nTry 48 hours next time.');
    expect(node.metadata).toMatchObject({ highlightOf: source.id });
    expect(engine.nodes.links(node.id).outgoing).toEqual([
      { sourceId: node.id, targetId: source.id, targetTitle: 'Bread notes', kind: 'derived_from' },
    ]);
    expect(engine.nodes.links(source.id).backlinks.map((l) => l.sourceId)).toEqual([node.id]);
    // Editing the highlight keeps the link (only wikilinks follow the body).
    engine.nodes.update({ id: node.id, body: 'changed' });
    expect(engine.nodes.links(node.id).outgoing).toHaveLength(1);
  });

  it('takes the privacy of its source unless told otherwise', () => {
    const source = engine.nodes.create({ title: 'Shared', privacyLevel: 'public', aiUsage: 'chat' });
    expect(addHighlight(engine, { sourceId: source.id, text: 'a' }).node).toMatchObject({ privacyLevel: 'public', aiUsage: 'chat' });
    expect(addHighlight(engine, { sourceId: source.id, text: 'b', privacyLevel: 'private' }).node.privacyLevel).toBe('private');
  });

  it('links a highlight of a bookmarked page to the bookmark, and keeps the address of any other page', () => {
    const bm = addBookmark(engine, { url: 'https://example.com/article', title: 'Article' }).node;
    const linked = addHighlight(engine, { url: 'example.com/article', text: 'A sentence worth keeping.' });
    expect(linked.sourceId).toBe(bm.id);
    expect(linked.node.metadata).toMatchObject({ highlightOf: bm.id, url: 'https://example.com/article' });
    expect(engine.nodes.links(bm.id).backlinks.map((l) => l.sourceId)).toEqual([linked.node.id]);

    const loose = addHighlight(engine, { url: 'https://elsewhere.example.org/post', text: 'Another one.', remember: true });
    expect(loose.sourceId).toBeNull();
    expect(loose.node.metadata).toMatchObject({ highlightOf: 'https://elsewhere.example.org/post' });
    expect(engine.nodes.links(loose.node.id).outgoing).toEqual([]);
    expect(loose.card?.state).toBe('new');
  });

  it('refuses a highlight without text or source, or of a missing node', async () => {
    expect(codeOf(() => addHighlight(engine, { text: 'orphan' }))).toBe('invalid_input');
    expect(codeOf(() => addHighlight(engine, { sourceId: 'nope', text: 'x' }))).toBe('not_found');
    await expect(invoke(registry, engine, 'highlights.add', { text: 'x' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(invoke(registry, engine, 'highlights.add', { url: 'https://e.com', text: '  ' })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(engine.nodes.list({ tags: ['highlight'] }).total).toBe(0);
  });
});
