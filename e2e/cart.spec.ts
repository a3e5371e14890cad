import type { Page } from '@playwright/test';
import { readFileSync } from 'fs';
import { join } from 'path';
import { test, expect, expectAccessible, mock, loginTo, seedCart, storedCart, login } from './helpers';

const CSR = readFileSync(join(__dirname, '..', 'fixtures', 'certs', 'rsa.csr'), 'utf8');

test.beforeEach(async ({ request }) => {
  await mock.reset(request);
});

const totals = (page: Page) => page.getByTestId('quote-totals');

/** The items of the last POST /quote the portal sent. */
async function lastQuote(request: Parameters<typeof mock.requests>[0]) {
  const log = await mock.requests(request, { path: '/quote', method: 'POST' });
  return log[log.length - 1].body as { items: Record<string, unknown>[] };
}

test('configure a hosting plan: the live quote follows the cycle and the options', async ({ page, request }) => {
  await loginTo(page, '/cart');
  await page.getByRole('link', { name: 'Chọn cấu hình Cloud Hosting Cơ bản' }).click();
  await expect(page).toHaveURL(/\/cart\/product\/101$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cloud Hosting Cơ bản');

  // without a domain the server refuses the item, and says why
  await expect(page.getByTestId('quote-errors')).toContainText('Dịch vụ cần có tên miền.');
  await page.locator('input[name=domain]').fill('anshop-moi.vn');
  await expect(totals(page)).toContainText('64.900 ₫');
  await expect(page.getByTestId('quote-errors')).toHaveCount(0);
  await expect(page.getByTestId('quote-recurring')).toContainText('Hàng tháng: 64.900 ₫');

  // the cycle select shows translated names with prices
  const cycle = page.locator('select[name=cycle]');
  await expect(cycle.locator('option[value=a]')).toHaveText('Hàng năm — 599.000 ₫');
  await cycle.selectOption('a');
  await expect(totals(page)).toContainText('658.900 ₫');
  await expect(page.getByTestId('quote-recurring')).toContainText('Hàng năm: 658.900 ₫');
  expect((await lastQuote(request)).items[0]).toMatchObject({ type: 'product', product_id: 101, cycle: 'a', domain: 'anshop-moi.vn' });

  // an option with a price: 12 × 20.000 ₫ more, and sent in `custom`
  await page.getByLabel('Bật sao lưu hằng ngày (+20.000 ₫)').check();
  await expect(totals(page)).toContainText('922.900 ₫');
  const item = (await lastQuote(request)).items[0] as { custom: Record<string, unknown> };
  expect(item.custom).toEqual({ '1101': { '11011': 1 }, '1102': { '11021': 1 }, '1103': { '11031': 1 } });

  await page.getByRole('button', { name: 'Thêm vào giỏ hàng' }).click();
  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.getByTestId('cart-lines')).toContainText('Cloud Hosting Cơ bản');
  await expect(page.getByTestId('cart-lines')).toContainText('Tên miền: anshop-moi.vn');
  await expect(page.getByTestId('cart-count')).toContainText('1');
  await expectAccessible(page);
});

test('a late quote answer never overwrites a newer one', async ({ page }) => {
  await loginTo(page, '/cart/product/101');
  await expect(page.locator('select[name=cycle]')).toBeVisible();
  // the answer for the monthly choice is held back 2.5 s
  let calls = 0;
  await page.route('**/api/quote', async (route) => {
    calls += 1;
    const body = route.request().postDataJSON() as { items: { cycle: string }[] };
    const response = await route.fetch();
    if (body.items[0].cycle === 'm') await new Promise((r) => setTimeout(r, 2500));
    await route.fulfill({ response });
  });
  const slow = page.waitForRequest((r) => r.url().endsWith('/api/quote'));
  await page.locator('input[name=domain]').fill('anshop-moi.vn');
  await slow; // the monthly quote is on its way
  await page.locator('select[name=cycle]').selectOption('a');
  await expect(totals(page)).toContainText('658.900 ₫');
  await page.waitForTimeout(3000); // the monthly answer has now arrived
  await expect(totals(page)).toContainText('658.900 ₫');
  await expect(totals(page)).not.toContainText('64.900 ₫');
  expect(calls).toBeGreaterThanOrEqual(2);
});

