import type { Page } from '@playwright/test';
import { test, expect, expectAccessible, login, loginTo, mock } from './helpers';

// The support journeys against mock-api (fixtures/api/contract-support.md):
// the demo account's tickets 482913 Open, 517204 Answered and unread (hostile
// HTML, a PNG and a PDF), 530871 Client-Reply, 561447 In-Progress, 402618
// Answered (12 replies), 449382 Closed; new tickets are 865650, 865651, …

test.beforeEach(async ({ request }) => {
  await mock.reset(request);
});

function rows(page: Page) {
  return page.getByTestId('tickets').locator('tbody tr');
}

function messages(page: Page) {
  return page.getByTestId('thread').locator('> li');
}

test('the list shows every ticket, newest first, with a badge on the unread reply and a status filter', async ({ page }) => {
  await loginTo(page, '/support');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hỗ trợ');
  await expect(rows(page)).toHaveCount(6);
  const unread = rows(page).filter({ has: page.getByTestId('new-reply') });
  await expect(unread).toHaveCount(1);
  await expect(unread).toContainText('Chứng chỉ SSL không hiển thị ổ khóa');
  await expect(page.getByTestId('unread-count')).toContainText('1 yêu cầu');
  await expectAccessible(page);
  await page.getByLabel('Trạng thái').selectOption('closed');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('449382');
  await page.getByLabel('Trạng thái').selectOption('answered');
  await expect(rows(page)).toHaveCount(2);
});

test('a thread shows staff and customer apart, neutralises hostile HTML and downloads an attachment', async ({ page }) => {
  await loginTo(page, '/support/517204');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Chứng chỉ SSL');
  const staff = page.locator('.message-staff');
  await expect(staff).toHaveCount(1);
  await expect(staff).toContainText('Hỗ trợ BKNS');
  // nothing of the server's markup reaches the page
  await expect(page.locator('.message-body img, .message-body script, .message-body [onclick]')).toHaveCount(0);
  await expect(page.locator('.message-body a[href^="javascript"]')).toHaveCount(0);
  const link = page.locator('.message-body a[href="https://www.bkns.vn/huong-dan/cai-dat-ssl"]');
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  await expectAccessible(page);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /ket-qua-kiem-tra-ssl\.png/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('ket-qua-kiem-tra-ssl.png');
  // read: the badge is gone from the list
  await page.goto('/support');
  await expect(rows(page).filter({ has: page.getByTestId('new-reply') })).toHaveCount(0);
});

test('open a ticket about a service, reply, close and reopen', async ({ page }) => {
  await loginTo(page, '/services/301');
  await page.getByTestId('ticket-link').click();
  await expect(page).toHaveURL(/\/support\/new\?service=301$/);
  await expect(page.locator('#f-about')).toHaveValue('service:301');
  // checked in the page before anything is sent
  await page.getByRole('button', { name: 'Gửi yêu cầu' }).click();
  await expect(page.locator('#f-dept-error')).toBeVisible();
  await expect(page.locator('#f-subject-error')).toBeVisible();
  await expectAccessible(page);
  await page.locator('#f-dept').selectOption('1');
  await page.locator('#f-subject').fill('Website chậm vào buổi tối');
  await page.locator('#f-body').fill('Từ 20h đến 22h trang chủ tải mất hơn 10 giây.');
  // the draft survives a reload
  await page.reload();
  await expect(page.locator('#f-subject')).toHaveValue('Website chậm vào buổi tối');
  await page.getByRole('button', { name: 'Gửi yêu cầu' }).dblclick();
  await expect(page).toHaveURL(/\/support\/865650$/);
  await expect(messages(page).first()).toContainText('bkns-demo.vn');
  await expect(messages(page).first()).toContainText('Từ 20h đến 22h');
  // one ticket whatever the clicks
  expect(await mock.requests(page.request, { path: '/tickets', method: 'POST' })).toHaveLength(1);

  await page.locator('#f-reply').fill('Em gửi thêm ảnh chụp màn hình sau ạ.');
  await page.getByRole('button', { name: 'Gửi trả lời' }).click();
  await expect(messages(page)).toHaveCount(2);
  await expect(page.locator('#f-reply')).toHaveValue('');
  await page.getByTestId('close-ticket').click();
  await expect(page.getByTestId('closed-note')).toBeVisible();
  await expect(page.getByTestId('reply-form')).toHaveCount(0);
  await page.getByTestId('reopen-ticket').click();
  await expect(page.getByTestId('reply-form')).toBeVisible();
});

test('a new staff reply shows its badge in the list and on the dashboard', async ({ page, request }) => {
  await loginTo(page, '/support/482913');
  await expect(messages(page)).toHaveCount(1);
  expect((await request.post('/__mock/tickets/482913/staff-reply', { data: { body: '<p>Đã khắc phục.</p>' } })).ok()).toBeTruthy();
  await page.goto('/dashboard');
  const card = page.getByTestId('dashboard-tickets');
  await expect(card).toContainText('Website báo lỗi 500');
  await page.goto('/support');
  await expect(rows(page).filter({ has: page.getByTestId('new-reply') })).toHaveCount(2);
});

test('without the listing calls the page says so, keeps the tickets opened here and opens one by number', async ({ page, request }) => {
  await mock.config(request, { ticket_listing: false });
  await loginTo(page, '/support');
  await expect(page.getByTestId('no-ticket-listing')).toBeVisible();
  await expectAccessible(page);
  await page.getByTestId('new-ticket').click();
  await page.locator('#f-dept').selectOption('2');
  await page.locator('#f-subject').fill('Báo giá máy chủ riêng');
  await page.locator('#f-body').fill('Cho em xin báo giá máy chủ riêng 32 GB RAM.');
  await page.getByRole('button', { name: 'Gửi yêu cầu' }).click();
  await expect(page).toHaveURL(/\/support\/865650$/);
  await expect(page.getByTestId('no-thread')).toBeVisible();
  await expect(page.getByTestId('reply-form')).toBeVisible();
  await page.goto('/support');
  await expect(page.getByTestId('known-tickets')).toContainText('865650');
  await page.locator('#f-ticket-number').fill('482913');
  await page.getByRole('button', { name: 'Mở', exact: true }).click();
  await expect(page).toHaveURL(/\/support\/482913$/);
});

test('a send whose answer is lost says the ticket may exist and does not invite a second one', async ({ page }) => {
  await loginTo(page, '/support/new');
  await page.route('**/tickets', (route) => (route.request().method() === 'POST' ? route.abort('connectionreset') : route.continue()));
  await page.locator('#f-dept').selectOption('1');
  await page.locator('#f-subject').fill('Không truy cập được FTP');
  await page.locator('#f-body').fill('FTP báo lỗi 530 khi đăng nhập từ sáng nay.');
  await page.getByRole('button', { name: 'Gửi yêu cầu' }).click();
  await expect(page.getByTestId('ticket-unknown')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Gửi yêu cầu' })).toBeDisabled();
  await expect(page.locator('#f-subject')).toHaveValue('Không truy cập được FTP');
});

test('the list pages 120 tickets', async ({ page }) => {
  await page.goto('/login');
  await login(page, { email: 'bulk@bkns.vn', password: 'Bulk@2026' });
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto('/support');
  await expect(page.getByTestId('ticket-count')).toHaveText('Hiển thị 1–20 trong 120 yêu cầu');
  await expect(rows(page)).toHaveCount(20);
});
