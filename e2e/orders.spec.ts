// Issue 17, point 1: an order whose answer is lost is never placed twice,
// whatever the customer clicks, in one tab or two.
import type { Page } from '@playwright/test';
import { test, expect, expectAccessible, mock, loginTo, seedCart, storedCart, login } from './helpers';

const HOSTING = { title: 'Cloud Hosting Cơ bản', item: { type: 'product', product_id: 101, cycle: 'm', domain: 'mat-ket-noi.com' } };

test.beforeEach(async ({ request }) => {
  await mock.reset(request);
});

/** The checkout form's submit button, whatever it says now. */
const place = (page: Page) => page.getByTestId('checkout-form').locator('button[type=submit]');

async function readyToOrder(page: Page) {
  await expect(page.getByTestId('quote-totals')).toContainText('64.900 ₫');
  await expect(place(page)).toBeEnabled();
}

/** The server places the order, then the connection drops before its
 *  answer reaches the page. */
async function loseOrderAnswers(page: Page) {
  await page.route('**/api/order', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    await route.fetch(); // the order is placed on the server
    await route.abort('connectionreset');
  });
}

test('an order whose answer is lost is found by its invoice, and never sent again', async ({ page, request }) => {
  await seedCart(page, [HOSTING]);
  await loginTo(page, '/checkout');
  await readyToOrder(page);
  await loseOrderAnswers(page);
  await mock.clearRequests(request);
  await place(page).click();

  // locked while it looks: the button cannot send
  await expect(page.getByTestId('order-unsettled')).toContainText('đang tìm hoá đơn');
  await expect(place(page)).toBeDisabled();
  await place(page).click({ force: true });

  const done = page.getByTestId('order-done');
  await expect(done).toContainText('Đặt hàng thành công');
  await expect(page.getByTestId('order-found')).toBeVisible();
  const invoice = (await page.getByTestId('order-invoice').textContent())!.trim();
  expect(invoice).toMatch(/^\d+$/);
  expect((await storedCart(page)).lines).toHaveLength(0);
  expect(await page.evaluate(() => localStorage.getItem('portal.order.unsettled'))).toBeNull();
  await expectAccessible(page);

  // back to the checkout: nothing left to order
  await page.goto('/checkout');
  await expect(page.getByTestId('checkout-empty')).toBeVisible();
  const orders = await mock.requests(request, { path: '/order', method: 'POST' });
  expect(orders).toHaveLength(1);
  await done.isVisible();
});

test('a lost answer where nothing was placed offers the order again, once looked for', async ({ page, request }) => {
  await seedCart(page, [HOSTING]);
  await loginTo(page, '/checkout');
  await readyToOrder(page);
  // the connection drops before the server gets the order
  await page.route('**/api/order', (route) => (route.request().method() === 'POST' ? route.abort('connectionreset') : route.continue()), { times: 1 });
  await mock.clearRequests(request);
  await place(page).click();
  await expect(page.getByTestId('order-unsettled')).toContainText('đơn hàng chưa được đặt');
  // the look came first: the invoice list was read after the failure
  const invoiceReads = await mock.requests(request, { path: '/invoice', method: 'GET' });
  expect(invoiceReads.length).toBeGreaterThanOrEqual(2);
  expect((await storedCart(page)).lines).toHaveLength(1);

  await place(page).click();
  await expect(page.getByTestId('order-done')).toContainText('Đặt hàng thành công');
  await expect(page.getByTestId('order-numbers')).not.toBeEmpty();
  expect(await mock.requests(request, { path: '/order', method: 'POST' })).toHaveLength(1);
});

test('when the look fails the page stays locked until it can check', async ({ page, request }) => {
  await seedCart(page, [HOSTING]);
  await loginTo(page, '/checkout');
  await readyToOrder(page);
  await loseOrderAnswers(page);
  // the invoice list is unreachable after the order went out
  let ordered = false;
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/api/order')) ordered = true;
  });
  await page.route('**/api/invoice', (route) => (ordered ? route.abort('connectionreset') : route.continue()));
  await mock.clearRequests(request);
  await place(page).click();

  const note = page.getByTestId('order-unsettled');
  await expect(note).toContainText('chưa kiểm tra được', { timeout: 15_000 });
  await expect(place(page)).toBeDisabled();
  // a reload does not unlock it either: the unsettled order is kept
  await page.reload();
  await expect(page.getByTestId('order-unsettled')).toContainText('chưa kiểm tra được', { timeout: 15_000 });
  await expect(place(page)).toBeDisabled();

  await page.unroute('**/api/invoice');
  await page.getByRole('button', { name: 'Kiểm tra lại' }).click();
  await expect(page.getByTestId('order-done')).toContainText('Đặt hàng thành công');
  expect(await mock.requests(request, { path: '/order', method: 'POST' })).toHaveLength(1);
});

test('two tabs with the same cart: one order, and the other tab follows', async ({ page, context, request }) => {
  await seedCart(page, [HOSTING]);
  await loginTo(page, '/checkout');
  await readyToOrder(page);
  // the second tab shares the browser's storage (the cart, the remembered login)
  const other = await context.newPage();
  await other.goto('/login?next=%2Fcheckout');
  await login(other);
  await expect(other).toHaveURL(/\/checkout$/);
  await readyToOrder(other);

  await loseOrderAnswers(page);
  // the first tab's look is held back a little, so the second acts meanwhile
  await page.route('**/api/invoice', async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await mock.clearRequests(request);
  await place(page).click();
  await expect(page.getByTestId('order-unsettled')).toBeVisible();
  // the other tab knows at once and cannot send
  await expect(other.getByTestId('order-unsettled')).toBeVisible();
  await expect(place(other)).toBeDisabled();
  await place(other).click({ force: true });

  await expect(page.getByTestId('order-done')).toContainText('Đặt hàng thành công');
  // the other tab's cart emptied with the first one's
  await expect(other.getByTestId('checkout-empty')).toBeVisible();
  expect(await mock.requests(request, { path: '/order', method: 'POST' })).toHaveLength(1);
  await other.close();
});

test('a renewal whose answer is lost is looked for before it can be sent again', async ({ page, request }) => {
  await loginTo(page, '/domains/302');
  const renew = page.getByTestId('renew');
  await expect(renew.getByRole('button', { name: 'Tạo đơn gia hạn' })).toBeEnabled();
  await page.route('**/api/domain/302/renew', async (route) => {
    await route.fetch();
    await route.abort('connectionreset');
  });
  await mock.clearRequests(request);
  await renew.getByRole('button', { name: 'Tạo đơn gia hạn' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Gia hạn' }).click();
  await expect(renew.getByTestId('renew-result')).toContainText('hoá đơn cho thấy yêu cầu đã thành công');
  expect(await mock.requests(request, { path: '/domain/302/renew', method: 'POST' })).toHaveLength(1);
});

test('a credit payment whose answer is lost is read from the credit', async ({ page, request }) => {
  await loginTo(page, '/billing/invoices/3102');
  await expect(page.getByTestId('credit-available')).toContainText('350.000 ₫');
  await page.route('**/api/invoice/3102/credit', async (route) => {
    await route.fetch();
    await route.abort('connectionreset');
  });
  await mock.clearRequests(request);
  await page.locator('input[name=amount]').fill('50.000');
  await page.getByRole('button', { name: 'Thanh toán bằng tín dụng' }).click();
  await expect(page.getByTestId('credit-result')).toContainText('thanh toán đã thành công');
  expect(await mock.requests(request, { path: '/invoice/3102/credit' })).toHaveLength(1);
});
