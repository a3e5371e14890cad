import type { Page } from '@playwright/test';
import { test, expect, expectAccessible, DEMO, login, mainNav, mock, expectDemoDashboard, redacted } from './helpers';

test.beforeEach(async ({ request }) => {
  await mock.reset(request);
});

const SIGNUP_FIELDS = [
  'type', 'companyname', 'taxid', 'gender', 'lastname', 'firstname', 'email', 'phonenumber', 'zalonumber',
  'nationalid', 'birthday', 'country', 'state', 'city', 'ward', 'address1', 'password', 'currency',
].sort();

/** Picks a level of the address cascade by its visible label. */
async function pick(page: Page, level: string, label: string) {
  const select = page.locator(`select[name=${level}]`);
  await expect(select).toBeEnabled();
  await expect(select.locator('option', { hasText: label }).first()).toBeAttached();
  await select.selectOption({ label });
}

/** Fills the personal part of the sign-up form. */
async function fillPerson(page: Page, email: string) {
  await page.locator('input[name=lastname]').fill('Lê Thị');
  await page.locator('input[name=firstname]').fill('Hoa');
  await page.locator('select[name=gender]').selectOption('female');
  await page.locator('input[name=birthday]').fill('1990-11-05');
  await page.locator('input[name=nationalid]').fill('001190012345');
  await page.locator('input[name=email]').fill(email);
  await page.locator('input[name=phonenumber]').fill('0987 654 321');
  await page.locator('input[name=zalonumber]').fill('0987654321');
}

async function fillPasswords(page: Page, pw = 'Hoa@2026xyz') {
  await page.locator('input[name=password]').fill(pw);
  await page.locator('input[name=password_confirm]').fill(pw);
}

test('sign-up through all four cascade levels, then logged in and able to log in again', async ({ page, request }) => {
  await page.goto('/signup');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tạo tài khoản');
  await fillPerson(page, 'hoa.le@example.vn');
  await pick(page, 'country', 'Việt Nam');
  // the province list is long: type to search, diacritics ignored; one match is chosen
  await page.locator('#f-state-filter').fill('ho chi minh');
  await expect(page.locator('select[name=state]')).toHaveValue('Thành phố Hồ Chí Minh');
  await pick(page, 'city', 'Quận 1');
  await pick(page, 'ward', 'Phường Bến Nghé');
  await page.locator('input[name=address1]').fill('12 Nguyễn Huệ');
  await fillPasswords(page);
  // each location list was fetched once, by id (the mock gives Vietnamese ids)
  for (const path of ['/location/countries', '/location/VN/state', '/location/state/79/city', '/location/city/760/ward']) {
    expect(await mock.requests(request, { path }), path).toHaveLength(1);
  }
  await mock.clearRequests(request);
  await page.locator('button[type=submit]').click();

  await expect(page.getByRole('heading', { name: 'Tài khoản đã được tạo' })).toBeVisible();
  await expect(page.getByText('Bước tiếp theo: xác minh danh tính')).toBeVisible();
  // identity verification is offered next
  await expect(page.getByRole('link', { name: 'Xác minh danh tính ngay' })).toHaveAttribute('href', '/ekyc');
  const [signup] = await mock.requests(request, { path: '/signup' });
  const body = signup.body as Record<string, string>;
  expect(Object.keys(body).sort()).toEqual(SIGNUP_FIELDS);
  expect(body).toMatchObject({
    type: 'Private', birthday: '05-11-1990', country: 'VN', state: 'Thành phố Hồ Chí Minh', city: 'Quận 1',
    ward: 'Phường Bến Nghé', email: 'hoa.le@example.vn', currency: 'VND', gender: 'female',
  });
  // logged in with the same credentials
  const logins = await mock.requests(request, { path: '/login' });
  expect(logins).toHaveLength(1);
  // the log shows a stand-in of the password (mock-api redacts secrets)
  expect(logins[0].body).toEqual({ username: 'hoa.le@example.vn', password: redacted('Hoa@2026xyz') });
  await page.getByRole('link', { name: 'Đến trang tổng quan' }).click();
  await expect(page.getByTestId('account-details')).toContainText('hoa.le@example.vn');
  await expect(page.getByTestId('account-details')).toContainText('Phường Bến Nghé');

  // log out and in again with the new account
  await page.locator('.user-menu summary').click();
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page).toHaveURL(/\/login/);
  await login(page, { email: 'hoa.le@example.vn', password: 'Hoa@2026xyz' });
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.locator('.greeting')).toContainText('Lê Thị Hoa');
  // the draft is gone once the account exists
  expect(await page.evaluate(() => localStorage.getItem('portal.signup'))).toBeNull();
  await expectAccessible(page);
});

