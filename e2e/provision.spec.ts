import type { Page } from '@playwright/test';
import { test, expect, expectAccessible, mock, loginTo } from './helpers';

// Creating a VM on the cloud service (302) within its quota, and reverse DNS
// of the dedicated server (303), against mock-api's seeds (see
// fixtures/api/contract-services.md): 302 uses 6 of 8 vCPU, 6144 of 8192 MB, 120 of
// 200 GB and 2 of 4 VMs; 303 has 103.28.37.50, 103.28.37.51 and
// 2401:5f80:3000::50, none with a PTR yet.

test.beforeEach(async ({ request }) => {
  await mock.reset(request);
});

async function openRdns(page: Page) {
  await loginTo(page, '/services/303/rdns');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tên miền ngược (rDNS)');
  await expect(page.getByTestId('rdns-row')).toHaveCount(3);
}

async function openNewVm(page: Page) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tạo máy chủ ảo');
  await expect(page.getByTestId('flavors')).toBeVisible();
}

/** The figures of one usage bar ("6 / 8 vCPU · 75%"). */
function usage(page: Page, kind: string) {
  return page.locator(`li.usage-row[data-kind=${kind}] .usage-figures`);
}

test('change a PTR on the dedicated server; it is there after a reload', async ({ page, request }) => {
  await openRdns(page);
  const first = page.getByLabel('Tên máy chủ cho 103.28.37.50');
  await expect(first).toHaveValue('');
  await expect(page.getByRole('button', { name: 'Lưu thay đổi' })).toBeDisabled();
  await expectAccessible(page);

  await first.fill('Mail.BKNS-demo.vn');
  await expect(page.getByTestId('rdns-count')).toHaveText('1 thay đổi chưa lưu.');
  await mock.clearRequests(request);
  await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await expect(page.locator('.toast')).toContainText('Đã cập nhật tên miền ngược (rDNS).');
  const posts = await mock.requests(request, { path: '/service/303/rdns', method: 'POST' });
  expect(posts.map((r) => r.body)).toEqual([{ ipaddress: { '103.28.37.50': 'mail.bkns-demo.vn' } }]);
  // read back: the input shows the server's record
  await expect(first).toHaveValue('mail.bkns-demo.vn');
  await expect(page.getByTestId('rdns-count')).toHaveText('Chưa có thay đổi nào để lưu.');

  await page.reload();
  await expect(page.getByLabel('Tên máy chủ cho 103.28.37.50')).toHaveValue('mail.bkns-demo.vn');
  await expect(page.getByLabel('Tên máy chủ cho 2401:5f80:3000::50')).toHaveValue('');

  // emptied: the record is removed
  await page.getByLabel('Tên máy chủ cho 103.28.37.50').fill('');
  await expect(page.getByTestId('rdns-row').first()).toContainText('Bản ghi sẽ bị xoá khi lưu');
  await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await expect(page.getByTestId('rdns-count')).toHaveText('Chưa có thay đổi nào để lưu.');
  await page.reload();
  await expect(page.getByLabel('Tên máy chủ cho 103.28.37.50')).toHaveValue('');
});

test('an invalid host name is caught in the page and never sent', async ({ page, request }) => {
  await openRdns(page);
  const field = page.getByLabel('Tên máy chủ cho 103.28.37.51');
  await field.fill('mail_server.bkns-demo.vn');
  await expect(page.getByRole('alert').filter({ hasText: 'không dùng được ký tự “_”' })).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await field.fill('mail.bkns-demo.vn/');
  await expect(page.getByRole('alert').filter({ hasText: 'ký tự “/”' })).toBeVisible();
  await mock.clearRequests(request);
  await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Hãy sửa các tên chưa hợp lệ trước khi lưu.' })).toBeVisible();
  await expect(field).toBeFocused();
  expect(await mock.requests(request, { path: '/service/303/rdns', method: 'POST' })).toHaveLength(0);
  await expectAccessible(page);
});

