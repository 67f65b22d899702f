import { defineConfig, devices } from '@playwright/test';
import { WEBHOOK_TEST_ENV } from './e2e/fixtures/webhook-env';

/**
 * End-to-end tests in a real Chromium against two production servers (server.ts) on one database (so live
 * updates are tested across instances). Started by scripts/test-all.ts, which provides DATABASE_URL and
 * AUTH_SECRET; the browser is Debian's Chromium unless PLAYWRIGHT_CHROMIUM_PATH says otherwise.
 */
const PORT_A = Number(process.env.E2E_PORT_A ?? 3100);
const PORT_B = Number(process.env.E2E_PORT_B ?? 3101);
const resultsDir = process.env.TILLIT_TEST_RESULTS_DIR ?? 'test-results';
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium';

const serverEnv = {
  ...(process.env as Record<string, string>),
  AUTH_TRUST_HOST: 'true',
  NEXT_TELEMETRY_DISABLED: '1',
  LOG_LEVEL: 'warn',
  // Invitations by e-mail go to the SMTP sink the team-admin tests start (e2e/fixtures/smtp-sink.ts).
  SMTP_URL: `smtp://127.0.0.1:${process.env.E2E_SMTP_PORT ?? 3451}`,
  SMTP_FROM: 'Tillit <tillit@test.example>',
  ...WEBHOOK_TEST_ENV,
  // The shared servers deliver no webhooks: e2e/webhooks.spec.ts runs the one instance that does, to kill it.
  TILLIT_WEBHOOK_WORKER: 'false',
  TILLIT_INTAKE_PER_MINUTE: '30',
};

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: `${resultsDir}/artifacts`,
  reporter: [['list'], ['json', { outputFile: `${resultsDir}/e2e-results.json` }]],
  use: {
    baseURL: `http://localhost:${PORT_A}`,
    trace: 'retain-on-failure',
    reducedMotion: 'reduce',
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    launchOptions: {
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: [
    {
      command: `node --import tsx server.ts -p ${PORT_A}`,
      url: `http://localhost:${PORT_A}/api/health`,
      env: { ...serverEnv, NEXTAUTH_URL: `http://localhost:${PORT_A}` },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `node --import tsx server.ts -p ${PORT_B}`,
      url: `http://localhost:${PORT_B}/api/health`,
      env: { ...serverEnv, NEXTAUTH_URL: `http://localhost:${PORT_B}` },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