test('a VPS: required and conditional options, quantities and an addon with its own cycle', async ({ page, request }) => {
  await loginTo(page, '/cart/product/201');
  // the Remote Desktop licences appear only with Windows
  await expect(page.getByLabel('Giấy phép Remote Desktop (RDS)')).toHaveCount(0);
  await page.locator('select[name="custom[2101]"]').selectOption('21014');
  await expect(page.getByLabel('Giấy phép Remote Desktop (RDS)')).toBeVisible();
  await page.getByLabel('Giấy phép Remote Desktop (RDS)').fill('2');

  // adding without the required fields: errors tied to the fields, focus on the first
  await page.getByRole('button', { name: 'Thêm vào giỏ hàng' }).click();
  await expect(page).toHaveURL(/\/cart\/product\/201$/);
  const hostname = page.getByLabel('Tên máy chủ (hostname)');
  await expect(hostname).toBeFocused();
  await expect(hostname).toHaveAttribute('aria-invalid', 'true');
  await hostname.fill('vps1.anshop.vn');
  await page.getByLabel('Tôi cam kết không dùng VPS để gửi thư rác hay tấn công mạng').check();
  await page.getByLabel('Giám sát 24/7').check();
  await page.locator('select[name="addon_cycles[44]"]').selectOption('a');
  // (199.000 + 300.000 Windows + 2 × 120.000 RDS + 790.000 yearly monitoring) × 1,1
  await expect(totals(page)).toContainText('1.681.900 ₫');
  const item = (await lastQuote(request)).items[0];
  expect(item).toMatchObject({
    product_id: 201,
    cycle: 'm',
    addon: { '44': 1 },
    addon_cycles: { '44': 'a' },
    custom: { '2101': { '21014': 1 }, '2102': { '21021': 'vps1.anshop.vn' }, '2105': { '21051': 2 }, '2107': { '21071': 1 } },
  });
  await page.getByRole('button', { name: 'Thêm vào giỏ hàng' }).click();
  await expect(page.getByTestId('cart-lines')).toContainText('Hệ điều hành: Windows Server 2022');
  await expectAccessible(page);
});

test('a domain and an SSL certificate go in the cart, which survives a reload', async ({ page }) => {
  await loginTo(page, '/cart/domain');
  await expect(page.getByTestId('tld-prices')).toContainText('750.000 ₫');
  await page.locator('input[name=name]').fill('anshop-moi');
  await page.locator('select[name=tld_id]').selectOption('11'); // .vn
  await page.getByRole('button', { name: 'Kiểm tra' }).click();
  await expect(page.getByTestId('whois')).toContainText('anshop-moi.vn chưa có ai đăng ký');
  const form = page.getByTestId('domain-order');
  await expect(form.locator('select[name=years] option').first()).toHaveText('1 năm — 750.000 ₫');
  // the TLD's own required data
  await form.getByRole('button', { name: 'Thêm vào giỏ hàng' }).click();
  const id = form.getByLabel('Số CCCD / Mã số thuế của chủ thể');
  await expect(id).toBeFocused();
  await id.fill('079090001234');
  await form.getByRole('button', { name: 'Thêm vào giỏ hàng' }).click();
  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.getByTestId('cart-lines')).toContainText('anshop-moi.vn');

  // a taken name is offered as a transfer, with its EPP code
  await page.goto('/cart/domain');
  await page.locator('input[name=name]').fill('google.com');
  await page.getByRole('button', { name: 'Kiểm tra' }).click();
  await expect(page.getByTestId('whois')).toContainText('google.com đã được đăng ký');
  await expect(page.getByLabel('Chuyển tên miền về BKNS')).toBeChecked();
  await expect(page.locator('input[name=epp]')).toBeVisible();

  await page.goto('/cart/ssl');
  await page.getByLabel(/PositiveSSL DV/).check();
  await page.locator('select[name=software]').selectOption('3');
  await page.locator('textarea[name=csr]').fill('example.com');
  await page.getByRole('button', { name: 'Thêm vào giỏ hàng' }).click();
  await expect(page.locator('textarea[name=csr]')).toBeFocused();
  await expect(page.getByText('CSR không hợp lệ')).toBeVisible();
  await page.locator('textarea[name=csr]').fill(CSR);
  await page.locator('input[name=approver_email]').fill('admin@anshop-moi.vn');
  await page.getByRole('button', { name: 'Thêm vào giỏ hàng' }).click();
  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.getByTestId('cart-lines').locator('li.cart-line')).toHaveCount(2);

  await page.reload();
  await expect(page.getByTestId('cart-lines').locator('li.cart-line')).toHaveCount(2);
  await expect(page.getByTestId('cart-count')).toContainText('2');
  const cart = await storedCart(page);
  expect(cart.lines.map((l) => l.item.type)).toEqual(['domain', 'certificate']);
  expect(cart.lines[0].item).toMatchObject({ tld_id: 11, name: 'anshop-moi.vn', action: 'register', years: 1, data: { '5102': { '51021': '079090001234' } } });
  expect(cart.lines[1].item).toMatchObject({ product_id: 401, years: 1, software: 3, approver_email: 'admin@anshop-moi.vn' });
  await expectAccessible(page);
});

