import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { test, expect, expectAccessible, login, mainNav, mock, expectDemoDashboard, SIGN_TOKENS, drawSignature, openDomain, expectFastFilter, redacted, redactedFile } from './helpers';

test.beforeEach(async ({ request }) => {
  await mock.reset(request);
});

async function loginDemo(page: Page) {
  await page.goto('/login');
  await login(page);
  await expectDemoDashboard(page);
}

test('the dashboard shows documents waiting for a signature', async ({ page }) => {
  await loginDemo(page);
  const card = page.getByTestId('dashboard-pending-docs');
  await expect(card).toContainText('Tài liệu đang chờ bạn ký');
  await expect(card.getByRole('link', { name: 'nguyenvanan.vn' })).toBeVisible();
  await expect(card.getByRole('link', { name: 'congtyan.biz.vn' })).toBeVisible();
  await card.getByRole('link', { name: 'nguyenvanan.vn' }).click();
  await expect(page).toHaveURL(/\/domains\/301\/documents$/);
});

test('filter the list and open a domain; expiring domains stand out', async ({ page, request }) => {
  await loginDemo(page);
  await (await mainNav(page)).getByRole('link', { name: 'Tên miền' }).click();
  await expect(page).toHaveURL(/\/domains$/);
  await expect(page.getByTestId('domain-row')).toHaveCount(12);
  // soonest expiry first, and the expiring ones are marked
  await expect(page.getByTestId('domain-row').first()).toContainText('thucphamsach.vn');
  await expect(page.locator('tr.row-soon')).toHaveCount(4);
  await expect(page.getByRole('status').filter({ hasText: '4 tên miền sẽ hết hạn' })).toBeVisible();

  await page.getByLabel('Tìm tên miền').fill('AN-STUDIO');
  await expect(page.getByTestId('domain-row')).toHaveCount(1);
  await expect(page.getByTestId('domain-count')).toHaveText('Hiển thị 1–1 trong 1 tên miền');
  await page.getByLabel('Tìm tên miền').fill('');
  await page.getByLabel('Trạng thái').selectOption('expired');
  await expect(page.getByTestId('domain-row')).toHaveCount(1);
  await expect(page.getByTestId('domain-row')).toContainText('an-nguyen.net');
  await page.getByLabel('Trạng thái').selectOption('all');

  // a full name can be looked up on the server (GET /domain/name/@name)
  await page.getByLabel('Tìm tên miền').fill('shop-an.com');
  await mock.clearRequests(request);
  await page.getByRole('button', { name: 'Tra cứu “shop-an.com” trên máy chủ' }).click();
  await expect(page.locator('.lookup-results')).toContainText('shop-an.com');
  expect(await mock.requests(request, { path: '/domain/name/shop-an.com' })).toHaveLength(1);

  await page.getByTestId('domain-row').getByRole('link', { name: 'shop-an.com' }).click();
  await expect(page).toHaveURL(/\/domains\/307$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('shop-an.com');
});

test('change nameservers (validated, confirmed) and auto-renew', async ({ page, request }) => {
  await loginDemo(page);
  await openDomain(page, '301', 'nguyenvanan.vn');
  const ns = page.getByTestId('nameservers');
  await expect(ns.getByLabel('Nameserver 1')).toHaveValue('ns1.bkns.vn');

  // one host only is refused, nothing is sent
  await mock.clearRequests(request);
  await ns.getByLabel('Nameserver 1').fill('ns1.example.net');
  await ns.getByLabel('Nameserver 2').fill('');
  await ns.getByRole('button', { name: 'Lưu nameserver' }).click();
  await expect(ns.getByRole('alert')).toContainText('Cần ít nhất 2 nameserver');
  await ns.getByLabel('Nameserver 2').fill('bad host');
  await ns.getByRole('button', { name: 'Lưu nameserver' }).click();
  await expect(ns.getByRole('alert').first()).toContainText('Tên máy chủ chưa đúng');
  await expect(ns.getByLabel('Nameserver 2')).toHaveAttribute('aria-invalid', 'true');

  await ns.getByLabel('Nameserver 2').fill('NS2.Example.net');
  await ns.getByRole('button', { name: 'Lưu nameserver' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Đổi nameserver?');
  await expect(dialog).toContainText('ns1.example.net, ns2.example.net');
  await dialog.getByRole('button', { name: 'Lưu nameserver' }).click();
  await expect(page.locator('.toast')).toContainText('Đã lưu thay đổi.');
  const puts = await mock.requests(request, { path: '/domain/301/ns', method: 'PUT' });
  expect(puts).toHaveLength(1);
  expect(puts[0].body).toEqual({ nameservers: ['ns1.example.net', 'ns2.example.net'] });

  // auto-renew: on without asking, off only after confirming
  const ar = page.getByTestId('autorenew');
  const sw = ar.getByRole('switch', { name: 'Tự động gia hạn tên miền này' });
  await expect(sw).not.toBeChecked();
  await sw.click({ force: true });
  await expect(sw).toBeChecked();
  let renewPuts = await mock.requests(request, { path: '/domain/301/autorenew', method: 'PUT' });
  expect(renewPuts.map((r) => r.body)).toEqual([{ switch: true }]);

  await sw.click({ force: true });
  await expect(dialog).toContainText('Tắt tự động gia hạn?');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(sw).toBeChecked();
  await expect(sw).toBeFocused();
  await sw.click({ force: true });
  await dialog.getByRole('button', { name: 'Tắt tự động gia hạn' }).click();
  await expect(sw).not.toBeChecked();
  renewPuts = await mock.requests(request, { path: '/domain/301/autorenew', method: 'PUT' });
  expect(renewPuts.map((r) => r.body)).toEqual([{ switch: true }, { switch: false }]);
});

test('reveal and copy the EPP code; renew with the TLD price', async ({ page, request, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await loginDemo(page);
  await openDomain(page, '302', 'banhmi-saigon.com');
  await expect(page.getByTestId('epp-code')).toHaveCount(0);
  await page.getByRole('button', { name: 'Hiện mã EPP' }).click();
  const code = page.getByTestId('epp-code');
  await expect(code).toHaveText(/^.{16}$/);
  const epp = await (await request.get('/api/domain/302/epp', { headers: { Authorization: `Basic ${Buffer.from('demo@bkns.vn:Demo@2026').toString('base64')}` } })).json();
  await expect(code).toHaveText(epp.epp);
  await page.getByRole('button', { name: 'Sao chép' }).click();
  await expect(page.locator('.toast')).toContainText('Đã sao chép mã EPP.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(epp.epp);

  const renew = page.getByTestId('renew');
  await renew.getByLabel('Thời hạn gia hạn').selectOption('2');
  await expect(renew).toContainText('Tổng tiền: 698.000 ₫');
  await renew.getByLabel('Phương thức thanh toán').selectOption('4');
  await renew.getByRole('button', { name: 'Tạo đơn gia hạn' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Gia hạn banhmi-saigon.com thêm 2 năm, tổng 698.000 ₫, thanh toán qua Ví MoMo.');
  await dialog.getByRole('button', { name: 'Gia hạn' }).click();
  await expect(renew.getByTestId('renew-result')).toContainText('tổng 698.000 ₫');
  const posts = await mock.requests(request, { path: '/domain/302/renew', method: 'POST' });
  expect(posts.map((p) => p.body)).toEqual([{ years: '2', pay_method: 4 }]);
  await expectAccessible(page);
});

test.describe('documents on a wide screen', () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test('view inline, download with a sensible name, upload a signed PDF', async ({ page, request }) => {
    await loginDemo(page);
    await mock.clearRequests(request);
    await openDomain(page, '301', 'nguyenvanan.vn');
    await expect(page.getByTestId('pending-docs')).toContainText('1 tài liệu đang chờ bạn ký');
    await page.getByTestId('pending-docs').getByRole('link', { name: 'Ký ngay' }).click();
    await expect(page).toHaveURL(/\/domains\/301\/documents$/);

    const doc = page.getByTestId('document').first();
    await expect(doc).toContainText('Bản khai đăng ký tên miền');
    await expect(doc).toContainText('Chờ ký');
    await doc.getByRole('button', { name: 'Xem' }).click();
    // a PDF is never framed: a link opens the browser's own viewer in a new
    // tab, typed by the page from the file's bytes
    const open = page.getByTestId('file-open');
    await expect(open).toHaveAttribute('href', /^blob:/);
    await expect(open).toHaveAttribute('target', '_blank');
    await expect(page.locator('iframe')).toHaveCount(0);
    expect(await mock.requests(request, { path: '/domain/301/documents/9001/View' })).toHaveLength(1);
    const [viewer] = await Promise.all([page.context().waitForEvent('page'), open.click()]);
    await viewer.waitForLoadState();
    expect(await viewer.evaluate(() => document.contentType)).toBe('application/pdf');
    await viewer.close();

    const [download] = await Promise.all([page.waitForEvent('download'), doc.getByRole('button', { name: 'Tải về' }).click()]);
    expect(download.suggestedFilename()).toBe('nguyenvanan.vn-Bản-khai-đăng-ký-tên-miền.pdf');
    expect(readFileSync(await download.path()).subarray(0, 5).toString()).toBe('%PDF-');

    // upload a signed scan with the picker
    const pdf = Buffer.from('%PDF-1.4\n% signed scan\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
    await mock.clearRequests(request);
    await page.locator('input[type=file][name=content]').setInputFiles({ name: 'ban-khai-da-ky.pdf', mimeType: 'application/pdf', buffer: pdf });
    await expect(page.getByTestId('upload-result')).toContainText('Đã gửi ban-khai-da-ky.pdf');
    await expect(page.locator('.toast')).toContainText('Đã nhận bản đã ký của bạn.');
    const up = await mock.requests(request, { path: '/domain/301/documents/9001/upload' });
    expect(up).toHaveLength(1);
    const body = up[0].body as { filename: string; content: string };
    expect(Object.keys(body).sort()).toEqual(['content', 'filename']);
    expect(body.filename).toBe('ban-khai-da-ky.pdf');
    // the log shows a stand-in of the file (type, size, hash of the base64 sent)
    expect(body.content).toBe(redactedFile(pdf.toString('base64')));
    await expect(doc).toContainText('Đã tải lên, chờ duyệt');
    await expectAccessible(page);
  });

  test('a scan dropped on the box; a wrong file is refused with a clear message', async ({ page, request }) => {
    await loginDemo(page);
    await page.goto('/domains/304/documents');
    await expect(page.getByTestId('document')).toHaveCount(2);
    // a text file is refused before anything is sent
    await mock.clearRequests(request);
    await page.locator('input[type=file][name=content]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await expect(page.getByTestId('upload-result')).toContainText('Chỉ nhận tệp PDF, PNG hoặc JPG.');
    expect(await mock.requests(request, { method: 'POST' })).toHaveLength(0);

    // drag and drop a PNG
    // a 1x1 PNG
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    const dt = await page.evaluateHandle((b64: string) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const d = new DataTransfer();
      d.items.add(new File([bytes], 'scan.png', { type: 'image/png' }));
      return d;
    }, png.toString('base64'));
    await page.locator('.file-drop').dispatchEvent('dragover', { dataTransfer: dt });
    await page.locator('.file-drop').dispatchEvent('drop', { dataTransfer: dt });
    await expect(page.getByTestId('upload-result')).toContainText('Đã gửi scan.png');
    const up = await mock.requests(request, { path: '/domain/304/documents/9003/upload' });
    expect(up).toHaveLength(1);
  });
});

test.describe('signing by e-mailed link', () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test('sign with mouse strokes, then download the signed document', async ({ page, request }) => {
    await page.goto(`/sign/${SIGN_TOKENS.valid}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ký hồ sơ tên miền');
    await expect(page.getByTestId('file-open')).toHaveAttribute('href', /^blob:/);
    // an empty pad is refused
    await page.getByLabel('Tôi đã đọc, đồng ý với nội dung tài liệu và đồng ý ký điện tử.').check();
    await page.getByRole('button', { name: 'Ký và gửi' }).click();
    await expect(page.getByTestId('pad-error')).toHaveText('Bạn chưa ký. Hãy vẽ chữ ký vào khung.');
    expect(await mock.requests(request, { path: '/domain/documents/signed' })).toHaveLength(0);

    await drawSignature(page);
    await page.getByRole('button', { name: 'Hoàn tác nét cuối' }).click();
    await drawSignature(page);
    await page.getByRole('button', { name: 'Ký và gửi' }).click();
    await expect(page.getByTestId('signed')).toContainText('Đã ký thành công');
    const posts = await mock.requests(request, { path: '/domain/documents/signed' });
    expect(posts).toHaveLength(1);
    const body = posts[0].body as { token: string; image: string };
    expect(body.token).toBe(redacted(SIGN_TOKENS.valid));
    // a PNG sent as a data: URL (the log keeps its type, size and hash)
    expect(body.image).toMatch(/^\[data:image\/png [\d,]+ bytes sha256:[0-9a-f]{16}\]$/);
    expect(posts[0].auth).toBe(false);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải bản đã ký' }).click()]);
    expect(download.suggestedFilename()).toBe('nguyenvanan.vn-ban-khai-signed.pdf');
    const pdf = readFileSync(await download.path()).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf).toContain('/ImageMask true');

    // the link is used now
    await page.reload();
    await expect(page.getByTestId('bad-link')).toContainText('Tài liệu đã được ký');
    await expectAccessible(page);
  });

  test('unknown, expired and used links get a clear page', async ({ page }) => {
    await page.goto('/sign/this-token-does-not-exist');
    await expect(page.getByTestId('bad-link')).toContainText('Liên kết ký không hợp lệ');
    await expect(page.getByRole('button', { name: 'Ký và gửi' })).toHaveCount(0);

    await page.goto(`/sign/${SIGN_TOKENS.expired}`);
    await expect(page.getByTestId('bad-link')).toContainText('Liên kết ký đã hết hạn');

    await page.goto(`/sign/${SIGN_TOKENS.used}`);
    await expect(page.getByTestId('bad-link')).toContainText('Tài liệu đã được ký');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải bản đã ký' }).click()]);
    expect(download.suggestedFilename()).toBe('congtyan.biz.vn-cam-ket-signed.pdf');

    // in English too
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.goto('/sign/nope');
    await expect(page.getByTestId('bad-link')).toContainText('This signing link is not valid');
    await expectAccessible(page);
  });
});

test('the list stays fast with 2,000 domains (measured in the browser)', async ({ page }) => {
  await page.goto('/login');
  await login(page, { email: 'bulk@bkns.vn', password: 'Bulk@2026' });
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto('/domains');
  await expect(page.getByTestId('domain-count')).toHaveText('Hiển thị 1–50 trong 2000 tên miền');
  await expectFastFilter(page, '2,000 domains', ['c', 'ca', 'caf', 'cafe', 'cafeh', 'cafeha', 'cafehanoi', 'cafehanoi-', 'cafehanoi-1', '']);
  await expect(page.getByTestId('domain-count')).toHaveText('Hiển thị 1–50 trong 2000 tên miền');
});

test('a Vietnamese domain links to its holder check (eKYC); a .com does not', async ({ page }) => {
  await page.goto('/login');
  await login(page);
  await expectDemoDashboard(page);
  await openDomain(page, '303', 'an-studio.id.vn');
  const link = page.getByRole('link', { name: 'Xác thực cho tên miền này' });
  await expect(link).toHaveAttribute('href', '/ekyc?domain=303&name=an-studio.id.vn');
  await link.click();
  await expect(page).toHaveURL(/\/ekyc\?domain=303/);
  await expect(page.getByText('an-studio.id.vn')).toBeVisible();
  await openDomain(page, '302', 'banhmi-saigon.com');
  await expect(page.getByRole('heading', { name: 'Hồ sơ tên miền' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Xác thực cho tên miền này' })).toHaveCount(0);
});

test('a domain page reads the account currency once', async ({ page, request }) => {
  await page.goto('/login');
  await login(page);
  await expectDemoDashboard(page);
  await mock.clearRequests(request);
  await openDomain(page, '302', 'banhmi-saigon.com');
  await expect(page.getByTestId('renew')).toContainText('Tổng tiền');
  expect(await mock.requests(request, { path: '/balance' })).toHaveLength(1);
});
