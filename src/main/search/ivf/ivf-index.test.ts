import { afterEach, describe, expect, it } from 'vitest';
import { openTempLibrary } from '../../../../tests/helpers/temp-library';
import { trainCentroids, nearestCentroid } from './kmeans';

let lib: Awaited<ReturnType<typeof openTempLibrary>> | undefined;
afterEach(async () => {
  await lib?.cleanup();
  lib = undefined;
});

const TOPICS = ['garden tomatoes soil compost watering', 'tax return invoice accountant deadline', 'guitar chords practice song melody',
  'marathon running training shoes pace', 'python code function bug test', 'bread flour yeast oven baking'];

describe('IVF index', () => {
  it('clusters separable vectors by their group', () => {
    // Two well separated groups in 2-d.
    const pts = new Float32Array([1, 0, 0.99, 0.14, 0.98, -0.2, 0, 1, 0.1, 0.99, -0.14, 0.99]);
    let seed = 1;
    const c = trainCentroids(pts, 2, 2, 5, () => ((seed = (seed * 16807) % 2147483647) / 2147483647));
    const a = nearestCentroid(c, pts, 0);
    expect(nearestCentroid(c, pts, 2)).toBe(a);
    expect(nearestCentroid(c, pts, 4)).toBe(a);
    expect(nearestCentroid(c, pts, 6)).not.toBe(a);
    expect(nearestCentroid(c, pts, 8)).toBe(nearestCentroid(c, pts, 6));
  });

  it('replaces the flat table past the threshold, keeps search working, and files new and deleted vectors', async () => {
    lib = await openTempLibrary({ ivfMinVectors: 300 });
    const { engine } = lib;
    engine.nodes.createMany(
      Array.from({ length: 360 }, (_, i) => ({ title: `note ${i}`, body: `${TOPICS[i % TOPICS.length]} entry ${i}` })),
    );
    await engine.indexed();
    const embedderId = engine.embedderStatus.active!;
    const record = engine.vectors.get(embedderId)!;
    expect(record.tableName).toMatch(/_ivf$/);
    expect(engine.vectors.ivf.centroids(embedderId)?.k).toBe(19);
    expect(engine.db.prepare(`SELECT count(*) FROM ${record.tableName}`).pluck().get()).toBe(360);

    const res = await engine.search.search({ query: 'sourdough loaf rising', mode: 'semantic', limit: 5 });
    expect(res.hits.length).toBe(5);
    expect(res.hits.every((h) => /bread flour/.test(h.chunk.text))).toBe(true);

    // Vectors written after the build land in the partitioned table and are found.
    const late = engine.nodes.create({ title: 'late', body: 'violin bow rosin orchestra concert' });
    await engine.indexed();
    const found = await engine.search.search({ query: 'violin orchestra', mode: 'semantic', limit: 3 });
    expect(found.hits.map((h) => h.node.id)).toContain(late.id);
    engine.nodes.trash(late.id);
    engine.nodes.purge(late.id);
    expect(engine.db.prepare(`SELECT count(*) FROM ${record.tableName}`).pluck().get()).toBe(360);
  });
});