test('organisation sign-up is prefilled from its tax id and stays editable', async ({ page, request }) => {
  await page.goto('/signup');
  await page.getByLabel('Doanh nghiệp, tổ chức').check();
  await page.locator('input[name=taxid]').fill('0312345678');
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  await expect(page.locator('input[name=companyname]')).toHaveValue('CÔNG TY TNHH GIẢI PHÁP SỐ SAO VIỆT');
  await expect(page.getByText('Đã điền tên và địa chỉ theo mã số thuế')).toBeVisible();
  await expect(page.locator('input[name=address1]')).toHaveValue('Tầng 5, 123 Nguyễn Thị Minh Khai');
  await expect(page.locator('select[name=state]')).toHaveValue('Thành phố Hồ Chí Minh');
  await expect(page.locator('select[name=city]')).toHaveValue('Quận 1');
  await expect(page.locator('select[name=ward]')).toHaveValue('Phường Bến Thành');
  expect(await mock.requests(request, { path: '/clientarea/businessinfo' })).toHaveLength(1);

  // the user can still edit what was filled in
  await page.locator('input[name=companyname]').fill('SAO VIỆT (chi nhánh Q1)');
  await fillPerson(page, 'ketoan@saoviet.vn');
  await fillPasswords(page);
  await mock.clearRequests(request);
  await page.locator('button[type=submit]').click();
  await expect(page.getByRole('heading', { name: 'Tài khoản đã được tạo' })).toBeVisible();
  const [signup] = await mock.requests(request, { path: '/signup' });
  expect(signup.body).toMatchObject({
    type: 'Company', companyname: 'SAO VIỆT (chi nhánh Q1)', taxid: '0312345678', ward: 'Phường Bến Thành',
  });
});

test('household businesses use their own lookup; an unknown tax id never blocks', async ({ page, request }) => {
  await page.goto('/signup');
  await page.getByLabel('Hộ kinh doanh').check();
  await page.locator('input[name=taxid]').fill('8012345678');
  await page.locator('input[name=taxid]').press('Tab'); // leaving the field looks it up
  await expect(page.locator('input[name=companyname]')).toHaveValue('HỘ KINH DOANH TẠP HOÁ MINH ANH');
  await expect(page.locator('select[name=ward]')).toHaveValue('Phường Hàng Bạc');
  expect(await mock.requests(request, { path: '/clientarea/gethouseholds' })).toHaveLength(1);

  await page.locator('input[name=taxid]').fill('8099999999');
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  await expect(page.getByText('Không tìm thấy thông tin cho mã số thuế này')).toBeVisible();
  // the earlier name stays and can be typed over; the form can still be sent
  await page.locator('input[name=companyname]').fill('Hộ kinh doanh Bình An');
  await fillPerson(page, 'binhan@example.vn');
  await fillPasswords(page);
  await page.locator('button[type=submit]').click();
  await expect(page.getByRole('heading', { name: 'Tài khoản đã được tạo' })).toBeVisible();
});

