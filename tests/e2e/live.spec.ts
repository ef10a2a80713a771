import type { NodeDTO } from '../../src/shared/schemas';
import { expect, test, unique } from './fixtures';

test('the page listens to the event stream with the key in a header, not in the URL', async ({ page, server }) => {
  await page.addInitScript((key) => sessionStorage.setItem('engram.apiKey', key), server.key);
  const stream = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/events');
  await page.goto('/#/notes');
  const res = await stream;
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toMatch(/^text\/event-stream/);
  expect(await res.request().headerValue('authorization')).toBe(`Bearer ${server.key}`);
  expect(res.url()).not.toContain(server.key);
});

test('a note written by another client shows up in the open tree without a reload', async ({ app, api }) => {
  await expect(app.getByRole('heading', { level: 1, name: 'Notes' })).toBeVisible();
  const tree = app.getByRole('tree', { name: 'Note tree' }); // Appears with the first note, in an empty library.
  const note = await api.call<NodeDTO>('notes.create', { title: unique('From the CLI') });
  await expect(tree.getByRole('treeitem', { name: note.title })).toBeVisible();
  await api.call('notes.update', { id: note.id, title: `${note.title} (renamed)` });
  await expect(tree.getByRole('treeitem', { name: `${note.title} (renamed)` })).toBeVisible();
});

test('a vault imported by another client shows up in the open tree without a reload', async ({ app, api }) => {
  await expect(app.getByRole('heading', { level: 1, name: 'Notes' })).toBeVisible();
  const folder = unique('Imported');
  await api.call('vault.importFiles', { files: [{ path: `${folder}/Note.md`, base64: Buffer.from('hi').toString('base64') }] });
  await expect(app.getByRole('treeitem', { name: folder })).toBeVisible();
});
