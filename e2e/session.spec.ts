// Issue 17, points 2 and 3: sessions that survive odd answers, reloads and
// several tabs; a logout that revokes the live refresh token.
import type { Page } from '@playwright/test';
import { test, expect, DEMO, login, mock, expectDemoDashboard, redacted } from './helpers';

test.beforeEach(async ({ request }) => {
  await mock.reset(request);
});

const storedRefresh = (page: Page) =>
  page.evaluate(() => localStorage.getItem('portal.refresh') ?? sessionStorage.getItem('portal.refresh'));

test('two reloads in quick succession and three tabs opened at once stay signed in', async ({ page, context, request }) => {
  await page.goto('/login');
  await login(page, { remember: true });
  await expectDemoDashboard(page);

  // a page whose access token is still good needs no renewal at all
  await mock.clearRequests(request);
  // the second reload lands while the first page is still booting (its wasm
  // not yet run); not at 'commit', where Chromium may still be swapping the
  // page's frame and refuses the reload ("Not attached to an active page")
  await page.reload({ waitUntil: 'domcontentloaded' });
  await page.reload();
  await expectDemoDashboard(page);
  expect(await mock.requests(request, { path: '/token' })).toHaveLength(0);

  // three new tabs have only the remembered refresh token: their renewals
  // take turns, each with the token the previous one left
  const tabs = await Promise.all([0, 1, 2].map(() => context.newPage()));
  await Promise.all(tabs.map((t) => t.goto('/dashboard')));
  for (const t of tabs) await expectDemoDashboard(t);
  const renewals = await mock.requests(request, { path: '/token' });
  expect(renewals.map((r) => r.status)).toEqual([200, 200, 200]);
  // and the first tab is still signed in
  await page.reload();
  await expectDemoDashboard(page);
  await Promise.all(tabs.map((t) => t.close()));
});

test('odd answers to POST /token keep the session and are retried', async ({ page, request }) => {
  await page.goto('/login');
  await login(page, { remember: true });
  await expectDemoDashboard(page);
  const answers: { status: number; contentType: string; body: string }[] = [
    { status: 429, contentType: 'application/json', body: '{"error":["too_many_requests"]}' },
    { status: 403, contentType: 'text/html', body: '<html><body>Blocked by firewall</body></html>' },
    { status: 200, contentType: 'text/html', body: '<html><body>Log in to the Wi-Fi</body></html>' },
    { status: 200, contentType: 'application/json', body: '[]' },
    { status: 200, contentType: 'application/json', body: '{}' },
    { status: 200, contentType: 'application/json', body: '{"token": null}' },
  ];
  for (const answer of answers) {
    const kept = await storedRefresh(page);
    expect(kept).toBeTruthy();
    await page.route('**/api/token', (route) => route.fulfill(answer));
    // without this tab's access token, the reload must renew
    await page.evaluate(() => sessionStorage.removeItem('portal.access'));
    await page.reload();
    const alert = page.getByRole('alert').filter({ hasText: 'khôi phục phiên đăng nhập' });
    await expect(alert, `answer ${answer.status} ${answer.body}`).toBeVisible();
    await expect(alert).toContainText('tự thử lại');
    expect(await storedRefresh(page)).toBe(kept);
    await page.unroute('**/api/token');
    await alert.getByRole('button', { name: 'Thử lại' }).click();
    await expectDemoDashboard(page);
  }
});

test('a refused renewal is retried by itself once the server answers again', async ({ page }) => {
  await page.goto('/login');
  await login(page, { remember: true });
  await expectDemoDashboard(page);
  await page.route('**/api/token', (route) => route.fulfill({ status: 503, contentType: 'text/html', body: '<h1>503</h1>' }), { times: 1 });
  await page.evaluate(() => sessionStorage.removeItem('portal.access'));
  await page.reload();
  await expect(page.getByRole('alert').filter({ hasText: 'khôi phục phiên đăng nhập' })).toBeVisible();
  // the next attempt (after 2 s) gets through without a click
  await expectDemoDashboard(page);
});

test('a 401 from POST /token ends the session', async ({ page }) => {
  await page.goto('/login');
  await login(page, { remember: true });
  await expectDemoDashboard(page);
  await page.route('**/api/token', (route) => route.fulfill({ status: 401, contentType: 'application/json', body: '{"error":["invalid_token"]}' }));
  await page.evaluate(() => sessionStorage.removeItem('portal.access'));
  await page.reload();
  await expect(page).toHaveURL(/\/login/);
  expect(await storedRefresh(page)).toBeNull();
});

test('a privilege refusal says so and keeps the session', async ({ page, request }) => {
  await page.goto('/login');
  await login(page);
  await expectDemoDashboard(page);
  await page.route('**/api/invoice', (route) =>
    route.fulfill({ status: 403, contentType: 'application/json', body: '{"error":["Unauthorized"]}' }));
  await mock.clearRequests(request);
  await page.goto('/billing');
  await expect(page.getByRole('alert').filter({ hasText: 'không có quyền truy cập' })).toBeVisible();
  expect(await mock.requests(request, { path: '/token' })).toHaveLength(0);
  await page.unroute('**/api/invoice');
  await page.goto('/dashboard');
  await expectDemoDashboard(page);
});

test('logout ends every tab first, then revokes the live refresh token after a rotation', async ({ page, context, request }) => {
  await mock.config(request, { token_ttl: 3 });
  await page.goto('/login');
  await login(page, { remember: true });
  await expectDemoDashboard(page);
  const first = await storedRefresh(page);
  const other = await context.newPage();
  await other.goto('/dashboard');
  await expectDemoDashboard(other);

  // the access token expires; the next read rotates the refresh token
  await page.waitForTimeout(3_500);
  await page.getByRole('button', { name: 'Làm mới' }).click();
  await expectDemoDashboard(page);
  await expect.poll(() => storedRefresh(page)).not.toBe(first);
  const live = await storedRefresh(page);

  await page.waitForTimeout(3_500); // expired again: logout must not renew it
  await mock.clearRequests(request);
  await page.locator('.user-menu summary').click();
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect(other).toHaveURL(/\/login/);
  expect(await storedRefresh(page)).toBeNull();

  const log = await mock.requests(request);
  expect(log.filter((r) => r.path === '/token')).toHaveLength(0);
  const revoke = log.filter((r) => r.path === '/revoke');
  expect(revoke).toHaveLength(1);
  expect((revoke[0].body as { refresh_token: string }).refresh_token).toBe(redacted(live!));
  // the revoked token is dead on the server
  const again = await request.post('/api/token', { data: { refresh_token: live } });
  expect(JSON.stringify(await again.json())).toContain('error');
  await other.close();
});
