// Issue 17, point 8: leaving a page while its request is under way never
// breaks the app (the `test` fixture fails on any page error or panic).
import type { Page } from '@playwright/test';
import { test, expect, mock, loginTo, seedCart, storedCart, mainNav, jpeg, upload } from './helpers';

test.use({ viewport: { width: 1280, height: 900 } });

test.beforeEach(async ({ request }) => {
  await mock.reset(request);
});

/** Holds every request to `pattern` back `ms` before it goes on. */
async function slow(page: Page, pattern: string | RegExp, ms: number) {
  await page.route(pattern, async (route) => {
    await new Promise((r) => setTimeout(r, ms));
    await route.continue().catch(() => {}); // the page may have cancelled it
  });
}

async function leaveAndSettle(page: Page) {
  await (await mainNav(page)).getByRole('link', { name: 'Tổng quan' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.waitForTimeout(3_000); // the held answers arrive on a page that is gone
  await expect(page.getByTestId('balance')).toBeVisible();
}

test('leaving the documents page while a document loads', async ({ page }) => {
  await loginTo(page, '/domains/301/documents');
  const doc = page.getByTestId('document').first();
  await expect(doc).toContainText('Bản khai đăng ký tên miền');
  await slow(page, /\/api\/domain\/301\/documents\/9001\//, 2_000);
  // viewing reads the page's state when the file arrives
  await doc.getByRole('button', { name: 'Xem' }).click();
  await leaveAndSettle(page);
});

test('leaving eKYC mid-upload', async ({ page }) => {
  await loginTo(page, '/ekyc');
  await slow(page, '**/api/ekyc/**', 2_000);
  await upload(page, 'image', await jpeg(page, 1280, 800, 7), 'cccd.jpg');
  await expect(page.getByTestId('upload-progress')).toBeVisible();
  await leaveAndSettle(page);
});

test('leaving the checkout mid-order: the order still lands once', async ({ page, request }) => {
  await seedCart(page, [{ title: 'Cloud Hosting Cơ bản', item: { type: 'product', product_id: 101, cycle: 'm', domain: 'roi-trang.com' } }]);
  await loginTo(page, '/checkout');
  await expect(page.getByTestId('quote-totals')).toContainText('64.900 ₫');
  await slow(page, '**/api/order', 2_000);
  await mock.clearRequests(request);
  await page.getByRole('button', { name: 'Đặt hàng' }).click();
  await expect(page.getByRole('button', { name: 'Đang đặt hàng…' })).toBeVisible();
  await leaveAndSettle(page);
  expect(await mock.requests(request, { path: '/order', method: 'POST' })).toHaveLength(1);
  // the order's answer still emptied the cart
  expect((await storedCart(page)).lines).toHaveLength(0);
});
