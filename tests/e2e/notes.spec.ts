import type { NodeDTO } from '../../src/shared/schemas';
import { expect, test, unique } from './fixtures';
import type { Page } from '@playwright/test';

const saved = (app: Page) => expect(app.getByRole('toolbar', { name: 'Note actions' }).getByText('Saved', { exact: true })).toBeVisible();
const noteId = (app: Page) => /#\/notes\/([0-9a-f-]{36})$/.exec(app.url())?.[1] ?? '';

test('creates a note and edits its title and text, saved as you type', async ({ app, api }) => {
  const title = unique('Lighthouse');
  await app.getByRole('button', { name: 'New note', exact: true }).click();
  await expect(app).toHaveURL(/#\/notes\/[0-9a-f-]{36}$/);
  await app.getByRole('textbox', { name: 'Title' }).fill(title);
  await app.getByRole('textbox', { name: 'Note body' }).click();
  await app.keyboard.type('The keeper polishes the lamp every evening.');
  await saved(app);
  await expect(app.getByRole('tree', { name: 'Note tree' }).getByRole('treeitem', { name: title })).toBeVisible();
  await expect(app.getByRole('region', { name: 'Preview' })).toContainText('polishes the lamp');

  await app.reload();
  await expect(app.getByRole('textbox', { name: 'Title' })).toHaveValue(title);
  await expect(app.getByRole('textbox', { name: 'Note body' })).toHaveText('The keeper polishes the lamp every evening.');
  const node = await api.call<NodeDTO>('notes.get', { id: noteId(app) });
  expect(node).toMatchObject({ title, body: 'The keeper polishes the lamp every evening.', privacyLevel: 'private', aiUsage: 'none' });
});

test('shows the version history with a diff, and restores an old version with undo', async ({ app, api }) => {
  const note = await api.call<NodeDTO>('notes.create', { title: unique('Recipe'), body: 'Bake at 200 degrees for 30 minutes.' });
  await app.goto(`/#/notes/${note.id}`);
  const body = app.getByRole('textbox', { name: 'Note body' });
  await body.click();
  await app.keyboard.press('Control+A');
  await app.keyboard.type('Bake at 180 degrees for 45 minutes.');
  await saved(app);

  await app.getByRole('button', { name: 'History' }).click();
  const history = app.getByRole('region', { name: 'Version history' });
  const versions = history.getByRole('list', { name: 'Versions' });
  await expect(versions.getByRole('listitem')).toHaveCount(2);
  await versions.getByRole('button', { name: /^Version 1\b/ }).click();
  const v1 = history.getByRole('region', { name: 'Version 1' });
  await v1.getByRole('group', { name: 'Compare' }).getByRole('button', { name: /restor/i }).click();
  await expect(v1).toContainText('200 degrees');
  await v1.getByRole('button', { name: 'Restore version 1' }).click();

  await expect(body).toHaveText('Bake at 200 degrees for 30 minutes.');
  expect((await api.call<NodeDTO>('notes.get', { id: note.id })).body).toBe('Bake at 200 degrees for 30 minutes.');
  expect(await api.call<unknown[]>('versions.list', { id: note.id })).toHaveLength(3); // The restore is a version too.
  await app.getByRole('status').filter({ hasText: 'Restored version 1' }).getByRole('button', { name: 'Undo' }).click();
  await expect(body).toHaveText('Bake at 180 degrees for 45 minutes.');
});

test('tags a note with chips and with #hashtags', async ({ app, api }) => {
  const note = await api.call<NodeDTO>('notes.create', { title: unique('Trip'), body: 'Pack the tent.' });
  await app.goto(`/#/notes/${note.id}`);
  const details = app.getByRole('complementary', { name: 'Note details' });
  await details.getByRole('textbox', { name: 'Add tag' }).fill('Camping Gear');
  await details.getByRole('textbox', { name: 'Add tag' }).press('Enter');
  await expect(details.getByRole('button', { name: 'Remove tag camping-gear' })).toBeVisible();

  await app.getByRole('textbox', { name: 'Note body' }).click();
  await app.keyboard.press('Control+End');
  await app.keyboard.type(' #summer');
  await saved(app);
  await expect(details.getByRole('list', { name: 'Tags' })).toContainText('summer');
  await expect.poll(async () => (await api.call<NodeDTO>('notes.get', { id: note.id })).tags.sort()).toEqual(['camping-gear', 'summer']);
});

test('deletes a note with undo, and restores one from the trash', async ({ app, api }) => {
  const note = await api.call<NodeDTO>('notes.create', { title: unique('Receipt'), body: 'Lamp, 12 euros.' });
  await app.goto(`/#/notes/${note.id}`);
  const tree = app.getByRole('tree', { name: 'Note tree' });
  await expect(tree.getByRole('treeitem', { name: note.title })).toBeVisible();

  await app.getByRole('toolbar', { name: 'Note actions' }).getByRole('button', { name: 'Delete' }).click();
  const toast = app.getByRole('status').filter({ hasText: `Moved “${note.title}” to the trash` });
  await expect(toast).toBeVisible();
  await expect(tree.getByRole('treeitem', { name: note.title })).toHaveCount(0);
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(tree.getByRole('treeitem', { name: note.title })).toBeVisible();
  await expect(app).toHaveURL(new RegExp(`#/notes/${note.id}$`));

  await app.getByRole('toolbar', { name: 'Note actions' }).getByRole('button', { name: 'Delete' }).click();
  await expect(tree.getByRole('treeitem', { name: note.title })).toHaveCount(0);
  await app.getByRole('link', { name: 'Trash' }).click();
  const row = app.getByRole('list', { name: 'Trash' }).getByRole('listitem', { name: note.title });
  await row.getByRole('button', { name: 'Restore' }).click();
  await expect(row).toHaveCount(0);
  expect((await api.call<NodeDTO>('notes.get', { id: note.id })).deletedAt).toBeNull();
});