test('a failed sign-up keeps every field and shows the error at its field; a reload keeps the draft', async ({ page, request }) => {
  await page.goto('/signup');
  // nothing filled: the browser refuses and says where
  await page.locator('button[type=submit]').click();
  await expect(page.locator('#f-firstname-err')).toHaveText('Vui lòng nhập thông tin này.');
  await expect(page.locator('input[name=firstname]')).toBeFocused();
  expect(await mock.requests(request, { path: '/signup' })).toHaveLength(0);

  await fillPerson(page, DEMO.email); // already registered
  await expect(page.getByText('E-mail này đã có tài khoản.')).toBeVisible();
  await pick(page, 'country', 'Việt Nam');
  await page.locator('#f-state-filter').fill('ha noi');
  await expect(page.locator('select[name=state]')).toHaveValue('Thành phố Hà Nội');
  await pick(page, 'city', 'Quận Hoàn Kiếm');
  await pick(page, 'ward', 'Phường Hàng Bạc');
  await page.locator('input[name=address1]').fill('27 Hàng Bạc');
  await page.locator('input[name=phonenumber]').fill('12345'); // the browser says it is wrong
  await fillPasswords(page);
  await page.locator('button[type=submit]').click();
  await expect(page.locator('#f-phonenumber-err')).toContainText('Số điện thoại chưa đúng');
  await page.locator('input[name=phonenumber]').fill('0987654321');
  await page.locator('button[type=submit]').click();

  // the server refuses the e-mail: the message is at the e-mail field, nothing is lost
  await expect(page.locator('#f-email-err')).toHaveText('Đã có tài khoản dùng địa chỉ e-mail này.');
  await expect(page.locator('input[name=email]')).toBeFocused();
  await expect(page.locator('input[name=firstname]')).toHaveValue('Hoa');
  await expect(page.locator('select[name=ward]')).toHaveValue('Phường Hàng Bạc');
  await expect(page.locator('input[name=password]')).toHaveValue('Hoa@2026xyz');
  await expect(page.locator('button[type=submit]')).toBeEnabled();
  const sent = await mock.requests(request, { path: '/signup' });
  expect(sent).toHaveLength(1);
  expect(sent[0].body).not.toHaveProperty('password_confirm');

  // an unfinished sign-up survives a reload, without the passwords
  await page.reload();
  await expect(page.locator('input[name=firstname]')).toHaveValue('Hoa');
  await expect(page.locator('input[name=birthday]')).toHaveValue('1990-11-05');
  await expect(page.locator('select[name=ward]')).toHaveValue('Phường Hàng Bạc');
  await expect(page.locator('input[name=password]')).toHaveValue('');
  const draft = await page.evaluate(() => localStorage.getItem('portal.signup') ?? '');
  expect(draft).toContain('Hàng Bạc');
  expect(draft).not.toContain('Hoa@2026xyz');
});

test('password reset gives the same answer for any address, and says so when not offered', async ({ page, request }) => {
  await page.goto('/login');
  await page.getByRole('link', { name: 'Quên mật khẩu?' }).click();
  await expect(page).toHaveURL(/\/password-reset$/);
  const confirmation = /chúng tôi vừa gửi hướng dẫn đặt lại mật khẩu/;
  await page.locator('input[name=email]').fill(DEMO.email);
  await page.locator('button[type=submit]').click();
  await expect(page.locator('main').getByRole('status')).toContainText(confirmation);
  const [known] = await mock.requests(request, { path: '/passwordreset' });
  expect(known.body).toEqual({ email: DEMO.email });

  await page.goto('/password-reset');
  await page.locator('input[name=email]').fill('nobody@example.vn');
  await page.locator('button[type=submit]').click();
  await expect(page.locator('main').getByRole('status')).toContainText(confirmation);

  // a server without the call
  await page.route('**/api/passwordreset', (route) =>
    route.fulfill({ status: 404, contentType: 'application/json', body: '{"error":["invalid method"]}' }));
  await page.goto('/password-reset');
  await page.locator('input[name=email]').fill(DEMO.email);
  await page.locator('button[type=submit]').click();
  await expect(page.getByRole('alert')).toContainText('Chưa thể đặt lại mật khẩu trực tuyến');
});

