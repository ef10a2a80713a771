import type { NodeDTO } from '../../src/shared/schemas';
import { expect, test, unique } from './fixtures';

test('moves a note by dragging it onto another, and back to the top level with "Move to…"', async ({ app, api }) => {
  const shelf = await api.call<NodeDTO>('notes.create', { title: unique('Shelf') });
  const book = await api.call<NodeDTO>('notes.create', { title: unique('Book'), body: 'A novel about the sea.' });
  await app.reload();
  const tree = app.getByRole('tree', { name: 'Note tree' });
  const row = (title: string) => tree.getByRole('treeitem', { name: title }).locator(':scope > .tree-row');

  await row(book.title).dragTo(row(shelf.title));
  await expect.poll(async () => (await api.call<NodeDTO>('notes.get', { id: book.id })).parentId).toBe(shelf.id);
  await expect(tree.getByRole('treeitem', { name: shelf.title }).getByRole('treeitem', { name: book.title })).toBeVisible();

  await tree.getByRole('treeitem', { name: book.title }).click();
  await app.getByRole('button', { name: 'Move to…' }).click();
  const dialog = app.getByRole('dialog', { name: `Move “${book.title}”` });
  await dialog.getByRole('button', { name: /Top level/ }).click();
  await expect(app.getByRole('status').filter({ hasText: 'Moved to the top level' })).toBeVisible();
  expect((await api.call<NodeDTO>('notes.get', { id: book.id })).parentId).toBeNull();
});

test('reorders and nests notes from the keyboard', async ({ app, api }) => {
  const a = await api.call<NodeDTO>('notes.create', { title: unique('Alpha') });
  const b = await api.call<NodeDTO>('notes.create', { title: unique('Beta') });
  await app.reload();
  const tree = app.getByRole('tree', { name: 'Note tree' });
  // Beta sits right after Alpha (appended last); Alt+→ puts it inside the row above.
  await tree.getByRole('treeitem', { name: b.title }).focus();
  await app.keyboard.press('Alt+ArrowRight');
  await expect.poll(async () => (await api.call<NodeDTO>('notes.get', { id: b.id })).parentId).toBe(a.id);
  await expect(tree.getByRole('treeitem', { name: a.title }).getByRole('treeitem', { name: b.title })).toBeFocused();
});
