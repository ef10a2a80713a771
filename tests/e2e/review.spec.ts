/** Review and related-while-writing: a remembered bookmark comes up for review; writing shows related notes. */
import type { NodeDTO } from '../../src/shared/schemas';
import { expect, indexed, test, unique } from './fixtures';

test('a bookmark to remember is due at once, and grading it Good empties the queue', async ({ app }) => {
  const title = unique('Knot tying guide');
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Review' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Review' })).toBeVisible();

  const form = app.getByRole('region', { name: 'Add a bookmark' });
  await form.getByRole('textbox', { name: 'Address' }).fill(`example.com/knots/${encodeURIComponent(title)}`);
  await form.getByRole('textbox', { name: 'Title (optional)' }).fill(title);
  await form.getByRole('textbox', { name: 'Note (optional)' }).fill('The bowline makes a loop that does not slip.');
  await expect(form.getByRole('checkbox', { name: /Remember it/ })).toBeChecked();
  await form.getByRole('button', { name: 'Add bookmark' }).click();

  const card = app.getByRole('region', { name: title });
  await expect(card).toBeVisible();
  await expect(card.getByRole('link', { name: /example\.com/ })).toHaveAttribute('href', /^https:\/\/example\.com\/knots\//);
  await expect(card).not.toContainText('does not slip');
  await app.keyboard.press('Space');
  await expect(card).toContainText('The bowline makes a loop that does not slip.');
  await app.keyboard.press('3');

  await expect(card).toBeHidden();
  await expect(app.getByText(/^Nothing due — next review in \d+ minutes$/)).toBeVisible();
});

test('related notes show beside a note while it is written, and open', async ({ app, api }) => {
  const title = unique('Beekeeping');
  const related = await api.call<NodeDTO>('notes.create', {
    title,
    body: 'Feed the bees sugar syrup before winter, and check the hive for queen cells in spring.',
  });
  await indexed(api);

  await app.getByRole('button', { name: 'New note', exact: true }).click();
  await expect(app).toHaveURL(/#\/notes\/[0-9a-f-]{36}$/);
  const panel = app.getByRole('complementary', { name: 'Related notes and bookmarks' });
  await expect(panel.getByRole('button', { name: /Related/ })).toHaveAttribute('aria-expanded', 'true');
  await app.getByRole('textbox', { name: 'Note body' }).click();
  await app.keyboard.type('Checked the beehive today: ');
  await expect(panel).toContainText('Keep writing');
  await app.keyboard.type('the bees need sugar syrup before winter, and there were queen cells.');

  const link = panel.getByRole('link', { name: new RegExp(title) });
  await expect(link).toBeVisible();
  await expect(link).toContainText('Similar to what you are writing');

  // Ctrl+Shift+L folds the panel away and back.
  await app.keyboard.press('Control+Shift+L');
  await expect(link).toBeHidden();
  await app.keyboard.press('Control+Shift+L');
  await expect(link).toBeVisible();

  await link.click();
  await expect(app).toHaveURL(new RegExp(`#/notes/${related.id}$`));
  await expect(app.getByRole('textbox', { name: 'Title' })).toHaveValue(title);
});