const HOSTING = { title: 'Cloud Hosting Cơ bản', item: { type: 'product', product_id: 101, cycle: 'm', domain: 'moi-e2e.com' } };
const DOMAIN = { title: 'moi-e2e.com', item: { type: 'domain', tld_id: 6, name: 'moi-e2e.com', action: 'register', years: 1 } };

test('checkout: fees per method, one POST /order, the confirmation empties the cart and links to the invoice', async ({ page, request }) => {
  await seedCart(page, [HOSTING, DOMAIN]);
  await loginTo(page, '/checkout');
  await expect(totals(page)).toContainText('393.800 ₫');
  const methods = page.getByTestId('pay-methods');
  // fee = fixed + total × percent / 100
  await expect(methods.locator('label', { hasText: 'Chuyển khoản ngân hàng' })).toContainText('Miễn phí giao dịch');
  await expect(methods.locator('label', { hasText: 'NAPAS' })).toContainText('Phí giao dịch: 5.432 ₫');
  await expect(methods.locator('label', { hasText: 'Visa' })).toContainText('Phí giao dịch: 11.651 ₫');
  await methods.getByLabel(/NAPAS/).check();
  await mock.clearRequests(request);
  await page.getByRole('button', { name: 'Đặt hàng' }).click();

  const done = page.getByTestId('order-done');
  await expect(done).toContainText('Đặt hàng thành công');
  await expect(page.getByTestId('order-total')).toHaveText('399.232 ₫');
  const orders = await mock.requests(request, { path: '/order', method: 'POST' });
  expect(orders).toHaveLength(1);
  expect(orders[0].body).toEqual({ pay_method: 2, items: [HOSTING.item, DOMAIN.item] });
  await expect(page.getByTestId('cart-count')).toHaveCount(0);
  expect((await storedCart(page)).lines).toHaveLength(0);

  const invoice = await page.getByTestId('order-invoice').textContent();
  await done.getByRole('link', { name: `Xem hoá đơn #${invoice}` }).click();
  await expect(page).toHaveURL(new RegExp(`/billing/invoices/${invoice}$`));
  await expect(page.getByTestId('invoice-lines')).toContainText('Phí thanh toán - Thẻ ATM nội địa (NAPAS)');
  await expect(page.getByTestId('invoice-status')).toHaveText('Chưa thanh toán');
  await expectAccessible(page);
});

test('double-clicking "place order" on a slow network sends exactly one POST /order', async ({ page, request }) => {
  await seedCart(page, [HOSTING]);
  await loginTo(page, '/checkout');
  await expect(totals(page)).toContainText('64.900 ₫');
  const place = page.getByRole('button', { name: 'Đặt hàng' });
  await expect(place).toBeEnabled();
  await mock.config(request, { latency_ms: 1500 });
  await mock.clearRequests(request);
  await place.dblclick();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  // Enter held in a field submits the form whatever the button's state
  await page.evaluate(() => {
    const form = document.querySelector<HTMLFormElement>('[data-testid=checkout-form]')!;
    form.requestSubmit();
    form.requestSubmit();
  });
  await expect(page.getByRole('button', { name: 'Đang đặt hàng…' })).toBeDisabled();
  await expect(page.getByTestId('order-done')).toBeVisible({ timeout: 10_000 });
  await page.waitForTimeout(2000); // anything sent late would have arrived
  expect(await mock.requests(request, { path: '/order', method: 'POST' })).toHaveLength(1);
});

