// End-to-end tests in headless Debian Chromium against a real `nara serve --demo`.
// scripts/test.sh sets NARA_BIN (the built server), NARA_E2E_PORT (a free port) and NARA_SHARED;
// without NARA_BIN the tests run against an already running server at NARA_E2E_BASE_URL.
import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const port = Number(process.env.NARA_E2E_PORT ?? 18480);
const baseURL = process.env.NARA_E2E_BASE_URL ?? `http://localhost:${port}`;
const bin = process.env.NARA_BIN;
const dbDir = bin ? mkdtempSync(path.join(tmpdir(), 'nara-e2e-')) : '';

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results/artifacts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL,
    locale: 'sv-SE',
    contextOptions: { reducedMotion: 'reduce' },
    timezoneId: 'Europe/Stockholm',
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-dev-shm-usage'],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium', viewport: { width: 1280, height: 800 } } }],
  webServer: bin
    ? {
        command: [
          bin,
          'serve',
          '--demo',
          `--db sqlite:${path.join(dbDir, 'e2e.db')}`,
          `--shared ${process.env.NARA_SHARED ?? path.resolve('..', '..', 'shared')}`,
          `--web-root ${path.resolve('dist')}`,
          `--address 127.0.0.1 --port ${port}`,
          '--no-access-log',
        ].join(' '),
        url: `${baseURL}/readyz`,
        timeout: 240_000,
        reuseExistingServer: false,
        stdout: 'ignore',
        stderr: 'pipe',
        env: { ASAN_OPTIONS: 'detect_leaks=0', ...process.env } as Record<string, string>,
      }
    : undefined,
});
