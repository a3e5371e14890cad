import type { Page } from '@playwright/test';
import { test, expect, expectAccessible, login, loginTo, mock, storedCart } from './helpers';

// The affiliate programme against mock-api (fixtures/api/contract-ssl-affiliates.md):
// the demo account is affiliate "7" (balance 1.250.000 ₫, 3.450.000 ₫ earned,
// 30 commissions over the last 14 months, none 2, 7 and 11 months before this
// one; vouchers ANNGUYEN10 and ANNGUYEN-VPS100K). With the setting
// `affiliate_enrolled` off (and for every other account) each of the six
// reads answers {"error": ["affiliate_not_enrolled"]}.

const READS = ['summary', 'campaigns', 'commissions', 'payouts', 'vouchers', 'commissionplans'];

test.beforeEach(async ({ request }) => {
  await mock.reset(request);
});

async function noSidewaysScroll(page: Page) {
  const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(scroll, 'no horizontal scroll').toBeLessThanOrEqual(client + 1);
}

test('an affiliate sees the figures, the chart, the QR code and copies the referral link', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await loginTo(page, '/affiliates');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tiếp thị liên kết');
  await expect(page.getByTestId('aff-balance')).toContainText('1.250.000 ₫');
  await expect(page.getByTestId('aff-earned')).toContainText('3.450.000 ₫');
  await expect(page.getByTestId('aff-withdrawn')).toContainText('2.200.000 ₫');
  await expect(page.getByTestId('aff-referrals')).toContainText('23');
  await expect(page.getByTestId('aff-visits')).toContainText('412');
  await expect(page.getByTestId('aff-conversion')).toContainText('5,58%');

  // 12 months of bars: this month's drawn, the empty months at zero
  const bars = page.getByTestId('aff-chart').locator('rect.aff-bar');
  await expect(bars).toHaveCount(12);
  const heights = await bars.evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('height'))));
  expect(heights[11]).toBeGreaterThan(0);
  for (const empty of [0, 4, 9]) expect(heights[empty], `bar ${empty}`).toBe(0);
  expect(heights.filter((h) => h > 0)).toHaveLength(9);
  await expect(page.getByTestId('aff-chart')).toHaveAttribute('role', 'img');

  // the commissions, 20 a page
  const rows = page.getByTestId('aff-commission-list').locator('tbody tr');
  await expect(rows).toHaveCount(20);
  await page.getByTestId('aff-commissions').getByRole('button', { name: 'Trang sau' }).click();
  await expect(rows).toHaveCount(10);

  // the referral links and the QR code of the sign-up one
  const origin = new URL(page.url()).origin;
  const signup = `${origin}/signup?aff=7`;
  await expect(page.getByTestId('aff-signup-link')).toHaveText(signup);
  await expect(page.getByTestId('aff-cart-link')).toHaveText(`${origin}/cart?aff=7`);
  const qr = page.getByTestId('aff-qr');
  await expect(qr).toHaveAttribute('role', 'img');
  await expect(qr).toHaveAttribute('aria-label', new RegExp(signup.replace(/[.?]/g, '\\$&')));
  await expect(qr.locator('path')).toHaveCount(1);

  await expect(page.getByTestId('aff-voucher-code').first()).toHaveText('ANNGUYEN10');
  await expect(page.getByTestId('aff-campaigns')).toContainText('Fanpage Facebook');
  await expect(page.getByTestId('aff-plans')).toContainText('Chứng chỉ SSL');
  await expect(page.getByTestId('aff-payouts')).toContainText('Ví MoMo');
  await expect(page.locator('[role=alert]')).toHaveCount(0);
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Sao chép Liên kết đăng ký' }).click();
  await expect(page.locator('.toast')).toContainText('Đã sao chép.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(signup);

  // the link does what it says: the cart keeps the affiliate for the order
  await page.goto(`${origin}/cart?aff=7`);
  await expect.poll(async () => (await storedCart(page)).aff_id).toBe('7');
});

test('at 360 px the affiliate page does not scroll sideways', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await loginTo(page, '/affiliates');
  await expect(page.getByTestId('aff-chart').locator('rect.aff-bar')).toHaveCount(12);
  await expect(page.getByTestId('aff-qr')).toBeVisible();
  await expect(page.getByTestId('aff-voucher-code').first()).toBeVisible();
  await noSidewaysScroll(page);
  const chart = await page.getByTestId('aff-chart').boundingBox();
  expect(chart && chart.x + chart.width).toBeLessThanOrEqual(360);
});

test('a customer outside the programme is told how to join, and nothing else is asked', async ({ page, request }) => {
  await mock.config(request, { affiliate_enrolled: false });
  await mock.clearRequests(request);
  await loginTo(page, '/affiliates');
  const panel = page.getByTestId('aff-not-enrolled');
  await expect(panel).toBeVisible();
  await expect(panel).toHaveAttribute('role', 'status');
  await expect(panel).toContainText('chưa tham gia');
  await expect(page.locator('[role=alert]')).toHaveCount(0);
  await expect(page.getByTestId('aff-commissions')).toHaveCount(0);
  await expectAccessible(page);
  await page.setViewportSize({ width: 360, height: 740 });
  await noSidewaysScroll(page);
  for (const read of READS.slice(1)) {
    expect(await mock.requests(request, { path: `/affiliates/${read}` }), read).toHaveLength(0);
  }
  expect(await mock.requests(request, { path: '/affiliates/summary' })).toHaveLength(1);
  await page.getByTestId('aff-contact').click();
  await expect(page).toHaveURL(/\/support\/new$/);
});

test('the designated non-affiliate account gets the same information', async ({ page }) => {
  await page.goto('/login?next=%2Faffiliates');
  await login(page, { email: 'bulk@bkns.vn', password: 'Bulk@2026' });
  await expect(page).toHaveURL(/\/affiliates$/);
  await expect(page.getByTestId('aff-not-enrolled')).toBeVisible();
  await expect(page.getByTestId('aff-share')).toHaveCount(0);
});