test('an invalid promo code blocks checkout; a refused order keeps the cart', async ({ page }) => {
  await seedCart(page, [HOSTING]);
  await loginTo(page, '/checkout');
  await page.locator('input[name=promocode]').fill('nope');
  await page.getByRole('button', { name: 'Áp dụng' }).click();
  await expect(page.getByTestId('quote-errors')).toContainText('Mã khuyến mãi không hợp lệ');
  await expect(page.getByRole('button', { name: 'Đặt hàng' })).toBeDisabled();
  await page.locator('input[name=promocode]').fill('bkns10');
  await page.getByRole('button', { name: 'Áp dụng' }).click();
  await expect(totals(page)).toContainText('Giảm giá');
  await expect(totals(page)).toContainText('58.410 ₫');

  // the server refuses the order: the error is shown, the cart stays
  await page.route('**/api/order', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"error":["domain_unavailable"]}' }));
  await page.getByRole('button', { name: 'Đặt hàng' }).click();
  await expect(page.getByTestId('order-error')).toContainText('Tên miền đã có người đăng ký.');
  await expect(page.getByTestId('cart-lines')).toContainText('Cloud Hosting Cơ bản');
  await expect(page.getByRole('button', { name: 'Đặt hàng' })).toBeEnabled();
  expect((await storedCart(page)).lines).toHaveLength(1);
});

test("an affiliate link's id reaches the order", async ({ page, request }) => {
  await seedCart(page, [HOSTING]);
  await loginTo(page, '/checkout', 'aff=55');
  await expect(page.getByTestId('affiliate')).toContainText('55');
  await expect(totals(page)).toContainText('64.900 ₫');
  await page.getByRole('button', { name: 'Đặt hàng' }).click();
  await expect(page.getByTestId('order-done')).toBeVisible();
  const orders = await mock.requests(request, { path: '/order', method: 'POST' });
  expect((orders[0].body as { aff_id?: number }).aff_id).toBe(55);
});

test('a category whose products the server cannot list says so, the others still work', async ({ page }) => {
  await page.route('**/api/category/20/product', (route) =>
    route.fulfill({ status: 404, contentType: 'application/json', body: '{"error":["invalid method"]}' }),
  );
  await loginTo(page, '/cart');
  await expect(page.locator('[data-category="20"]')).toContainText('Máy chủ chưa cung cấp danh sách sản phẩm của danh mục này');
  await expect(page.locator('[data-category="10"]')).toContainText('Cloud Hosting Cơ bản');
  await expect(page.locator('[data-category="6"]').getByRole('link', { name: 'Tìm và đăng ký tên miền' })).toBeVisible();
});

test('a renewal from a domain link goes in the cart as domain_id + renew', async ({ page }) => {
  await loginTo(page, '/cart/domain?renew=301&name=nguyenvanan.vn');
  const form = page.getByTestId('domain-renew');
  await expect(form).toContainText('Gia hạn tên miền nguyenvanan.vn');
  await expect(form.locator('select[name=years] option').first()).toHaveText('1 năm — 480.000 ₫');
  await form.getByRole('button', { name: 'Thêm vào giỏ hàng' }).click();
  await expect(page.getByTestId('cart-lines')).toContainText('Gia hạn tên miền');
  expect((await storedCart(page)).lines[0].item).toEqual({ type: 'domain', domain_id: 301, action: 'renew', years: 1 });
});

test('logging out empties the cart (the next person at this browser starts afresh), the affiliate id stays', async ({ page }) => {
  await loginTo(page, '/cart/domain?renew=301&name=nguyenvanan.vn', 'aff=55');
  await page.getByTestId('domain-renew').getByRole('button', { name: 'Thêm vào giỏ hàng' }).click();
  await expect(page.getByTestId('cart-count')).toContainText('1');
  await page.locator('.user-menu summary').click();
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page).toHaveURL(/\/login/);
  const cart = await storedCart(page);
  expect(cart.lines).toEqual([]);
  expect(cart.aff_id).toBe('55');
  await login(page);
  await expect(page.getByTestId('cart-count')).toHaveCount(0);
});
