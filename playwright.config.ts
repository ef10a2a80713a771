/**
 * End-to-end suites: the built renderer in Debian's Chromium against a real `engram serve` process that the
 * global setup starts on a free port with a fresh library. Never `playwright install`: these machines have no
 * download access, and the system Chromium is what we test with.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '*.spec.ts',
  globalSetup: './tests/e2e/global-setup.ts',
  outputDir: 'test-results/e2e',
  // Each worker runs its own server and library (fixtures.ts); suites name their notes uniquely within it.
  fullyParallel: true,
  workers: 2,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  // One retry on CI: two of the 17 flows have failed once in roughly five local runs (a live-update race and
  // the trash flow, both under investigation); a retried pass is reported as flaky in the output, not hidden.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        // A microphone for the voice-note tests: Chromium's fake device (a beep), allowed without a prompt.
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
      ],
    },
    actionTimeout: 10_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
