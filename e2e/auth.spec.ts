import { test, expect, DEMO, login, mock, expectDemoDashboard, expectAccessible, redacted } from './helpers';

test.beforeEach(async ({ request }) => {
  await mock.reset(request);
});

test('login → dashboard → reload stays logged in', async ({ page, request }) => {
  await page.goto('/login');
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.locator('input[name=username]')).toBeVisible();
  await expectAccessible(page);
  await login(page);
  await expectDemoDashboard(page);
  await expect(page.locator('.greeting')).toContainText('Nguyễn Văn An');
  await expectAccessible(page);

  await mock.clearRequests(request);
  await page.reload();
  await expectDemoDashboard(page);
  // the session came back with this tab's access token: no renewal, no login
  expect(await mock.requests(request, { path: '/token' })).toHaveLength(0);
  expect(await mock.requests(request, { path: '/login' })).toHaveLength(0);
});

test('a wrong password shows a translated error and keeps the form', async ({ page }) => {
  await page.goto('/login');
  await login(page, { password: 'wrong-password' });
  await expect(page.getByRole('alert')).toContainText('E-mail hoặc mật khẩu không đúng.');
  await expect(page).toHaveURL(/\/login$/);
  await expectAccessible(page);
  await expect(page.locator('input[name=username]')).toHaveValue(DEMO.email);
  await expect(page.locator('button[type=submit]')).toBeEnabled();

  // the same in English, after the header switch
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.locator('button[type=submit]').click();
  await expect(page.getByRole('alert')).toContainText('E-mail or password is incorrect.');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Log in');
});

test('an expired 3-second token is renewed by exactly one POST /token', async ({ page, request }) => {
  await mock.config(request, { token_ttl: 3 });
  await page.goto('/login');
  await login(page);
  await expectDemoDashboard(page);

  await page.waitForTimeout(3_500); // the access token is now expired
  await mock.clearRequests(request);
  await page.getByRole('button', { name: 'Làm mới' }).click();
  await expect(page.getByRole('button', { name: 'Làm mới' })).toBeEnabled();
  await expectDemoDashboard(page);

  const log = await mock.requests(request);
  expect(log.filter((r) => r.path === '/token')).toHaveLength(1);
  const reads = log.filter((r) => r.method === 'GET' && (r.path === '/details' || r.path === '/balance'));
  expect(reads.length).toBeGreaterThanOrEqual(2);
  // every read that followed the renewal succeeded
  const tokenSeq = log.find((r) => r.path === '/token')!.seq;
  expect(reads.filter((r) => r.seq > tokenSeq && r.status === 200).map((r) => r.path).sort()).toEqual(['/balance', '/details']);
});

test('logout → reload → login page; the server forgets the tokens', async ({ page, request }) => {
  await page.goto('/login');
  await login(page, { remember: true });
  await expectDemoDashboard(page);
  const refresh = await page.evaluate(() => localStorage.getItem('portal.refresh') ?? sessionStorage.getItem('portal.refresh'));
  expect(refresh).toBeTruthy();

  await page.locator('.user-menu summary').click();
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByText('Bạn đã đăng xuất.')).toBeVisible();
  expect(await mock.requests(request, { path: '/logout' })).toHaveLength(1);
  const revoke = await mock.requests(request, { path: '/revoke' });
  expect(revoke).toHaveLength(1);
  // the refresh token the browser kept is the one revoked (the log shows a stand-in)
  expect((revoke[0].body as { refresh_token?: string }).refresh_token).toBe(redacted(refresh!));

  await page.reload();
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/login\?next=%2Fdashboard$/);
  const stored = await page.evaluate(() => [localStorage.getItem('portal.refresh'), sessionStorage.getItem('portal.refresh')]);
  expect(stored).toEqual([null, null]);
});

test('a deep link while logged out comes back after login', async ({ page }) => {
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/login\?next=%2Fdashboard$/);
  await login(page);
  await expectDemoDashboard(page);
});

test('logout in one tab logs out the other tabs', async ({ context }) => {
  const first = await context.newPage();
  await first.goto('/login');
  await login(first, { remember: true });
  await expectDemoDashboard(first);

  const second = await context.newPage();
  await second.goto('/dashboard');
  await expectDemoDashboard(second);

  await first.locator('.user-menu summary').click();
  await first.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(first).toHaveURL(/\/login/);
  await expect(second).toHaveURL(/\/login/);
});

test('unknown paths get a real 404 page', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không tìm thấy trang');
  await expect(page.getByRole('link', { name: 'Về trang tổng quan' })).toBeVisible();
  await expectAccessible(page);
});

test('a flaky server: reads are retried, failures say what to do', async ({ page, request }) => {
  await page.goto('/login');
  await login(page);
  await expectDemoDashboard(page);

  await mock.config(request, { fail_rate: 1 });
  await mock.clearRequests(request);
  await page.getByRole('button', { name: 'Làm mới' }).click();
  const alert = page.getByRole('alert').first();
  await expect(alert).toContainText('Máy chủ đang gặp sự cố (mã 500)');
  await expect(page.getByRole('button', { name: 'Thử lại' })).toHaveCount(2);
  // each GET was tried three times before giving up
  expect(await mock.requests(request, { path: '/balance' })).toHaveLength(3);
  expect(await mock.requests(request, { path: '/details' })).toHaveLength(3);

  await mock.config(request, { fail_rate: 0 });
  await page.getByRole('button', { name: 'Thử lại' }).first().click();
  await expect(page.getByTestId('balance')).toContainText('1.250.000 ₫');
  await page.getByRole('button', { name: 'Làm mới' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expectDemoDashboard(page);
});
