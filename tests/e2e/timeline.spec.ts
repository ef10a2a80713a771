/** The timeline with real photos: the heatmap finds their day, the day shows them as one episode, the drawer
 * shows what was read from them, and a delete can be undone. */
import path from 'node:path';
import type { IngestSummary, MediaDetailDTO } from '../../src/shared/media-schemas';
import type { NodeDTO } from '../../src/shared/schemas';
import { expect, test } from './fixtures';
import { repoRoot } from './server';

// Three photos a Nikon took in Arezzo within ten minutes on 22 October 2008, with GPS.
const GPS = path.resolve(repoRoot, '../shared/fixtures/photos/exif-samples/jpg/gps');
const PHOTOS = ['DSCN0010.jpg', 'DSCN0012.jpg', 'DSCN0021.jpg'];

test('photos on the heatmap, in their day, in the drawer, and deleted with undo', async ({ app, api }) => {
  test.setTimeout(150_000);
  const summary = await api.call<IngestSummary>('media.ingestPaths', { paths: PHOTOS.map((f) => path.join(GPS, f)) });
  const ids = summary.outcomes.map((o) => o.nodeId!);
  expect(ids).toHaveLength(3);
  // Reading text and objects loads models on first use; give the steps time to finish.
  await expect
    .poll(async () => (await Promise.all(ids.map((id) => api.call<MediaDetailDTO>('media.detail', { id })))).map((d) => d.state), {
      timeout: 120_000,
      intervals: [500, 1000],
    })
    .toEqual(['done', 'done', 'done']);

  // The heatmap offers the photos' year and counts them on their day. The years from the first item to the last
  // are buttons, or a menu when there are many (this worker's library may hold other suites' items from today).
  await app.goto('/#/timeline');
  await expect(app.getByRole('heading', { level: 1, name: 'Timeline' })).toBeVisible();
  const yearButton = app.getByRole('group', { name: 'Period shown' }).getByRole('button', { name: '2008' });
  const yearMenu = app.getByRole('combobox', { name: 'Year shown' });
  await expect(yearButton.or(yearMenu)).toBeVisible();
  if (await yearMenu.isVisible()) await yearMenu.selectOption('2008');
  else await yearButton.click();
  const cell = app.getByRole('group', { name: 'Items per day, 2008' }).getByRole('button', { name: 'Wednesday 22 October 2008: 3 items' });
  await cell.click();
  await expect(app).toHaveURL(/#\/timeline\/2008-10-22$/);

  // The day shows them together, as one episode.
  const day = app.getByRole('region', { name: /^Wednesday 22 October 2008/ });
  const episode = day.getByRole('listitem').filter({ hasText: '3 photos' });
  await expect(episode.getByRole('button', { name: /^Photo, DSCN/ })).toHaveCount(3);
  await expect(episode).toContainText(/\d\d:\d\d–\d\d:\d\d/);

  // ← and → step through days.
  await day.getByRole('heading', { level: 2 }).click();
  await app.keyboard.press('ArrowRight');
  await expect(app).toHaveURL(/#\/timeline\/2008-10-23$/);
  await expect(app.getByText('Nothing on this day')).toBeVisible();
  await expect(app.getByRole('link', { name: 'Earlier: Wednesday 22 October 2008' })).toBeVisible();
  await app.keyboard.press('ArrowLeft');
  await expect(app).toHaveURL(/#\/timeline\/2008-10-22$/);

  // The drawer: the camera's time (on the clock where it was taken), the place, the camera, every step done.
  await episode.getByRole('button', { name: /^Photo, DSCN0010,/ }).click();
  const drawer = app.getByRole('dialog', { name: 'DSCN0010' });
  await expect(drawer.getByText('Wednesday 22 October 2008, 16:28')).toBeVisible();
  await expect(drawer).toContainText("Time from the camera's clock");
  await expect(drawer).toContainText('43.46745° N, 11.88513° E');
  await expect(drawer.getByRole('link', { name: /OpenStreetMap/ })).toHaveAttribute('href', /openstreetmap\.org\/\?mlat=43\.46745&mlon=11\.88513/);
  await expect(drawer).toContainText('NIKON COOLPIX P6000');
  const steps = drawer.getByRole('list', { name: 'Processing steps' }).getByRole('listitem');
  await expect(steps.first()).toBeVisible();
  await expect(steps.filter({ hasText: /Done$/ })).toHaveCount(await steps.count());
  await app.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // Delete from the drawer; Undo brings the photo back into its day.
  await episode.getByRole('button', { name: /^Photo, DSCN0021,/ }).click();
  await app.getByRole('dialog', { name: 'DSCN0021' }).getByRole('button', { name: 'Delete' }).click();
  await expect(day.getByRole('button', { name: /^Photo, DSCN/ })).toHaveCount(2);
  await expect(api.call('notes.get', { id: ids[2] })).rejects.toThrow(/not_found/);
  await app.getByRole('status').filter({ hasText: 'Moved “DSCN0021” to the trash' }).getByRole('button', { name: 'Undo' }).click();
  await expect(day.getByRole('button', { name: /^Photo, DSCN/ })).toHaveCount(3);
  await expect(app.getByRole('button', { name: 'Wednesday 22 October 2008: 3 items' })).toBeVisible();
  expect((await api.call<NodeDTO>('notes.get', { id: ids[2] })).deletedAt).toBeNull();
});
