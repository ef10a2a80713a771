/**
 * The timeline and dashboard over a real library: counts per local day, a day's episodes, the endless list's
 * paging, placing an item on a past day, storage and queue figures, and deleting an item with everything
 * derived from it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { useTempLibrary, tempDir } from '../../../tests/helpers/temp-library';
import type { Engine } from '../engine/engine';
import { invoke } from '../engine/handlers';
import { registry } from '../engine/registry';
import { ingestPaths } from '../media/ingest-paths';
import { FIXTURES } from '../media/photo/test-support';
import type { DashboardDTO, DayDTO, HeatmapDTO, TimelinePageDTO } from '../../shared/media-schemas';

let engine: Engine;
useTempLibrary((e) => (engine = e));
const call = <T>(name: string, input: unknown) => invoke(registry, engine, name, input) as Promise<T>;
const at = (iso: string) => ({ at: iso, source: 'user', confidence: 1 });

beforeEach(() => {
  engine.media.updateSettings({ steps: { ocr: false, vision: false, transcribe: true } });
  // 2024-03-09, in Berlin (UTC+1): a morning walk (three items close together), then dinner in the evening.
  engine.nodes.create({ title: 'Walk', body: 'Walk by the #river', eventTime: at('2024-03-09T08:00:00Z') });
  engine.nodes.create({ title: 'Heron', body: 'A heron at the #river', eventTime: at('2024-03-09T08:20:00Z') });
  engine.nodes.create({ title: 'Coffee', body: 'Coffee after the #river walk', eventTime: at('2024-03-09T09:30:00Z') });
  engine.nodes.create({ title: 'Dinner', body: 'Dinner with Ana', eventTime: at('2024-03-09T18:00:00Z') });
  // 23:30 UTC on the 9th is already the 10th in Berlin.
  engine.nodes.create({ title: 'Late', body: 'Past midnight in Berlin', eventTime: at('2024-03-09T23:30:00Z') });
});

describe('timeline', () => {
  it('counts items per day in the viewer’s zone', async () => {
    const utc = await call<HeatmapDTO>('timeline.heatmap', { from: '2024-03-01', to: '2024-03-31', offsetMinutes: 0 });
    expect(utc.days).toEqual([{ day: '2024-03-09', count: 5 }]);
    const berlin = await call<HeatmapDTO>('timeline.heatmap', { from: '2024-03-01', to: '2024-03-31', offsetMinutes: 60 });
    expect(berlin.days).toEqual([
      { day: '2024-03-09', count: 4 },
      { day: '2024-03-10', count: 1 },
    ]);
    await expect(call('timeline.heatmap', { from: '2024-04-01', to: '2024-03-01' })).rejects.toThrow(/from/);
  });

  it('groups a day into episodes by pauses, bridging a longer one between alike items', async () => {
    const day = await call<DayDTO>('timeline.day', { day: '2024-03-09', offsetMinutes: 60 });
    expect(day.total).toBe(4);
    // Walk → Heron is 20 min; Heron → Coffee is 70 min but both are #river; Dinner is hours later.
    expect(day.episodes.map((e) => e.items.map((i) => i.title))).toEqual([['Walk', 'Heron', 'Coffee'], ['Dinner']]);
    expect(day.episodes[0]!.label).toBe('#river');
  });

  it('pages through every item newest first, and an item moved to a past day shows there', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page: TimelinePageDTO = await call('timeline.items', { limit: 2, cursor });
      seen.push(...page.items.map((i) => i.title));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['Late', 'Dinner', 'Coffee', 'Heron', 'Walk']);
    expect(await call('timeline.bounds', { offsetMinutes: 60 })).toEqual({ first: '2024-03-09', last: '2024-03-10' });
    expect(await call<TimelinePageDTO>('timeline.items', { failedOnly: true })).toEqual({ items: [], nextCursor: null });
    await expect(call('timeline.items', { cursor: 'garbage' })).rejects.toThrow(/cursor/);

    const dinner = engine.nodes.list({ limit: 10 }).items.find((n) => n.title === 'Dinner')!;
    await call('timeline.setTime', { id: dinner.id, at: '2023-12-24T19:00:00Z' });
    const christmas = await call<DayDTO>('timeline.day', { day: '2023-12-24', offsetMinutes: 0 });
    expect(christmas.episodes[0]!.items.map((i) => i.title)).toEqual(['Dinner']);
  });
});

describe('dashboard and deleting media', () => {
  it('reports kinds over time, storage by kind and the queue; deleting an item removes its files and index', async () => {
    const dir = tempDir('engram-dash-');
    try {
      fs.copyFileSync(path.join(FIXTURES, 'jpg/Canon_40D.jpg'), path.join(dir, 'canon.jpg'));
      engine.nodes.create({ title: 'Written today' });
      const r = await ingestPaths(engine.media, [dir], { source: 'cli' });
      const before: DashboardDTO = await call('dashboard.get', {});
      expect(before.queue.queued + before.queue.running).toBeGreaterThan(0);
      await engine.media.drain();
      const d: DashboardDTO = await call('dashboard.get', {});
      expect(d.queue).toMatchObject({ queued: 0, running: 0, failed: 0 });
      const photoBytes = d.storage.byKind.find((k) => k.kind === 'photo')!.bytes;
      expect(photoBytes).toBeGreaterThan(fs.statSync(path.join(dir, 'canon.jpg')).size);
      expect(d.recent.map((i) => i.kind)).toContain('photo');
      // The last twelve months only: today's note, not the 2008 photo or the 2024 notes.
      const month = new Date().toISOString().slice(0, 7);
      expect(d.byKindOverTime).toEqual([{ month, kind: 'note', count: 1 }]);

      const id = r.outcomes[0]!.nodeId!;
      const files = engine.blobs.ofNode(id).map((b) => engine.blobs.absolute(b));
      expect(files).toHaveLength(3);
      engine.nodes.trash(id);
      engine.nodes.purge(id);
      await new Promise((r) => setTimeout(r, 10)); // blob removal runs after the purge commits
      for (const f of files) expect(fs.existsSync(f), f).toBe(false);
      expect(engine.db.prepare('SELECT count(*) FROM blobs').pluck().get()).toBe(0);
      expect(engine.db.prepare('SELECT count(*) FROM jobs').pluck().get()).toBe(0);
      expect(engine.db.prepare('SELECT count(*) FROM chunks WHERE node_id = ?').pluck().get(id)).toBe(0);
      const after: DashboardDTO = await call('dashboard.get', {});
      expect(after.storage.byKind.find((k) => k.kind === 'photo')).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('warns near the storage budget, and optimising drops old originals but keeps previews', async () => {
    const dir = tempDir('engram-opt-');
    try {
      fs.copyFileSync(path.join(FIXTURES, 'jpg/Canon_40D.jpg'), path.join(dir, 'canon.jpg'));
      const r = await ingestPaths(engine.media, [dir], { source: 'cli' });
      await engine.media.drain();
      const used = (await call<DashboardDTO>('dashboard.get', {})).storage.totalBytes;
      engine.media.updateSettings({ storageBudgetGb: (used * 1.05) / 1024 ** 3 });
      expect((await call<DashboardDTO>('dashboard.get', {})).storage.warning).toMatch(/% of its/);

      engine.media.updateSettings({ retentionDays: 1 });
      const id = r.outcomes[0]!.nodeId!;
      engine.db.prepare(`UPDATE media_items SET created_at = '2020-01-01T00:00:00Z'`).run();
      const size = fs.statSync(path.join(dir, 'canon.jpg')).size;
      const result = await call<{ freedBytes: number; originalsDropped: number }>('media.optimiseStorage', {});
      expect(result).toMatchObject({ originalsDropped: 1 });
      expect(result.freedBytes).toBeGreaterThanOrEqual(size);
      const detail = await call<{ blobs: { role: string }[]; originalsDropped: boolean }>('media.detail', { id });
      expect(detail.originalsDropped).toBe(true);
      expect(detail.blobs.map((b) => b.role).sort()).toEqual(['preview', 'thumbnail']);
      // Nothing more to drop the second time.
      expect(await call('media.optimiseStorage', {})).toMatchObject({ originalsDropped: 0 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
