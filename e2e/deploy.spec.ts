import * as fs from 'fs';
import * as path from 'path';
import { request as newRequest, test as plain, type APIRequestContext } from '@playwright/test';
import { test, expect, login, loginTo, mock, expectDemoDashboard, expectDeployHeaders, CACHE } from './helpers';

// The deployment (issue 17, point 5): the release bundle served by Debian's
// nginx with deploy/nginx/portal.conf unchanged, /api/ proxied to mock-api.
// scripts/nginx_test.sh starts both and runs only this file, with
// PORTAL_URL = nginx and MOCK_URL = mock-api itself (its /__mock/* controls
// are not reachable through nginx).

const DIST = path.resolve(__dirname, '..', 'dist');
const MOCK_URL = process.env.MOCK_URL ?? '';

let controls: APIRequestContext;
test.beforeAll(async () => {
  expect(MOCK_URL, 'MOCK_URL (mock-api itself) is set by scripts/nginx_test.sh').not.toBe('');
  controls = await newRequest.newContext({ baseURL: MOCK_URL });
});
test.afterAll(async () => {
  await controls.dispose();
});
test.beforeEach(async () => {
  await mock.reset(controls);
});

/** The main module's .js and .wasm, as index.html names them. */
async function bundleFiles(request: APIRequestContext): Promise<{ js: string; wasm: string; css: string }> {
  const html = await (await request.get('/')).text();
  return {
    js: /<link rel="modulepreload" href="\/([^"]+\.js)">/.exec(html)![1],
    wasm: /<link rel="preload" href="\/([^"]+\.wasm)"/.exec(html)![1],
    css: /<link href="\/([^"]+\.css)" rel="stylesheet">/.exec(html)![1],
  };
}

test('login and dashboard through nginx; the API calls reach mock-api', async ({ page }) => {
  await page.goto('/login');
  await expect(page.locator('input[name=username]')).toBeVisible();
  await login(page);
  await expectDemoDashboard(page);
  await expect(page.locator('.greeting')).toContainText('Nguyễn Văn An');
  // a reload keeps the session; its reads went through nginx to mock-api
  await mock.clearRequests(controls);
  await page.reload();
  await expectDemoDashboard(page);
  const log = await mock.requests(controls);
  expect(log.filter((r) => r.path === '/details' || r.path === '/balance').map((r) => r.status)).toEqual([200, 200]);
  expect(log.every((r) => r.auth || r.path === '/token')).toBe(true);
});

test('a deep link through nginx comes back after login', async ({ page }) => {
  await page.goto('/billing');
  await expect(page).toHaveURL(/\/login\?next=%2Fbilling$/);
  await loginTo(page, '/domains');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText('nguyenvanan.vn').first()).toBeVisible();
});

test('index.html, the .js and .wasm files and /api/ answers carry the security headers', async ({ request }) => {
  const { js, wasm, css } = await bundleFiles(request);
  const index = await request.get('/');
  expect(index.status()).toBe(200);
  expectDeployHeaders(index.headers(), 'index.html');
  for (const file of [js, wasm, css]) {
    const r = await request.get(`/${file}`);
    expect(r.status(), file).toBe(200);
    expectDeployHeaders(r.headers(), file);
  }
  // an API answer, proxied: mock-api's JSON with the same headers
  const api = await request.get('/api/details');
  expect(api.status()).toBe(401);
  expect(await api.json()).toEqual({ error: ['unauthorized'] });
  expectDeployHeaders(api.headers(), '/api/details');
  expect(api.headers()['cache-control']).toBeUndefined();
  const login = await request.post('/api/login', { data: { username: 'demo@bkns.vn', password: 'Demo@2026' } });
  expect(login.status()).toBe(200);
  expect((await login.json()).token).toBeTruthy();
  expectDeployHeaders(login.headers(), 'POST /api/login');
  // an error page of nginx's own too
  expectDeployHeaders((await request.get('/no-such-file.js')).headers(), 'a 404');
  // nginx does not name its version
  expect(index.headers()['server']).toBe('nginx');
});

