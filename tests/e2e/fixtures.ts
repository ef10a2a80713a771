/**
 * What every suite gets: `server`, an `engram serve` of its own per worker (so one test's writes never refresh
 * another's screen), `baseURL` pointing at it, `api` (its HTTP API with the key, to arrange data and check
 * results) and `app` (a page already signed in, on the Notes screen).
 */
import { test as base, expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, type Server } from './server';

export interface Api {
  call<T = unknown>(handler: string, input?: unknown): Promise<T>;
}

/** A title no other test uses, so the tests of one worker can share its library. */
export const unique = (label: string) => `${label} ${Math.random().toString(36).slice(2, 7)}`;

export const test = base.extend<{ api: Api; app: Page }, { server: Server }>({
  server: [
    async ({}, use, workerInfo) => {
      const server = await startServer(`worker-${workerInfo.workerIndex}`);
      await use(server);
      await server.stop();
    },
    { scope: 'worker', timeout: 90_000 },
  ],
  baseURL: async ({ server }, use) => use(server.url),
  api: async ({ playwright, server }, use) => {
    const request = await playwright.request.newContext({ baseURL: server.url, extraHTTPHeaders: { authorization: `Bearer ${server.key}` } });
    await use({
      async call<T>(handler: string, input: unknown = {}) {
        const res = await request.post(`/api/v1/${handler}`, { data: input });
        if (!res.ok()) throw new Error(`${handler} answered ${res.status()}: ${await res.text()}`);
        return (await res.json()) as T;
      },
    });
    await request.dispose();
  },
  app: async ({ page, server }, use) => {
    // The key the login form would keep; the login itself is covered by its own suite.
    await page.addInitScript((key) => sessionStorage.setItem('engram.apiKey', key), server.key);
    // Live before the test writes through the API: an event sent before the stream opens is not replayed.
    const live = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/events');
    await page.goto('/#/notes');
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await live;
    await use(page);
  },
});

export { expect };

/** Resolves once every passage has its vectors, so search by meaning can find what was just written. */
export async function indexed(api: Api): Promise<void> {
  await expect
    .poll(async () => (await api.call<{ index: { pending: number | null } }>('library.stats')).index.pending, { timeout: 20_000 })
    .toBe(0);
}

/** Saves a full-page screenshot as `test-results/screenshots/<name>.png`, kept after the run for review. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = path.resolve(import.meta.dirname, '../../test-results/screenshots');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
