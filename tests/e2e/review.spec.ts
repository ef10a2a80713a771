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

test('the note assistant finds themes locally for a no-AI note, keeps a highlight of the selection, and remembers the note', async ({ app, api }) => {
  const title = unique('Kayak trip');
  const note = await api.call<NodeDTO>('notes.create', {
    title,
    body: 'Kayaking along the fjord: kayaking at dawn, kayaking past seals, then camping on the fjord shore. The fjord water was calm.',
  });
  await app.goto(`/#/notes/${note.id}`);
  const assistant = app.getByRole('region', { name: 'Assistant' });
  await assistant.getByRole('button', { name: 'Themes' }).click();
  await expect(assistant.getByRole('list', { name: 'Themes' })).toContainText('kayaking');
  await expect(assistant).toContainText('From the note’s own words (no model saw it).');

  await app.getByRole('button', { name: 'Preview', exact: true }).click();
  await app.getByText('then camping on the fjord shore', { exact: false }).selectText();
  await assistant.getByRole('button', { name: 'Highlight selection' }).click();
  await expect(app.getByText('Kept as a highlight, linked to this note.')).toBeVisible();
  const links = await api.call<{ backlinks: { sourceId: string }[] }>('notes.links', { id: note.id });
  expect(links.backlinks).toHaveLength(1);

  await assistant.getByRole('button', { name: 'Remember' }).click();
  await expect(app.getByText('Added to your review queue; it is due now.')).toBeVisible();
  await app.screenshot({ path: 'test-results/screenshots/note-assistant.png' });
});