test('brotli files are served to who asks for them, gzip to the others', async ({ request }) => {
  const { js, wasm, css } = await bundleFiles(request);
  for (const file of [js, wasm, css, 'index.html']) {
    const br = await request.get(`/${file}`, { headers: { 'Accept-Encoding': 'br' } });
    expect(br.headers()['content-encoding'], file).toBe('br');
    // the .br file built next to it, as it is (Playwright hands back the decoded body)
    expect(Number(br.headers()['content-length']), file).toBe(fs.statSync(path.join(DIST, `${file}.br`)).size);
    expect((await br.body()).equals(fs.readFileSync(path.join(DIST, file))), file).toBe(true);
    expect(br.headers()['vary'], file).toContain('Accept-Encoding');
    const gz = await request.get(`/${file}`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers()['content-encoding'], file).toBe('gzip');
    expect(Number(gz.headers()['content-length']), file).toBe(fs.statSync(path.join(DIST, `${file}.gz`)).size);
  }
  const wasmAnswer = await request.get(`/${wasm}`, { headers: { 'Accept-Encoding': 'br' } });
  expect(wasmAnswer.headers()['content-type']).toBe('application/wasm');
  const plainJs = await request.get(`/${js}`, { headers: { 'Accept-Encoding': 'identity' } });
  expect(plainJs.headers()['content-encoding']).toBeUndefined();
  expect(plainJs.headers()['content-type']).toMatch(/^application\/javascript/);
});

test('index.html and config.json are revalidated, hashed files are immutable', async ({ request }) => {
  const { js, wasm, css } = await bundleFiles(request);
  for (const uri of ['/', '/index.html', '/config.json', '/dashboard', '/favicon.svg']) {
    const r = await request.get(uri);
    expect(r.status(), uri).toBe(200);
    expect(r.headers()['cache-control'], uri).toBe(CACHE.revalidate);
  }
  for (const file of [js, wasm, css]) {
    expect((await request.get(`/${file}`)).headers()['cache-control'], file).toBe(CACHE.asset);
  }
  expect(await (await request.get('/config.json')).json()).toEqual({ api_base_url: '/api' });
  const manifest = await request.get('/manifest.webmanifest');
  expect(manifest.headers()['content-type']).toMatch(/^application\/manifest\+json/);
  expect(manifest.headers()['cache-control']).toBe(CACHE.revalidate);
  expect((await manifest.json()).start_url).toBeTruthy();
});

test('app routes get index.html; a missing asset is a real 404', async ({ request }) => {
  const index = await (await request.get('/index.html')).text();
  expect(index).toContain('name="portal-build"');
  for (const uri of ['/dashboard', '/domains/301', '/login?next=%2Fbilling', '/sign/sg7Kq2vX9mP4tR8wZ3nB6cY1', '/no/such/page']) {
    const r = await request.get(uri);
    expect(r.status(), uri).toBe(200);
    expect(r.headers()['content-type'], uri).toMatch(/^text\/html/);
    expect(await r.text(), uri).toBe(index);
  }
  for (const uri of ['/split_billing-0000000000000000.wasm', '/portal-0000000000000000.js', '/assets/missing.png', '/style.css', '/missing.json']) {
    const r = await request.get(uri);
    expect(r.status(), uri).toBe(404);
    expect(r.headers()['content-type'], uri).not.toMatch(/javascript|wasm/);
  }
});

test('mock-api\'s /__mock controls are not reachable through nginx', async ({ request }) => {
  // directly: the JSON of the controls
  expect(await (await controls.get('/__mock/health')).json()).toEqual({ status: true });
  // through nginx: an app route (index.html), and no way to change anything
  const r = await request.get('/__mock/config');
  expect(r.headers()['content-type']).toMatch(/^text\/html/);
  expect(await r.text()).not.toContain('fail_rate');
  expect((await request.post('/__mock/reset')).status()).toBe(405);
  expect((await request.post('/__mock/config', { data: { fail_rate: 1 } })).status()).toBe(405);
  expect((await controls.get('/__mock/config')).ok()).toBeTruthy();
  expect((await (await controls.get('/__mock/config')).json()).fail_rate).toBe(0);
});

// `plain`: the page that tries to frame the portal reports the refusal as a
// CSP error, which helpers' `test` would count as the portal's own.
plain('the portal cannot be framed by another site', async ({ page, baseURL }) => {
  const refused: string[] = [];
  page.on('console', (m) => {
    if (/frame-ancestors|X-Frame-Options/i.test(m.text())) refused.push(m.text());
  });
  await page.setContent(`<iframe id="f" src="${baseURL}/login" width="400" height="400"></iframe>`);
  await expect.poll(() => refused.length, { timeout: 10_000 }).toBeGreaterThan(0);
  const frame = page.frames().find((f) => f !== page.mainFrame());
  // the frame shows the browser's error page, never the login form
  const form = frame ? await frame.locator('input[name=username]').count().catch(() => 0) : 0;
  expect(form).toBe(0);
  expect(refused.join('\n')).toContain("frame-ancestors 'none'");
});