test('the profile shows details and the activity log with paging, and saves edits', async ({ page, request }) => {
  await page.goto('/login');
  await login(page);
  await expectDemoDashboard(page);
  await (await mainNav(page)).getByRole('link', { name: 'Tài khoản', exact: true }).click();
  await expect(page).toHaveURL(/\/account$/);
  const profile = page.getByTestId('profile');
  await expect(profile).toContainText('079090001234');
  await expect(profile).toContainText('15/03/1990');
  const logs = page.getByTestId('logs');
  await expect(logs.locator('tbody tr')).toHaveCount(10);
  await expect(page.getByText('Trang 1/3')).toBeVisible();
  await page.getByRole('button', { name: 'Trang sau' }).click();
  await page.getByRole('button', { name: 'Trang sau' }).click();
  await expect(page.getByText('Trang 3/3')).toBeVisible();
  await expect(logs.locator('tbody tr')).toHaveCount(3);

  await page.getByRole('button', { name: 'Sửa thông tin' }).click();
  await expect(page.locator('select[name=ward]')).toHaveValue('Phường Bến Nghé');
  await page.locator('input[name=phonenumber]').fill('0911 222 333');
  await mock.clearRequests(request);
  await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã cập nhật thông tin tài khoản.' })).toBeVisible();
  await expect(profile).toContainText('0911 222 333');
  const [put] = await mock.requests(request, { path: '/details', method: 'PUT' });
  expect(put.body).toMatchObject({ phonenumber: '0911 222 333', birthday: '15-03-1990', ward: 'Phường Bến Nghé', country: 'VN' });
  // the log has the new line first
  await expect(logs.locator('tbody tr').first()).toContainText('Cập nhật thông tin tài khoản');
  await expectAccessible(page);
});

test('the profile edit is hidden when the server does not offer PUT /details', async ({ page }) => {
  await page.route('**/api/details', (route) =>
    route.request().method() === 'PUT'
      ? route.fulfill({ status: 404, contentType: 'application/json', body: '{"error":["invalid method"]}' })
      : route.fallback());
  await page.goto('/login');
  await login(page);
  await expectDemoDashboard(page);
  await page.goto('/account');
  await page.getByRole('button', { name: 'Sửa thông tin' }).click();
  await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await expect(page.getByRole('alert')).toContainText('không cho phép sửa hồ sơ trực tuyến');
  await expect(page.getByRole('button', { name: 'Sửa thông tin' })).toHaveCount(0);
  await expect(page.getByTestId('profile')).toContainText('demo@bkns.vn');
});

