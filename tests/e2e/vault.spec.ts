import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import type { NodeDTO, PageDTO } from '../../src/shared/schemas';
import { expect, test, unique } from './fixtures';
import { smallVault } from './vault';

test('imports a vault uploaded over HTTP, and shows it in the tree', async ({ app, api }) => {
  const folder = unique('Recipes');
  expect(await api.call('vault.importFiles', smallVault(folder))).toEqual({ notes: 3, folders: 2, attachments: 0 });
  await app.reload();
  const tree = app.getByRole('tree', { name: 'Note tree' });
  const recipes = tree.getByRole('treeitem', { name: folder });
  await recipes.click();
  await recipes.press('ArrowRight');
  await expect(recipes.getByRole('treeitem', { name: 'Bread' })).toBeVisible();
  await expect(recipes.getByRole('treeitem', { name: 'Pantry' })).toBeVisible();
  const bread = (await api.call<PageDTO<NodeDTO>>('notes.list', { tags: ['baking'], limit: 100 })).items;
  expect(bread.map((n) => n.title)).toContain('Bread');
});

test('imports a vault folder chosen in the page', async ({ app, api }) => {
  const folder = unique('Garden');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engram-e2e-vault-'));
  try {
    fs.mkdirSync(path.join(dir, folder, 'Beds'), { recursive: true });
    fs.writeFileSync(path.join(dir, folder, 'Tomatoes.md'), 'Stake them early. #garden\n');
    fs.writeFileSync(path.join(dir, folder, 'Beds', 'North bed.md'), 'Shade-tolerant greens.\n');
    // A folder picker (<input type="file" webkitdirectory>) named for what it does, wherever the app offers it.
    await app.getByRole('link', { name: 'Settings' }).click();
    await app.getByLabel('Import a vault folder').setInputFiles(path.join(dir, folder));
    await expect(app.getByText(/Imported 2 notes/)).toBeVisible();
    const garden = (await api.call<PageDTO<NodeDTO>>('notes.list', { tags: ['garden'], limit: 100 })).items;
    expect(garden.map((n) => n.title)).toContain('Tomatoes');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
