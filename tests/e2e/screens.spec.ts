/** A screenshot of every main screen with some content in it, saved under test-results/screenshots/ for review. */
import type { NodeDTO, PageDTO } from '../../src/shared/schemas';
import { expect, indexed, screenshot, test, unique } from './fixtures';
import { smallVault } from './vault';

test('screenshots of each main screen', async ({ app, api }) => {
  const folder = unique('Kitchen');
  await api.call('vault.importFiles', smallVault(folder));
  const soup = (await api.call<PageDTO<NodeDTO>>('notes.list', { tags: ['dinner'], limit: 100 })).items.find((n) => n.title === 'Soup')!;
  const old = await api.call<NodeDTO>('notes.create', { title: unique('Old draft'), body: 'Nothing worth keeping.' });
  await api.call('notes.trash', { id: old.id });
  await indexed(api);

  const shoot = async (hash: string, heading: string, name: string) => {
    await app.goto(`/${hash}`);
    await expect(app.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(app.getByRole('status', { name: /Loading/ })).toHaveCount(0);
    await screenshot(app, name);
  };
  await shoot(`#/notes/${soup.id}`, 'Notes', 'notes');
  await shoot('#/journal', 'Journal', 'journal');
  await shoot(`#/search/${encodeURIComponent('sourdough bread')}`, 'Search', 'search');
  await expect(app.getByRole('listbox', { name: 'Search results' }).getByRole('option').first()).toBeVisible();
  await screenshot(app, 'search');
  await shoot('#/stats', 'Stats', 'stats');
  await shoot('#/settings', 'Settings', 'settings');
  await shoot('#/trash', 'Trash', 'trash');

  await app.goto(`/#/notes/${soup.id}`);
  await app.keyboard.press('Control+K');
  const palette = app.getByRole('dialog', { name: 'Command palette' });
  await palette.getByRole('combobox').fill('soup');
  await expect(palette.getByRole('option', { name: /Soup/ }).first()).toBeVisible();
  await screenshot(app, 'command-palette');
});
