import { expect, test } from './fixtures';

test('signs in with the API key, refuses a wrong one, and keeps the key for the tab only', async ({ page, server }) => {
  await page.goto('/');
  await page.getByLabel('API key').fill('not-the-key');
  await page.getByRole('button', { name: 'Open library' }).click();
  await expect(page.getByRole('alert')).toContainText('not accepted');

  await page.getByLabel('API key').fill(server.key);
  await page.getByRole('button', { name: 'Open library' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByLabel('API key')).toBeVisible();
});

test('serves the page with a CSP header and no CSP violations, and deep links reach the hash route', async ({ page, server }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const res = await page.goto('/search/anything');
  expect(res?.headers()['content-security-policy']).toContain("default-src 'self'");
  await expect(page).toHaveURL(/\/#\/search\/anything$/);
  await page.getByLabel('API key').fill(server.key);
  await page.getByRole('button', { name: 'Open library' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Search' })).toHaveAttribute('aria-current', 'page');
  expect(errors.filter((e) => /Refused to|violates the following Content Security Policy/i.test(e))).toEqual([]);
});
