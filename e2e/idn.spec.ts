import { test, expect, expectAccessible, loginTo, mock, storedCart } from './helpers';

// Vietnamese domain names as customers type them: accepted, sent to the
// API in their ASCII (punycode) form, shown back in Unicode.

test.beforeEach(async ({ request }) => {
  await mock.reset(request);
});

test('order tênmiền.vn: typed in Unicode, checked and ordered as xn--tnmin-hsa0954c.vn', async ({ page, request }) => {
  await loginTo(page, '/cart/domain');
  const name = page.locator('input[name=name]');
  // a space is named as the problem
  await name.fill('tên miền.vn');
  await page.getByRole('button', { name: 'Kiểm tra' }).click();
  await expect(page.getByText('Tên miền không được chứa dấu cách.')).toBeVisible();
  await name.fill('tênmiền.vn');
  await page.getByRole('button', { name: 'Kiểm tra' }).click();
  await expect(page.getByTestId('whois')).toContainText('tênmiền.vn (xn--tnmin-hsa0954c.vn)');
  const whois = await mock.requests(request, { path: '/bkns/whois/xn--tnmin-hsa0954c.vn' });
  expect(whois.length).toBeGreaterThan(0);
  const form = page.getByTestId('domain-order');
  await form.getByRole('button', { name: 'Thêm vào giỏ hàng' }).click();
  const id = form.getByLabel('Số CCCD / Mã số thuế của chủ thể');
  if (await id.isVisible()) {
    await id.fill('079090001234');
    await form.getByRole('button', { name: 'Thêm vào giỏ hàng' }).click();
  }
  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.getByTestId('cart-lines')).toContainText('tênmiền.vn');
  const cart = await storedCart(page);
  expect(cart.lines[0].item).toMatchObject({ name: 'xn--tnmin-hsa0954c.vn', action: 'register' });
  await expectAccessible(page);
});