test('adding a contact with privileges, then editing it', async ({ page, request }) => {
  await page.goto('/login');
  await login(page);
  await expectDemoDashboard(page);
  await page.goto('/account/contacts');
  await expect(page.getByTestId('contacts')).toContainText('Trần Thị Bình');
  await page.getByRole('link', { name: 'Thêm người liên hệ' }).click();
  await expect(page).toHaveURL(/\/account\/contacts\/new$/);

  await page.locator('input[name=lastname]').fill('Phạm');
  await page.locator('input[name=firstname]').fill('Lan');
  await page.locator('input[name=email]').fill('lan.pham@example.vn');
  await page.locator('input[name=phonenumber]').fill('0977000111');
  await page.locator('input[name=password]').fill('Lan@2026pw');
  await page.locator('#f-state-filter').fill('da nang');
  await pick(page, 'city', 'Quận Sơn Trà');
  await pick(page, 'ward', 'Phường Phước Mỹ');
  await page.getByLabel('Gửi thông báo qua Telegram').check();
  await page.getByLabel('Xem và thanh toán hoá đơn').check();
  await page.getByLabel('Gửi yêu cầu hỗ trợ mới').check();
  await page.getByLabel('Toàn quyền với mọi dịch vụ').check();
  await mock.clearRequests(request);
  await page.getByRole('button', { name: 'Thêm người liên hệ' }).click();

  await expect(page).toHaveURL(/\/account\/contacts\/51\?added=1$/);
  await expect(page.getByText('Đã thêm người liên hệ.')).toBeVisible();
  const [added] = await mock.requests(request, { path: '/contact', method: 'POST' });
  expect(added.body).toMatchObject({
    firstname: 'Lan', email: 'lan.pham@example.vn', password: redacted('Lan@2026pw'), state: 'Thành phố Đà Nẵng',
    telegramnotifications: ['1'], zalonotifications: [],
    privileges: { billing: ['payinvoice'], support: ['newticket'], services: { full: 1 } },
  });

  // edit: per-service privileges instead of full control, another name
  await expect(page.locator('input[name=firstname]')).toHaveValue('Lan');
  await expect(page.getByLabel('Toàn quyền với mọi dịch vụ')).toBeChecked();
  await expect(page.locator('input[name=password]')).toHaveCount(0);
  await page.getByLabel('Toàn quyền với mọi dịch vụ').uncheck();
  await page.locator('#priv-services-1201-basic').check();
  await page.locator('#priv-services-1201-billing').check();
  await page.getByLabel('Xem và thanh toán hoá đơn').uncheck();
  await page.locator('input[name=lastname]').fill('Phạm Thị');
  await mock.clearRequests(request);
  await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await expect(page.getByText('Đã cập nhật người liên hệ.')).toBeVisible();
  const [edited] = await mock.requests(request, { path: '/contact/51', method: 'PUT' });
  expect(edited.body).toMatchObject({
    lastname: 'Phạm Thị',
    privileges: { support: ['newticket'], services: { '1201': ['basic', 'billing'] } },
  });
  expect(edited.body).not.toHaveProperty('password');

  // what the server kept is what the page shows after a reload
  await page.reload();
  await expect(page.locator('input[name=lastname]')).toHaveValue('Phạm Thị');
  await expect(page.locator('#priv-services-1201-billing')).toBeChecked();
  await expect(page.getByLabel('Toàn quyền với mọi dịch vụ')).not.toBeChecked();
  await page.goto('/account/contacts');
  await expect(page.getByTestId('contacts')).toContainText('Phạm Thị Lan');
});

test('acknowledging notifications lowers the badge; statuses are on the dashboard', async ({ page, request }) => {
  await page.goto('/login');
  await login(page);
  await expectDemoDashboard(page);
  await expect(page.getByTestId('statuses')).toContainText('Chậm phản hồi DNS khu vực miền Nam');
  const badge = page.getByTestId('bell-count');
  await expect(badge).toHaveText('3');
  await page.getByRole('link', { name: 'Thông báo, 3 chưa đọc' }).click();
  await expect(page).toHaveURL(/\/notifications$/);
  const list = page.getByTestId('notifications');
  await expect(list.locator('li')).toHaveCount(5);

  // opening an unread one acknowledges it
  await mock.clearRequests(request);
  await list.getByRole('button', { name: /Hoá đơn #2026011 chờ thanh toán/ }).click();
  await expect(list.getByText('Hoá đơn #2026011 trị giá 1.250.000 ₫')).toBeVisible();
  await expect(badge).toHaveText('2');
  expect(await mock.requests(request, { path: '/notifications/305/ack', method: 'PUT' })).toHaveLength(1);

  // or the explicit button
  await list.locator('li[data-id="304"]').getByRole('button', { name: 'Đánh dấu đã đọc' }).click();
  await expect(badge).toHaveText('1');

  // filter by kind
  await mock.clearRequests(request);
  await page.locator('select[name=rel_type]').selectOption('Invoice');
  await expect(list.locator('li')).toHaveCount(2);
  const [filtered] = await mock.requests(request, { path: '/notifications' });
  expect(Object.fromEntries(new URLSearchParams(filtered.query ?? ''))).toEqual({ rel_type: 'Invoice' });
});