test('an oversized VM is explained before sending; one within the quota is created', async ({ page, request }) => {
  await loginTo(page, '/services/302/vms/new');
  await openNewVm(page);
  // the bars count the VM being made (the smallest size that fits: 1 vCPU)
  await expect(usage(page, 'cpu')).toHaveText('6 + 1 mới / 8 vCPU · 88%');
  await expect(usage(page, 'vms')).toContainText('2 + 1 mới / 4');
  await expect(page.getByTestId('networks')).toContainText('103.28.36.0/24');
  await expectAccessible(page);

  // 8 vCPU would make 14 of 8: said before sending, and the button stays off
  await mock.clearRequests(request);
  await page.getByRole('radio', { name: /8 vCPU · 8 GB/ }).check();
  await expect(page.locator('li.usage-row.usage-over[data-kind=cpu]')).toContainText('Vượt 6 vCPU');
  const reason = page.getByTestId('quota-reason');
  await expect(reason).toBeVisible();
  await expect(reason).toContainText('CPU: cần 14 vCPU, hạn mức 8 vCPU (vượt 6 vCPU).');
  await expect(reason).toContainText('Bộ nhớ RAM: cần 14.336 MB, hạn mức 8.192 MB (vượt 6.144 MB).');
  const create = page.getByRole('button', { name: 'Tạo máy chủ' });
  await expect(create).toBeDisabled();
  await expectAccessible(page);

  // a size within the quota, a name, an OS, and a generated password
  await page.getByRole('radio', { name: /1 vCPU · 1 GB/ }).check();
  await expect(reason).toBeHidden();
  await page.locator('#f-label').fill('web-03');
  await page.getByLabel('Hệ điều hành').selectOption({ label: 'Debian 12' });
  await page.getByLabel('Dung lượng ổ đĩa (GB)').fill('20');
  await page.getByRole('button', { name: 'Tạo mật khẩu mạnh' }).click();
  await expect(page.getByTestId('pw-strength')).toContainText('Độ mạnh: Mạnh.');
  expect(await mock.requests(request, { path: '/service/302/vms', method: 'POST' })).toHaveLength(0);
  await create.click();
  await expect(page).toHaveURL(/\/services\/302\/vms\/\d+$/);
  await expect(page.locator('.toast')).toContainText('Đã tạo máy chủ ảo.');
  const posts = await mock.requests(request, { path: '/service/302/vms', method: 'POST' });
  expect(posts).toHaveLength(1);
  expect(posts[0].body).toMatchObject({ label: 'web-03', template: 'debian-12', flavor: 's1', disk: '20', security_group: 'sg-default' });

  // the new VM counts: 7 of 8 vCPU, 3 of 4 VMs
  await page.goto('/services/302/vms/new');
  await openNewVm(page);
  await expect(usage(page, 'vms')).toContainText('3 + 1 mới / 4');
  await expect(usage(page, 'cpu')).toContainText('7 + 1 mới / 8 vCPU');
});

test('generate fills a strong password, shown and kept through a refusal', async ({ page, request }) => {
  await loginTo(page, '/services/302/vms/new');
  await openNewVm(page);
  const password = page.locator('#f-password');
  await password.fill('matkhau1');
  await expect(page.getByTestId('pw-strength')).toContainText('Độ mạnh: Yếu.');
  await expect(page.getByTestId('pw-strength')).toContainText('quá phổ biến');
  await page.getByRole('button', { name: 'Tạo mật khẩu mạnh' }).click();
  await expect(password).toHaveAttribute('type', 'text');
  const generated = await password.inputValue();
  expect(generated).toMatch(/^[A-Za-z2-9!#%+\-=?@^_]{16}$/);
  expect(generated).toMatch(/[a-z]/);
  expect(generated).toMatch(/[A-Z]/);
  expect(generated).toMatch(/[0-9]/);
  await expect(page.getByTestId('pw-strength')).toContainText('Độ mạnh: Mạnh.');

  // the Windows template needs 40 GB: the disk is raised to it, and the
  // server's refusal of a label (too long for it) shows at the field with
  // everything else kept
  await page.getByLabel('Hệ điều hành').selectOption({ label: 'Windows Server 2022 (ổ đĩa tối thiểu 40 GB)' });
  await expect(page.getByLabel('Dung lượng ổ đĩa (GB)')).toHaveValue('40');
  await page.locator('#f-label').fill('win-01');
  await page.route('**/api/service/302/vms', (route) =>
    route.request().method() === 'POST'
      ? route.fulfill({ status: 200, contentType: 'application/json', body: '{"error":["invalid_label"]}' })
      : route.continue(),
  );
  await page.getByRole('button', { name: 'Tạo máy chủ' }).click();
  await expect(page.locator('#f-label-err')).toHaveText('Tên máy chủ ảo không hợp lệ.');
  await expect(page.locator('#f-label')).toBeFocused();
  await expect(page.locator('#f-label')).toHaveValue('win-01');
  await expect(password).toHaveValue(generated);
  await expect(page).toHaveURL(/\/services\/302\/vms\/new$/);
  expect(await mock.requests(request, { path: '/service/302/vms', method: 'POST' })).toHaveLength(0);
});
