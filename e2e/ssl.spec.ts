import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { test, expect, expectAccessible, loginTo, mock, seedCart } from './helpers';

// Certificates, the CSR made in the page, coupons and provinces that cease
// to exist, against mock-api (fixtures/api/contract-ssl-affiliates.md): the
// demo's certificates 801 (valid, EC), 802 (expiring on 2026-12-16, RSA),
// 803 (expired), 804 (ánhdương.vn, OV), 805 (pending), 806 (cancelled);
// coupons BKNS-VN15 (.vn, TLD 11) and BKNS-HOST50K (product 102); contact
// 50 in Tỉnh Bình Dương.

test.beforeEach(async ({ request }) => {
  await mock.reset(request);
});

function rows(page: Page) {
  return page.getByTestId('ssl').locator('tbody tr');
}

test('the list: states from the expiry, Unicode names, a filter by text and state', async ({ page }) => {
  await loginTo(page, '/ssl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chứng chỉ SSL');
  await expect(rows(page)).toHaveCount(6);
  await expect(rows(page).filter({ hasText: 'ánhdương.vn' })).toHaveCount(1);
  await expect(rows(page).filter({ hasText: 'nguyenvanan.vn' })).toContainText('Còn hiệu lực');
  await expect(rows(page).filter({ hasText: 'shop-an.com' })).toContainText('Đã hết hạn');
  await expect(rows(page).filter({ hasText: 'an-studio.id.vn' })).toContainText('Chờ cấp');
  // 802's notAfter is fixed (2026-12-16 23:59:59 UTC): expiring until then
  const expiring = Date.now() < Date.UTC(2026, 11, 16, 0, 0, 0);
  await expect(rows(page).filter({ hasText: 'banhmi-saigon.com' })).toContainText(expiring ? 'Sắp hết hạn' : 'Đã hết hạn');
  await expect(page.getByTestId('ssl-expiring')).toHaveCount(expiring ? 1 : 0);
  await expectAccessible(page);
  await page.getByLabel('Trạng thái').selectOption('pending');
  await expect(rows(page)).toHaveCount(1);
  await page.getByLabel('Trạng thái').selectOption('all');
  await page.getByLabel('Tìm chứng chỉ').fill('anhduong');
  await expect(rows(page)).toHaveCount(1);
  await rows(page).getByRole('link').click();
  await expect(page).toHaveURL(/\/ssl\/804$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('ánhdương.vn');
  await expect(page.getByTestId('crt')).toContainText('O=Công ty TNHH Ánh Dương');
});

test('a certificate decoded in the page, downloaded as .crt, renewed from its page', async ({ page }) => {
  await loginTo(page, '/ssl/801');
  const crt = page.getByTestId('crt');
  await expect(crt).toContainText('CN=nguyenvanan.vn');
  await expect(crt).toContainText('DNS:www.nguyenvanan.vn');
  await expect(crt).toContainText('CN=BKNS Demo Intermediate CA');
  await expect(crt).toContainText('EC P-256');
  await expect(crt.locator('h3')).toHaveCount(2);
  await expectAccessible(page);
  const download = page.waitForEvent('download');
  await page.getByTestId('crt-download').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('nguyenvanan.vn.crt');
  const text = readFileSync(await file.path(), 'utf8');
  expect(text.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(2);
  await page.getByTestId('renew').click();
  await expect(page).toHaveURL(/\/cart\/ssl\?product=PositiveSSL%20DV&domain=nguyenvanan\.vn$/);
  await expect(page.getByLabel(/PositiveSSL DV/)).toBeChecked();
});

test('a certificate not issued yet says so without asking for it', async ({ page, request }) => {
  await mock.clearRequests(request);
  await loginTo(page, '/ssl/805');
  await expect(page.getByTestId('crt-none')).toContainText('chưa được cấp');
  await expect(page.getByTestId('cert-state')).toHaveText('Chờ cấp');
  expect(await mock.requests(request, { path: '/certificate/805/crt' })).toHaveLength(0);
  await expectAccessible(page);
});

test('order a certificate with a key and CSR made in the page: the key is saved first and never sent', async ({ page, request }) => {
  await loginTo(page, '/cart/ssl?domain=e2e-ssl.vn');
  await page.getByLabel(/PositiveSSL DV/).check();
  await page.getByRole('button', { name: /Tạo khoá và CSR tại đây/ }).click();
  await expect(page.locator('#csr-domain')).toHaveValue('e2e-ssl.vn');
  await page.getByTestId('csr-generate').click();
  const use = page.getByTestId('csr-use');
  await expect(use).toHaveAttribute('aria-disabled', 'true');
  await use.click({ force: true });
  await expect(page.locator('textarea[name=csr]')).toHaveValue('');
  await expectAccessible(page);
  const download = page.waitForEvent('download');
  await page.getByTestId('csr-save-key').click();
  const key = await download;
  expect(key.suggestedFilename()).toBe('e2e-ssl.vn.key');
  const pem = readFileSync(await key.path(), 'utf8');
  expect(pem).toContain('-----BEGIN PRIVATE KEY-----');
  await use.click();
  const csr = await page.locator('textarea[name=csr]').inputValue();
  expect(csr).toContain('-----BEGIN CERTIFICATE REQUEST-----');
  await page.locator('input[name=approver_email]').fill('admin@e2e-ssl.vn');
  await page.getByRole('button', { name: 'Thêm vào giỏ hàng' }).click();
  await expect(page).toHaveURL(/\/cart$/);
  await page.goto('/checkout');
  await page.getByRole('button', { name: 'Đặt hàng' }).click();
  await expect(page.getByTestId('order-done')).toContainText('Đặt hàng thành công');
  const body = pem.split('\n').filter((l) => l && !l.startsWith('-----')).join('');
  for (const r of await mock.requests(request)) {
    const sent = JSON.stringify(r.body ?? '');
    expect(sent).not.toContain('PRIVATE KEY');
    expect(sent).not.toContain(body.slice(0, 40));
  }
  const orders = await mock.requests(request, { path: '/order', method: 'POST' });
  expect(JSON.stringify(orders[0].body)).toContain('BEGIN CERTIFICATE REQUEST');
  // the server read the CSR: the new certificate waits for issue under its name
  await page.goto('/ssl');
  await expect(rows(page).filter({ hasText: 'e2e-ssl.vn' })).toContainText('Chờ cấp');
});

test("the customer's own coupon is offered at checkout and goes on the item it is for", async ({ page, request }) => {
  const vn = { title: 'coupon-e2e.vn', item: { type: 'domain', tld_id: 11, name: 'coupon-e2e.vn', action: 'register', years: 1, data: { '5101': '51011', '5102': { '51021': '079090001234' } } } };
  const hosting = { title: 'Cloud Hosting Cơ bản', item: { type: 'product', product_id: 101, cycle: 'm', domain: 'coupon-e2e.vn' } };
  await seedCart(page, [vn, hosting]);
  await loginTo(page, '/checkout');
  const offers = page.getByTestId('coupons');
  await expect(offers).toContainText('BKNS-VN15');
  await expect(offers).toContainText('giảm 15%');
  const asked = await mock.requests(request, { path: '/domain/coupons/bkns_coupons' });
  expect(asked.length).toBeGreaterThan(0);
  for (const r of asked) expect(r.body).toMatchObject({ clientdata_coupons: '1042' });
  await expectAccessible(page);
  await offers.getByRole('button', { name: 'Dùng mã này: BKNS-VN15' }).click();
  await expect(offers).toContainText('Đang dùng');
  await expect(page.getByTestId('quote-totals')).toContainText('Giảm giá');
  await expect(page.getByTestId('quote-errors')).toHaveCount(0);
  await mock.clearRequests(request);
  await page.getByRole('button', { name: 'Đặt hàng' }).click();
  await expect(page.getByTestId('order-done')).toContainText('Đặt hàng thành công');
  const orders = await mock.requests(request, { path: '/order', method: 'POST' });
  expect(orders).toHaveLength(1);
  const items = (orders[0].body as { items: Record<string, unknown>[] }).items;
  expect(items[0]).toMatchObject({ type: 'domain', promocode: 'BKNS-VN15' });
  expect(items[1].promocode).toBeUndefined();
});

test('a contact in a province that ceased to exist is told so', async ({ page }) => {
  await loginTo(page, '/account/contacts/50');
  await expect(page.getByTestId('state-expiring')).toContainText('Tỉnh Bình Dương đã sáp nhập vào Thành phố Hồ Chí Minh');
  await expectAccessible(page);
  await page.goto('/account');
  await expect(page.getByTestId('profile')).toBeVisible();
  await expect(page.getByTestId('state-expiring')).toHaveCount(0);
});
