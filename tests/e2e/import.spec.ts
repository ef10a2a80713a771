/**
 * Adding files from the page: the file picker (Ctrl+O), a drop on the window, the summary with its details,
 * a voice note from Chromium's fake microphone, and the media limits in Settings. A worker's tests share one
 * library, where a second copy of the same bytes is a duplicate, so photos are sent with a few random bytes
 * after their end: the same picture, new bytes, whichever test ran before.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FileChooser, Page } from '@playwright/test';
import type { MediaSettings, TimelinePageDTO } from '../../src/shared/media-schemas';
import { expect, test, type Api } from './fixtures';
import { repoRoot } from './server';

const PHOTOS = path.resolve(repoRoot, '../shared/fixtures/photos/exif-samples/jpg');
const photo = (name: string) => ({ name, mimeType: 'image/jpeg', buffer: Buffer.concat([fs.readFileSync(path.join(PHOTOS, name)), randomBytes(8)]) });
const imports = (page: Page) => page.getByRole('group', { name: 'Imports' });

async function pick(page: Page, files: Parameters<FileChooser['setFiles']>[0]) {
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Control+O');
  await (await chooser).setFiles(files);
}

async function items(api: Api, kind: string) {
  return (await api.call<TimelinePageDTO>('timeline.items', { kinds: [kind], limit: 200 })).items;
}

test('photos chosen in the file picker are added, with a summary', async ({ app, api }) => {
  await pick(app, [photo('Canon_40D.jpg'), photo('Nikon_D70.jpg'), photo('Pentax_K10D.jpg')]);
  await expect(imports(app).getByText('3 added', { exact: true })).toBeVisible();
  expect((await items(api, 'photo')).map((i) => i.title)).toEqual(expect.arrayContaining(['Canon_40D', 'Nikon_D70', 'Pentax_K10D']));
});

test('a file added twice is recognised as already there', async ({ app }) => {
  const kodak = photo('Kodak_CX7530.jpg');
  await pick(app, [kodak]);
  await expect(imports(app).getByText('1 added', { exact: true })).toBeVisible();
  await pick(app, [kodak]);
  await expect(imports(app).getByText('1 already there', { exact: true })).toBeVisible();
  await imports(app).getByRole('status').filter({ hasText: 'already there' }).getByRole('button', { name: 'Details' }).click();
  const details = app.getByRole('dialog', { name: 'What became of each file' });
  await expect(details.getByRole('region', { name: 'Already in the library' })).toContainText('The same file is already in the library.');
});

test('a file Engram cannot read is listed as not added, with the reason', async ({ app }) => {
  await pick(app, [
    photo('Olympus_C8080WZ.jpg'),
    { name: 'backup.bin', mimeType: 'application/octet-stream', buffer: Buffer.from([0, 159, 146, 150, 1, 2, 3, 250]) },
  ]);
  const summary = imports(app).getByRole('status').filter({ hasText: '1 added, 1 not added' });
  await expect(summary).toBeVisible();
  await summary.getByRole('button', { name: 'Details' }).click();
  const notAdded = app.getByRole('dialog', { name: 'What became of each file' }).getByRole('region', { name: 'Not added' });
  await expect(notAdded).toContainText('backup.bin');
  await expect(notAdded).toContainText('Engram cannot read this kind of file');
  await app.getByRole('button', { name: 'Close' }).click();
  // A summary with files not added stays until dismissed.
  await summary.getByRole('button', { name: 'Dismiss import summary' }).click();
  await expect(summary).toBeHidden();
});

test('files dropped on the window are added, after an overlay says where they go', async ({ app, api }) => {
  const bytes = photo('Ricoh_Caplio_RR330.jpg').buffer.toString('base64');
  const drag = await app.evaluateHandle((b64) => {
    const dt = new DataTransfer();
    dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'Ricoh_Caplio_RR330.jpg', { type: 'image/jpeg' }));
    return dt;
  }, bytes);
  await app.dispatchEvent('main', 'dragenter', { dataTransfer: drag });
  // A real drag repeats dragover every few milliseconds, and the overlay hides 350 ms after the last one; keep
  // dragging until it shows, so a slow machine cannot miss it between two polls.
  await expect(async () => {
    await app.dispatchEvent('main', 'dragover', { dataTransfer: drag });
    await expect(app.getByText('Drop to add to your library')).toBeVisible({ timeout: 200 });
  }).toPass({ timeout: 10_000 });
  await app.dispatchEvent('main', 'drop', { dataTransfer: drag });
  await expect(app.getByText('Drop to add to your library')).toBeHidden();
  await expect(imports(app).getByText('1 added', { exact: true })).toBeVisible();
  expect((await items(api, 'photo')).map((i) => i.title)).toContain('Ricoh_Caplio_RR330');
});

test('a voice note recorded from the microphone becomes an audio item', async ({ app, api }) => {
  const before = (await items(api, 'audio')).length;
  await app.keyboard.press('Control+Shift+R');
  const recorder = app.getByRole('dialog', { name: 'Voice note' });
  await expect(recorder.getByText('Recording', { exact: true })).toBeVisible();
  // Any time from three seconds on: under load the clock can step past a given second between two polls.
  await expect(recorder.getByLabel(/Recorded 0:(0[3-9]|[1-5]\d)/)).toBeVisible({ timeout: 15_000 });
  await recorder.getByRole('button', { name: 'Stop and save' }).click();
  await expect(recorder).toBeHidden();
  await expect(imports(app).getByText('Voice note added')).toBeVisible();
  await expect.poll(async () => (await items(api, 'audio')).length).toBe(before + 1);
  const [note] = await items(api, 'audio');
  expect(note!.title).toMatch(/^Voice note \d{4}-\d\d-\d\d \d\d\.\d\d$/);
  // Recorded a moment ago: its time is when recording started.
  expect(Date.now() - new Date(note!.at).getTime()).toBeLessThan(120_000);
});

test('cancelling a voice note longer than a few seconds asks first', async ({ app, api }) => {
  const before = (await items(api, 'audio')).length;
  await app.keyboard.press('Control+Shift+R');
  const recorder = app.getByRole('dialog', { name: 'Voice note' });
  // Past five seconds, however long the (fake) microphone took to start on a busy machine.
  await expect(recorder.getByLabel(/Recorded 0:(0[6-9]|[1-5]\d)/)).toBeVisible({ timeout: 20_000 });
  await app.keyboard.press('Escape');
  await expect(recorder.getByText(/Discard this 0:\d\d recording\?/)).toBeVisible();
  await recorder.getByRole('button', { name: 'Keep recording' }).click();
  await expect(recorder.getByRole('button', { name: 'Stop and save' })).toBeVisible();
  await app.keyboard.press('Escape');
  await recorder.getByRole('button', { name: 'Discard' }).click();
  await expect(recorder).toBeHidden();
  expect((await items(api, 'audio')).length).toBe(before);
});

test('media limits are saved from Settings', async ({ app, api }) => {
  await app.getByRole('link', { name: 'Settings' }).click();
  const media = app.getByRole('region', { name: 'Media' });
  await media.getByLabel('Largest file').fill('0');
  await media.getByRole('button', { name: 'Save media settings' }).click();
  await expect(media.getByText('Write a number between 1 and 100,000 MB')).toBeVisible();
  await media.getByLabel('Largest file').fill('750');
  await media.getByLabel('Longest video or recording').fill('45');
  await media.getByRole('checkbox', { name: /Text in images/ }).uncheck();
  await media.getByRole('button', { name: 'Save media settings' }).click();
  await expect(app.getByText('Media settings saved')).toBeVisible();
  const saved = await api.call<MediaSettings>('media.settings.get');
  expect(saved).toMatchObject({ maxFileMb: 750, maxVideoMinutes: 45, steps: { ocr: false, vision: true, transcribe: true } });
  // Put back what other tests of this worker rely on.
  await api.call('media.settings.set', { maxFileMb: 4096, maxVideoMinutes: 180, steps: { ocr: true, vision: true, transcribe: true } });
});
