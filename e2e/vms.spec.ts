import type { APIRequestContext, Page } from '@playwright/test';
import { test, expect, expectAccessible, loginTo, mock } from './helpers';

// The cloud server console against mock-api (service 302: web-01 running,
// db-01 stopped; IPv4 pool 11 with 2 free addresses). Power commands settle
// after `vm_power_ms` (4 s by default), rebuilds after `vm_rebuild_ms` (6 s);
// the page polls every 2 s.

test.beforeEach(async ({ request }) => {
  await mock.reset(request);
});

const BASIC = `Basic ${Buffer.from('demo@bkns.vn:Demo@2026').toString('base64')}`;

async function openVm(page: Page, id = '5001', name = 'web-01') {
  await loginTo(page, `/services/302/vms/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.locator('button[data-action=start]')).toBeVisible();
}

const pill = (page: Page) => page.locator('.page-head .vm-status');
const note = (page: Page) => page.getByTestId('vm-note');
const power = (page: Page, action: string) => page.locator(`button[data-action=${action}]`);

async function confirmWith(page: Page, label: string) {
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: label, exact: true }).click();
}

async function vmStatus(request: APIRequestContext, id = '5001'): Promise<string> {
  const res = await request.get(`/api/service/302/vms/${id}`, { headers: { Authorization: BASIC } });
  return (await res.json()).vm.status;
}

test('the list shows the service VMs and links to each; a service without VMs says so', async ({ page }) => {
  await loginTo(page, '/services/302/vms');
  const table = page.getByTestId('vm-list');
  await expect(table.locator('tbody tr')).toHaveCount(2);
  await expect(table.locator('tbody tr').first()).toContainText('Đang chạy');
  await expect(table.locator('tbody tr').nth(1)).toContainText('Đã tắt');
  await expect(page.getByTestId('vm-service-name')).toHaveText('vps.bkns-demo.vn');
  await expect(page.getByTestId('create-vm')).toHaveAttribute('href', '/services/302/vms/new');
  await expectAccessible(page);
  await table.getByRole('link', { name: 'db-01' }).click();
  await expect(page).toHaveURL(/\/services\/302\/vms\/5002$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('db-01');

  await page.goto('/services/306/vms');
  await expect(page.getByTestId('vms-empty')).toContainText('chưa có máy chủ ảo');
  await expect(page.getByTestId('vms-empty').getByRole('link')).toHaveAttribute('href', '/services/306/vms/new');
  await page.goto('/services/301/vms');
  await expect(page.getByTestId('vms-unsupported')).toContainText('không có máy chủ ảo');
  await expect(page.getByTestId('vms-unsupported').getByRole('link')).toHaveAttribute('href', '/services/301');
  await expectAccessible(page);
});

test('reboot a VM and see it come back', async ({ page }) => {
  await openVm(page);
  await expect(pill(page)).toHaveText('Đang chạy');
  await expect(power(page, 'start')).toBeDisabled();
  await expect(page.locator('#why-start')).toHaveText('Máy đang chạy.');
  await expectAccessible(page);

  await power(page, 'reboot').click();
  await expect(page.getByRole('dialog')).toContainText('Khởi động lại máy chủ?');
  await expectAccessible(page);
  await confirmWith(page, 'Khởi động lại');
  // pending at once, then watched
  await expect(power(page, 'reboot')).toHaveAttribute('aria-busy', 'true', { timeout: 1_000 });
  await expect(power(page, 'reboot')).toContainText('Đang khởi động lại…');
  await expect(note(page)).toContainText('Đang khởi động lại web-01');
  await expect(pill(page)).toHaveText('Đang khởi động lại', { timeout: 5_000 });
  await expect(power(page, 'shutdown')).toBeDisabled();
  await expect(note(page)).toHaveText('web-01 đã chạy trở lại.', { timeout: 15_000 });
  await expect(pill(page)).toHaveText('Đang chạy');
  await expect(power(page, 'reboot')).toHaveAttribute('aria-busy', 'false');
  await expect(power(page, 'reboot')).toBeEnabled();
  await expectAccessible(page);
});

test('stop then start a VM', async ({ page, request }) => {
  await mock.config(request, { vm_power_ms: 1_500 });
  await openVm(page);
  await power(page, 'stop').click();
  await confirmWith(page, 'Tắt ngay');
  await expect(note(page)).toHaveText('web-01 đã tắt.', { timeout: 10_000 });
  await expect(pill(page)).toHaveText('Đã tắt');
  await expect(power(page, 'reboot')).toBeDisabled();
  await expect(page.locator('#why-reboot')).toHaveText('Máy đang tắt.');
  expect(await vmStatus(request)).toBe('stopped');

  // start asks nothing
  await power(page, 'start').click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(power(page, 'start')).toHaveAttribute('aria-busy', 'true', { timeout: 1_000 });
  await expect(note(page)).toHaveText('web-01 đã chạy.', { timeout: 10_000 });
  await expect(pill(page)).toHaveText('Đang chạy');
});

test('a refusal from the server is translated and the state is read again', async ({ page, request }) => {
  await mock.config(request, { vm_power_ms: 30_000 });
  await openVm(page);
  // meanwhile, someone else reboots it
  const res = await request.post('/api/service/302/vms/5001/reboot', { headers: { Authorization: BASIC } });
  expect((await res.json()).info).toEqual(['vm_reboot_sent']);
  await power(page, 'shutdown').click();
  const error = page.getByRole('alert').filter({ hasText: 'đang thực hiện một lệnh khác' });
  await expect(error).toBeVisible();
  await expect(pill(page)).toHaveText('Đang khởi động lại');
  await expect(power(page, 'shutdown')).toBeDisabled();
  await expect(page.locator('#why-shutdown')).toHaveText('Máy đang chuyển trạng thái, hãy đợi xong.');
});

test('rebuild with the typed-name confirmation', async ({ page, request }) => {
  await mock.config(request, { vm_rebuild_ms: 3_000 });
  await openVm(page);
  const form = page.getByTestId('rebuild-form');
  const submit = form.getByRole('button', { name: 'Cài lại máy' });
  await form.getByLabel('Hệ điều hành').selectOption({ label: 'Debian 12' });
  await expect(submit).toBeDisabled();
  const name = form.getByLabel('Gõ tên máy "web-01" để xác nhận');
  await name.fill('web-0');
  await expect(submit).toBeDisabled();
  await name.fill('WEB-01');
  await expect(submit).toBeDisabled();
  await name.fill('web-01');
  await expect(submit).toBeEnabled();
  await expectAccessible(page);
  await submit.click();
  await expect(note(page)).toContainText('Đang cài lại web-01');
  await expect(pill(page)).toHaveText('Đang cài lại', { timeout: 5_000 });
  await expect(note(page)).toHaveText('web-01 đã được cài lại và đang chạy.', { timeout: 15_000 });
  await expect(page.getByTestId('vm-overview')).toContainText('Debian 12');
  const sent = await mock.requests(request, { path: '/service/302/vms/5001/rebuild', method: 'POST' });
  expect(sent.map((r) => r.body)).toEqual([{ template: 'debian-12' }]);
});

test('assign addresses until the pool runs out', async ({ page }) => {
  await openVm(page);
  const ips = page.getByTestId('vm-ips');
  await expect(ips.locator('tbody tr')).toHaveCount(2);
  await page.getByTestId('add-ip').click();
  const form = page.getByTestId('assign-form');
  await form.getByLabel(/Public IPv4 · IPv4 · còn 2 địa chỉ/).check();
  await expectAccessible(page);
  await form.getByRole('button', { name: 'Cấp địa chỉ' }).click();
  await expect(page.getByTestId('ip-added')).toHaveText(/^Đã thêm địa chỉ 103\.28\.36\.\d+\.$/);
  await expect(ips.locator('tbody tr')).toHaveCount(3);

  await form.getByLabel(/Public IPv4 · IPv4 · còn 1 địa chỉ/).check();
  await form.getByRole('button', { name: 'Cấp địa chỉ' }).click();
  await expect(ips.locator('tbody tr')).toHaveCount(4);

  // the third one: the pool is empty
  await form.getByLabel(/Public IPv4 · IPv4 · còn 0 địa chỉ/).check();
  await form.getByRole('button', { name: 'Cấp địa chỉ' }).click();
  await expect(form.getByRole('alert')).toHaveText('Dải địa chỉ này đã hết địa chỉ trống. Hãy chọn dải khác hoặc liên hệ hỗ trợ.');
  await expect(ips.locator('tbody tr')).toHaveCount(4);
});

test("edit an interface's firewall; the last interface cannot be removed", async ({ page, request }) => {
  await openVm(page);
  const list = page.getByTestId('vm-interfaces');
  const net0 = list.locator('article[data-iface=net0]');
  await expect(net0).toContainText('Bật');
  await expect(net0).toContainText('103.28.36.11');
  await net0.getByRole('button', { name: 'Sửa card mạng net0' }).click();
  const form = page.getByTestId('iface-form');
  const firewall = form.getByLabel('Bật tường lửa');
  await expect(firewall).toBeChecked();
  await expectAccessible(page);
  await firewall.uncheck();
  await form.getByRole('button', { name: 'Lưu' }).click();
  await expect(form).toBeHidden();
  await expect(net0.locator('.dl-row').filter({ hasText: 'Tường lửa' })).toContainText('Tắt');
  const sent = await mock.requests(request, { path: '/service/302/vms/5001/interfaces/net0', method: 'PUT' });
  expect(sent.map((r) => (r.body as { firewall: string }).firewall)).toEqual(['0']);

  await net0.getByRole('button', { name: 'Gỡ card mạng net0' }).click();
  await confirmWith(page, 'Gỡ');
  await expect(page.getByTestId('iface-error')).toHaveText('Không thể gỡ card mạng cuối cùng: máy chủ ảo cần ít nhất một card mạng.');
  await expect(list.locator('article')).toHaveCount(1);
});

test('rescue shows the login once', async ({ page }) => {
  await openVm(page);
  await page.locator('button[data-action=rescue]').click();
  await expect(page.getByRole('dialog')).toContainText('Khởi động vào chế độ cứu hộ?');
  await confirmWith(page, 'Vào chế độ cứu hộ');
  const access = page.getByTestId('rescue-access');
  await expect(access).toContainText('sẽ không hiện lại');
  await expect(page.getByTestId('rescue-username')).toHaveText('root');
  await expect(page.getByTestId('rescue-password')).toHaveText(/^\S{12}$/);
  await expect(pill(page)).toHaveText('Chế độ cứu hộ');
  await expect(power(page, 'unrescue')).toBeEnabled();
  await expect(power(page, 'reboot')).toBeDisabled();
  await expectAccessible(page);
  await access.getByRole('button', { name: 'Tôi đã lưu, ẩn đi' }).click();
  await expect(access).toBeHidden();
  await page.reload();
  await expect(pill(page)).toHaveText('Chế độ cứu hộ');
  await expect(page.getByTestId('rescue-password')).toHaveCount(0);

  await power(page, 'unrescue').click();
  await expect(note(page)).toHaveText('web-01 đã chạy trở lại.', { timeout: 10_000 });
  await expect(pill(page)).toHaveText('Đang chạy');
});
