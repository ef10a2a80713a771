import type { NodeDTO, PageDTO } from '../../src/shared/schemas';
import { expect, test, unique } from './fixtures';

test("opening today's journal writes nothing; the first keystroke makes the entry and keeps every word", async ({ app, api }) => {
  const journals = async () => (await api.call<PageDTO<NodeDTO>>('notes.list', { kind: 'journal', limit: 100 })).items;
  const before = (await journals()).length;
  await app.goto('/#/journal');
  const field = app.getByRole('textbox', { name: /^Journal entry for / });
  await expect(field).toBeFocused();
  await expect(app.getByText('Nothing written yet')).toBeVisible();
  expect(await journals()).toHaveLength(before);

  const words = `${unique('Walked')} by the river and saw a heron.`;
  await app.keyboard.type(words);
  await expect(app.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  const after = await journals();
  expect(after).toHaveLength(before + 1);
  expect(after.find((n) => n.body === words)).toBeTruthy();

  await app.reload();
  await expect(app.getByRole('textbox', { name: /^Journal entry for / })).toHaveValue(words);
});
