import type { Page } from '@playwright/test';
import { test, expect, expectAccessible, login, loginTo, mock, expectFastFilter } from './helpers';

// The DNS journeys against mock-api (fixtures/api/contract-dns.md): the demo
// account's services 301 (zone 7001 bkns-demo.vn, every type) and 302 (zone
// 7002 banhmi-saigon.com, 7 records); bulk@bkns.vn's zone 7003 with 2,000.

test.beforeEach(async ({ request }) => {
  await mock.reset(request);
});

function records(page: Page) {
  return page.getByTestId('records').locator('tbody tr');
}

function field(page: Page, id: string) {
  return page.locator(`#${id}`);
}

/** Fills the record form's fields (by input id) and saves. */
async function saveRecord(page: Page, fields: Record<string, string>, type?: string) {
  const form = page.getByTestId('record-form');
  if (type) await form.locator('#rec-type').selectOption(type);
  for (const [id, value] of Object.entries(fields)) await form.locator(`#${id}`).fill(value);
  await form.getByRole('button', { name: 'Lưu bản ghi' }).click();
}

test('create a zone for a Vietnamese name, add an A and an MX record, edit and delete, then delete the zone', async ({ page }) => {
  await loginTo(page, '/dns');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Quản lý DNS');
  const zones = page.getByTestId('dns-zones').locator('tbody tr');
  await expect(zones).toHaveCount(2);
  await expect(zones.first()).toContainText('bkns-demo.vn');
  await expectAccessible(page);

  // a name with a space is refused in the page, a Unicode one converted
  const name = page.locator('#f-zone-name');
  await name.fill('tên miền.vn');
  await page.getByRole('button', { name: 'Tạo vùng DNS' }).click();
  await expect(page.locator('#f-zone-name-error')).toBeVisible();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await name.fill('tênmiền.vn');
  await expect(page.locator('#f-zone-name-hint')).toContainText('xn--tnmin-hsa0954c.vn');
  await page.getByRole('button', { name: 'Tạo vùng DNS' }).click();
  // no id in the answer: the list is read again and the zone opened
  await expect(page).toHaveURL(/\/dns\/301\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('tênmiền.vn (xn--tnmin-hsa0954c.vn)');
  await expect(records(page)).toHaveCount(3); // SOA and two NS
  await expect(records(page).filter({ hasText: 'SOA' })).toContainText('Do máy chủ quản lý');
  await expectAccessible(page);

  // an A record: a bad address is named at its field before anything is sent
  await page.getByTestId('add-record').click();
  await saveRecord(page, { 'rec-name': 'www', 'rec-content': '300.1.2.3' });
  await expect(page.locator('#rec-content-error')).toBeVisible();
  await expect(page.locator('#rec-content')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
  await saveRecord(page, { 'rec-content': '103.28.36.20' });
  await expect(page.locator('.toast').filter({ hasText: 'Đã thêm bản ghi A mới.' })).toBeVisible();
  const www = records(page).filter({ hasText: '103.28.36.20' });
  await expect(www).toHaveCount(1);
  // read again after the add: the new record has its id, so it can be edited
  await expect(www.getByRole('button', { name: /^Sửa/ })).toBeVisible();

  // an MX record: the type switch keeps the name and TTL
  await page.getByTestId('add-record').click();
  await page.locator('#rec-name').fill('@');
  await page.locator('#rec-ttl').fill('600');
  await page.locator('#rec-type').selectOption('MX');
  await expect(page.locator('#rec-ttl')).toHaveValue('600');
  await expect(page.locator('#rec-priority')).toBeVisible();
  await saveRecord(page, { 'rec-priority': '10', 'rec-content': 'mail.bkns.vn' });
  await expect(records(page).filter({ hasText: 'mail.bkns.vn' })).toContainText('MX');

  // edit the A record
  await www.getByRole('button', { name: /^Sửa/ }).click();
  await expect(page.locator('#rec-content')).toHaveValue('103.28.36.20');
  await saveRecord(page, { 'rec-content': '103.28.36.21' });
  await expect(records(page).filter({ hasText: '103.28.36.21' })).toHaveCount(1);
  await expect(records(page).filter({ hasText: '103.28.36.20' })).toHaveCount(0);

  // delete it, asked first
  await records(page).filter({ hasText: '103.28.36.21' }).getByRole('button', { name: /^Xoá/ }).click();
  const dialog = page.locator('dialog.confirm-dialog');
  await expect(dialog).toContainText('103.28.36.21');
  await dialog.getByRole('button', { name: 'Xoá bản ghi' }).click();
  await expect(records(page).filter({ hasText: '103.28.36.21' })).toHaveCount(0);

  // delete the zone: the name must be typed first
  await page.getByRole('link', { name: 'Quản lý DNS' }).click();
  await expect(zones).toHaveCount(3);
  await zones.filter({ hasText: 'tênmiền.vn' }).getByRole('button', { name: /^Xoá/ }).click();
  const confirm = dialog.getByRole('button', { name: 'Xoá vùng' });
  await expect(confirm).toBeDisabled();
  await expectAccessible(page);
  await dialog.locator('#confirm-typed').fill('xn--tnmin-hsa0954c.vn');
  await confirm.click();
  await expect(zones).toHaveCount(2);
});

test('a mail preset is shown first, then added one by one', async ({ page }) => {
  await loginTo(page, '/dns/302/7002');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('banhmi-saigon.com');
  await expect(records(page)).toHaveCount(7);
  await page.getByTestId('open-presets').click();
  await page.getByRole('button', { name: 'Google Workspace' }).click();
  const preview = page.getByTestId('bulk-preview').locator('tbody tr');
  await expect(preview.filter({ hasText: 'smtp.google.com' })).toHaveCount(1);
  await expect(preview.filter({ hasText: 'include:_spf.google.com' })).toHaveCount(1);
  const ready = await preview.filter({ hasText: 'Hợp lệ' }).count();
  expect(ready).toBeGreaterThan(0);
  await expectAccessible(page);
  await page.getByTestId('bulk-add').click();
  await expect(page.getByTestId('bulk-done')).toContainText(`Đã thêm ${ready} bản ghi.`);
  await expect(records(page).filter({ hasText: 'smtp.google.com' })).toHaveCount(1);
  await expect(records(page)).toHaveCount(7 + ready);
});

test('an import of pasted BIND text is previewed line by line, and the good lines are added', async ({ page }) => {
  await loginTo(page, '/dns/302/7002');
  await expect(records(page)).toHaveCount(7);
  await page.getByTestId('open-import').click();
  await page.locator('#import-text').fill([
    '$ORIGIN banhmi-saigon.com.',
    '$TTL 1h',
    '; a comment line',
    'shop      IN  A     103.28.36.40',
    'blog  300 IN  CNAME shop ; the blog is the shop',
    'api       IN  AAAA  2001:db8::40',
    'bad       IN  A     999.1.1.1',
    '_sip._tcp IN  SRV   10 5 5060 sip.banhmi-saigon.com.',
    'txt       IN  TXT   ( "part one "',
    '                      "part two" )',
  ].join('\n'));
  await page.getByRole('button', { name: 'Xem trước' }).click();
  const preview = page.getByTestId('bulk-preview').locator('tbody tr');
  await expect(preview).toHaveCount(6);
  await expect(preview.filter({ hasText: '999.1.1.1' })).toHaveClass(/row-bad/);
  await expectAccessible(page);
  await page.getByTestId('bulk-add').click();
  await expect(page.getByTestId('bulk-done')).toContainText('Đã thêm 5 bản ghi.');
  await expect(records(page)).toHaveCount(12);
  await expect(records(page).filter({ hasText: 'sip.banhmi-saigon.com' })).toContainText('SRV');

  // and the zone exports as BIND text
  await page.getByTestId('open-export').click();
  await expect(page.locator('#export-text')).toHaveValue(/\$ORIGIN banhmi-saigon\.com\./);
  await expect(page.locator('#export-text')).toHaveValue(/shop\s+3600\s+IN\s+A\s+103\.28\.36\.40/);
});

test('where the server cannot list records, the page says so and still adds them', async ({ page, request }) => {
  await mock.config(request, { dns_listing: false });
  await loginTo(page, '/dns/302/7002');
  await expect(page.getByTestId('no-listing')).toBeVisible();
  await expect(page.getByTestId('no-records')).toBeVisible();
  await expectAccessible(page);
  await page.getByTestId('add-record').click();
  await saveRecord(page, { 'rec-name': 'menu', 'rec-content': '103.28.36.50' });
  await expect(page.locator('.toast').filter({ hasText: 'Đã thêm bản ghi A mới.' })).toBeVisible();
  const row = records(page).filter({ hasText: '103.28.36.50' });
  await expect(row).toContainText('Chưa có mã');
  await expect(page.getByTestId('no-listing')).toBeVisible();
});

test('a zone deleted in another tab is said, not a blank panel', async ({ page, context }) => {
  await loginTo(page, '/dns/302/7002');
  await expect(records(page)).toHaveCount(7);
  // another tab of the same browser, signed in there too
  const other = await context.newPage();
  await loginTo(other, '/dns');
  const zones = other.getByTestId('dns-zones').locator('tbody tr');
  await zones.filter({ hasText: 'banhmi-saigon.com' }).getByRole('button', { name: /^Xoá/ }).click();
  await other.locator('#confirm-typed').fill('banhmi-saigon.com');
  await other.locator('dialog.confirm-dialog').getByRole('button', { name: 'Xoá vùng' }).click();
  await expect(zones).toHaveCount(1);
  await other.close();

  await page.getByTestId('add-record').click();
  await saveRecord(page, { 'rec-name': 'late', 'rec-content': '103.28.36.60' });
  await expect(page.getByTestId('zone-gone').first()).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('zone-gone')).toContainText('không còn tồn tại');
});

test('a domain links to its zone, or offers to create one', async ({ page }) => {
  await loginTo(page, '/domains/302');
  await page.getByTestId('domain-dns').getByRole('link').click();
  await expect(page).toHaveURL(/\/dns\/302\/7002$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('banhmi-saigon.com');
  await page.goto('/domains/301');
  await page.getByTestId('domain-dns').getByRole('link').click();
  await expect(page.getByTestId('no-zone-for-domain')).toContainText('nguyenvanan.vn');
  await expect(page.locator('#f-zone-name')).toHaveValue('nguyenvanan.vn');
  await page.getByRole('button', { name: 'Tạo vùng DNS' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('nguyenvanan.vn');
  await expect(records(page)).toHaveCount(3);
});

test('2,000 records stay fast to filter (measured in the browser)', async ({ page }) => {
  await page.goto('/login');
  await login(page, { email: 'bulk@bkns.vn', password: 'Bulk@2026' });
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto('/dns/10001/7003');
  await expect(page.getByTestId('record-count')).toHaveText('Hiển thị 1–50 trong 2000 bản ghi');
  await expectFastFilter(page, '2,000 records', ['h', 'ho', 'hos', 'host', 'host-', 'host-0', 'host-01', 'host-012', 'host-0123', '']);
  await expect(page.getByTestId('record-count')).toHaveText('Hiển thị 1–50 trong 2000 bản ghi');
  await page.getByLabel('Sắp xếp').selectOption('ttl');
  await expect(records(page)).toHaveCount(50);
});
