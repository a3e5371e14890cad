import type { Page } from '@playwright/test';
import { test, expect, expectAccessible, login, mock, expectDemoDashboard, expectFastFilter } from './helpers';

// The services journeys against mock-api's demo account (see its README):
// 301 Starter Hosting bkns-demo.vn (label, cancel), 302 Cloud VPS (VMs),
// 303 a dedicated server (rDNS, an unknown method), 304 cancelled,
// 305 Hosting Plus shop-demo.vn (upgrade), 306 suspended, 307 pending.

test.beforeEach(async ({ request }) => {
  await mock.reset(request);
});

async function loginDemo(page: Page) {
  await page.goto('/login');
  await login(page);
  await expectDemoDashboard(page);
}

function rows(page: Page) {
  return page.getByTestId('services').locator('tbody tr');
}

async function openService(page: Page, id: string, title: string) {
  await page.goto(`/services/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
}

test('the list shows every service, filters by text and status, and opens one', async ({ page }) => {
  await loginDemo(page);
  await page.goto('/services');
  await expect(rows(page)).toHaveCount(7);
  await expect(page.getByTestId('service-count')).toHaveText('Hiển thị 1–7 trong 7 dịch vụ');
  const starter = rows(page).filter({ hasText: 'bkns-demo.vn' }).first();
  await expect(starter).toContainText('Starter Hosting');
  await expect(starter).toContainText('Đang hoạt động');
  await expect(starter).toContainText('Hàng tháng');
  await expect(starter).toContainText('99.000 ₫');
  await expectAccessible(page);

  // diacritic-insensitive, and the product is searched too
  await page.getByLabel('Tìm dịch vụ').fill('CLOUD vps');
  await expect(rows(page)).toHaveCount(2);
  await page.getByLabel('Trạng thái').selectOption('suspended');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('mini.bkns-demo.vn');
  await expect(rows(page).first()).toContainText('Tạm ngưng');
  await page.getByLabel('Tìm dịch vụ').fill('khong co dich vu nay');
  await expect(rows(page)).toHaveCount(0);
  await expect(page.getByTestId('service-count')).toContainText('Không có dịch vụ nào khớp');
  await page.getByLabel('Tìm dịch vụ').fill('');
  await page.getByLabel('Trạng thái').selectOption('all');
  await expect(rows(page)).toHaveCount(7);

  await page.getByRole('link', { name: 'bkns-demo.vn', exact: true }).click();
  await expect(page).toHaveURL(/\/services\/301$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('bkns-demo.vn');
  await expect(page.getByTestId('service-details')).toContainText('Starter Hosting');
  // only what /methods offers: label and cancel
  await expect(page.getByTestId('label-card')).toBeVisible();
  await expect(page.getByTestId('cancel-card')).toBeVisible();
  await expect(page.getByTestId('upgrade-card')).toHaveCount(0);
  // the password is hidden until revealed
  await expect(page.getByTestId('service-password')).toHaveText('••••••••');
  await page.getByRole('button', { name: 'Hiện mật khẩu' }).click();
  await expect(page.getByTestId('service-password')).not.toHaveText('••••••••');
  await expectAccessible(page);
});

test('a dedicated server links to its reverse DNS and names what the portal does not offer', async ({ page }) => {
  await loginDemo(page);
  await openService(page, '303', 'ds1.bkns-demo.vn');
  await expect(page.getByTestId('rdns-link')).toHaveAttribute('href', '/services/303/rdns');
  await expect(page.getByTestId('vms-link')).toHaveCount(0);
  await expect(page.getByTestId('elsewhere')).toContainText('Backup schedule');
  await openService(page, '302', 'vps.bkns-demo.vn');
  await expect(page.getByTestId('vms-link')).toHaveAttribute('href', '/services/302/vms');
  await openService(page, '304', 'old-shop.vn');
  await expect(page.getByTestId('service-notice')).toContainText('Đã huỷ');
  await expect(page.getByTestId('cancel-card')).toHaveCount(0);
  await expect(page.getByTestId('label-value')).toBeVisible();
  await page.goto('/services/999999');
  await expect(page.getByRole('alert')).toContainText('Không tìm thấy dịch vụ này trong tài khoản của bạn');
});

test('the list stays fast with 1,000 services (measured in the browser)', async ({ page }) => {
  await page.goto('/login');
  await login(page, { email: 'bulk@bkns.vn', password: 'Bulk@2026' });
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto('/services');
  await expect(page.getByTestId('service-count')).toHaveText('Hiển thị 1–50 trong 1000 dịch vụ');
  await expectFastFilter(page, '1,000 services', ['m', 'ma', 'may', 'may-', 'may-c', 'may-ch', 'may-chu', 'may-chu-1', 'may-chu-12', '']);
  await expect(page.getByTestId('service-count')).toHaveText('Hiển thị 1–50 trong 1000 dịch vụ');
  // and it finds what it should: "máy-chủ-12.vn" and the rest of its family
  await page.getByLabel('Tìm dịch vụ').fill('máy chủ 12');
  await expect(rows(page).first()).toContainText('máy-chủ-12');
});

test('change a label', async ({ page, request }) => {
  await loginDemo(page);
  await openService(page, '301', 'bkns-demo.vn');
  const card = page.getByTestId('label-card');
  await card.getByLabel('Nhãn').fill('x'.repeat(101));
  await card.getByRole('button', { name: 'Lưu nhãn' }).click();
  await expect(card.getByRole('alert')).toContainText('Nhãn dài tối đa 100 ký tự');
  expect(await mock.requests(request, { path: '/service/301/label', method: 'POST' })).toHaveLength(0);
  await card.getByLabel('Nhãn').fill('Web chính');
  await card.getByRole('button', { name: 'Lưu nhãn' }).click();
  await expect(page.locator('.toast')).toContainText('Đã cập nhật nhãn dịch vụ.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Web chính');
  const [post] = await mock.requests(request, { path: '/service/301/label', method: 'POST' });
  expect(post.body).toEqual({ label: 'Web chính' });
  // the list shows it too
  await page.goto('/services');
  await expect(page.getByRole('link', { name: 'Web chính' })).toHaveAttribute('href', '/services/301');
});

test('the upgrade estimate follows the choices, then the upgrade is ordered', async ({ page, request }) => {
  await loginDemo(page);
  await openService(page, '305', 'shop-demo.vn');
  const card = page.getByTestId('upgrade-card');
  const estimate = page.getByTestId('upgrade-estimate');
  await expect(card.getByLabel('Bandwidth')).toBeVisible();
  await expect(estimate).toContainText('Thay đổi một lựa chọn để xem chi phí nâng cấp.');
  const order = card.getByRole('button', { name: 'Đặt nâng cấp' });
  await expect(order).toBeDisabled();

  await card.getByLabel('Bandwidth').selectOption('10103');
  // 500 GB instead of 100 GB: +4 a month, a quarter, 10 % VAT
  await expect(page.getByTestId('estimate-totals')).toContainText('Bandwidth: 500 GB');
  await expect(page.getByTestId('estimate-totals').locator('.total dd')).toHaveText('13 ₫');
  await card.getByLabel('Số lượng: Disk space (GB)').fill('40');
  await expect(page.getByTestId('estimate-totals').locator('.total dd')).toHaveText('132.013 ₫');
  await expect(order).toBeEnabled();
  await expectAccessible(page);
  const last = (await mock.requests(request, { path: '/service/305/upgrade', method: 'POST' })).at(-1);
  expect(last?.body).toMatchObject({ resources: { '1557': '10103', '1558': '40' }, send: false });

  await order.click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('shop-demo.vn');
  await expect(dialog).toContainText('132.013 ₫');
  await dialog.getByRole('button', { name: 'Đặt nâng cấp' }).click();
  await expect(page.locator('.toast')).toContainText('Đã gửi yêu cầu nâng cấp.');
  const sent = (await mock.requests(request, { path: '/service/305/upgrade', method: 'POST' })).filter((r) => (r.body as { send?: boolean }).send === true);
  expect(sent).toHaveLength(1);
  const invoice = page.getByTestId('upgrade-invoice');
  await expect(invoice).toBeVisible();
  await invoice.click();
  await expect(page).toHaveURL(/\/billing\/invoices\/\d+$/);
});

test('cancel at the end of the period, with a reason and a confirmation naming the service', async ({ page, request }) => {
  await loginDemo(page);
  await openService(page, '301', 'bkns-demo.vn');
  const card = page.getByTestId('cancel-card');
  await expect(card.getByLabel('Cuối chu kỳ thanh toán')).toBeChecked();
  await card.getByRole('button', { name: 'Gửi yêu cầu huỷ' }).click();
  await expect(card.getByRole('alert').first()).toContainText('Vui lòng cho biết lý do huỷ.');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await card.getByLabel('Lý do huỷ').fill('Chuyển sang máy chủ riêng');
  await card.getByRole('button', { name: 'Gửi yêu cầu huỷ' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('“bkns-demo.vn” sẽ dừng vào cuối chu kỳ thanh toán hiện tại.');
  await expectAccessible(page);
  expect(await mock.requests(request, { path: '/service/301/cancel' })).toHaveLength(0);
  await dialog.getByRole('button', { name: 'Huỷ dịch vụ', exact: true }).click();
  await expect(page.locator('.toast')).toContainText('Đã gửi yêu cầu huỷ dịch vụ.');
  await expect(page.getByTestId('service-notice')).toContainText('dịch vụ sẽ dừng vào cuối chu kỳ thanh toán');
  await expect(page.getByTestId('cancel-card')).toHaveCount(0);
  const [sent] = await mock.requests(request, { path: '/service/301/cancel' });
  expect(sent.body).toEqual({ immediate: '0', reason: 'Chuyển sang máy chủ riêng' });
  // still active until then
  await expect(page.getByTestId('service-status')).toHaveText('Đang hoạt động');
});

test('the dashboard shows services by status and the ones due in the next 14 days', async ({ page }) => {
  await loginDemo(page);
  const card = page.getByTestId('dashboard-services');
  await expect(card.getByTestId('svc-count-active')).toContainText('4');
  await expect(card.getByTestId('svc-count-active')).toHaveAttribute('href', '/services?status=active');
  await expect(card.getByTestId('svc-count-cancelled')).toContainText('1');
  const due = card.getByTestId('due-soon');
  await expect(due.locator('li')).toHaveCount(2);
  await expect(due.locator('li').first()).toContainText('shop-demo.vn');
  await expect(due.locator('li').nth(1)).toContainText('bkns-demo.vn');
  await expect(due).toContainText('99.000 ₫');
  await expect(due).not.toContainText('mini.bkns-demo.vn');
  await expectAccessible(page);
  await card.getByTestId('svc-count-suspended').click();
  await expect(page).toHaveURL(/\/services\?status=suspended$/);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('mini.bkns-demo.vn');
});
