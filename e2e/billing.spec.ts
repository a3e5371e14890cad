import { test, expect, expectAccessible, mock, loginTo } from './helpers';

test.beforeEach(async ({ request }) => {
  await mock.reset(request);
});

test('pay an invoice with credit: its status and the balance follow', async ({ page, request }) => {
  await loginTo(page, '/billing');
  const table = page.getByTestId('invoices');
  await expect(table.locator('tbody tr')).toHaveCount(3);
  await expect(table).toContainText('1.100.000 ₫');
  await expect(page.getByTestId('balance')).toContainText('1.250.000 ₫');
  await table.getByRole('link', { name: '2026/01/0058' }).click();

  await expect(page).toHaveURL(/\/billing\/invoices\/3103$/);
  await expect(page.getByTestId('invoice-status')).toHaveText('Chưa thanh toán');
  await expect(page.getByTestId('invoice-totals')).toContainText('150.000 ₫');
  await expect(page.getByTestId('credit-available')).toContainText('350.000 ₫');
  await mock.clearRequests(request);
  await page.getByRole('button', { name: 'Thanh toán bằng tín dụng' }).click();
  await expect(page.getByTestId('credit-result')).toContainText('Đã dùng 150.000 ₫ tín dụng. Trạng thái hoá đơn: Đã thanh toán.');
  await expect(page.getByTestId('invoice-status')).toHaveText('Đã thanh toán');
  const sent = await mock.requests(request, { path: '/invoice/3103/credit', method: 'POST' });
  expect(sent).toHaveLength(1);
  expect(sent[0].body).toEqual({});

  await page.getByRole('link', { name: '← Quay lại thanh toán' }).click();
  await expect(page.getByTestId('balance')).toContainText('1.100.000 ₫');
  await expect(page.getByTestId('credit')).toContainText('200.000 ₫');
  await expect(page.getByTestId('invoices').locator('tr', { hasText: '2026/01/0058' })).toContainText('Đã thanh toán');
  await expectAccessible(page);
});

test('pay part of an invoice, the amount typed the Vietnamese way', async ({ page, request }) => {
  await loginTo(page, '/billing/invoices/3102');
  const amount = page.locator('input[name=amount]');
  // more than the credit: refused before anything is sent
  await amount.fill('400.000');
  await page.getByRole('button', { name: 'Thanh toán bằng tín dụng' }).click();
  await expect(amount).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Số tiền lớn hơn tín dụng hiện có.')).toBeVisible();
  expect(await mock.requests(request, { path: '/invoice/3102/credit' })).toHaveLength(0);

  await amount.fill('50.000');
  await page.getByRole('button', { name: 'Thanh toán bằng tín dụng' }).click();
  await expect(page.getByTestId('credit-result')).toContainText('Đã dùng 50.000 ₫ tín dụng. Trạng thái hoá đơn: Chưa thanh toán.');
  const sent = await mock.requests(request, { path: '/invoice/3102/credit' });
  expect(sent.map((r) => r.body)).toEqual([{ amount: '50000' }]);
  await expect(page.getByTestId('invoice-totals')).toContainText('Đã trừ từ tín dụng');
  await expect(page.getByTestId('invoice-totals')).toContainText('1.050.000 ₫');
  await expect(page.getByTestId('credit-available')).toContainText('300.000 ₫');
  await expectAccessible(page);
});

test('without the invoice calls the pages say so and an invoice can still be paid by its number', async ({ page, request }) => {
  const notFound = { status: 404, contentType: 'application/json', body: '{"error":["invalid method"]}' };
  await page.route('**/api/invoice', (route) => route.fulfill(notFound));
  await page.route('**/api/invoice/3103', (route) => route.fulfill(notFound));
  await loginTo(page, '/billing');
  await expect(page.getByTestId('invoices-unsupported')).toContainText('Máy chủ chưa cung cấp danh sách hoá đơn');
  await expect(page.getByTestId('balance')).toContainText('1.250.000 ₫');
  await page.locator('input[name=invoice_id]').fill('3103');
  await page.getByRole('button', { name: 'Mở hoá đơn' }).click();
  await expect(page).toHaveURL(/\/billing\/invoices\/3103$/);
  await expect(page.getByTestId('invoice-unsupported')).toContainText('Máy chủ chưa cung cấp chi tiết hoá đơn');
  await page.getByRole('button', { name: 'Thanh toán bằng tín dụng' }).click();
  await expect(page.getByTestId('credit-result')).toContainText('Đã thanh toán');
  expect(await mock.requests(request, { path: '/invoice/3103/credit', method: 'POST' })).toHaveLength(1);
  await expectAccessible(page);
});
