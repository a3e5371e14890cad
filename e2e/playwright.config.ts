import { defineConfig } from '@playwright/test';

// Journeys run against the release bundle served by mock-api (scripts/test.sh
// starts it). One worker: the tests share mock-api's settings and request log.
// With PORTAL_DEPLOY=nginx (scripts/nginx_test.sh) only deploy.spec.ts runs,
// against nginx; otherwise every journey but that one.
const deploy = !!process.env.PORTAL_DEPLOY;
export default defineConfig({
  testDir: '.',
  testMatch: deploy ? 'deploy.spec.ts' : '*.spec.ts',
  testIgnore: deploy ? [] : ['deploy.spec.ts'],
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 45_000,
  expect: { timeout: 8_000 },
  outputDir: deploy ? '../target/test-logs/deploy-results' : '../target/test-logs/e2e-results',
  use: {
    baseURL: process.env.PORTAL_URL || 'http://127.0.0.1:8090',
    viewport: { width: 390, height: 844 },
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
        '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
        '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
      ],
    },
    screenshot: 'only-on-failure',
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
