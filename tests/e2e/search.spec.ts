import type { NodeDTO } from '../../src/shared/schemas';
import { expect, indexed, test, unique } from './fixtures';

test.describe('finding a note', () => {
  let title: string;
  test.beforeEach(async ({ api }) => {
    title = unique('Miso');
    await api.call<NodeDTO>('notes.create', { title, body: 'My cat Miso likes to sleep on the warm laptop keyboard.' });
    await indexed(api);
  });

  test('by keyword and by meaning on the search screen, and opens it', async ({ app }) => {
    await app.getByRole('link', { name: 'Search' }).click();
    const box = app.getByRole('searchbox', { name: 'Search' });
    await box.fill('laptop keyboard');
    const results = app.getByRole('listbox', { name: 'Search results' });
    const hit = results.getByRole('option').filter({ hasText: title });
    await expect(hit).toBeVisible();
    await expect(hit.locator('mark').first()).toBeVisible();

    await box.fill('kitten napping');
    await expect(hit).toContainText('Matched by meaning');

    await box.press('Escape');
    await box.fill('kitten napping');
    await hit.click();
    await expect(app).toHaveURL(/#\/notes\/[0-9a-f-]{36}$/);
    await expect(app.getByRole('treeitem', { name: title })).toHaveAttribute('aria-selected', 'true');
  });

  test('from the command palette, by meaning', async ({ app }) => {
    await app.keyboard.press('Control+K');
    const palette = app.getByRole('dialog', { name: 'Command palette' });
    await expect(palette).toBeVisible();
    await palette.getByRole('combobox').fill('kitten napping');
    await palette.getByRole('option', { name: new RegExp(title) }).click();
    await expect(palette).toBeHidden();
    await expect(app).toHaveURL(/#\/notes\/[0-9a-f-]{36}$/);
  });
});
